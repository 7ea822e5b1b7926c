case {
  name = "checked e-application data passes",
  expect = "pass",
}
case {
  name = "e-application data without malware check fails",
  set = { ["/e_application/malware_check"] = false },
  expect = "fail",
  subjects = { "/e_application" },
}
case {
  name = "data link carrying e-application data without format check fails",
  set = { ["/data_links/2/controls/format_check"] = false },
  expect = "fail",
  subjects = { "/data_links/2" },
}
case {
  name = "links not carrying e-application data are not checked here",
  set = { ["/data_links/1/controls/format_check"] = false },
  expect = "pass",
}
case {
  name = "no e-application service passes",
  set = { ["/e_application"] = { used = false } },
  expect = "pass",
}
