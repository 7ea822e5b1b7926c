-- PV-01: vendor contracts cover the whole process up to patch application
-- (identifying high-impact, urgent vulnerabilities and deciding whether to apply),
-- for network devices as well as software. Process facts, evidenced or declared.
policy {
  id = "PV-01",
  requirements = { "PV-01" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S003 ガイドライン改定案①（注）「ベンダとの契約の中に…適用に至るまでのプロセスまで含める」",
  title = {
    ja = "ベンダ契約にパッチ適用に至るまでのプロセスを含める",
    en = "Vendor contracts cover the whole process up to patch application",
  },
  remediation = {
    ja = "ベンダとの契約に、パッチ適用だけでなく、影響度と緊急度の高い脆弱性の把握と適用判断までのプロセスを含め、ネットワーク機器を対象とする契約ではネットワーク機器の脆弱性も対象に含めます。契約書の該当条項を証跡として申告します。",
    en = "Include in vendor contracts not only patch application but the whole process of identifying high-impact, urgent vulnerabilities and deciding whether to apply (patch_process.full_scope); where the contract covers network devices, include their vulnerabilities too (patch_process.includes_network_devices). Declare the contract clause as evidence.",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = { "patching" },
  check = function(decl, result, params)
    kyojin.contract_parts(decl, result, "patch_process", {
      none = {
        ja = "ベンダ契約が申告されていません。パッチ適用に至るプロセスを含む保守契約を申告してください。",
        en = "No vendor contract is declared. Declare the maintenance contracts that cover the patch process.",
      },
      missing = function(who, who_en)
        return {
          ja = "契約" .. who .. "にパッチ適用プロセスの定めがありません。脆弱性の把握から適用判断・適用までを契約に含めてください。",
          en = "Contract " .. who_en .. " states no patch process (patch_process). Include identifying vulnerabilities, deciding and applying patches.",
        }
      end,
    }, function(pp, at, who, who_en, c)
      kyojin.judge_process_fact(result, at .. "/full_scope", pp.full_scope,
        params.require_evidence,
        { ja = "契約" .. who .. "の脆弱性の把握から適用判断・適用までのプロセス",
          en = "Contract " .. who_en .. ": process from identifying vulnerabilities to deciding and applying patches" },
        { ja = "影響度と緊急度の高い脆弱性の把握と適用判断を契約に含めてください。",
          en = "Include identifying high-impact, urgent vulnerabilities and deciding on their patches in the contract." })
      if kyojin.contract_covers_network_devices(decl, c) then
        kyojin.judge_process_fact(result, at .. "/includes_network_devices",
          pp.includes_network_devices, params.require_evidence,
          { ja = "契約" .. who .. "のネットワーク機器の脆弱性対応",
            en = "Contract " .. who_en .. ": vulnerabilities of network devices" },
          { ja = "契約の対象にネットワーク機器があるため、その脆弱性の確認と対応を契約に含めてください。",
            en = "The contract covers network devices: include checking and handling their vulnerabilities." })
      end
    end)
  end,
}
