-- Scoring rules of the risk analysis (requirements.md RA-02, RA-03, RA-05).
-- Plain data: kyojin evaluates this file in an empty environment. Change a rule here,
-- not in C; `kyojin risk` shows the result at once.
return {
  -- RA-03: number of effective countermeasures ("○") against a threat → countermeasure
  -- level. The first entry whose min_count is reached wins; list from high to low.
  countermeasure_levels = {
    { min_count = 2, level = 3 },   -- 複数の対策を多層で実施
    { min_count = 1, level = 2 },   -- 対策が一つ以上
    { min_count = 0, level = 1 },   -- 対策なし
  },
  -- Countermeasure level 1, 2, 3 → vulnerability level (S000 対策レベルと脆弱性レベルの対応).
  vulnerability_levels = { 3, 2, 1 },
  -- Stages whose countermeasures count as "○" (S000: 防御 and 検知/被害把握);
  -- business continuity (事業継続) is listed on the sheet but not counted.
  counted_stages = { "intrusion", "objective", "detection" },
  -- RA-05: the countermeasure level of an attack tree from its steps' levels:
  -- "max" (stopping any step stops the tree, S000) or "min" (the weakest step decides).
  tree_level = "max",
  -- RA-02: threat level = min(the threat's catalog level, the level of the target's placement
  -- on the threat's basis). Placement levels (S001 脅威レベルの定義):
  placement_levels = {
    logical = { internet_reachable = 3, intranet = 2, isolated = 1 },
    physical = { public = 3, restricted = 2, mfa_room = 1 },
  },
  -- An asset at the internet boundary (VPN, gateways) counts as internet-reachable.
  internet_boundary_is_reachable = true,
  -- S001: a known unpatched vulnerability forces this vulnerability level (0 disables).
  unpatched_vulnerability_level = 3,
  -- Whether an applied vendor mitigation (vulnerabilities[].mitigation.applied) lifts the
  -- override. S001 does not say so; the default keeps the override.
  mitigation_lifts_unpatched = false,
  -- S000: physical threats are outside the analysis (grey rows of the threat list).
  include_physical_threats = false,
  -- RA-05/RA-06: an attack tree's threat level is its entry point's level, lowered to the
  -- logical placement level of its target asset, but not below this floor: a route that
  -- reaches an isolated target has crossed the isolation, which leaves internal spread
  -- (level 2, S000 §3 脅威レベル). S000 scenario 1-1: internet entry (3), LGWAN terminal
  -- target (2) → 2. Set 1 to let an isolated target lower the level to 1.
  tree_target_floor = 2,
  -- S000: threat × vulnerability ≤ 3 means the countermeasures work (「安全」).
  safe_product = 3,
  -- Assets outside the analysis: listed on the sheet as out of scope, not scored. S000
  -- リスク分析の前提:「ガバメントクラウド自体に係るリスクの分析については対象としない」.
  -- `flags`: boolean fields of an asset, any of which puts it outside.
  out_of_scope = {
    flags = { "gov_cloud" },
    reason = { ja = "対象外: ガバメントクラウド自体のリスクは分析の対象としません（S000）",
               en = "Out of scope: the Government Cloud itself is not analysed (S000)" },
  },
}
