-- Tests of TW-04. base.json: BYOD application procedure evidenced.
case {
  name = "evidenced application procedure passes",
  sample = "base",
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "no application procedure fails",
  sample = "base",
  set = { ["/byod/application_procedure"] = false },
  expect = "fail",
  subjects = { "/byod/application_procedure" },
}
case {
  name = "a bare declared procedure passes by default",
  sample = "base",
  set = { ["/byod/application_procedure"] = true },
  expect = "pass",
  evidence = "declared",
}
case {
  name = "require_evidence=true rejects a bare declared procedure",
  sample = "base",
  set = { ["/byod/application_procedure"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/byod/application_procedure" },
}
case {
  name = "not applicable without BYOD",
  sample = "base",
  set = { ["/byod/used"] = false },
  expect = "not_applicable",
}
