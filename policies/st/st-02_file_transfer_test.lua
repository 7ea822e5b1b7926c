case {
  name = "base declaration blocks file hand-over and drives",
  expect = "pass",
}
case {
  name = "file hand-over virtual to local fails",
  set = { ["/screen_transfer/0/redirection/file/to_local"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "file hand-over local to virtual fails",
  set = { ["/screen_transfer/1/redirection/file/to_virtual"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "disk-drive redirection fails",
  set = { ["/screen_transfer/0/redirection/drive"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "target_scope=all covers the connection into lgwan",
  set = { ["/screen_transfer/2/redirection/file/to_virtual"] = true },
  params = { target_scope = "all" },
  expect = "fail",
  subjects = { "/screen_transfer/2" },
}
case {
  name = "connection into lgwan is outside the default scope",
  set = { ["/screen_transfer/2/redirection/file/to_virtual"] = true },
  expect = "pass",
}
