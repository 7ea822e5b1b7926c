-- Tests of BM-03. Business systems (servers, databases) of base.json in lgwan/internet:
-- /assets/1-4 and 14; backup-store /assets/17 is a storage appliance, not a business system.
case {
  name = "logs of every business system collected, analysed and retained passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "logs collected but not analysed fails",
  sample = "base",
  set = { ["/assets/14/controls/logging/analysed"] = false },
  expect = "fail",
  subjects = { "/assets/14" },
}
case {
  name = "logs not collected fails",
  sample = "base",
  set = { ["/assets/3/controls/logging/collected"] = false },
  expect = "fail",
  subjects = { "/assets/3" },
}
case {
  name = "no log management declared fails",
  sample = "base",
  remove = { "/assets/1/controls/logging" },
  expect = "fail",
  subjects = { "/assets/1" },
}
case {
  name = "logs not retained (0 days) fails",
  sample = "base",
  set = { ["/assets/14/controls/logging/retention_days"] = 0 },
  expect = "fail",
  subjects = { "/assets/14" },
}
case {
  name = "30 days of retention meets the default minimum",
  sample = "base",
  set = { ["/assets/2/controls/logging/retention_days"] = 30 },
  expect = "pass",
}
case {
  name = "min_retention_days=365 rejects 30 days of retention",
  sample = "base",
  set = { ["/assets/2/controls/logging/retention_days"] = 30 },
  params = { min_retention_days = 365 },
  expect = "fail",
  subjects = { "/assets/2" },
}
case {
  name = "no business system declared in lgwan or internet fails",
  sample = "base",
  set = { ["/assets/1/segment"] = "mynumber", ["/assets/2/segment"] = "mynumber",
          ["/assets/3/segment"] = "mynumber", ["/assets/4/segment"] = "mynumber",
          ["/assets/14/segment"] = "mynumber" },
  expect = "fail",
  subjects = { "/assets" },
}
case {
  name = "a storage appliance without log management is not a business system",
  sample = "base",
  remove = { "/assets/17/controls/logging" },
  expect = "pass",
}
case {
  name = "alpha body without the beta situation or screen transfer into mynumber is not applicable",
  sample = "base",
  set = { ["/model"] = "alpha",
          ["/screen_transfer/0/terminal_segment"] = "lgwan",
          ["/screen_transfer/0/target_segment"] = "internet",
          ["/screen_transfer/1/target_segment"] = "internet",
          ["/screen_transfer/2/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/target_segment"] = "internet" },
  expect = "not_applicable",
}

-- S000 個別の観点 「βモデルとみなせる。そのため、βモデルの対策を行う」: an internet terminal
-- reaching the My Number segment (not lgwan) in an α body brings in BM-03 as well.
case {
  name = "alpha body with an internet terminal reaching mynumber: unanalysed logs fail",
  sample = "base",
  set = { ["/model"] = "alpha",
          ["/screen_transfer/2/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/target_segment"] = "internet",
          ["/assets/14/controls/logging/analysed"] = false },
  expect = "fail",
  subjects = { "/assets/14" },
}
