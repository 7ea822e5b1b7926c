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
      ja = "リモートアクセスもテレワークも利用していないため対象外（remote_access.used、telework.used が true でない）",
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
  params = {
    telework_without_remote_access = {
      default = true,
      type = "boolean",
      description = {
        ja = "リモートアクセスを利用せずテレワークだけを行う場合にも適用するか（カタログは「テレワーク／リモートアクセス」とするが、対策の申告項目は remote_access にしかない）。false にすると remote_access.used が true のときだけ適用する。",
        en = "Whether the requirement also applies when telework is used without remote access (the catalog says telework / remote access, but the measures are declared under remote_access only). false applies it only when remote_access.used is true.",
      },
    },
  },
  countermeasures = { { id = "dlp", kinds = { "terminal", "server", "database", "storage" } } },
  check = function(decl, result, params)
    if not kyojin.remote_work_used(decl, "remote_access") then
      if not params.telework_without_remote_access then
        result:not_applicable({
          ja = "リモートアクセスを利用していない（テレワークのみ、telework_without_remote_access = false）ため対象外",
          en = "remote access is not used (telework only, telework_without_remote_access = false)",
        })
        return
      end
      result:fail("/remote_access", {
        ja = "テレワークを実施しているが、リモートから到達できる情報の保護策が申告されていない（remote_access.used が true でない）。テレワークで扱う情報の保護策（重要度ラベリング付き DLP）を remote_access に申告することを推奨する。",
        en = "Telework is used, but the protection of remotely reachable data is not declared (remote_access.used is not true). Declaring the measures (DLP with importance labels) under remote_access is recommended.",
      })
      return
    end
    kyojin.remote_work_measures(result, decl, "remote_access", {
      { "dlp_labels", "資産の重要度をラベリングした DLP", "DLP with importance labels",
        "重要度ラベリング付きの DLP ツールの導入を推奨する。", "Deploying a DLP tool with importance labels is recommended." },
    })
  end,
}
