-- Tests of BM-05 (monitoring). Internet-segment terminals and systems of base.json: /assets/0-4.
case {
  name = "evidenced monitoring arrangement covering the internet segment passes",
  sample = "base",
  expect = "pass",
  evidence = "evidenced",
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
  name = "no monitoring arrangement declared fails",
  sample = "base",
  remove = { "/organisation/continuous_monitoring" },
  expect = "fail",
  subjects = { "/organisation/continuous_monitoring" },
}
case {
  name = "monitoring arrangement declared false fails",
  sample = "base",
  set = { ["/organisation/continuous_monitoring"] = false },
  expect = "fail",
  subjects = { "/organisation/continuous_monitoring" },
}
case {
  name = "a bare declared arrangement passes by default",
  sample = "base",
  set = { ["/organisation/continuous_monitoring"] = true },
  expect = "pass",
  evidence = "declared",
}
case {
  name = "require_evidence=true rejects a bare declared arrangement",
  sample = "base",
  set = { ["/organisation/continuous_monitoring"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/organisation/continuous_monitoring" },
}
case {
  name = "not applicable to a beta body",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "not_applicable",
}
