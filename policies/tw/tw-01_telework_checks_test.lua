-- Tests of TW-01. base.json: telework used, pre_post_checks evidenced.
case {
  name = "defined and evidenced telework checks pass",
  sample = "base",
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "no pre/post checks fails",
  sample = "base",
  set = { ["/telework/pre_post_checks"] = false },
  expect = "fail",
  subjects = { "/telework/pre_post_checks" },
}
case {
  name = "a bare declared fact passes by default",
  sample = "base",
  set = { ["/telework/pre_post_checks"] = true },
  expect = "pass",
  evidence = "declared",
}
case {
  name = "require_evidence=true rejects a bare declared fact",
  sample = "base",
  set = { ["/telework/pre_post_checks"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/telework/pre_post_checks" },
}
case {
  name = "not applicable without telework",
  sample = "base",
  set = { ["/telework/used"] = false },
  expect = "not_applicable",
}
