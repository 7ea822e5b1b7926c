-- ES-01: information of confidentiality 2 or higher is never handled in external services
-- used only under standard click-through terms (S002 改定のポイント1 ①, 従来の「約款による外部サービス」).
policy {
  id = "ES-01",
  requirements = { "ES-01" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S002 改定のポイント1 ①（約款…への同意のみで利用可能となる外部サービス…機密性2以上の情報を取り扱うことはできない）",
  title = {
    ja = "約款同意のみの外部サービスで機密性2以上を扱わない",
    en = "No confidentiality-2+ information in click-through services",
  },
  remediation = {
    ja = "SNS等、約款・規約への同意のみで利用する外部サービスでは機密性2以上の情報を取り扱わないでください。取り扱う必要がある場合は、個別契約でセキュリティ要件を満たす外部サービスに切り替えてください。",
    en = "Do not handle confidentiality-2-or-higher information in services used only under click-through terms (SNS and the like); move such work to a service under a contract that meets the security requirements.",
  },
  check = function(decl, result)
    local services = decl.external_services
    if not kyojin.is_array(services) or #services == 0 then
      result:not_applicable({ ja = "外部サービスが申告されていません。", en = "no external service is declared" })
      return
    end
    for _, s in ipairs(services) do
      if s.click_through_terms ~= false and type(s.max_confidentiality) == "number" and s.max_confidentiality >= 2 then
        result:fail(s, {
          ja = "外部サービス「" .. tostring(s.name) .. "」は約款への同意のみで利用していますが、機密性" .. tostring(s.max_confidentiality) .. "の情報を取り扱っています。機密性2以上の情報はこのサービスで取り扱わないでください。",
          en = "external service '" .. tostring(s.name) .. "' is used under click-through terms only but handles confidentiality-" .. tostring(s.max_confidentiality) .. " information; keep confidentiality-2-or-higher information out of it.",
        })
      else
        result:pass(s)
      end
    end
  end,
}
