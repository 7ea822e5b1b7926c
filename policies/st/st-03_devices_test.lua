case {
  name = "base declaration blocks printers and USB",
  expect = "pass",
}
case {
  name = "printing to a local printer fails",
  set = { ["/screen_transfer/1/redirection/printer"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "USB redirection fails",
  set = { ["/screen_transfer/0/redirection/usb"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "target_scope=all covers the connection into lgwan",
  set = { ["/screen_transfer/2/redirection/printer"] = true },
  params = { target_scope = "all" },
  expect = "fail",
  subjects = { "/screen_transfer/2" },
}
case {
  name = "connection into lgwan is outside the default scope",
  set = { ["/screen_transfer/2/redirection/printer"] = true },
  expect = "pass",
}
