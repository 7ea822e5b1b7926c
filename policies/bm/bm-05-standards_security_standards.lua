-- BM-05 (β′), standards part: adherence to the organisation's security standards
-- (組織的なセキュリティ対策基準の遵守), read from the process fact
-- organisation.policy_follows_guideline (evidenced or declared).
policy {
  id = "BM-05-standards",
  requirements = { "BM-05" },
  level = "required",
  models = { "beta_prime" },
  source = "S002 モデル比較表 β'モデル「組織的なセキュリティ対策基準の遵守」",
  title = {
    ja = "組織的なセキュリティ対策基準の遵守",
    en = "Adherence to organisational security standards",
  },
  remediation = {
    ja = "ガイドラインに沿った情報セキュリティポリシー（対策基準）を策定・遵守し、その文書を証跡として申告します。",
    en = "Adopt and follow a security policy (standards) in line with the guideline and declare the document as evidence (organisation.policy_follows_guideline).",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.judge_organisation_fact(result, decl, "policy_follows_guideline", params.require_evidence,
      { ja = "組織的なセキュリティ対策基準（ガイドラインに沿ったセキュリティポリシー）の遵守",
        en = "Adherence to organisational security standards (a security policy following the guideline)" },
      { ja = "ガイドラインに沿ったセキュリティポリシーを策定して遵守し、そのことを申告してください。",
        en = "Adopt and follow a security policy in line with the guideline and declare organisation.policy_follows_guideline." })
  end,
}
