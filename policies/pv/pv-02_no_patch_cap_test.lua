-- Tests of PV-02. Every contract of base.json has round_cap null.
case {
  name = "contracts without a cap on patch applications pass",
  sample = "base",
  expect = "pass",
  evidence = "declared",
}
case {
  name = "a cap of 4 patch rounds a year fails",
  sample = "base",
  set = { ["/contracts/0/patch_process/round_cap"] = 4 },
  expect = "fail",
  subjects = { "/contracts/0/patch_process/round_cap" },
}
case {
  name = "caps in two contracts fail both",
  sample = "base",
  set = { ["/contracts/1/patch_process/round_cap"] = 12, ["/contracts/2/patch_process/round_cap"] = 1 },
  expect = "fail",
  subjects = { "/contracts/1/patch_process/round_cap", "/contracts/2/patch_process/round_cap" },
}
case {
  name = "no vendor contract declared is not applicable (PV-01 judges the missing contracts)",
  sample = "base",
  set = { ["/contracts"] = kyojin.array{} },
  expect = "not_applicable",
}
