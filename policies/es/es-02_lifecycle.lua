-- ES-02: external services handling confidentiality-2-or-higher information meet the
-- security requirements over their whole life cycle — selection, use, termination
-- (S002 改定のポイント1 ②).
local PHASES = {
  { "selection", "選定時", "selection" },
  { "use", "利用時", "use" },
  { "termination", "利用終了時", "termination" },
}

policy {
  id = "ES-02",
  requirements = { "ES-02" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S002 改定のポイント1 ②（外部サービス利用時のライフサイクルに渡るセキュリティ要件の追加）",
  title = {
    ja = "機密性2以上を扱う外部サービスのライフサイクル全体の要件",
    en = "Life-cycle requirements for services handling confidentiality 2+",
  },
  remediation = {
    ja = "機密性2以上の情報を取り扱う外部サービスについて、選定時（セキュリティ要件の確認）、利用時（設定・運用の管理）、利用終了時（データの返却・消去）の対策を定めて実施し、その記録を証跡として申告してください。",
    en = "For services handling confidentiality-2-or-higher information, define and carry out the measures at selection (security requirements), use (settings and operation) and termination (return and erasure of data), and declare the records as evidence.",
  },
  params = {
    require_evidence = kyojin.evidence_param({
      ja = "trueの場合、lifecycleの各段階に証跡（選定評価シート等）の添付を求める",
      en = "when true, every life-cycle phase must carry an evidence reference (e.g. the selection assessment)",
    }),
  },
  check = function(decl, result, params)
    local services = decl.external_services
    if not kyojin.is_array(services) or #services == 0 then
      result:not_applicable({ ja = "外部サービスが申告されていません。", en = "no external service is declared" })
      return
    end
    local any = false
    for _, s in ipairs(services) do
      if type(s.max_confidentiality) == "number" and s.max_confidentiality >= 2 then
        any = true
        local bad_ja, bad_en, all_ev, all_true = {}, {}, true, true
        for _, ph in ipairs(PHASES) do
          local lc = s.lifecycle
          local ok, ev, problem = kyojin.declared_fact(kyojin.is_object(lc) and lc[ph[1]] or nil, params.require_evidence)
          if ev ~= "evidenced" then all_ev = false end
          if ev == nil then all_true = false end
          if not ok then
            local pj, pe = kyojin.declared_fact_problem(problem)
            bad_ja[#bad_ja + 1] = ph[2] .. "の対策" .. pj
            bad_en[#bad_en + 1] = "the " .. ph[3] .. " phase" .. pe
          end
        end
        -- the grading is reported only when every phase is declared true
        local mode = all_true and (all_ev and "evidenced" or "declared") or nil
        if #bad_ja > 0 then
          result:fail(s, {
            ja = "機密性" .. tostring(s.max_confidentiality) .. "の情報を扱う外部サービス「" .. tostring(s.name) .. "」：" .. table.concat(bad_ja, "。") .. "。",
            en = "external service '" .. tostring(s.name) .. "' handling confidentiality-" .. tostring(s.max_confidentiality) .. " information: " .. table.concat(bad_en, "; ") .. ".",
          }, { evidence = mode })
        else
          result:pass(s, nil, { evidence = mode })
        end
      end
    end
    if not any then
      result:not_applicable({ ja = "機密性2以上の情報を扱う外部サービスが申告されていません。", en = "no external service handles confidentiality-2-or-higher information" })
    end
  end,
}
