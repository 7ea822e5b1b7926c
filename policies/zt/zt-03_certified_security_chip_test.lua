-- Tests of ZT-03. base.json (β′) declares every zero_trust_pc item true.
case {
  name = "business terminals with certified_chip pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "certified_chip declared false is a warning",
  sample = "base",
  set = { ["/zero_trust_pc/certified_chip"] = false },
  expect = "warn",
  subjects = { "/zero_trust_pc/certified_chip" },
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
  set = { ["/model"] = "beta", ["/zero_trust_pc/certified_chip"] = false },
  expect = "not_applicable",
}
