-- ST-11: a DaaS used from the lgwan segment (routes (1) (2): 「LGWAN接続系からローカルブレイク
-- アウトでDaaSを利用することから、a'モデルである」, whatever local_breakout says), any other
-- lgwan connection with local breakout and any connection with an lgwan-to-internet
-- breakout line make the configuration α′, so the AP requirements apply whatever model the
-- body declares (S000 個別の観点; kyojin.st_models_of).  This policy reports, per such
-- connection, which α′ obligations are unmet; the AP policies themselves also apply to the
-- body through kyojin.st_applies.  It re-states AP-01…AP-05 and evaluates them with their
-- own parameters (params["AP-01"] …), so its verdict cannot differ from theirs.
local AP = {
  { "AP-01", "LGWAN接続系端末のマルウェア対策（振る舞い検知）", "anti-malware on lgwan terminals",
    function(decl, p) return kyojin.ap_antimalware(decl, p.antimalware_requires) end },
  { "AP-02", "ネットワーク機器を含むパッチ適用", "patching including network devices",
    function(decl) return kyojin.ap_patching(decl) end },
  { "AP-03", "委託した設定の契約による担保", "contractual guarantee of entrusted settings",
    function(decl, p) return kyojin.ap_settings_guaranteed(decl, p.require_evidence) end },
  { "AP-04", "クラウド設定の定期及び変更時の確認", "periodic and on-change cloud settings checks",
    function(decl, p) return kyojin.ap_cloud_settings_check(decl, p.require_evidence) end },
  { "AP-05", "資格を明記した監査人による外部監査", "external audits by qualified auditors",
    function(decl, p) return kyojin.ap_external_audits(decl, p.require_evidence) end },
}

local restated = {}
for i, a in ipairs(AP) do restated[i] = a[1] end

policy {
  id = "ST-11",
  requirements = { "ST-11" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  restates = restated,
  source = "S000 個別の観点（LGWAN接続系からローカルブレイクアウトによりクラウドのDaaSを利用する場合は、α'モデル）; 通信経路(1)(2)（a'モデルである）",
  title = {
    ja = "LGWAN接続系からのDaaS利用はα′モデルの対策",
    en = "DaaS used from lgwan brings in the alpha_prime measures",
  },
  remediation = {
    ja = "LGWAN接続系からDaaSを利用する構成（ローカルブレイクアウト）はα′モデルです。AP-01～AP-05（振る舞い検知を含むマルウェア対策、ネットワーク機器を含むパッチ適用、委託した設定の契約による担保、クラウド設定の定期と変更時の確認、資格を明記した監査人による外部監査）を実施してください。",
    en = "Using DaaS from lgwan (local breakout) is the alpha_prime model: carry out AP-01…AP-05 (anti-malware with behaviour detection, patching including network devices, settings guaranteed by contract, periodic and on-change cloud settings checks, external audits by qualified auditors).",
  },
  check = function(decl, result, params)
    local conns = kyojin.st_obliging(decl, "alpha_prime")
    if #conns == 0 then
      result:not_applicable({
        ja = "LGWAN接続系からのDaaS利用、ローカルブレイクアウト、ブレイクアウト回線を伴う画面転送は申告されていません。",
        en = "no screen transfer that uses DaaS from lgwan, local breakout or a breakout line is declared",
      })
      return
    end
    local unmet_ja, unmet_en = {}, {}
    for _, a in ipairs(AP) do
      for _, f in ipairs(a[4](decl, params[a[1]])) do
        if not f.ok then
          unmet_ja[#unmet_ja + 1] = a[2] .. "（" .. a[1] .. "）"; unmet_en[#unmet_en + 1] = a[1] .. " " .. a[3]
          break
        end
      end
    end
    for _, cr in ipairs(conns) do
      local c, r = cr[1], cr[2]
      local id = kyojin.st_name(c)
      local rj, re = kyojin.st_route_words(r)
      if #unmet_ja > 0 then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」" .. rj .. "はα′モデルの構成のため、α′モデルの対策が必要ですが、次が満たされていません：" .. table.concat(unmet_ja, "、") .. "。各要件の指摘を確認してください。",
          en = "screen transfer '" .. id .. "'" .. re .. " makes the configuration alpha_prime, so the alpha_prime measures apply, but these are unmet: " .. table.concat(unmet_en, "; ") .. ". See those policies' findings.",
        })
      else
        result:pass(c)
      end
    end
  end,
}
