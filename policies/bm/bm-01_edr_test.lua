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
  name = "alpha body without the beta situation is not applicable",
  sample = "base",
  set = { ["/model"] = "alpha",
          ["/screen_transfer/2/terminal_segment"] = "lgwan",
          ["/screen_transfer/2/target_segment"] = "internet" },
  expect = "not_applicable",
}
