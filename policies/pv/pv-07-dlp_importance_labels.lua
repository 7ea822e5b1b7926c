-- PV-07 (telework / remote access), DLP part (recommended): a DLP tool with labels of
-- the assets' importance prevents unintended leaks of remotely reachable data.
policy {
  id = "PV-07-dlp",
  requirements = { "PV-07" },
  level = "recommended",
  applies = function(decl)
    if kyojin.remote_work_used(decl, "remote_access") or kyojin.remote_work_used(decl, "telework") then
      return true
    end
    return false, {
      ja = "リモートアクセスもテレワークも利用していない（remote_access.used、telework.used が true でない）",
      en = "neither remote access nor telework is used (remote_access.used and telework.used are not true)",
    }
  end,
  source = "S003 各対策の詳細（被害拡大防止）「DLPツールの導入（資産の重要度のラベリング）」",
  title = {
    ja = "リモートから到達できる情報の DLP（重要度ラベリング）",
    en = "DLP with importance labels for remotely reachable data",
  },
  remediation = {
    ja = "情報の意図しない外部漏えいを防ぐため、資産の重要度をラベリングした DLP ツールを導入することを推奨する（remote_access.dlp_labels）。",
    en = "To prevent unintended leaks, deploying a DLP tool with labels of the assets' importance is recommended (remote_access.dlp_labels).",
  },
  countermeasures = { { id = "dlp", kinds = { "terminal", "server", "database", "storage" } } },
  check = function(decl, result, params)
    kyojin.remote_work_measures(result, decl, "remote_access", {
      { "dlp_labels", "資産の重要度をラベリングした DLP", "DLP with importance labels",
        "重要度ラベリング付きの DLP ツールの導入を推奨する。", "Deploying a DLP tool with importance labels is recommended." },
    })
  end,
}
