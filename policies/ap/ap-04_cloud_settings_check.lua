-- AP-04: in the α′ model the settings of connected cloud services are verified
-- periodically AND whenever the service is updated or its specification changes
-- (S004 第11回検討会: "定期的な確認のみでは足りない").
policy {
  id = "AP-04",
  requirements = { "AP-04" },
  level = "required",
  applies = function(decl)
    return kyojin.st_applies(decl, { "alpha_prime" }, { "alpha_prime" })
  end,
  source = "S004 議事概要 1.（定期的な確認のみでは足りない。アップデートに伴う仕様変更との間で齟齬）",
  title = {
    ja = "クラウド設定の定期確認と更新・仕様変更時の確認",
    en = "Cloud settings checked periodically and on change",
  },
  remediation = {
    ja = "接続先クラウドサービスの設定に誤りがないか、定期的に確認するとともに、サービスのアップデート・仕様変更のたびに確認する手順を契約・運用に定めてください。",
    en = "Verify the settings of connected cloud services periodically and also whenever the service is updated or its specification changes; write both into the contract and operations.",
  },
  params = {
    require_evidence = kyojin.evidence_param({
      ja = "trueの場合、cloud_settings_checkのperiodic / on_changeに証跡の添付を求める",
      en = "when true, cloud_settings_check periodic and on_change must carry evidence references",
    }),
  },
  check = function(decl, result, params)
    kyojin.ap_report(result, kyojin.ap_cloud_settings_check(decl, params.require_evidence))
  end,
}
