-- Tests of PV-07-dlp (recommended).
case {
  name = "DLP with importance labels passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "no DLP labels is a warning",
  sample = "base",
  set = { ["/remote_access/dlp_labels"] = false },
  expect = "warn",
  subjects = { "/remote_access/dlp_labels" },
}
case {
  name = "neither telework nor remote access is not applicable",
  sample = "base",
  set = { ["/remote_access/used"] = false, ["/telework/used"] = false },
  expect = "not_applicable",
}
