-- ST-10: the decision to use screen transfer into mynumber was taken with the
-- municipality's executives and recorded with a date (S000 前提).
policy {
  id = "ST-10",
  requirements = { "ST-10" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 前提（自団体の幹部まで含め意思決定を行った上で、実装すること）",
  title = {
    ja = "幹部を含めた意思決定の記録",
    en = "Executive decision recorded",
  },
  remediation = {
    ja = "マイナンバー利用事務系への画面転送のリスク（通信経路の共通化による攻撃リスクの増大）を説明したうえで、幹部まで含めて導入を意思決定し、決定日と記録（決裁文書等）を申告してください。",
    en = "Explain the added risk of screen transfer into mynumber to the executives, take the decision with them, and declare the date and the record (e.g. the approval document).",
  },
  params = {
    require_evidence = kyojin.evidence_param({
      ja = "trueの場合、意思決定に証跡（決裁文書等）の添付を求める",
      en = "when true, executive_decision.decided must carry an evidence reference (e.g. the approval document)",
    }),
  },
  check = function(decl, result, params)
    for _, c in ipairs(kyojin.st_in_scope(decl, result, "mynumber")) do
      local id = kyojin.st_name(c)
      local ok, ev, problem = kyojin.declared_fact(kyojin.get(c, "executive_decision", "decided"), params.require_evidence)
      if not ok then
        local pj, pe = kyojin.declared_fact_problem(problem)
        result:fail(c, {
          ja = "画面転送「" .. id .. "」：幹部を含めた意思決定" .. pj .. "。",
          en = "screen transfer '" .. id .. "': the executive decision (executive_decision.decided)" .. pe .. ".",
        }, { evidence = ev })
      elseif type(kyojin.get(c, "executive_decision", "date")) ~= "string" then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」：幹部を含めた意思決定の日付が記録されていません。",
          en = "screen transfer '" .. id .. "': the date of the executive decision (executive_decision.date) is not recorded.",
        })
      else
        result:pass(c, nil, { evidence = ev })
      end
    end
  end,
}
