-- Tests of BM-07-dlp. The internet business terminal of base.json is /assets/0.
case {
  name = "DLP on the business terminals passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "business terminal without DLP is a warning",
  sample = "base",
  set = { ["/assets/0/controls/dlp"] = false },
  expect = "warn",
  subjects = { "/assets/0" },
}
case {
  name = "business terminal with DLP undeclared is a warning",
  sample = "base",
  remove = { "/assets/0/controls/dlp" },
  expect = "warn",
  subjects = { "/assets/0" },
}
case {
  name = "beta-prime without internet business terminals is a warning",
  sample = "base",
  set = { ["/assets/0/segment"] = "lgwan" },
  expect = "warn",
  subjects = { "/assets" },
}
case {
  name = "not applicable to an alpha body",
  sample = "base",
  set = { ["/model"] = "alpha" },
  expect = "not_applicable",
}
