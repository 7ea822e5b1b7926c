-- BM-07 (β′, recommended), DLP part: operations on data are monitored and restricted
-- on the business terminals of the internet segment to prevent leaks.
policy {
  id = "BM-07-dlp",
  requirements = { "BM-07" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 β'モデル 情報漏えい対策「Data Loss Prevention」",
  title = {
    ja = "業務端末のDLP（情報流出防止）",
    en = "DLP on business terminals",
  },
  remediation = {
    ja = "組織が定義したポリシーに従ってデータへの操作を監視・制限し情報の流出を防止するDLPを、インターネット接続系の業務端末に導入することをお勧めします。",
    en = "Deploying DLP (monitoring and restricting operations on data according to the organisation's policy) on the business terminals of the internet segment is recommended (controls.dlp).",
  },
  countermeasures = { "dlp" },
  check = function(decl, result, params)
    local terminals = kyojin.beta_terminals(decl, "internet")
    if #terminals == 0 then
      result:fail("/assets", {
        ja = "インターネット接続系の業務端末の申告がありません（不明、β′モデル）。業務端末を申告してください。",
        en = "No business terminal of the internet segment is declared (β′). Declare the business terminals.",
      })
      return
    end
    for _, a in ipairs(terminals) do
      local name = kyojin.caption_of_asset(a)
      if a.controls ~= nil and a.controls.dlp == true then
        result:pass(a, {
          ja = "業務端末" .. name.ja .. "にDLPがあります。",
          en = "Business terminal " .. name.en .. " has DLP.",
        })
      else
        result:fail(a, {
          ja = "業務端末" .. name.ja .. "にDLPがありません。データ操作を監視・制限するDLPの導入をお勧めします。",
          en = "Business terminal " .. name.en .. " has no DLP (controls.dlp). Deploying DLP to monitor and restrict operations on data is recommended.",
        })
      end
    end
  end,
}
