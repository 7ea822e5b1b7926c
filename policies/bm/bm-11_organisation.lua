-- BM-11 (all models): organisational and human measures of the S002 model table —
-- CSIRT with defined roles, security-literacy training, CYDER attendance, sharing of
-- attack and incident information, a security policy following the guideline.
-- Each is a process fact (evidenced or declared).
policy {
  id = "BM-11",
  requirements = { "BM-11" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S002 モデル比較表「組織・人的対策」（全モデル共通）",
  title = {
    ja = "組織・人的対策（CSIRT、研修、CYDER、情報共有、ポリシー）",
    en = "Organisational measures (CSIRT, training, CYDER, information sharing, policy)",
  },
  remediation = {
    ja = "インシデント対応チーム（CSIRT）を設置して役割を明確にし、啓発や訓練で職員のセキュリティリテラシーを高め、実践的サイバー防御演習（CYDER）を確実に受講し、演習等を通じて攻撃・インシデント情報を共有し、ガイドラインに沿った情報セキュリティポリシーを策定・遵守します。",
    en = "Set up an incident-response team (CSIRT) with defined roles, raise staff security literacy through awareness and training, attend the practical cyber-defence exercise (CYDER), share attack and incident information, and adopt and follow a security policy in line with the guideline.",
  },
  params = { require_evidence = kyojin.evidence_param() },
  check = function(decl, result, params)
    local org = decl.organisation
    local csirt = org and org.csirt
    local items = {
      { "/organisation/csirt/exists", csirt and csirt.exists,
        "インシデント対応チーム（CSIRT）の設置", "An incident-response team (CSIRT)",
        "CSIRTを設置してください。", "Set up a CSIRT." },
      { "/organisation/csirt/roles_defined", csirt and csirt.roles_defined,
        "CSIRTの役割の明確化", "Defined CSIRT roles",
        "CSIRTの役割を文書で明確にしてください。", "Define the CSIRT's roles in writing." },
      { "/organisation/training", org and org.training,
        "啓発や訓練を通じた職員のセキュリティリテラシー向上", "Security-literacy training for staff",
        "職員向けの啓発・訓練を実施してください。", "Run awareness and training for staff." },
      { "/organisation/cyder", org and org.cyder,
        "実践的サイバー防御演習（CYDER）の受講", "Attendance of the practical cyber-defence exercise (CYDER)",
        "CYDERを受講してください。", "Attend CYDER." },
      { "/organisation/info_sharing", org and org.info_sharing,
        "サイバー攻撃情報やインシデント対策情報の共有", "Sharing of attack and incident information",
        "演習等を通じて攻撃・インシデント情報を共有してください。", "Share attack and incident information, e.g. through exercises." },
      { "/organisation/policy_follows_guideline", org and org.policy_follows_guideline,
        "ガイドラインに沿った情報セキュリティポリシーの策定・遵守", "A security policy that follows the guideline",
        "ガイドラインに沿ってポリシーを策定・遵守してください。", "Adopt and follow a policy in line with the guideline." },
    }
    for _, it in ipairs(items) do
      kyojin.judge_process_fact(result, it[1], it[2], params.require_evidence,
        { ja = it[3], en = it[4] }, { ja = it[5], en = it[6] })
    end
  end,
}
