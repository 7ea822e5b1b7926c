-- Tests of BM-01. samples/base.json is β′ with EDR on inet-pc (/assets/0).
case {
  name = "beta-prime base with a fully featured EDR on the internet terminals passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "EDR without behaviour detection fails",
  sample = "base",
  set = { ["/assets/0/controls/edr/behaviour_detection"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "EDR not enabled fails",
  sample = "base",
  set = { ["/assets/0/controls/edr/enabled"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "terminal without any EDR declaration fails",
  sample = "base",
  remove = { "/assets/0/controls/edr" },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "EDR without managed monitoring fails",
  sample = "base",
  set = { ["/assets/0/controls/edr/managed_monitoring"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "EDR that neither isolates nor supports investigation fails",
  sample = "base",
  set = { ["/assets/0/controls/edr/isolates_on_detection"] = false,
          ["/assets/0/controls/edr/investigation_support"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "EDR without exfiltration detection fails under the revised text (default)",
  sample = "base",
  set = { ["/assets/0/controls/edr/detects_exfiltration"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "require_exfiltration_detection=false accepts EDR without exfiltration detection",
  sample = "base",
  set = { ["/assets/0/controls/edr/detects_exfiltration"] = false },
  params = { require_exfiltration_detection = false },
  expect = "pass",
}
case {
  name = "beta-prime without any internet-segment terminal fails",
  sample = "base",
  set = { ["/assets/0/segment"] = "lgwan" },
  expect = "fail",
  subjects = { "/assets" },
}
case {
  name = "alpha body with an internet terminal reaching lgwan by screen transfer is treated as beta",
  sample = "base",
  set = { ["/model"] = "alpha", ["/assets/0/controls/edr/behaviour_detection"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
case {
  name = "alpha body with the beta situation and a proper EDR passes",
  sample = "base",
  set = { ["/model"] = "alpha" },
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

-- Issue 14: an internet-segment terminal reaching the My Number segment by screen transfer
-- in an α body is treated as β. S000 個別の観点: 「インターネット接続系の端末から…画面転送の
-- DaaSを利用してアクセスする構成は、βモデルとみなせる。そのため、βモデルの対策を行う」.
case {
  name = "alpha body whose internet terminal reaches mynumber by DaaS is treated as beta",
  sample = "base",
  set = { ["/model"] = "alpha",
          ["/screen_transfer/1/target_segment"] = "internet",
          ["/screen_transfer/2/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/target_segment"] = "internet",
          ["/assets/0/controls/edr/managed_monitoring"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
}
-- S003 ガイドライン改定案②: 「αモデルやβ・β'モデル、マイナンバー利用事務系に係る画面転送方式の
-- 対策の1つとして提示している「未知の不正プログラム対策」」 — the terminals from which an α
-- body reaches the My Number segment by screen transfer need it.
case {
  name = "alpha body: lgwan terminals reaching mynumber by screen transfer need EDR monitoring",
  sample = "alpha-town",
  set = { ["/assets/0/controls/edr/managed_monitoring"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
  contains = "マイナンバー利用事務系への画面転送「st-mn-sbc」の端末",
}
case {
  name = "alpha body with the EDR duty met on its My Number screen-transfer terminals passes",
  sample = "alpha-town",
  expect = "pass",
}
-- S003 <未知の不正プログラム対策>: 「従来のパターンマッチング型の検知に加えて…」.
case {
  name = "EDR without the conventional pattern matching beside it fails",
  sample = "base",
  set = { ["/assets/0/controls/antimalware/pattern_matching"] = false },
  expect = "fail",
  subjects = { "/assets/0" },
  contains = "従来のパターンマッチング型の検知",
}
