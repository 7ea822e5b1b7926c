case {
  name = "wireless limited to My Number staff passes",
  expect = "pass",
}
case {
  name = "wireless open to other terminals fails",
  set = { ["/screen_transfer/1/wireless_lan/mynumber_staff_only"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "wireless newly used without restriction fails",
  set = { ["/screen_transfer/0/wireless_lan"] = { used = true, mynumber_staff_only = false } },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "wireless not used passes",
  set = { ["/screen_transfer/1/wireless_lan"] = { used = false } },
  expect = "pass",
}
