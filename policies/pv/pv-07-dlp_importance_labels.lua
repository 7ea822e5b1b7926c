-- PV-07 (telework / remote access), DLP part (recommended): a DLP tool with labels of
-- the assets' importance prevents unintended leaks of remotely reachable data.
policy {
  id = "PV-07-dlp",
  requirements = { "PV-07" },
  level = "recommended",
  applies = kyojin.remote_data_applies,
  source = "S003 各対策の詳細（被害拡大防止）「DLPツールの導入（資産の重要度のラベリング）」",
  title = {
    ja = "リモートから到達できる情報のDLP（重要度ラベリング）",
    en = "DLP with importance labels for remotely reachable data",
  },
  remediation = {
    ja = "情報の意図しない外部漏えいを防ぐため、資産の重要度をラベリングしたDLPツールを導入することをお勧めします。",
    en = "To prevent unintended leaks, deploying a DLP tool with labels of the assets' importance is recommended (remote_access.dlp_labels).",
  },
  -- when telework alone brings the requirement in is one parameter, PV-07's
  restates = { "PV-07" },
  countermeasures = { { id = "dlp", kinds = { "terminal", "server", "database", "storage" } } },
  check = function(decl, result, params)
    kyojin.remote_data_check(result, decl, params["PV-07"], {
      ja = "テレワークを実施していますが、リモートから到達できる情報の保護策の申告がありません（不明）。テレワークで扱う情報の保護策（重要度ラベリング付きDLP）をリモートアクセスの項目に申告することをお勧めします。",
      en = "Telework is used, but the protection of remotely reachable data is not declared (remote_access.used is not true). Declaring the measures (DLP with importance labels) under remote_access is recommended.",
    }, {
      { "dlp_labels", "資産の重要度をラベリングしたDLP", "DLP with importance labels",
        "重要度ラベリング付きのDLPツールの導入をお勧めします。", "Deploying a DLP tool with importance labels is recommended." },
    })
  end,
}
