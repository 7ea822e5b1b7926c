-- PV-07 (telework / remote access): data reachable remotely sits in systems that
-- authenticate each access, privileges are minimal, and abnormal access is detected
-- by EDR or NDR. The DLP-with-labels part (recommended) is PV-07-dlp.
policy {
  id = "PV-07",
  requirements = { "PV-07" },
  level = "required",
  applies = kyojin.remote_data_applies,
  source = "S003 各対策の詳細（被害拡大防止）「アクセス時に認証が可能なシステムに情報を格納」「アクセス権限を付与する範囲の最小化」「EDR、NDR等による不正なアクセス動作の検知」",
  title = {
    ja = "リモートから到達できる情報の保護（認証・最小権限・不正アクセス検知）",
    en = "Protection of remotely reachable data (authentication, least privilege, abnormal-access detection)",
  },
  remediation = {
    ja = "リモートから到達できる情報はアクセスのたびに認証するシステムに格納し、アクセス権限を付与する範囲を最小化し、EDR・NDR等で不正なアクセス動作を検知します。",
    en = "Keep remotely reachable data in systems that authenticate every access, minimise the scope of granted privileges, and detect abnormal access with EDR, NDR or the like.",
  },
  params = kyojin.remote_data_params(),
  countermeasures = {
    { id = "operator_auth", kinds = { "server", "database", "storage", "vpn", "auth_gateway" } },
    { id = "privilege_mgmt", kinds = { "server", "database", "storage" } },
    { id = "anomaly_monitoring", kinds = { "server", "database", "storage", "vpn", "auth_gateway" } },
  },
  check = function(decl, result, params)
    kyojin.remote_data_check(result, decl, params, {
      ja = "テレワークを実施していますが、リモートから到達できる情報の保護策の申告がありません（不明）。テレワークで扱う情報の保護策（アクセス時の認証・最小権限・不正アクセスの検知）をリモートアクセスの項目に申告してください。",
      en = "Telework is used, but the protection of remotely reachable data is not declared (remote_access.used is not true). Declare the measures (authentication of each access, minimal privileges, abnormal-access detection) under remote_access.",
    }, {
      { "per_access_auth", "アクセス時に認証するシステムへの情報の格納", "data kept in systems that authenticate each access",
        "情報をアクセスごとに認証するシステムに格納してください。", "Keep the data in systems that authenticate every access." },
      { "minimal_privileges", "アクセス権限の付与範囲の最小化", "minimal privileges",
        "アクセス権限を付与する範囲を最小化してください。", "Minimise the scope of granted privileges." },
      { "abnormal_access_detection", "EDR・NDR等による不正なアクセス動作の検知", "abnormal-access detection by EDR / NDR",
        "EDR・NDR等で不正なアクセス動作を検知してください。", "Detect abnormal access with EDR, NDR or the like." },
    })
  end,
}
