-- Tests of BM-07 (encryption). Confidential assets of base.json in lgwan/internet:
-- /assets/0, 1, 2, 3 (accounting: confidentiality 2 only), 12, 14.
case {
  name = "encrypted confidential systems and terminals pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "payroll database not encrypted at rest is a warning",
  sample = "base",
  set = { ["/assets/2/controls/encryption/at_rest"] = false },
  expect = "warn",
  subjects = { "/assets/2" },
}
case {
  name = "business terminal without encryption declaration is a warning",
  sample = "base",
  remove = { "/assets/12/controls/encryption" },
  expect = "warn",
  subjects = { "/assets/12" },
}
case {
  name = "confidentiality-2 system without encryption is a warning by default",
  sample = "base",
  set = { ["/assets/3/controls/encryption/at_rest"] = false },
  expect = "warn",
  subjects = { "/assets/3" },
}
case {
  name = "min_confidentiality=3 leaves confidentiality-2 systems out of scope",
  sample = "base",
  set = { ["/assets/3/controls/encryption/at_rest"] = false },
  params = { min_confidentiality = 3 },
  expect = "pass",
}
case {
  name = "not applicable to a beta body",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "not_applicable",
}
