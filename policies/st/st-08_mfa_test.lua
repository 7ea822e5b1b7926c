case {
  name = "MFA and designated staff pass",
  expect = "pass",
}
case {
  name = "no MFA fails",
  set = { ["/screen_transfer/0/mfa"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "open to all staff fails",
  set = { ["/screen_transfer/1/designated_staff_only"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
