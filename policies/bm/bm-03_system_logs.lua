-- BM-03 (β, β′): business-system log management — logs of the business systems in
-- the lgwan and internet segments are collected, analysed and retained.
policy {
  id = "BM-03",
  requirements = { "BM-03" },
  level = "required",
  applies = function(decl) return kyojin.beta_measures_apply(decl) end,
  source = "S002 β'モデル必須対策「業務システムログ管理」（ログの収集、分析、保管）",
  title = {
    ja = "業務システムのログ管理（収集・分析・保管）",
    en = "Business-system log management (collect, analyse, retain)",
  },
  remediation = {
    ja = "インシデントの兆候検知と発生後の調査のため、LGWAN接続系・インターネット接続系の業務システム（サーバ、データベース）のログを収集し、分析し、定めた期間以上保管します。",
    en = "For detecting signs of incidents and investigating them, collect, analyse and retain (at least for the set period) the logs of the business systems (servers, databases) in the lgwan and internet segments.",
  },
  params = {
    min_retention_days = {
      default = 1,
      type = "number",
      description = {
        ja = "ログ保管期間の下限（日）。S002は「保管」とのみ記し期間を定めていないため、既定値1は「保管していること」だけを求めます。",
        en = "Minimum log retention in days. S002 says only \"retained\" and names no period, so the default 1 asks only that logs are kept.",
      },
    },
  },
  countermeasures = { "log_analysis" },
  check = function(decl, result, params) kyojin.bm_logs_check(decl, result, params) end,
}
