-- Tests of BM-08. base.json declares /screen_transfer/2 from an internet terminal to lgwan.
case {
  name = "beta body: screen transfer only and harmlessized files pass",
  sample = "base",
  set = { ["/model"] = "beta" },
  expect = "pass",
}
case {
  name = "beta-prime body with an internet-to-lgwan screen transfer is checked and passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "other traffic between internet and lgwan fails",
  sample = "base",
  set = { ["/model"] = "beta", ["/segment_boundary/internet_lgwan_screen_transfer_only"] = false },
  expect = "fail",
  subjects = { "/segment_boundary/internet_lgwan_screen_transfer_only" },
}
case {
  name = "boundary not declared fails",
  sample = "base",
  set = { ["/model"] = "beta" },
  remove = { "/segment_boundary" },
  expect = "fail",
  subjects = { "/segment_boundary/internet_lgwan_screen_transfer_only" },
}
case {
  name = "no harmlessization method fails",
  sample = "base",
  set = { ["/model"] = "beta", ["/harmlessization/methods"] = kyojin.array{} },
  expect = "fail",
  subjects = { "/harmlessization/methods" },
}
case {
  name = "alpha body with the beta situation is checked",
  sample = "base",
  set = { ["/model"] = "alpha", ["/segment_boundary/internet_lgwan_screen_transfer_only"] = false },
  expect = "fail",
  subjects = { "/segment_boundary/internet_lgwan_screen_transfer_only" },
}
case {
  name = "beta-prime body without the beta situation is not applicable",
  sample = "base",
  set = { ["/screen_transfer/0/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/target_segment"] = "internet" },
  expect = "not_applicable",
}

-- S000 個別の観点: an internet terminal reaching the My Number segment by DaaS 「βモデルと
-- みなせる」 — BM-08 applies to an α body with such a connection even with no lgwan target.
case {
  name = "alpha body with an internet terminal reaching mynumber: open boundary fails",
  sample = "base",
  set = { ["/model"] = "alpha",
          ["/screen_transfer/2/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/target_segment"] = "internet",
          ["/segment_boundary/internet_lgwan_screen_transfer_only"] = false },
  expect = "fail",
  subjects = { "/segment_boundary/internet_lgwan_screen_transfer_only" },
}
