-- TW-04 (BYOD): use of personal devices follows an application procedure naming the
-- user, purpose, information handled and device (process fact, evidenced or declared).
policy {
  id = "TW-04",
  requirements = { "TW-04" },
  level = "required",
  applies = kyojin.remote_work_applies("byod"),
  source = "S002 改定のポイント3 ②BYOD「利用申請手続（利用者、目的、利用する情報、端末等）を職員に遵守させる」",
  title = {
    ja = "BYODの利用申請手続",
    en = "BYOD application procedure",
  },
  remediation = {
    ja = "私物端末の業務利用について、利用者・目的・利用する情報・端末等を記載する利用申請手続を定めて職員に遵守させ、申請様式を証跡として申告します。",
    en = "Set an application procedure for using personal devices naming user, purpose, information handled and device, have staff follow it, and declare the form as evidence (byod.application_procedure).",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.judge_process_fact(result, "/byod/application_procedure", decl.byod.application_procedure,
      params.require_evidence,
      { ja = "BYODの利用申請手続（利用者・目的・利用する情報・端末）",
        en = "BYOD application procedure (user, purpose, information, device)" },
      { ja = "利用申請手続を定め、職員に遵守させてください。", en = "Set the procedure and have staff follow it." })
  end,
}
