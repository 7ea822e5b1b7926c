-- Tests of PV-07. base.json uses telework and remote access with every measure in place.
case {
  name = "remote data protected passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "data reachable without per-access authentication fails",
  sample = "base",
  set = { ["/remote_access/per_access_auth"] = false },
  expect = "fail",
  subjects = { "/remote_access/per_access_auth" },
}
case {
  name = "broad privileges fail",
  sample = "base",
  set = { ["/remote_access/minimal_privileges"] = false },
  expect = "fail",
  subjects = { "/remote_access/minimal_privileges" },
}
case {
  name = "no abnormal-access detection fails",
  sample = "base",
  set = { ["/remote_access/abnormal_access_detection"] = false },
  expect = "fail",
  subjects = { "/remote_access/abnormal_access_detection" },
}
case {
  name = "missing DLP labels do not fail the required part",
  sample = "base",
  set = { ["/remote_access/dlp_labels"] = false },
  expect = "pass",
}
-- What PV-07 and PV-07-dlp share (applicability, telework without remote access, the
-- parameter telework_without_remote_access: kyojin.remote_data_check) runs against both;
-- a gap fails PV-07 and warns PV-07-dlp (recommended).
for _, p in ipairs({ { id = "PV-07", gap = "fail" }, { id = "PV-07-dlp", gap = "warn" } }) do
  case {
    policy = p.id,
    name = p.id .. ": neither telework nor remote access is not applicable",
    sample = "base",
    set = { ["/remote_access/used"] = false, ["/telework/used"] = false },
    expect = "not_applicable",
  }
  case {
    policy = p.id,
    name = p.id .. ": telework without declared remote access brings the requirement in (" .. p.gap .. ")",
    sample = "base",
    set = { ["/remote_access"] = { used = false } },
    expect = p.gap,
    subjects = { "/remote_access" },
  }
  case {
    policy = p.id,
    name = p.id .. ": telework_without_remote_access=false: telework alone is not applicable",
    sample = "base",
    set = { ["/remote_access"] = { used = false } },
    params = p.id == "PV-07" and { telework_without_remote_access = false }
      or { ["PV-07.telework_without_remote_access"] = false },
    expect = "not_applicable",
  }
  case {
    policy = p.id,
    name = p.id .. ": telework_without_remote_access=false still applies to remote access",
    sample = "base",
    params = p.id == "PV-07" and { telework_without_remote_access = false }
      or { ["PV-07.telework_without_remote_access"] = false },
    expect = "pass",
  }
end
