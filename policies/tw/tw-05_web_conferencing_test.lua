-- Tests of TW-05. base.json: web conferencing used with every measure.
case {
  name = "all web-conferencing measures pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "meetings open to unrelated persons fail",
  sample = "base",
  set = { ["/web_conferencing/outsider_exclusion"] = false },
  expect = "fail",
  subjects = { "/web_conferencing/outsider_exclusion" },
}
case {
  name = "suspicious participants not removed fails",
  sample = "base",
  set = { ["/web_conferencing/suspicious_removal"] = false },
  expect = "fail",
  subjects = { "/web_conferencing/suspicious_removal" },
}
case {
  name = "information not checked beforehand fails",
  sample = "base",
  set = { ["/web_conferencing/content_check_beforehand"] = false },
  expect = "fail",
  subjects = { "/web_conferencing/content_check_beforehand" },
}
case {
  name = "not applicable without web conferencing",
  sample = "base",
  set = { ["/web_conferencing/used"] = false },
  expect = "not_applicable",
}
