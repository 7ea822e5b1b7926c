-- TW-01 (telework): the organisation defines the items staff check before and after
-- telework, and staff carry them out (process fact, evidenced or declared).
policy {
  id = "TW-01",
  requirements = { "TW-01" },
  level = "required",
  applies = kyojin.remote_work_applies("telework"),
  source = "S002 改定のポイント3 ①テレワーク実施時のセキュリティ対策「実施前及び実施後に職員がチェックすべき項目」",
  title = {
    ja = "テレワーク実施前後のチェック項目",
    en = "Checks before and after telework",
  },
  remediation = {
    ja = "テレワークの実施前及び実施後に職員がチェックすべき項目を定め、職員にチェックを実施させます。チェックリストを証跡として申告します。",
    en = "Define the items staff check before and after telework and have staff carry the checks out; declare the checklist as evidence (telework.pre_post_checks).",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.judge_process_fact(result, "/telework/pre_post_checks", decl.telework.pre_post_checks,
      params.require_evidence,
      { ja = "テレワーク実施前後に職員がチェックすべき項目の制定と実施",
        en = "Checks staff carry out before and after telework" },
      { ja = "チェック項目を定め、職員に実施させてください。", en = "Define the checks and have staff carry them out." })
  end,
}
