case {
  name = "remote maintenance over a closed network passes",
  expect = "pass",
}
case {
  name = "remote maintenance over the internet fails",
  set = { ["/remote_maintenance/closed_network"] = false },
  expect = "fail",
  subjects = { "/remote_maintenance" },
}
case {
  name = "no remote maintenance passes",
  set = { ["/remote_maintenance"] = { used = false } },
  expect = "pass",
}
