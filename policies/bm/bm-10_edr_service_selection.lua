-- BM-10 (recommended): selection criteria of the EDR managed service (S003 改定案):
-- data stays in Japan, domestic provision, known specialist credentials, secured
-- monitoring equipment. Each is a declared fact; false or unknown (null) is a warning.
-- Not applicable when no managed EDR service is used or declared.
policy {
  id = "BM-10",
  requirements = { "BM-10" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S003 ガイドライン改定案②「サービスを選定する際には、以下の観点で評価」",
  title = {
    ja = "EDRマネージドサービスの選定基準",
    en = "Selection criteria of the EDR managed service",
  },
  remediation = {
    ja = "EDRのマネージドサービスを選定する際に、団体の情報が国外に持ち出されないこと、国内で提供されていること、セキュリティ専門家の経歴、監視・検出・特定に使う機器などのセキュリティ対策を確認し、申告してください。",
    en = "When selecting the EDR managed service, confirm that the body's data does not leave Japan, that the service is provided domestically, the specialists' credentials, and the security of the monitoring equipment, and declare them in edr_service.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    local service = decl.edr_service
    if service == nil then
      local managed = kyojin.beta_assets_where(decl, function(a)
        return kyojin.edr_enabled(a) and a.controls.edr.managed_monitoring == true
      end)
      if #managed == 0 then
        result:not_applicable({
          ja = "EDRのマネージドサービスが利用も申告もされていないため対象外",
          en = "no EDR managed service is used or declared",
        })
      else
        result:fail("/assets", {
          ja = "資産" .. kyojin.caption_of_asset(managed[1]).ja .. "ほかがマネージドEDRで監視されているが、サービスの選定基準が申告されていません。国外持ち出し・国内提供・専門家の経歴・機器の対策を確認して申告することをお勧めします。",
          en = "Asset " .. kyojin.caption_of_asset(managed[1]).en .. " and others are monitored by a managed EDR service, but its selection criteria (edr_service) are not declared. Confirming and declaring data location, domestic provision, specialist credentials and equipment security is recommended.",
        })
      end
      return
    end
    local criteria = {
      { "data_in_japan", "団体の情報が国外に持ち出されないこと", "the body's data does not leave Japan" },
      { "domestic_provision", "マネージドサービスが国内で提供されていること", "the managed service is provided domestically" },
      { "specialist_credentials_known", "セキュリティ専門家の経歴が確認できること", "the specialists' credentials are known" },
      { "equipment_secured", "監視・検出・特定に使用する機器等のセキュリティ対策", "the monitoring equipment itself is secured" },
    }
    for _, c in ipairs(criteria) do
      local key, ja, en = c[1], c[2], c[3]
      local v = service[key]
      local subject = "/edr_service/" .. key
      if v == true then
        result:pass(subject, { ja = "EDRマネージドサービス：" .. ja .. "を確認しています。",
                               en = "EDR managed service: confirmed that " .. en .. "." })
      elseif v == false then
        result:fail(subject, {
          ja = "EDRマネージドサービスは選定基準を満たしていないと申告されています：" .. ja .. "。サービスの見直しをお勧めします。",
          en = "The EDR managed service fails a selection criterion: " .. en .. " (declared false). Reviewing the service is recommended.",
        })
      else
        result:fail(subject, {
          ja = "EDRマネージドサービスの選定基準の申告がありません（不明）：" .. ja .. "。事業者に確認して申告することをお勧めします。",
          en = "Unknown whether the EDR managed service meets: " .. en .. " (not declared / null). Confirming it with the provider is recommended.",
        })
      end
    end
  end,
}
