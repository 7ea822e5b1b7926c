-- Tests of BM-09. base.json: /audits/0 external (submission evidenced), /audits/1 internal.
case {
  name = "external audit report submitted to J-LIS with evidence passes",
  sample = "base",
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "external audit report not submitted fails",
  sample = "base",
  set = { ["/audits/0/report_submitted_to_jlis"] = false },
  expect = "fail",
  subjects = { "/audits/0" },
}
case {
  name = "a bare declared submission passes by default",
  sample = "base",
  set = { ["/audits/0/report_submitted_to_jlis"] = true },
  expect = "pass",
  evidence = "declared",
}
case {
  name = "require_evidence=true rejects a bare declared submission",
  sample = "base",
  set = { ["/audits/0/report_submitted_to_jlis"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/audits/0" },
}
case {
  name = "internal audits need no submission",
  sample = "base",
  set = { ["/audits/0/type"] = "internal", ["/audits/0/report_submitted_to_jlis"] = false },
  expect = "pass",
}
case {
  name = "not applicable to an alpha-prime body",
  sample = "base",
  set = { ["/model"] = "alpha_prime" },
  expect = "not_applicable",
}
