case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha body backing up files and mail passes",
  set = { ["/model"] = "alpha" },
  expect = "pass",
}
case {
  name = "lgwan server without backup fails",
  set = { ["/model"] = "alpha", ["/assets/14/controls/backup/enabled"] = false },
  expect = "fail",
  subjects = { "/assets/14" },
}
case {
  name = "no lgwan backup including mail fails",
  set = { ["/model"] = "alpha" },
  remove = { "/assets/17/controls/backup/includes_mail" },
  expect = "fail",
  subjects = { "/assets" },
}
