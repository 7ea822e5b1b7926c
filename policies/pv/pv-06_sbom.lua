-- PV-06 (recommended): vendors provide an SBOM, and the scope of software and of
-- vulnerability management it covers is stated (sized to the software's risk, not a
-- yes/no). `provided` is a process fact (evidenced or declared).
policy {
  id = "PV-06",
  requirements = { "PV-06" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S003 ガイドライン改定案 6.3 (2)「SBOMの提供有無の二者択一ではなく…範囲…を明示」",
  title = {
    ja = "ベンダによるSBOMの提供と対象範囲の明示",
    en = "SBOM provided by vendors, with its scope stated",
  },
  remediation = {
    ja = "調達・保守契約でベンダにSBOMの提供を求め、提供有無の二者択一ではなく、ソフトウェアのリスクに応じてSBOMの対象とするソフトウェアの範囲や脆弱性管理の範囲を明示します。",
    en = "Ask vendors for an SBOM and state, sized to the software's risk rather than as a yes/no, which software and which vulnerability management it covers (sbom.provided, sbom.scope).",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.contract_parts(decl, result, "sbom", {
      none = {
        ja = "ベンダ契約が申告されていません。SBOMの提供を定めた契約を申告することをお勧めします。",
        en = "No vendor contract is declared. Declaring the contracts that provide an SBOM is recommended.",
      },
      missing = function(who, who_en)
        return {
          ja = "契約" .. who .. "にSBOMの定めがありません。SBOMの提供と対象範囲を契約に含めることをお勧めします。",
          en = "Contract " .. who_en .. " says nothing about an SBOM (sbom). Including SBOM provision and its scope is recommended.",
        }
      end,
    }, function(sbom, at, who, who_en)
      local provided = kyojin.judge_process_fact(result, at .. "/provided", sbom.provided,
        params.require_evidence,
        { ja = "契約" .. who .. "のSBOMの提供", en = "Contract " .. who_en .. ": SBOM provided" },
        { ja = "ベンダにSBOMの提供を求めることをお勧めします。", en = "Asking the vendor for an SBOM is recommended." })
      if provided then
        local scope = sbom.scope
        if type(scope) == "string" and scope:match("%S") then
          result:pass(at .. "/scope", {
            ja = "契約" .. who .. "のSBOMの対象範囲が明示されています。",
            en = "Contract " .. who_en .. " states the scope of its SBOM.",
          })
        else
          result:fail(at .. "/scope", {
            ja = "契約" .. who .. "のSBOMは提供されるが、対象とするソフトウェアや脆弱性管理の範囲が明示されていません。リスクに応じた範囲を明示することをお勧めします。",
            en = "Contract " .. who_en .. " provides an SBOM but does not state which software and vulnerability management it covers (sbom.scope). Stating a scope sized to the risk is recommended.",
          })
        end
      end
    end)
  end,
}
