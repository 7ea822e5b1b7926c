-- Tests of ZT-02. base.json (β′) declares every zero_trust_pc item true.
case {
  name = "business terminals with discrete_tpm pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "discrete_tpm declared false is a warning",
  sample = "base",
  set = { ["/zero_trust_pc/discrete_tpm"] = false },
  expect = "warn",
  subjects = { "/zero_trust_pc/discrete_tpm" },
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
  set = { ["/model"] = "beta", ["/zero_trust_pc/discrete_tpm"] = false },
  expect = "not_applicable",
}
