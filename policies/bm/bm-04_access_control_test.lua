-- Tests of BM-04. Business systems of base.json with confidentiality >= 2 data:
-- doc-mgmt /assets/1, payroll /assets/2, accounting /assets/3 (confidentiality 2 only),
-- lgwan-biz /assets/14.
case {
  name = "per-division access control on every confidential business system passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "document server without per-division access control fails",
  sample = "base",
  set = { ["/assets/1/controls/access_control/per_division"] = false },
  expect = "fail",
  subjects = { "/assets/1" },
}
case {
  name = "lgwan business system without any access control fails",
  sample = "base",
  remove = { "/assets/14/controls/access_control" },
  expect = "fail",
  subjects = { "/assets/14" },
}
case {
  name = "a server that starts to hold confidential data needs access control",
  sample = "base",
  set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
  expect = "fail",
  subjects = { "/assets/4" },
}
case {
  name = "confidentiality-2 system without per-division control fails by default",
  sample = "base",
  set = { ["/assets/3/controls/access_control/per_division"] = false },
  expect = "fail",
  subjects = { "/assets/3" },
}
case {
  name = "min_confidentiality=3 leaves confidentiality-2 systems out of scope",
  sample = "base",
  set = { ["/assets/3/controls/access_control/per_division"] = false },
  params = { min_confidentiality = 3 },
  expect = "pass",
}
case {
  name = "per-section control missing does not fail the required part",
  sample = "base",
  set = { ["/assets/2/controls/access_control/per_section"] = false },
  expect = "pass",
}
case {
  name = "not applicable to a beta body (model is beta)",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "not_applicable",
}
