-- TW-02 (telework): places of telework are chosen so that screens cannot be overlooked
-- and conversations overheard (process fact, evidenced or declared).
policy {
  id = "TW-02",
  requirements = { "TW-02" },
  level = "required",
  applies = kyojin.remote_work_applies("telework"),
  source = "S002 改定のポイント3 ①テレワーク実施時のセキュリティ対策「画面ののぞき見や盗聴を防止できるような環境を選定」",
  title = {
    ja = "テレワーク実施場所の選定（のぞき見・盗聴の防止）",
    en = "Telework places chosen against overlooking and overhearing",
  },
  remediation = {
    ja = "画面ののぞき見や会話の盗聴を防止できる環境をテレワークの実施場所として選定する規程を定め、その文書を証跡として申告します。",
    en = "Set rules choosing telework places where screens cannot be overlooked and conversations overheard, and declare the rules as evidence (telework.location_rules).",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.judge_process_fact(result, "/telework/location_rules", decl.telework.location_rules,
      params.require_evidence,
      { ja = "画面ののぞき見や盗聴を防止できるテレワーク実施場所の選定",
        en = "Telework places chosen against overlooking and overhearing" },
      { ja = "実施場所の選定基準を定めてください。", en = "Set rules for choosing telework places." })
  end,
}
