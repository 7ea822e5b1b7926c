-- BM-05 (β′): a continuous security detection and monitoring arrangement over the
-- internet segment, where β′ places business terminals and systems, and adherence to
-- the organisation's security standards (a process fact with evidence).
policy {
  id = "BM-05",
  requirements = { "BM-05" },
  level = "required",
  models = { "beta_prime" },
  source = "S002 モデル比較表 β'モデル「セキュリティの継続的な検知・モニタリング体制」「組織的なセキュリティ対策基準の遵守」",
  title = {
    ja = "継続的な検知・モニタリング体制と組織的なセキュリティ対策基準の遵守",
    en = "Continuous detection and monitoring, and adherence to organisational security standards",
  },
  remediation = {
    ja = "インターネット接続系の業務端末・業務システムを継続的に監視し（異常検知 controls.anomaly_monitoring、端末はマネージド EDR 監視でも可）、ガイドラインに沿ったセキュリティポリシー（対策基準）を策定・遵守して、その根拠文書を証跡として申告する。",
    en = "Monitor the business terminals and systems of the internet segment continuously (anomaly detection, controls.anomaly_monitoring; for terminals a managed EDR service also counts) and follow a security policy (standards) in line with the guideline, declaring the supporting document as evidence.",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = { "anomaly_monitoring" },
  check = function(decl, result, params)
    local monitored_kinds = { terminal = true, server = true, database = true, storage = true }
    local assets = kyojin.beta_assets_where(decl, function(a)
      return a.segment == "internet" and monitored_kinds[a.kind] == true
    end)
    if #assets == 0 then
      result:fail("/assets", {
        ja = "インターネット接続系の業務端末・業務システムが申告されていない（β′モデル）。資産を申告すること。",
        en = "No business terminal or system of the internet segment is declared (β′). Declare the assets.",
      })
    end
    for _, a in ipairs(assets) do
      local name = kyojin.caption_of_asset(a)
      local controls = a.controls
      local monitored = controls ~= nil and controls.anomaly_monitoring == true
      if not monitored and a.kind == "terminal" and kyojin.edr_enabled(a) then
        monitored = controls.edr.managed_monitoring == true
      end
      if monitored then
        result:pass(a, {
          ja = "資産 " .. name.ja .. " は継続的に監視されている。",
          en = "Asset " .. name.en .. " is monitored continuously.",
        })
      else
        result:fail(a, {
          ja = "インターネット接続系の資産 " .. name.ja .. " に継続的な検知・モニタリングが無い（controls.anomaly_monitoring が true でなく、マネージド EDR による監視も無い）。監視体制に組み込むこと。",
          en = "Internet-segment asset " .. name.en .. " has no continuous detection and monitoring (controls.anomaly_monitoring is not true and no managed EDR monitoring). Bring it under monitoring.",
        })
      end
    end
    local org = decl.organisation
    kyojin.judge_process_fact(result, "/organisation/policy_follows_guideline",
      org and org.policy_follows_guideline, params.require_evidence,
      { ja = "組織的なセキュリティ対策基準（ガイドラインに沿ったセキュリティポリシー）の遵守",
        en = "Adherence to organisational security standards (a security policy following the guideline)" },
      { ja = "ガイドラインに沿ったセキュリティポリシーを策定・遵守し、organisation.policy_follows_guideline を申告すること。",
        en = "Adopt and follow a security policy in line with the guideline and declare organisation.policy_follows_guideline." })
  end,
}
