case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha-prime body checking cloud settings periodically and on change passes",
  set = { ["/model"] = "alpha_prime" },
  expect = "pass",
}
case {
  name = "periodic checks alone fail",
  set = { ["/model"] = "alpha_prime", ["/contracts/1/cloud_settings_check/on_change"] = false },
  expect = "fail",
  subjects = { "/contracts/1" },
}
case {
  name = "cloud service outside every contract fails",
  set = { ["/model"] = "alpha_prime", ["/contracts/1/scope"] = { "mn-daas", "cloud-storage", "e-app" } },
  expect = "fail",
  subjects = { "/assets/28" },
}
case {
  name = "evidenced checks pass with require_evidence",
  set = { ["/model"] = "alpha_prime" },
  params = { require_evidence = true },
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "bare declared periodic check fails with require_evidence",
  set = { ["/model"] = "alpha_prime", ["/contracts/1/cloud_settings_check/periodic"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/contracts/1" },
}
case {
  name = "DaaS platform in the cloud outside every contract fails",
  set = { ["/model"] = "alpha_prime", ["/contracts/1/scope"] = { "cloud-storage", "e-app", "gov-cloud-tenant" } },
  expect = "fail",
  subjects = { "/assets/25" },
}
