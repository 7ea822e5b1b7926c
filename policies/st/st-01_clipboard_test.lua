case {
  name = "base declaration blocks the clipboard both ways",
  expect = "pass",
}
case {
  name = "clipboard open virtual to local fails",
  set = { ["/screen_transfer/0/redirection/clipboard/to_local"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "clipboard open local to virtual fails",
  set = { ["/screen_transfer/1/redirection/clipboard/to_virtual"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "connection into lgwan is outside the default scope",
  set = { ["/screen_transfer/2/redirection/clipboard/to_local"] = true },
  expect = "pass",
}
case {
  name = "target_scope=all covers the connection into lgwan",
  set = { ["/screen_transfer/2/redirection/clipboard/to_local"] = true },
  params = { target_scope = "all" },
  expect = "fail",
  subjects = { "/screen_transfer/2" },
}
case {
  name = "no screen transfer into mynumber is not applicable",
  set = { ["/screen_transfer/0/target_segment"] = "lgwan", ["/screen_transfer/1/target_segment"] = "internet" },
  expect = "not_applicable",
}
