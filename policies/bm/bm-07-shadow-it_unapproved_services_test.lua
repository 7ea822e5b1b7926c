-- Tests of BM-07-shadow-it. base.json declares organisation.shadow_it_control as a bare true.
case {
  name = "declared shadow-IT control passes",
  sample = "base",
  expect = "pass",
  evidence = "declared",
}
case {
  name = "no shadow-IT control is a warning",
  sample = "base",
  set = { ["/organisation/shadow_it_control"] = false },
  expect = "warn",
  subjects = { "/organisation/shadow_it_control" },
}
case {
  name = "shadow-IT control not declared is a warning",
  sample = "base",
  remove = { "/organisation/shadow_it_control" },
  expect = "warn",
  subjects = { "/organisation/shadow_it_control" },
}
case {
  name = "require_evidence=true rejects the bare declared control",
  sample = "base",
  params = { require_evidence = true },
  expect = "warn",
  subjects = { "/organisation/shadow_it_control" },
}
case {
  name = "require_evidence=true accepts an evidenced control",
  sample = "base",
  set = { ["/organisation/shadow_it_control"] = { value = true, evidence = {
    title = "Webゲートウェイ URLフィルタリング運用手順書", date = "2026-04-01",
    sha256 = "0c1d2e3f405162738495a6b7c8d9e0f1021324354657687980a1b2c3d4e5f607" } } },
  params = { require_evidence = true },
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "not applicable to a beta body",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "not_applicable",
}
