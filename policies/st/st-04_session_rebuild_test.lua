case {
  name = "base declaration rebuilds every session",
  expect = "pass",
}
case {
  name = "persistent virtual desktop fails",
  set = { ["/screen_transfer/0/session_rebuild"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "virtual function outliving the local session fails",
  set = { ["/screen_transfer/1/session_ends_with_local"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "target_scope=all covers the connection into lgwan",
  set = { ["/screen_transfer/2/session_rebuild"] = false },
  params = { target_scope = "all" },
  expect = "fail",
  subjects = { "/screen_transfer/2" },
}
case {
  name = "connection into lgwan is outside the default scope",
  set = { ["/screen_transfer/2/session_rebuild"] = false },
  expect = "pass",
}
