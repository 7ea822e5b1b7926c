-- Tests of BM-04-section (recommended per-section access control).
case {
  name = "per-section access control on every confidential business system passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "payroll without per-section access control is a warning",
  sample = "base",
  set = { ["/assets/2/controls/access_control/per_section"] = false },
  expect = "warn",
  subjects = { "/assets/2" },
}
case {
  name = "system without access control is a warning",
  sample = "base",
  remove = { "/assets/14/controls/access_control" },
  expect = "warn",
  subjects = { "/assets/14" },
}
case {
  name = "confidentiality-2 system without per-section control is a warning by default",
  sample = "base",
  set = { ["/assets/3/controls/access_control/per_section"] = false },
  expect = "warn",
  subjects = { "/assets/3" },
}
case {
  name = "min_confidentiality=3 leaves confidentiality-2 systems out of scope",
  sample = "base",
  set = { ["/assets/3/controls/access_control/per_section"] = false },
  params = { min_confidentiality = 3 },
  expect = "pass",
}
case {
  name = "not applicable to an alpha-prime body",
  sample = "base",
  set = { ["/model"] = "alpha_prime" },
  expect = "not_applicable",
}
