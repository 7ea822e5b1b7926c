case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha-prime body with everything patched passes",
  set = { ["/model"] = "alpha_prime" },
  expect = "pass",
}
case {
  name = "unpatched lgwan firewall fails",
  set = { ["/model"] = "alpha_prime", ["/assets/15/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/15" },
}
case {
  name = "unpatched VPN device fails",
  set = { ["/model"] = "alpha_prime", ["/assets/8/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/8" },
}
case {
  name = "unpatched PC fails as well",
  set = { ["/model"] = "alpha_prime", ["/assets/12/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/12" },
}
case {
  name = "lgwan-to-internet breakout line brings alpha-prime to a beta-prime body",
  set = { ["/screen_transfer/0/lgwan_internet_breakout"] = true, ["/assets/11/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/11" },
}
