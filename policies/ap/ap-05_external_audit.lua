-- AP-05: external audits are carried out by auditors with stated qualifications
-- (S004 第11回検討会: 「監査人の実績等」に具体的な資格を明記).  Required for α′ and β′;
-- also for any body whose screen transfer brings in α′ (ST-11).
policy {
  id = "AP-05",
  requirements = { "AP-05" },
  level = "required",
  applies = function(decl)
    return kyojin.st_applies(decl, { "alpha_prime", "beta_prime" }, { "alpha_prime" })
  end,
  source = "S004 議事概要 1.（外部監査の実施について…「監査人の実績等」に具体的な資格を明記すべき）",
  title = {
    ja = "資格を明記した監査人による外部監査",
    en = "External audits by auditors with stated qualifications",
  },
  remediation = {
    ja = "外部監査を実施し、監査人・監査メンバーの資格（公認情報セキュリティ監査人、CISA、情報処理安全確保支援士等）を監査ごとに記録してください。",
    en = "Have external audits carried out and record, for each audit, the qualifications of the auditors and audit members (certified information-security auditor, CISA, Registered Information Security Specialist …).",
  },
  params = {
    require_evidence = kyojin.evidence_param({
      ja = "trueの場合、外部監査ごとに監査報告書の証跡（report_submitted_to_jlisのevidence）を求める",
      en = "when true, every external audit needs an evidence reference to its report (evidence of report_submitted_to_jlis)",
    }),
  },
  check = function(decl, result, params)
    kyojin.ap_report(result, kyojin.ap_external_audits(decl, params.require_evidence))
  end,
}
