-- PV-08 (recommended): incident-response partners — a list of vendors able to respond,
-- regular sharing of the system configuration with them, roles agreed with the
-- development vendor, NDAs signed in advance (process facts, evidenced or declared).
policy {
  id = "PV-08",
  requirements = { "PV-08" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S003 ガイドライン改定案③ 1.組織体制 (9) CSIRTの設置・役割（注12）",
  title = {
    ja = "インシデント対応の相談先（ベンダ）の確保",
    en = "Incident-response partners secured in advance",
  },
  remediation = {
    ja = "インシデント対応（分析、封じ込め、根絶等）を依頼できるベンダをリスト化し（情報セキュリティサービス基準適合サービスリストのデジタルフォレンジックサービス部分も参考）、システム構成を定期的に共有し、開発ベンダとインシデント発生時の役割を明確にし、あらかじめNDAを締結しておいてください。",
    en = "List vendors that can be asked for incident response (analysis, containment, eradication), e.g. from the forensics section of the information-security service list; share the system configuration with them regularly; agree roles with the development vendor; sign NDAs in advance.",
  },
  params = {
    require_evidence = kyojin.evidence_param(),
    require_forensics_partner = {
      default = false,
      type = "boolean",
      description = {
        ja = "相談先にデジタルフォレンジック対応可能なベンダを必須とするか（S003はフォレンジックサービスのリストを「参考」とするのみ）。",
        en = "Whether one partner must offer digital forensics (S003 names the forensics service list only as a reference).",
      },
    },
  },
  countermeasures = {},
  check = function(decl, result, params)
    local ir = decl.incident_response
    local partners = ir and ir.partners
    if partners == nil or #partners == 0 then
      result:fail("/incident_response/partners", {
        ja = "インシデント対応を依頼できるベンダのリストがありません。相談先を確保しリスト化することをお勧めします。",
        en = "No list of vendors able to respond to incidents (incident_response.partners is empty). Securing and listing partners is recommended.",
      })
    elseif params.require_forensics_partner then
      local forensic = false
      for _, p in ipairs(partners) do
        if p.forensics == true then forensic = true end
      end
      if forensic then
        result:pass("/incident_response/partners", {
          ja = "デジタルフォレンジックに対応できる相談先があります（" .. tostring(#partners) .. "社）。",
          en = "A partner able to do digital forensics is listed (" .. tostring(#partners) .. " partner(s)).",
        })
      else
        result:fail("/incident_response/partners", {
          ja = "相談先" .. tostring(#partners) .. "社のいずれもデジタルフォレンジックに対応していません。フォレンジック対応可能なベンダの確保をお勧めします。",
          en = "None of the " .. tostring(#partners) .. " partner(s) offers digital forensics. Securing a forensics-capable vendor is recommended.",
        })
      end
    else
      result:pass("/incident_response/partners", {
        ja = "インシデント対応の相談先をリスト化しています（" .. tostring(#partners) .. "社）。",
        en = "Incident-response partners are listed (" .. tostring(#partners) .. ").",
      })
    end
    local items = {
      { "config_shared", "相談先とのシステム構成の定期的な共有", "Regular sharing of the system configuration with the partners",
        "相談先とシステム構成を定期的に共有することをお勧めします。", "Sharing the system configuration with the partners regularly is recommended." },
      { "roles_agreed", "開発ベンダとのインシデント発生時の役割の明確化", "Roles agreed with the development vendor",
        "開発ベンダとインシデント時の役割を明確にすることをお勧めします。", "Agreeing incident roles with the development vendor is recommended." },
      { "nda_signed", "相談先との事前のNDA（秘密保持契約）締結", "NDAs signed with the partners in advance",
        "相談先とあらかじめNDAを締結することをお勧めします。", "Signing NDAs with the partners in advance is recommended." },
    }
    for _, it in ipairs(items) do
      kyojin.judge_process_fact(result, "/incident_response/" .. it[1], ir and ir[it[1]],
        params.require_evidence, { ja = it[2], en = it[3] }, { ja = it[4], en = it[5] })
    end
  end,
}
