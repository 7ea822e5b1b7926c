-- Tests of BM-10. base.json declares every edr_service criterion true.
case {
  name = "every selection criterion confirmed passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "data leaving Japan is a warning",
  sample = "base",
  set = { ["/edr_service/data_in_japan"] = false },
  expect = "warn",
  subjects = { "/edr_service/data_in_japan" },
}
case {
  name = "unknown equipment security and specialist credentials are warnings",
  sample = "base",
  set = { ["/edr_service/equipment_secured"] = kyojin.null,
          ["/edr_service/specialist_credentials_known"] = kyojin.null },
  expect = "warn",
  subjects = { "/edr_service/equipment_secured", "/edr_service/specialist_credentials_known" },
}
case {
  name = "managed EDR in use without declared selection criteria is a warning",
  sample = "base",
  remove = { "/edr_service" },
  expect = "warn",
  subjects = { "/assets" },
}
do
  -- every asset with an EDR of base.json, with the managed service switched off
  local set = {}
  for _, i in ipairs({ 0, 1, 2, 3, 4, 5, 10, 12, 13, 14, 16, 18, 19, 20, 21, 22, 24 }) do
    set["/assets/" .. i .. "/controls/edr/managed_monitoring"] = false
  end
  case {
    name = "no managed EDR service at all is not applicable",
    sample = "base",
    set = set,
    remove = { "/edr_service" },
    expect = "not_applicable",
  }
end
-- Issue 14: a fact not declared is unknown, never "not done" (S003 ガイドライン改定案②
-- 「サービスを選定する際には、以下の観点で評価」).
case {
  name = "an undeclared selection criterion reads as not declared (unknown)",
  set = { ["/edr_service/data_in_japan"] = kyojin.null },
  expect = "warn",
  subjects = { "/edr_service/data_in_japan" },
  contains = "申告がありません（不明）",
  lacks = { "null", "満たしていない" },
}
