-- Tests of ZT-01. base.json (β′) declares every zero_trust_pc item true.
case {
  name = "business terminals with hw_root_of_trust pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "hw_root_of_trust declared false is a warning",
  sample = "base",
  set = { ["/zero_trust_pc/hw_root_of_trust"] = false },
  expect = "warn",
  subjects = { "/zero_trust_pc/hw_root_of_trust" },
}
case {
  name = "no zero-trust PC declaration is a warning",
  sample = "base",
  remove = { "/zero_trust_pc" },
  expect = "warn",
  subjects = { "/zero_trust_pc" },
}
case {
  name = "not applicable to a beta body (model is beta)",
  sample = "base",
  set = { ["/model"] = "beta", ["/zero_trust_pc/hw_root_of_trust"] = false },
  expect = "not_applicable",
}
