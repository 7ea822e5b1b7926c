-- PV-05 (recommended): where a patch cannot be applied, the vendor's mitigation is
-- applied (vulnerabilities[].mitigation.applied) and recorded as a waiver naming the
-- vulnerability, with the mitigation and an expiry not yet passed at body.as_of. The
-- same waiver is what turns the PV-03 / PV-04 failure of that vulnerability into
-- 例外承認 (done by the engine).
policy {
  id = "PV-05",
  requirements = { "PV-05" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S003 ガイドライン改定案①「やむを得ず対応できない場合は、一時的な回避方法として…ベンダが公開した緩和策」",
  title = {
    ja = "パッチを適用できない脆弱性の緩和策の適用と記録",
    en = "Mitigation of vulnerabilities that cannot be patched, applied and recorded",
  },
  remediation = {
    ja = "やむを得ずパッチを適用できない脆弱性には、ベンダが公開した緩和策を一時的な回避方法として適用し、その脆弱性をsubjectとする例外承認（waivers:緩和策mitigationと期限expiresを記載）として記録します。",
    en = "For a vulnerability that cannot be patched, apply the vendor's published mitigation as a temporary workaround (mitigation.applied) and record it as a waiver whose subject is the vulnerability, stating the mitigation and an expiry.",
  },
  countermeasures = { "vuln_avoidance" },
  check = function(decl, result, params)
    local list = decl.vulnerabilities
    local unpatched = 0
    for i, v in ipairs(list or {}) do
      if v.patched ~= true then
        unpatched = unpatched + 1
        local at = "/vulnerabilities/" .. tostring(i - 1)
        local what = kyojin.vuln_caption(v)
        local What = (what.en:gsub("^%l", string.upper))
        local m = v.mitigation
        if m == nil or m.applied ~= true then
          result:fail(v, {
            ja = what.ja .. "は未適用で、ベンダの緩和策を適用したという申告もありません。パッチを適用するか、緩和策を適用して例外承認に記録してください。",
            en = What .. " is unpatched and no vendor mitigation is applied (mitigation.applied is not true). Patch it, or apply the mitigation and record a waiver.",
          })
        else
          -- the waiver that records the mitigation: subject is the vulnerability (or
          -- inside it) and it states the mitigation; it must not have expired by the
          -- date the declaration describes (body.as_of)
          local as_of = decl.body.as_of
          local recorded, expired = nil, nil
          for _, w in ipairs(decl.waivers or {}) do
            local s = w.subject
            if (s == at or (type(s) == "string" and s:sub(1, #at + 1) == at .. "/"))
               and type(w.mitigation) == "string" and w.mitigation ~= "" then
              if type(w.expires) == "string" and w.expires >= as_of then
                recorded = w
                break
              end
              expired = w
            end
          end
          if recorded then
            result:pass(v, {
              ja = what.ja .. "は未適用だが、緩和策を適用し例外承認（期限" .. recorded.expires .. "）に記録しています。",
              en = What .. " is unpatched, but the mitigation is applied and recorded as a waiver (expires " .. recorded.expires .. ").",
            })
          elseif expired then
            result:fail(v, {
              ja = what.ja .. "の緩和策を記録した例外承認は" .. tostring(expired.expires) .. "で期限が切れています（申告の日付は" .. tostring(as_of) .. "）。パッチを適用するか、例外承認を見直して期限を更新してください。",
              en = "The waiver recording the mitigation of " .. what.en .. " expired on " .. tostring(expired.expires) .. " (declaration as of " .. tostring(as_of) .. "). Patch it, or review the waiver and renew its expiry.",
            })
          else
            result:fail(v, {
              ja = what.ja .. "の緩和策は適用されていますが、例外承認（対象" .. at .. "、緩和策と期限を記載）として記録されていません。例外承認に記録してください。",
              en = "The mitigation of " .. what.en .. " is applied but not recorded as a waiver (subject " .. at .. ", with mitigation and expires). Record it in waivers.",
            })
          end
        end
      end
    end
    if unpatched == 0 then
      result:pass("/vulnerabilities", {
        ja = "未適用の脆弱性は申告されていません。",
        en = "No unpatched vulnerability is declared.",
      })
    end
  end,
}
