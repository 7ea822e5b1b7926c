case {
  name = "internet terminals with EDR, logs and harmlessization pass",
  expect = "pass",
}
case {
  name = "EDR without CSIRT link fails every internet-terminal connection (BM-02)",
  set = { ["/assets/0/controls/edr/csirt_link"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0", "/screen_transfer/2" },
}
case {
  name = "EDR without managed monitoring fails (BM-01)",
  set = { ["/assets/0/controls/edr/managed_monitoring"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0", "/screen_transfer/2" },
}
case {
  name = "lgwan business system without log analysis fails (BM-03)",
  set = { ["/assets/14/controls/logging/analysed"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0", "/screen_transfer/2" },
}
case {
  name = "no harmlessization method fails (BM-08)",
  set = { ["/harmlessization/methods"] = kyojin.array{} },
  remove = { "/harmlessization/visual_check_procedure" },
  expect = "fail",
  subjects = { "/screen_transfer/0", "/screen_transfer/2" },
}
case {
  name = "only lgwan terminals is not applicable",
  set = {
    ["/screen_transfer/0/terminal_segment"] = "lgwan",
    ["/screen_transfer/2/terminal_segment"] = "lgwan",
    ["/screen_transfer/2/target_segment"] = "internet",
  },
  expect = "not_applicable",
}

-- S000 個別の観点: an internet terminal reaching the My Number segment by DaaS 「βモデルと
-- みなせる」 in an α body: ST-12 and BM-02 give the same verdict.
case {
  name = "alpha body: internet terminal into mynumber with EDR lacking its CSIRT link fails",
  set = { ["/model"] = "alpha",
          ["/screen_transfer/1/target_segment"] = "internet",
          ["/screen_transfer/2/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/target_segment"] = "internet",
          ["/assets/0/controls/edr/csirt_link"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
  contains = "BM-02",
}
-- One parameter, one place: ST-12 judges BM-01 with BM-01's own parameter.
case {
  name = "EDR without exfiltration detection fails under BM-01's default",
  set = { ["/assets/0/controls/edr/detects_exfiltration"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0", "/screen_transfer/2" },
}
case {
  name = "EDR without exfiltration detection passes with BM-01.require_exfiltration_detection=false",
  set = { ["/assets/0/controls/edr/detects_exfiltration"] = false },
  params = { ["BM-01.require_exfiltration_detection"] = false },
  expect = "pass",
}
