-- Tests of TW-02. base.json: telework used, location_rules bare true.
case {
  name = "declared place rules pass",
  sample = "base",
  expect = "pass",
  evidence = "declared",
}
case {
  name = "no place rules fails",
  sample = "base",
  set = { ["/telework/location_rules"] = false },
  expect = "fail",
  subjects = { "/telework/location_rules" },
}
case {
  name = "require_evidence=true rejects the bare declared rules",
  sample = "base",
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/telework/location_rules" },
}
case {
  name = "require_evidence=true accepts evidenced rules",
  sample = "base",
  set = { ["/telework/location_rules"] = { value = true, evidence = {
    title = "テレワーク実施場所に関する運用規程", date = "2025-10-01",
    sha256 = "9f2c4e1a7b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8" } } },
  params = { require_evidence = true },
  expect = "pass",
}
case {
  name = "not applicable without telework",
  sample = "base",
  set = { ["/telework/used"] = false },
  expect = "not_applicable",
}
