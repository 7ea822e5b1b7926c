case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha-prime body with settings guaranteed by every contract passes",
  set = { ["/model"] = "alpha_prime" },
  expect = "pass",
}
case {
  name = "contract without settings guarantee fails",
  set = { ["/model"] = "alpha_prime", ["/contracts/2/settings_guaranteed"] = false },
  expect = "fail",
  subjects = { "/contracts/2" },
}
case {
  name = "bare declared guarantees fail with require_evidence",
  set = { ["/model"] = "alpha_prime" },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/contracts/1", "/contracts/2" },
}
case {
  name = "evidenced guarantee passes with require_evidence",
  set = { ["/model"] = "alpha_prime" },
  remove = { "/contracts/2", "/contracts/1" },
  params = { require_evidence = true },
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "bare declared guarantees pass as declared by default",
  set = { ["/model"] = "alpha_prime" },
  remove = { "/contracts/0" },
  expect = "pass",
  evidence = "declared",
}
