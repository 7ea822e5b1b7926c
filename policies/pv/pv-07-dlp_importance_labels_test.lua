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
case {
  name = "telework without declared remote access brings the requirement in (warn)",
  sample = "base",
  set = { ["/remote_access"] = { used = false } },
  expect = "warn",
  subjects = { "/remote_access" },
}
case {
  name = "telework_without_remote_access=false: telework alone is not applicable",
  sample = "base",
  set = { ["/remote_access"] = { used = false } },
  params = { telework_without_remote_access = false },
  expect = "not_applicable",
}
case {
  name = "telework_without_remote_access=false still applies to remote access",
  sample = "base",
  params = { telework_without_remote_access = false },
  expect = "pass",
}
