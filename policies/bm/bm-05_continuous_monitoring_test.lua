-- Tests of BM-05 (monitoring). Internet-segment terminals and systems of base.json: /assets/0-4.
case {
  name = "monitored internet segment passes",
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
  name = "not applicable to a beta body",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "not_applicable",
}
