-- Tests of BM-01-ap (α′, recommended): lgwan-pc is /assets/12 in samples/base.json.
case {
  name = "alpha-prime body with a fully featured EDR on the lgwan terminals passes",
  sample = "base",
  set = { ["/model"] = "alpha_prime" },
  expect = "pass",
}
case {
  name = "alpha-prime lgwan terminal without managed monitoring is a warning",
  sample = "base",
  set = { ["/model"] = "alpha_prime", ["/assets/12/controls/edr/managed_monitoring"] = false },
  expect = "warn",
  subjects = { "/assets/12" },
}
case {
  name = "alpha-prime lgwan terminal without EDR is a warning",
  sample = "base",
  set = { ["/model"] = "alpha_prime" },
  remove = { "/assets/12/controls/edr" },
  expect = "warn",
  subjects = { "/assets/12" },
}
case {
  name = "alpha-prime EDR without exfiltration detection is a warning by default",
  sample = "base",
  set = { ["/model"] = "alpha_prime", ["/assets/12/controls/edr/detects_exfiltration"] = false },
  expect = "warn",
  subjects = { "/assets/12" },
}
case {
  name = "BM-01.require_exfiltration_detection=false accepts it (one parameter for both policies)",
  sample = "base",
  set = { ["/model"] = "alpha_prime", ["/assets/12/controls/edr/detects_exfiltration"] = false },
  params = { ["BM-01.require_exfiltration_detection"] = false },
  expect = "pass",
}
case {
  name = "alpha-prime body without lgwan terminals is a warning",
  sample = "base",
  set = { ["/model"] = "alpha_prime", ["/assets/12/segment"] = "internet" },
  expect = "warn",
  subjects = { "/assets" },
}
case {
  name = "not applicable to a beta-prime body (model is beta_prime)",
  sample = "base",
  expect = "not_applicable",
}
