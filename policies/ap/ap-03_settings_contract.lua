-- AP-03: in the α′ model settings entrusted to vendors or cloud services are guaranteed by
-- contract; the municipality remains responsible (S004 第11回検討会, 事務局回答).
policy {
  id = "AP-03",
  requirements = { "AP-03" },
  level = "required",
  applies = function(decl)
    return kyojin.st_applies(decl, { "alpha_prime" }, { "alpha_prime" })
  end,
  source = "S004 議事概要 1.（設定を事業者に依頼するところは…まず契約で担保／責任を負うのは地方公共団体）",
  title = {
    ja = "委託した設定の契約による担保",
    en = "Entrusted settings guaranteed by contract",
  },
  remediation = {
    ja = "事業者やクラウドサービスに委ねる設定内容を契約（仕様書・設定値保証の別紙等）で担保し、インシデント時の責任は自治体が負うことを前提に確認体制を整えてください。契約書の該当箇所を証跡として申告してください。",
    en = "Guarantee the settings entrusted to vendors or cloud services in the contract (specification, settings annex); the municipality stays responsible for incidents. Declare the contract clause as evidence.",
  },
  params = {
    require_evidence = kyojin.evidence_param({
      ja = "trueの場合、settings_guaranteedに証跡（契約書の該当箇所等）の添付を求める",
      en = "when true, settings_guaranteed must carry an evidence reference (e.g. the contract clause)",
    }),
  },
  check = function(decl, result, params)
    kyojin.ap_report(result, kyojin.ap_settings_guaranteed(decl, params.require_evidence))
  end,
}
