case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha body with patched lgwan assets passes",
  set = { ["/model"] = "alpha" },
  expect = "pass",
}
case {
  name = "unpatched lgwan business server fails",
  set = { ["/model"] = "alpha_prime", ["/assets/14/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/14" },
}
case {
  name = "unpatched lgwan terminal fails",
  set = { ["/model"] = "beta", ["/assets/12/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/12" },
}
case {
  name = "unpatched internet-segment server is outside lgwan",
  set = { ["/model"] = "alpha", ["/assets/1/controls/patch/os_timely"] = false },
  expect = "pass",
}
-- S002 iii-42「OS 等の修正プログラムの適時適用」together with S004「ネットワーク機器は未適用
-- という部分が散見」: an lgwan firewall is patched like a server; its own fact decides.
case {
  name = "lgwan firewall not patched in time fails",
  set = { ["/model"] = "alpha", ["/assets/15/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/15" },
}
case {
  name = "lgwan server without a patch fact fails as unknown",
  set = { ["/model"] = "alpha" },
  remove = { "/assets/14/controls/patch" },
  expect = "fail",
  subjects = { "/assets/14" },
}
