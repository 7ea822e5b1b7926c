case {
  name = "protected cloud accounts pass",
  expect = "pass",
}
case {
  name = "cloud account without billing alerts fails",
  set = { ["/cloud_accounts/2/billing_alerts"] = false },
  expect = "fail",
  subjects = { "/cloud_accounts/2" },
}
case {
  name = "cloud account without MFA fails",
  set = { ["/cloud_accounts/0/mfa"] = false },
  expect = "fail",
  subjects = { "/cloud_accounts/0" },
}
case {
  name = "audit logs that administrators can disable fail",
  set = { ["/cloud_accounts/3/audit_log_protected"] = false, ["/cloud_accounts/3/api_inventory"] = false },
  expect = "fail",
  subjects = { "/cloud_accounts/3" },
}
case {
  name = "cloud data links without any cloud account fail",
  set = { ["/cloud_accounts"] = kyojin.array{} },
  remove = { "/data_links/1/cloud_accounts", "/data_links/2/cloud_accounts" },
  expect = "fail",
  subjects = { "/cloud_accounts" },
}
case {
  name = "only on-premises data links is not applicable",
  set = { ["/data_links/1/model"] = "1b", ["/data_links/2/model"] = "1a" },
  expect = "not_applicable",
}
