-- Tests of BM-07-shadow-it. The web proxy of base.json is /assets/7.
case {
  name = "URL filtering on the internet web gateway passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "web gateway without URL filtering is a warning",
  sample = "base",
  set = { ["/assets/7/controls/url_filtering"] = false },
  expect = "warn",
  subjects = { "/assets/7" },
}
case {
  name = "no web gateway in the internet segment is a warning",
  sample = "base",
  set = { ["/assets/7/segment"] = "lgwan" },
  expect = "warn",
  subjects = { "/assets" },
}
case {
  name = "not applicable to a beta body",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "not_applicable",
}
