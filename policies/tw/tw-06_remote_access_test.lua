-- Tests of TW-06. base.json: remote access used with every measure.
case {
  name = "all remote-access measures pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "personal terminals instead of lent ones fail",
  sample = "base",
  set = { ["/remote_access/lent_terminals"] = false },
  expect = "fail",
  subjects = { "/remote_access/lent_terminals" },
}
case {
  name = "password-only access fails",
  sample = "base",
  set = { ["/remote_access/mfa_or_device_auth"] = false },
  expect = "fail",
  subjects = { "/remote_access/mfa_or_device_auth" },
}
case {
  name = "unencrypted line and unlimited information fail",
  sample = "base",
  set = { ["/remote_access/encrypted_line"] = false, ["/remote_access/information_limited"] = false },
  expect = "fail",
  subjects = { "/remote_access/encrypted_line", "/remote_access/information_limited" },
}
case {
  name = "terminals taken out without management fail",
  sample = "base",
  set = { ["/remote_access/takeout_management"] = false },
  expect = "fail",
  subjects = { "/remote_access/takeout_management" },
}
case {
  name = "not applicable without remote access",
  sample = "base",
  set = { ["/remote_access/used"] = false },
  expect = "not_applicable",
}
