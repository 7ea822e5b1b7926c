-- Tests of PV-07-dlp (recommended). The cases it shares with PV-07 (applicability and
-- telework_without_remote_access) run against both in pv-07_remote_data_protection_test.lua.
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
