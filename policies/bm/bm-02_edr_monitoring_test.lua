-- Tests of BM-02. In samples/base.json every asset with terminal or server controls
-- declares an enabled EDR with managed monitoring and a CSIRT link.
case {
  name = "EDR with monitoring and CSIRT link passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "EDR on a server without CSIRT link fails",
  sample = "base",
  set = { ["/assets/1/controls/edr/csirt_link"] = false },
  expect = "fail",
  subjects = { "/assets/1" },
}
case {
  name = "EDR on the business terminal without managed monitoring fails",
  sample = "base",
  set = { ["/assets/0/controls/edr/managed_monitoring"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "a disabled EDR is not judged here (BM-01 judges deployment)",
  sample = "base",
  set = { ["/assets/0/controls/edr/enabled"] = false,
          ["/assets/0/controls/edr/managed_monitoring"] = false },
  expect = "pass",
}
case {
  name = "without a CSIRT no EDR counts",
  sample = "base",
  set = { ["/organisation/csirt/exists"] = false },
  expect = "fail",
  subjects = { "/assets/0", "/assets/1", "/assets/2", "/assets/3", "/assets/4", "/assets/5",
               "/assets/10", "/assets/12", "/assets/13", "/assets/14", "/assets/16", "/assets/18",
               "/assets/19", "/assets/20", "/assets/21", "/assets/22", "/assets/24" },
}
case {
  name = "alpha body with the beta screen-transfer situation is checked",
  sample = "base",
  set = { ["/model"] = "alpha", ["/assets/22/controls/edr/csirt_link"] = false },
  expect = "fail",
  subjects = { "/assets/22" },
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

-- S002 注11 「製品の導入だけでは未知の不正プログラムの対策とはならない」 qualifies the
-- countermeasure BM-01 asks of an α body's My Number screen-transfer terminals (S003) too.
case {
  name = "alpha body: EDR of a My Number screen-transfer terminal without CSIRT link fails",
  sample = "alpha-town",
  set = { ["/assets/0/controls/edr/csirt_link"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
-- S000 個別の観点 「βモデルとみなせる」: an internet terminal reaching mynumber in an α body.
case {
  name = "alpha body with an internet terminal reaching mynumber: EDR without CSIRT link fails",
  sample = "base",
  set = { ["/model"] = "alpha",
          ["/screen_transfer/1/target_segment"] = "internet",
          ["/screen_transfer/2/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/target_segment"] = "internet",
          ["/assets/0/controls/edr/csirt_link"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
-- Issue 14: the message names the missing CSIRT in plain words, not the field and true.
case {
  name = "no CSIRT: the message says so without field names",
  set = { ["/organisation/csirt/exists"] = false },
  expect = "fail",
  contains = "連携先のCSIRT",
  lacks = { "organisation.csirt", "true" },
}
