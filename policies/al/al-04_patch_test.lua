case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha body with patched lgwan assets passes",
  set = { ["/model"] = "alpha" },
  expect = "pass",
}
case {
  name = "unpatched lgwan business server fails",
  set = { ["/model"] = "alpha_prime", ["/assets/14/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/14" },
}
case {
  name = "unpatched lgwan terminal fails",
  set = { ["/model"] = "beta", ["/assets/12/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/12" },
}
case {
  name = "unpatched internet-segment server is outside lgwan",
  set = { ["/model"] = "alpha", ["/assets/1/controls/patch/os_timely"] = false },
  expect = "pass",
}
