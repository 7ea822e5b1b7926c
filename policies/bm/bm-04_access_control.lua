-- BM-04 (β′, required part): access control per information asset according to its
-- confidentiality; servers that manage documents (and the like) restrict access at least
-- per division (課室). Which systems are in scope is the parameter `scope` (S002 names
-- only 文書を管理するサーバ等). The per-section (係) part is the recommended BM-04-section.
policy {
  id = "BM-04",
  requirements = { "BM-04" },
  level = "required",
  models = { "beta_prime" },
  source = "S002 β'モデル必須対策「情報資産単位でのアクセス制御」（課室単位は必須）",
  title = {
    ja = "情報資産単位のアクセス制御（課室単位）",
    en = "Access control per information asset (per division)",
  },
  remediation = {
    ja = "情報資産の機密性レベルに応じて業務システムごとにアクセスを制御し、文書を管理するサーバなどは課室単位でアクセスを制限してください。",
    en = "Control access per business system according to the confidentiality of its information; servers that manage documents restrict access per division (controls.access_control.per_division).",
  },
  params = kyojin.beta_access_control_params(),
  countermeasures = { "access_control" },
  check = function(decl, result, params)
    kyojin.beta_access_control_check(decl, result, params, {
      key = "per_division", ja = "課室", en = "division",
      advice = { ja = "課室単位でアクセスを制限してください。", en = "Restrict access per division." },
    })
  end,
}
