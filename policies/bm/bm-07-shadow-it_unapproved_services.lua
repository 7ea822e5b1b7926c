-- BM-07 (β′, recommended), shadow-IT part: access to external services the
-- organisation has not approved is monitored and blocked (process fact
-- organisation.shadow_it_control, evidenced or declared; S002 β′ risk table No.7).
policy {
  id = "BM-07-shadow-it",
  requirements = { "BM-07" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 β'モデル 情報漏えい対策「組織が許可していない外部接続先のサービスへのアクセスを監視、遮断」",
  title = {
    ja = "許可していない外部サービスへのアクセスの監視・遮断（シャドーIT対策）",
    en = "Monitoring and blocking of unapproved external services (shadow IT)",
  },
  remediation = {
    ja = "組織が許可していない外部サービス（クラウドストレージ等）へのアクセスを、WebゲートウェイのURLフィルタリングやクラウド利用の可視化等で監視・遮断し、その運用を申告することをお勧めします。",
    en = "Monitoring and blocking access to external services the organisation has not approved (cloud storage and the like), e.g. by URL filtering at the web gateway or cloud-use visibility, and declaring it (organisation.shadow_it_control) is recommended.",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = { { id = "url_filtering", kinds = { "gateway" } } },
  check = function(decl, result, params)
    kyojin.judge_organisation_fact(result, decl, "shadow_it_control", params.require_evidence,
      { ja = "組織が許可していない外部サービスへのアクセスの監視・遮断",
        en = "Monitoring and blocking of external services the organisation has not approved" },
      { ja = "許可していない外部サービスへのアクセスを監視・遮断し、そのことを申告することをお勧めします。",
        en = "Monitoring and blocking them and declaring organisation.shadow_it_control is recommended." })
  end,
}
