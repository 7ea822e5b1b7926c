-- Helpers for process facts (BM, PV, TW policies): a fact is either a boolean or
-- { value = true, evidence = { title, date, sha256 } }. A bare true is "declared",
-- a true backed by an evidence reference is "evidenced"; a policy parameter
-- (require_evidence) can demand the evidence. Reads the declaration only.
local M = {}

-- fact_parts(raw) -> value, evidence_or_nil
-- raw is the declaration value (boolean, fact object, null sentinel or nil).
-- Anything that is not a boolean or an object with a boolean value gives nil.
function M.fact_parts(raw)
  if raw == true or raw == false then return raw, nil end
  if raw == nil or type(raw) ~= "table" then return nil, nil end
  local value, evidence = kyojin.get(raw, "value"), kyojin.get(raw, "evidence")
  if value ~= true and value ~= false then return nil, nil end
  if evidence ~= nil and type(evidence) ~= "table" then evidence = nil end
  return value, evidence
end

-- judge_process_fact(result, subject, raw, require_evidence, what, fix) -> passed
-- Records one finding for a process fact:
--   true with evidence          -> pass  {evidence = "evidenced"}
--   true without evidence       -> pass  {evidence = "declared"}, or fail when
--                                  require_evidence is set
--   false                       -> fail
--   missing / null / malformed  -> fail (unknown; no evidence mark)
-- what = { ja, en } names the measure (with its subject, e.g. the contract),
-- fix  = { ja, en } says what to do.
function M.judge_process_fact(result, subject, raw, require_evidence, what, fix)
  local value, evidence = M.fact_parts(raw)
  local mark = { evidence = evidence ~= nil and "evidenced" or "declared" }
  if value == true then
    if evidence ~= nil then
      result:pass(subject, {
        ja = what.ja .. "：実施しています（証跡あり）。",
        en = what.en .. ": in place (evidence attached).",
      }, mark)
      return true
    end
    if require_evidence then
      result:fail(subject, {
        ja = what.ja .. "：実施していると申告されていますが、証跡（文書名・日付・SHA-256）がありません。この要件は証跡を必須としています。根拠文書を証跡として添付してください。",
        en = what.en .. ": declared true without an evidence reference (evidence: title, date, SHA-256), which this policy requires (require_evidence). Attach the supporting document as evidence.",
      }, mark)
      return false
    end
    result:pass(subject, {
      ja = what.ja .. "：実施しています（申告のみ、証跡なし）。",
      en = what.en .. ": in place (declared, no evidence).",
    }, mark)
    return true
  end
  if value == false then
    result:fail(subject, {
      ja = what.ja .. "：実施していないと申告されています。" .. fix.ja,
      en = what.en .. ": not in place (declared false). " .. fix.en,
    }, mark)
  else
    result:fail(subject, {
      ja = what.ja .. "：申告がありません（不明）。" .. fix.ja,
      en = what.en .. ": not declared or unknown. " .. fix.en,
    })
  end
  return false
end

-- judge_organisation_fact(result, decl, key, require_evidence, what, fix) -> passed
-- judge_process_fact on the fact organisation[key], recorded at /organisation/<key>
-- (missing when the declaration has no organisation).
function M.judge_organisation_fact(result, decl, key, require_evidence, what, fix)
  local org = decl.organisation
  return M.judge_process_fact(result, "/organisation/" .. key, org and org[key], require_evidence,
    what, fix)
end

-- evidence_param(description) -> the require_evidence parameter of a policy on process
-- facts (boolean, default false). description = { ja, en } says what the policy then asks
-- for; without it the general wording below is used.
function M.evidence_param(description)
  return {
    default = false,
    type = "boolean",
    description = description or {
      ja = "trueにすると、プロセス要件は証跡（evidence）付きの申告でのみ適合とします。",
      en = "When true, a process requirement passes only when its fact carries an evidence reference.",
    },
  }
end

return M
