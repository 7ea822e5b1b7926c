-- ST-12: an internet-segment terminal reaching the lgwan or the My Number segment through
-- DaaS, on-premises screen transfer or a secure browser is treated as β, so the β measures
-- apply (S000 個別の観点, 通信経路(3)(4)(6)(8): 「βモデルとみなせる」; kyojin.st_models_of).
-- This policy reports, per such connection, which core β obligations are unmet. It
-- re-states BM-01, BM-02, BM-03 and BM-08, which apply to the same bodies
-- (kyojin.beta_measures_apply), and judges them with their own checks and parameters
-- (kyojin.bm_*_check, params["BM-01"] …), so its verdict cannot differ from theirs.
local BM = {
  { "BM-01", "未知の不正プログラム対策（EDR）", "unknown-malware countermeasure (EDR)", "bm_edr_check" },
  { "BM-02", "EDRの監視体制とCSIRTとの連携", "EDR monitoring and CSIRT link", "bm_edr_backing_check" },
  { "BM-03", "業務システムのログ管理", "business-system log management", "bm_logs_check" },
  { "BM-08", "画面転送のみの利用と取り込むファイルの無害化", "screen transfer only and harmlessization", "bm_screen_transfer_only_check" },
}

local restated = {}
for i, b in ipairs(BM) do restated[i] = b[1] end

policy {
  id = "ST-12",
  requirements = { "ST-12" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  restates = restated,
  source = "S000 個別の観点（インターネット接続系の端末からLGWAN接続系の業務サーバに画面転送…βモデルとみなせる）",
  title = {
    ja = "インターネット接続系端末からの画面転送はβモデルの対策",
    en = "Screen transfer from internet terminals brings in the beta measures",
  },
  remediation = {
    ja = "インターネット接続系の端末から画面転送でLGWAN接続系やマイナンバー利用事務系を利用する構成はβモデルです。EDR（振る舞い検知、マネージドサービスによる監視、検知したときの隔離、原因の調査、CSIRTとの連携）、業務システムのログ管理、画面転送以外の通信の遮断、LGWAN接続系へ取り込むファイルの無害化を実施してください。",
    en = "Reaching lgwan or the My Number segment by screen transfer from internet-segment terminals is the beta model: deploy EDR (behaviour detection, managed monitoring, isolation on detection, investigation, CSIRT link), business-system log management, blocking of all but screen-transfer traffic and harmlessization of files entering lgwan.",
  },
  check = function(decl, result, params)
    local conns = kyojin.st_obliging(decl, "beta")
    if #conns == 0 then
      result:not_applicable({
        ja = "インターネット接続系の端末からの画面転送は申告されていません。",
        en = "no screen transfer from an internet-segment terminal is declared",
      })
      return
    end
    local unmet_ja, unmet_en = {}, {}
    for _, b in ipairs(BM) do
      local run = kyojin[b[4]]
      if #kyojin.bm_unmet(function(r) run(decl, r, params[b[1]]) end) > 0 then
        unmet_ja[#unmet_ja + 1] = b[2] .. "（" .. b[1] .. "）"; unmet_en[#unmet_en + 1] = b[1] .. " " .. b[3]
      end
    end
    for _, cr in ipairs(conns) do
      local c, r = cr[1], cr[2]
      local id = kyojin.st_name(c)
      local rj, re = kyojin.st_route_words(r)
      if #unmet_ja > 0 then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」" .. rj .. "はインターネット接続系の端末からの画面転送のため、βモデルの対策が必要ですが、次が満たされていません：" .. table.concat(unmet_ja, "、") .. "。各要件の指摘を確認してください。",
          en = "screen transfer '" .. id .. "'" .. re .. " starts from an internet-segment terminal, so the beta measures apply, but these are unmet: " .. table.concat(unmet_en, "; ") .. ". See those policies' findings.",
        })
      else
        result:pass(c)
      end
    end
  end,
}
