case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha body with current definitions passes",
  set = { ["/model"] = "alpha" },
  expect = "pass",
}
case {
  name = "outdated definitions on an lgwan terminal fail",
  set = { ["/model"] = "alpha", ["/assets/12/controls/antimalware/definitions_current"] = false },
  expect = "fail",
  subjects = { "/assets/12" },
}
case {
  name = "outdated definitions on the lgwan file-link server fail",
  set = { ["/model"] = "beta", ["/assets/16/controls/antimalware/definitions_current"] = false },
  expect = "fail",
  subjects = { "/assets/16" },
}
