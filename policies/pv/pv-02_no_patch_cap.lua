-- PV-02: vendor contracts set no upper limit on the number of security-patch
-- applications (the root cause of the S003 incident).
policy {
  id = "PV-02",
  requirements = { "PV-02" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S003 事案の原因・課題「ベンダとの契約においてセキュリティパッチの適用回数に上限が設定されていた」",
  title = {
    ja = "ベンダ契約にセキュリティパッチ適用回数の上限を設けない",
    en = "No cap on the number of security-patch applications in vendor contracts",
  },
  remediation = {
    ja = "ベンダとの契約からセキュリティパッチの適用回数の上限をなくし、必要なたびにパッチを適用できるようにしてください（上限なしと申告します）。",
    en = "Remove any cap on the number of security-patch applications from vendor contracts so that patches are applied whenever needed (patch_process.round_cap null).",
  },
  countermeasures = { "patching" },
  check = function(decl, result, params)
    -- round_cap is a plain value (null or a number), not a fact with evidence.
    local DECLARED = { evidence = "declared" }
    local contracts = decl.contracts
    if contracts == nil or #contracts == 0 then
      -- nothing can cap the patch rounds; whether patching is contracted at all is PV-01's
      result:not_applicable({
        ja = "ベンダ契約が申告されていないため対象外（契約の有無はPV-01で確認する）",
        en = "no vendor contract is declared (PV-01 judges the missing contracts)",
      })
      return
    end
    for i, c in ipairs(contracts) do
      local at = "/contracts/" .. tostring(i - 1)
      local who, who_en = kyojin.contract_label(c)
      local pp = c.patch_process
      local cap = pp and pp.round_cap
      if pp ~= nil and cap == kyojin.null then
        result:pass(at .. "/patch_process/round_cap", {
          ja = "契約" .. who .. "にパッチ適用回数の上限はありません。",
          en = "Contract " .. who_en .. " sets no cap on patch applications.",
        }, DECLARED)
      elseif type(cap) == "number" then
        result:fail(at .. "/patch_process/round_cap", {
          ja = "契約" .. who .. "はセキュリティパッチの適用回数を" .. tostring(cap) .. "回に制限しています。資料「VDI侵害事案の報告」の事案の原因であり、上限を撤廃してください。",
          en = "Contract " .. who_en .. " caps security-patch applications at " .. tostring(cap) .. ". This was the root cause of the incident in the VDI intrusion report; remove the cap.",
        }, DECLARED)
      else
        result:fail(pp == nil and at or (at .. "/patch_process/round_cap"), {
          ja = "契約" .. who .. "のパッチ適用回数の上限の申告がありません（不明）。契約を確認して、上限の回数か上限なしを申告してください。",
          en = "Contract " .. who_en .. " does not state whether patch applications are capped (patch_process.round_cap: null for none). Check the contract and declare it.",
        }, DECLARED)
      end
    end
  end,
}
