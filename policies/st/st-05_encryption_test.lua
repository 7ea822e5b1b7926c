case {
  name = "base declaration encrypts screen transfer",
  expect = "pass",
}
case {
  name = "unencrypted screen transfer fails",
  set = { ["/screen_transfer/1/encryption"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "target_scope=all covers the connection into lgwan",
  set = { ["/screen_transfer/2/encryption"] = false },
  params = { target_scope = "all" },
  expect = "fail",
  subjects = { "/screen_transfer/2" },
}
case {
  name = "connection into lgwan is outside the default scope",
  set = { ["/screen_transfer/2/encryption"] = false },
  expect = "pass",
}
