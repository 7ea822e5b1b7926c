-- BM-08 (β): lgwan business systems are used from the internet segment only through
-- screen transfer, and files taken into lgwan pass harmlessization (details: AL-01).
-- Also applies where an internet-segment terminal reaches the lgwan or the My Number
-- segment by screen transfer (S000: such a configuration is treated as β; ST-12).
policy {
  id = "BM-08",
  requirements = { "BM-08" },
  level = "required",
  applies = function(decl)
    if decl.model == "beta" then return true end
    local c = kyojin.beta_screen_transfer(decl)
    if c ~= nil then return true end
    return false, {
      ja = "モデルが" .. kyojin.st_model_ja(decl.model) .. "で、インターネット接続系の端末からの画面転送（βモデルとみなす構成）も申告されていないため対象外です。",
      en = "model is " .. tostring(decl.model) .. " and no screen transfer from an internet-segment terminal is declared",
    }
  end,
  source = "S002 モデル比較表 βモデル「LGWAN接続系の画面転送」「無害化処理」; S000 個別の観点「βモデルとみなせる」",
  title = {
    ja = "LGWAN接続系業務システムは画面転送でのみ利用し、取込ファイルは無害化する",
    en = "lgwan business systems used only through screen transfer; imported files harmlessized",
  },
  remediation = {
    ja = "インターネット接続系とLGWAN接続系の間は画面転送の通信のみを許可し、LGWAN接続系に取り込むファイルはテキスト抽出・画像PDF化・サニタイズ等の無害化を経由させます。",
    en = "Permit only screen-transfer traffic between the internet and lgwan segments (segment_boundary.internet_lgwan_screen_transfer_only) and pass files taken into lgwan through harmlessization such as text extraction, image PDF or sanitization (harmlessization.methods).",
  },
  countermeasures = { "screen_transfer_isolation", "harmlessization" },
  check = function(decl, result, params) kyojin.bm_screen_transfer_only_check(decl, result, params) end,
}
