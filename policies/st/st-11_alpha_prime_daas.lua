-- ST-11: a DaaS reached from the lgwan segment by local breakout (or any connection with
-- an lgwan-to-internet breakout line) makes the configuration α′, so the AP requirements
-- apply whatever model the body declares (S000 個別の観点).  This policy reports, per such
-- connection, which α′ obligations are unmet; the AP policies themselves also apply to
-- the body through kyojin.st_applies.
local AP_LABEL = {
  ["AP-01"] = { "LGWAN接続系端末のマルウェア対策（振る舞い検知）", "anti-malware on lgwan terminals" },
  ["AP-02"] = { "ネットワーク機器を含むパッチ適用", "patching including network devices" },
  ["AP-03"] = { "委託した設定の契約による担保", "contractual guarantee of entrusted settings" },
  ["AP-04"] = { "クラウド設定の定期及び変更時の確認", "periodic and on-change cloud settings checks" },
  ["AP-05"] = { "資格を明記した監査人による外部監査", "external audits by qualified auditors" },
}

policy {
  id = "ST-11",
  requirements = { "ST-11" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 個別の観点（LGWAN接続系からローカルブレイクアウトによりクラウドのDaaSを利用する場合は、α'モデル）",
  title = {
    ja = "LGWAN接続系からのローカルブレイクアウトDaaSはα′モデルの対策",
    en = "Local-breakout DaaS from lgwan brings in the alpha_prime measures",
  },
  remediation = {
    ja = "LGWAN接続系からローカルブレイクアウトでDaaSを利用する構成はα′モデルです。AP-01～AP-05（振る舞い検知を含むマルウェア対策、ネットワーク機器を含むパッチ適用、設定の契約担保、クラウド設定の定期・変更時確認、外部監査）を実施してください。",
    en = "Using DaaS from lgwan by local breakout is the alpha_prime model: carry out AP-01…AP-05 (anti-malware with behaviour detection, patching including network devices, settings guaranteed by contract, periodic and on-change cloud settings checks, external audits).",
  },
  params = {
    antimalware_requires = kyojin.ap_antimalware_param({
      ja = "α′のマルウェア対策の判定（AP-01と同じ値にする）: both / behaviour / either",
      en = "anti-malware rule for alpha_prime (keep equal to AP-01's): both / behaviour / either",
    }),
  },
  check = function(decl, result, params)
    local conns = kyojin.st_obliging(decl, "alpha_prime")
    if #conns == 0 then
      result:not_applicable({
        ja = "LGWAN接続系からのローカルブレイクアウト（DaaS利用・ブレイクアウト回線）を伴う画面転送が申告されていません。",
        en = "no screen transfer with local breakout from lgwan (DaaS or breakout line) is declared",
      })
      return
    end
    local unmet = {}
    local function collect(rid, findings)
      for _, f in ipairs(findings) do
        if not f.ok then unmet[#unmet + 1] = rid; return end
      end
    end
    collect("AP-01", kyojin.ap_antimalware(decl, params.antimalware_requires))
    collect("AP-02", kyojin.ap_patching(decl))
    collect("AP-03", kyojin.ap_settings_guaranteed(decl, false))
    collect("AP-04", kyojin.ap_cloud_settings_check(decl, false))
    collect("AP-05", kyojin.ap_external_audits(decl))
    for _, cr in ipairs(conns) do
      local c, r = cr[1], cr[2]
      local id = kyojin.st_name(c)
      if #unmet > 0 then
        local lj, le = {}, {}
        for _, rid in ipairs(unmet) do
          lj[#lj + 1] = rid .. " " .. AP_LABEL[rid][1]; le[#le + 1] = rid .. " " .. AP_LABEL[rid][2]
        end
        result:fail(c, {
          ja = "画面転送「" .. id .. "」（通信経路" .. r.class:gsub("'", "′") .. "）はLGWAN接続系からのローカルブレイクアウトを伴うためα′モデルの対策が必要ですが、次が未達です: " .. table.concat(lj, "、") .. "。各ポリシーの指摘を確認してください。",
          en = "screen transfer '" .. id .. "' (route " .. r.class .. ") involves local breakout from lgwan, so the alpha_prime measures apply, but these are unmet: " .. table.concat(le, "; ") .. ". See those policies' findings.",
        })
      else
        result:pass(c)
      end
    end
  end,
}
