-- Tests of BM-04-section alone. The cases it shares with BM-04 (scope, parameters, a
-- missing per_section, not applicable) run against both policies in
-- bm-04_access_control_test.lua.
case {
  name = "per-section access control on every document server passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "per-division access control without per-section on payroll warns (recommended)",
  sample = "base",
  set = { ["/assets/2/controls/access_control/per_division"] = true,
          ["/assets/2/controls/access_control/per_section"] = false },
  expect = "warn",
  subjects = { "/assets/2" },
}
