case {
  name = "recorded executive decisions pass",
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "no executive decision fails",
  set = { ["/screen_transfer/0/executive_decision/decided"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "decision without a date fails",
  remove = { "/screen_transfer/1/executive_decision/date" },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "bare declared decision passes by default",
  set = { ["/screen_transfer/0/executive_decision/decided"] = true },
  expect = "pass",
  evidence = "declared",
}
case {
  name = "bare declared decision fails with require_evidence",
  set = { ["/screen_transfer/0/executive_decision/decided"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "evidenced decision passes with require_evidence",
  params = { require_evidence = true },
  expect = "pass",
}
case {
  name = "a bare decision failing require_evidence is graded declared",
  set = { ["/screen_transfer/1/executive_decision/decided"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
  evidence = "declared",
}
