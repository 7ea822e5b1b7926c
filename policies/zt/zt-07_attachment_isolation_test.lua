-- Tests of ZT-07. base.json (β′) declares every zero_trust_pc item true.
case {
  name = "business terminals with attachment_hw_isolation pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "attachment_hw_isolation declared false is a warning",
  sample = "base",
  set = { ["/zero_trust_pc/attachment_hw_isolation"] = false },
  expect = "warn",
  subjects = { "/zero_trust_pc/attachment_hw_isolation" },
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
  set = { ["/model"] = "beta", ["/zero_trust_pc/attachment_hw_isolation"] = false },
  expect = "not_applicable",
}
