-- Tests of BM-04-section. Systems of base.json declaring access_control (document servers and the
-- like): doc-mgmt /assets/1, payroll /assets/2, accounting /assets/3 (confidentiality 2),
-- lgwan-biz /assets/14. inet-ad /assets/4 declares neither access control nor data.
case {
  name = "per-section access control on every document server passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "document server without per-section access control (warn)",
  sample = "base",
  set = { ["/assets/1/controls/access_control/per_section"] = false },
  expect = "warn",
  subjects = { "/assets/1" },
}
case {
  name = "two systems without it (warn)",
  sample = "base",
  set = { ["/assets/2/controls/access_control/per_section"] = false,
          ["/assets/14/controls/access_control/per_section"] = false },
  expect = "warn",
  subjects = { "/assets/14", "/assets/2" },
}
case {
  name = "no document server declaring access control at all (warn)",
  sample = "base",
  remove = { "/assets/1/controls/access_control", "/assets/2/controls/access_control",
             "/assets/3/controls/access_control", "/assets/14/controls/access_control" },
  expect = "warn",
  subjects = { "/assets" },
}
case {
  name = "a confidential system without access control is out of the default scope",
  sample = "base",
  set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
  expect = "pass",
}
case {
  name = "scope=confidential_systems brings a confidential system without access control in",
  sample = "base",
  set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
  params = { scope = "confidential_systems" },
  expect = "warn",
  subjects = { "/assets/4" },
}
case {
  name = "scope=confidential_systems with min_confidentiality=3 leaves confidentiality 2 out",
  sample = "base",
  set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
  params = { scope = "confidential_systems", min_confidentiality = 3 },
  expect = "pass",
}
case {
  name = "the per-division part is not judged here",
  sample = "base",
  set = { ["/assets/2/controls/access_control/per_division"] = false },
  expect = "pass",
}
case {
  name = "not applicable to a beta body (model is beta)",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "not_applicable",
}
