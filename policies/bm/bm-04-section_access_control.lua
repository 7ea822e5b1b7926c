-- BM-04 (β′, recommended part): access control per section (係) on the servers that
-- manage documents and the like (scope as in BM-04).
policy {
  id = "BM-04-section",
  requirements = { "BM-04" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 β'モデル必須対策「情報資産単位でのアクセス制御」（係単位は推奨）",
  title = {
    ja = "情報資産単位のアクセス制御（係単位）",
    en = "Access control per information asset (per section)",
  },
  remediation = {
    ja = "文書を管理するサーバ等では、課室単位に加えて係単位でアクセスを制限することをお勧めします。",
    en = "For servers that manage documents, restricting access per section in addition to per division is recommended (controls.access_control.per_section).",
  },
  -- which systems are in scope is one parameter, BM-04's
  restates = { "BM-04" },
  countermeasures = { "access_control" },
  check = function(decl, result, params)
    kyojin.beta_access_control_check(decl, result, params["BM-04"], {
      key = "per_section", ja = "係", en = "section",
      advice = { ja = "係単位でアクセスを制限することをお勧めします。", en = "Restricting access per section is recommended." },
    })
  end,
}
