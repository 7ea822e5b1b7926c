-- Tests of ZT-05. base.json (β′) declares every zero_trust_pc item true.
case {
  name = "business terminals with gpt_protection pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "gpt_protection declared false is a warning",
  sample = "base",
  set = { ["/zero_trust_pc/gpt_protection"] = false },
  expect = "warn",
  subjects = { "/zero_trust_pc/gpt_protection" },
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
  set = { ["/model"] = "beta", ["/zero_trust_pc/gpt_protection"] = false },
  expect = "not_applicable",
}
