-- Process facts (§1 "facts with evidence"): a fact is a boolean or
-- { value = bool, evidence = { title, date, sha256 } }.  declared_fact tells a policy
-- whether the fact holds, whether it is only declared or backed by an evidence
-- reference, and — when the policy's require_evidence parameter is set — whether a bare
-- declaration is enough.  Plain Lua; reads only the fact it is given.

local M = {}

-- evidence_attached(ev) -> true when ev is an evidence reference (a title or a SHA-256).
function M.evidence_attached(ev)
  local get = kyojin.get
  return type(get(ev, "title")) == "string" or type(get(ev, "sha256")) == "string"
end

-- declared_fact(v, require_evidence) -> ok, evidence, problem
--   ok        true when the fact is true (and evidenced, if evidence is required)
--   evidence  "evidenced" | "declared" | nil (nil when the fact is not true)
--   problem   nil | "missing" | "false" | "no_evidence"
function M.declared_fact(v, require_evidence)
  local get = kyojin.get
  local value, ev
  if v == true or v == false then
    value = v
  elseif type(v) == "table" or type(v) == "userdata" then
    value = get(v, "value")
    ev = get(v, "evidence")
  end
  if value == nil then return false, nil, "missing" end
  if value ~= true then return false, nil, "false" end
  local has_ev = M.evidence_attached(ev)
  local mode = has_ev and "evidenced" or "declared"
  if require_evidence and not has_ev then return false, mode, "no_evidence" end
  return true, mode, nil
end

-- Message fragment for a fact that did not hold: what is wrong with it, to follow the name
-- of the fact with no particle ("幹部を含めた意思決定" .. ja): "の申告がありません（不明）",
-- "は実施していると申告されていますが、証跡…がありません", "は実施していないと申告されています".
function M.declared_fact_problem(problem)
  if problem == "missing" then
    return "の申告がありません（不明）", " is not declared (unknown)"
  elseif problem == "no_evidence" then
    return "は実施していると申告されていますが、証跡（文書名・日付・SHA-256）がありません", " is declared in place without an evidence reference (title, date, SHA-256)"
  end
  return "は実施していないと申告されています", " is declared not in place"
end

return M
