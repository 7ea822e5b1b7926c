-- BM-05 (β′), monitoring part: a continuous security detection and monitoring
-- arrangement (the process fact organisation.continuous_monitoring, evidenced or
-- declared) that covers the internet segment, where β′ places business terminals and
-- systems (each such asset monitored). Adherence to the organisational security
-- standards is BM-05-standards (separate so that its failure does not remove anomaly
-- monitoring from risk scoring).
policy {
  id = "BM-05",
  requirements = { "BM-05" },
  level = "required",
  models = { "beta_prime" },
  source = "S002 モデル比較表 β'モデル「セキュリティの継続的な検知・モニタリング体制」",
  title = {
    ja = "セキュリティの継続的な検知・モニタリング体制",
    en = "Continuous security detection and monitoring",
  },
  remediation = {
    ja = "SOCなどによる継続的なセキュリティの検知・モニタリング体制を整えて契約書などを証跡として申告し、インターネット接続系の業務端末・業務システムをその監視下に置いてください（異常検知、端末はマネージドEDRによる監視でも構いません）。",
    en = "Set up a continuous security detection and monitoring arrangement (e.g. a SOC), declare its contract as evidence (organisation.continuous_monitoring), and bring the business terminals and systems of the internet segment under it (anomaly detection, controls.anomaly_monitoring; for terminals a managed EDR service also counts).",
  },
  params = { require_evidence = kyojin.evidence_param() },
  countermeasures = { "anomaly_monitoring" },
  check = function(decl, result, params)
    kyojin.judge_organisation_fact(result, decl, "continuous_monitoring", params.require_evidence,
      { ja = "セキュリティの継続的な検知・モニタリング体制", en = "Continuous security detection and monitoring arrangement" },
      { ja = "SOCなどによる継続的な検知・モニタリング体制を整え、そのことを申告してください。",
        en = "Set up continuous detection and monitoring (e.g. a SOC) and declare organisation.continuous_monitoring." })
    local monitored_kinds = { terminal = true, server = true, database = true, storage = true }
    local assets = kyojin.beta_assets_where(decl, function(a)
      return a.segment == "internet" and monitored_kinds[a.kind] == true
    end)
    if #assets == 0 then
      result:fail("/assets", {
        ja = "インターネット接続系の業務端末・業務システムの申告がありません（不明、β′モデル）。資産を申告してください。",
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
          ja = "資産" .. name.ja .. "は継続的に監視されています。",
          en = "Asset " .. name.en .. " is monitored continuously.",
        })
      else
        result:fail(a, {
          ja = "インターネット接続系の資産" .. name.ja .. "に継続的な検知・モニタリングがありません（異常検知もマネージドEDRによる監視もありません）。監視体制に組み込んでください。",
          en = "Internet-segment asset " .. name.en .. " has no continuous detection and monitoring (controls.anomaly_monitoring is not true and no managed EDR monitoring). Bring it under monitoring.",
        })
      end
    end
  end,
}
