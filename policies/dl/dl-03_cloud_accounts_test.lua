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
  set = { ["/data_links/1/model"] = "1b", ["/data_links/2/model"] = "1a",
          ["/data_links/1/from_segment"] = "internet", ["/data_links/1/to_segment"] = "lgwan",
          ["/data_links/2/from_segment"] = "internet", ["/data_links/2/assets"] = { "welfare-db" } },
  remove = { "/data_links/1/assets", "/data_links/1/cloud_accounts",
             "/data_links/2/cloud_accounts", "/data_links/2/controls/api_managed" },
  expect = "not_applicable",
}
-- S001: the cloud models ②③④ bring in the cloud-account measures; a link the facts place in
-- the cloud (API linkage, accounts) declared as ①a still brings them in.
case {
  name = "a cloud API link declared as model 1a still brings in DL-03",
  set = { ["/data_links/1/model"] = "1b", ["/data_links/2/model"] = "1a",
          ["/cloud_accounts/0/mfa"] = false },
  expect = "fail",
}
