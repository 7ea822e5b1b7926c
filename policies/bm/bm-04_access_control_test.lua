-- Tests of BM-04, and of what BM-04 and BM-04-section share (the systems in scope and the
-- shape of the check, kyojin.beta_access_control_check): every case below runs against
-- both policies, per_division for BM-04 (a gap fails) and per_section for BM-04-section
-- (a gap warns). bm-04-section_access_control_test.lua adds the cases of BM-04-section alone.
-- The default scope is every business system holding confidentiality 2 or more (and every one
-- declaring access control). Systems of base.json declaring access_control:
-- doc-mgmt /assets/1, payroll /assets/2, accounting /assets/3 (confidentiality 2),
-- lgwan-biz /assets/14. inet-ad /assets/4 declares neither access control nor data.
local POLICIES = {
  { id = "BM-04", unit = "per_division", other = "per_section", gap = "fail" },
  { id = "BM-04-section", unit = "per_section", other = "per_division", gap = "warn" },
}
for _, p in ipairs(POLICIES) do
  local ac = "/controls/access_control/"
  -- BM-04-section re-states BM-04 and reads BM-04's parameters
  local function P(t)
    if p.id == "BM-04" then return t end
    local out = {}
    for k, v in pairs(t) do out["BM-04." .. k] = v end
    return out
  end
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
    name = p.id .. ": scope=document_servers with no document server declaring access control (" .. p.gap .. ")",
    sample = "base",
    remove = { "/assets/1/controls/access_control", "/assets/2/controls/access_control",
               "/assets/3/controls/access_control", "/assets/14/controls/access_control" },
    params = P({ scope = "document_servers" }),
    expect = p.gap,
    subjects = { "/assets" },
  }
  case {
    policy = p.id,
    name = p.id .. ": confidential systems that declare no access control each " .. p.gap,
    sample = "base",
    remove = { "/assets/1/controls/access_control", "/assets/2/controls/access_control",
               "/assets/3/controls/access_control", "/assets/14/controls/access_control" },
    expect = p.gap,
    subjects = { "/assets/1", "/assets/14", "/assets/2", "/assets/3" },
    contains = "アクセス制御の申告がありません（不明）",
  }
  -- Issue 14: S002 β'モデル必須対策 「情報資産の機密性レベルに応じて業務システム単位でのアクセス
  -- 制御を行う」 — a system holding confidential information is in scope by default, and
  -- declaring no access control does not take it out.
  case {
    policy = p.id,
    name = p.id .. ": a confidential system without access control is in the default scope (" .. p.gap .. ")",
    sample = "base",
    set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
    expect = p.gap,
    subjects = { "/assets/4" },
  }
  case {
    policy = p.id,
    name = p.id .. ": scope=document_servers leaves a confidential system without access control out",
    sample = "base",
    set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
    params = P({ scope = "document_servers" }),
    expect = "pass",
  }
  case {
    policy = p.id,
    name = p.id .. ": scope=confidential_systems brings a confidential system without access control in",
    sample = "base",
    set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
    params = P({ scope = "confidential_systems" }),
    expect = p.gap,
    subjects = { "/assets/4" },
  }
  case {
    policy = p.id,
    name = p.id .. ": scope=confidential_systems with min_confidentiality=3 leaves confidentiality 2 out",
    sample = "base",
    set = { ["/assets/4/data"] = kyojin.array{ "confidential_2" } },
    params = P({ scope = "confidential_systems", min_confidentiality = 3 }),
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
