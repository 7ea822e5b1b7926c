-- Tests of BM-05-standards. base.json declares policy_follows_guideline with evidence.
case {
  name = "evidenced security policy following the guideline passes",
  sample = "base",
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "security policy not following the guideline fails",
  sample = "base",
  set = { ["/organisation/policy_follows_guideline"] = false },
  expect = "fail",
  subjects = { "/organisation/policy_follows_guideline" },
}
case {
  name = "a bare declared policy fact passes by default",
  sample = "base",
  set = { ["/organisation/policy_follows_guideline"] = true },
  expect = "pass",
  evidence = "declared",
}
case {
  name = "require_evidence=true rejects a bare declared policy fact",
  sample = "base",
  set = { ["/organisation/policy_follows_guideline"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/organisation/policy_follows_guideline" },
}
case {
  name = "require_evidence=true accepts the evidenced fact of base",
  sample = "base",
  params = { require_evidence = true },
  expect = "pass",
}
case {
  name = "not applicable to an alpha body",
  sample = "base",
  set = { ["/model"] = "alpha" },
  expect = "not_applicable",
}
