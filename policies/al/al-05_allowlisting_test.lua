case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha lgwan terminal with allow-listing passes",
  set = { ["/model"] = "alpha" },
  expect = "pass",
}
case {
  name = "alpha lgwan terminal without allow-listing warns",
  set = { ["/model"] = "alpha", ["/assets/12/controls/allowlisting"] = false },
  expect = "warn",
  subjects = { "/assets/12" },
}
