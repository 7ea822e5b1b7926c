case {
  name = "public information on SNS passes",
  expect = "pass",
}
case {
  name = "confidentiality-2 information on a click-through service fails",
  set = { ["/external_services/0/max_confidentiality"] = 2 },
  expect = "fail",
  subjects = { "/external_services/0" },
}
case {
  name = "confidentiality-2 information under a contract passes",
  set = { ["/external_services/0/max_confidentiality"] = 2, ["/external_services/0/click_through_terms"] = false },
  expect = "pass",
}
case {
  name = "no external service is not applicable",
  set = { ["/external_services"] = kyojin.array{} },
  expect = "not_applicable",
}
