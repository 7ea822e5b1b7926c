-- Tests of BM-05. Internet-segment terminals and systems of base.json: /assets/0-4.
case {
  name = "monitored internet segment and an evidenced security policy pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "business system without continuous monitoring fails",
  sample = "base",
  set = { ["/assets/2/controls/anomaly_monitoring"] = false },
  expect = "fail",
  subjects = { "/assets/2" },
}
case {
  name = "terminal monitored by the managed EDR service counts as monitored",
  sample = "base",
  set = { ["/assets/0/controls/anomaly_monitoring"] = false },
  expect = "pass",
}
case {
  name = "terminal with neither anomaly monitoring nor managed EDR fails",
  sample = "base",
  set = { ["/assets/0/controls/anomaly_monitoring"] = false,
          ["/assets/0/controls/edr/managed_monitoring"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "security policy not following the guideline fails",
  sample = "base",
  set = { ["/organisation/policy_follows_guideline"] = false },
  expect = "fail",
  subjects = { "/organisation/policy_follows_guideline" },
}
case {
  name = "a bare declared policy fact passes by default",
  sample = "base",
  set = { ["/organisation/policy_follows_guideline"] = true },
  expect = "pass",
  evidence = "declared",
}
case {
  name = "require_evidence=true rejects a bare declared policy fact",
  sample = "base",
  set = { ["/organisation/policy_follows_guideline"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/organisation/policy_follows_guideline" },
}
case {
  name = "require_evidence=true accepts the evidenced fact of base",
  sample = "base",
  params = { require_evidence = true },
  expect = "pass",
}
case {
  name = "not applicable to a beta body",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "not_applicable",
}
