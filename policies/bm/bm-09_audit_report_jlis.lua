-- BM-09 (β′): after each external audit the audit report is submitted to J-LIS
-- (process fact; evidenced or declared).
policy {
  id = "BM-09",
  requirements = { "BM-09" },
  level = "required",
  models = { "beta_prime" },
  source = "S004 議事概要「β'の方は監査を受けたらその都度J-LISに提出」",
  title = {
    ja = "外部監査報告書のJ-LISへの提出",
    en = "External audit reports submitted to J-LIS",
  },
  remediation = {
    ja = "β′モデルでは外部監査を受けるたびに監査報告書をJ-LISに提出し、提出控えを証跡として申告します。",
    en = "In β′, submit the audit report to J-LIS after every external audit and declare the submission record as evidence (audits[].report_submitted_to_jlis).",
  },
  params = { require_evidence = kyojin.evidence_param() },
  check = function(decl, result, params)
    local found = 0
    for _, audit in ipairs(decl.audits) do
      if audit.type == "external" then
        found = found + 1
        local date = tostring(audit.date)
        kyojin.judge_process_fact(result, audit, audit.report_submitted_to_jlis,
          params.require_evidence,
          { ja = date .. "の外部監査の報告書のJ-LISへの提出",
            en = "Submission to J-LIS of the report of the external audit of " .. date },
          { ja = "監査報告書をJ-LISに提出し、そのことを申告してください。",
            en = "Submit the audit report to J-LIS and declare report_submitted_to_jlis." })
      end
    end
    if found == 0 then
      result:pass("/audits", {
        ja = "外部監査の申告がないため、提出すべき報告書はありません（外部監査の実施そのものはAP-05で確認します）。",
        en = "No external audit is declared (no report to submit; whether audits are carried out is checked by AP-05).",
      })
    end
  end,
}
