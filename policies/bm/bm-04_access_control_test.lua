-- Tests of BM-04, and of what BM-04 and BM-04-section share (the systems in scope and the
-- shape of the check, kyojin.beta_access_control_check): every case below runs against
-- both policies, per_division for BM-04 (a gap fails) and per_section for BM-04-section
-- (a gap warns). bm-04-section_access_control_test.lua adds the cases of BM-04-section alone.
-- Systems of base.json declaring access_control (document servers and the like):
-- doc-mgmt /assets/1, payroll /assets/2, accounting /assets/3 (confidentiality 2),
-- lgwan-biz /assets/14. inet-ad /assets/4 declares neither access control nor data.
local POLICIES = {
  { id = "BM-04", unit = "per_division", other = "per_section", gap = "fail" },
  { id = "BM-04-section", unit = "per_section", other = "per_division", gap = "warn" },
}
for _, p in ipairs(POLICIES) do
  local ac = "/controls/access_control/"
  case {
    policy = p.id,
    name = p.id .. ": " .. p.unit .. " access control on every document server passes",
    sample = "base",
    expect = "pass",
  }
  case {
    policy = p.id,
    name = p.id .. ": document server without " .. p.unit .. " access control (" .. p.gap .. ")",
    sample = "base",
    set = { ["/assets/1" .. ac .. p.unit] = false },
    expect = p.gap,
    subjects = { "/assets/1" },
  }
  case {
    policy = p.id,
    name = p.id .. ": two systems without it (" .. p.gap .. ")",
    sample = "base",
    set = { ["/assets/2" .. ac .. p.unit] = false, ["/assets/14" .. ac .. p.unit] = false },
    expect = p.gap,
    subjects = { "/assets/14", "/assets/2" },
  }
  case {
    policy = p.id,
    name = p.id .. ": no document server declaring access control at all (" .. p.gap .. ")",
    sample = "base",
    remove = { "/assets/1/controls/access_control", "/assets/2/controls/access_control",
               "/assets/3/controls/access_control", "/assets/14/controls/access_control" },
    expect = p.gap,
    subjects = { "/assets" },
  }
  case {
    policy = p.id,
    name = p.id .. ": a confidential system without access control is out of the default scope",
    sample = "base",
    set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
    expect = "pass",
  }
  case {
    policy = p.id,
    name = p.id .. ": scope=confidential_systems brings a confidential system without access control in",
    sample = "base",
    set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
    params = { scope = "confidential_systems" },
    expect = p.gap,
    subjects = { "/assets/4" },
  }
  case {
    policy = p.id,
    name = p.id .. ": scope=confidential_systems with min_confidentiality=3 leaves confidentiality 2 out",
    sample = "base",
    set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
    params = { scope = "confidential_systems", min_confidentiality = 3 },
    expect = "pass",
  }
  case {
    policy = p.id,
    name = p.id .. ": the " .. p.other .. " part is not judged here",
    sample = "base",
    set = { ["/assets/2" .. ac .. p.other] = false },
    expect = "pass",
  }
  case {
    policy = p.id,
    name = p.id .. ": not applicable to a beta body (model is beta)",
    sample = "base",
    set = { ["/model"] = "beta" },
    expect = "not_applicable",
  }
end
