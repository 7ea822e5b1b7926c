-- Tests of BM-11. base.json: CSIRT exists (evidenced), roles_defined bare true,
-- training and CYDER evidenced, info_sharing bare true, policy evidenced.
case {
  name = "all organisational measures in place passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "applies to an alpha body too",
  sample = "base",
  set = { ["/model"] = "alpha", ["/organisation/cyder"] = false },
  expect = "fail",
  subjects = { "/organisation/cyder" },
}
case {
  name = "no CSIRT fails",
  sample = "base",
  set = { ["/organisation/csirt/exists"] = false },
  expect = "fail",
  subjects = { "/organisation/csirt/exists" },
}
case {
  name = "CSIRT roles not defined fails",
  sample = "base",
  set = { ["/organisation/csirt/roles_defined"] = false },
  expect = "fail",
  subjects = { "/organisation/csirt/roles_defined" },
}
case {
  name = "no training and no information sharing fail",
  sample = "base",
  set = { ["/organisation/training"] = false, ["/organisation/info_sharing"] = false },
  expect = "fail",
  subjects = { "/organisation/info_sharing", "/organisation/training" },
}
case {
  name = "policy not following the guideline fails",
  sample = "base",
  set = { ["/organisation/policy_follows_guideline"] = false },
  expect = "fail",
  subjects = { "/organisation/policy_follows_guideline" },
}
case {
  name = "require_evidence=true rejects the bare declared facts",
  sample = "base",
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/organisation/csirt/roles_defined", "/organisation/info_sharing" },
}
