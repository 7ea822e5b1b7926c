case {
  name = "complete visual-check procedure passes",
  expect = "pass",
}
case {
  name = "procedure without the font check fails",
  set = { ["/harmlessization/visual_check_procedure/fonts"] = false },
  expect = "fail",
  subjects = { "/harmlessization" },
}
case {
  name = "procedure without the sender check fails",
  set = { ["/harmlessization/visual_check_procedure/sender"] = false },
  expect = "fail",
  subjects = { "/harmlessization" },
}
case {
  name = "visual check without unknown-malware software fails",
  set = { ["/harmlessization/unknown_malware_detection"] = false },
  expect = "fail",
  subjects = { "/harmlessization" },
}
case {
  name = "no visual check is not applicable",
  set = { ["/harmlessization/methods"] = { "cdr" } },
  remove = { "/harmlessization/visual_check_procedure" },
  expect = "not_applicable",
}
