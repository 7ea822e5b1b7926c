case {
  name = "beta-prime body with a qualified external audit passes",
  expect = "pass",
}
case {
  name = "alpha body is not applicable",
  set = { ["/model"] = "alpha" },
  expect = "not_applicable",
}
case {
  name = "external audit without stated qualifications fails",
  set = { ["/audits/0/auditor_qualifications"] = kyojin.array{} },
  expect = "fail",
  subjects = { "/audits/0" },
}
case {
  name = "no external audit fails",
  set = { ["/model"] = "alpha_prime", ["/audits/0/type"] = "internal" },
  expect = "fail",
  subjects = { "/audits" },
}
case {
  name = "audit report as evidence passes with require_evidence",
  params = { require_evidence = true },
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "audit without report evidence fails with require_evidence",
  set = { ["/audits/0/report_submitted_to_jlis"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/audits/0" },
}
case {
  name = "audit without report evidence passes as declared by default",
  set = { ["/audits/0/report_submitted_to_jlis"] = true },
  expect = "pass",
  evidence = "declared",
}
