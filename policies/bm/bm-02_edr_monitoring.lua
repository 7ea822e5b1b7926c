-- BM-02 (β, β′): a declared EDR counts as a countermeasure only together with a
-- monitoring arrangement and a link to the CSIRT (S002 注11). Every asset that
-- declares an enabled EDR is checked; a failure here removes EDR from risk scoring.
policy {
  id = "BM-02",
  requirements = { "BM-02" },
  level = "required",
  applies = function(decl) return kyojin.beta_measures_apply(decl) end,
  source = "S002 改定のポイント2（注11）「製品の導入だけでは未知の不正プログラムの対策とはならない」",
  title = {
    ja = "EDR の監視体制と CSIRT との連携",
    en = "EDR backed by a monitoring arrangement and a CSIRT link",
  },
  remediation = {
    ja = "EDR を導入した資産ごとに、マネージドサービス等による監視体制と CSIRT との連携（検知時の連絡・対応手順）を整え、CSIRT を設置する。製品の導入だけでは未知の不正プログラムの対策とはならない。",
    en = "For every asset with EDR, set up monitoring (e.g. a managed service) and a link to the CSIRT (how detections reach it and are handled), and have a CSIRT. Installing the product alone is not an unknown-malware countermeasure.",
  },
  countermeasures = { "edr" },
  check = function(decl, result, params)
    local with_edr = kyojin.beta_assets_where(decl, kyojin.edr_enabled)
    if #with_edr == 0 then
      result:pass("/assets", {
        ja = "EDR を申告した資産が無い（EDR の導入自体は BM-01 で確認する）。",
        en = "No asset declares EDR (whether EDR is deployed is checked by BM-01).",
      })
      return
    end
    local org = decl.organisation
    local csirt = org and org.csirt
    local csirt_value = kyojin.fact_parts(csirt and csirt.exists)
    for _, a in ipairs(with_edr) do
      local name = kyojin.caption_of_asset(a)
      local missing = kyojin.edr_missing(a, { "managed_monitoring", "csirt_link" })
      local ja, en = {}, {}
      for _, m in ipairs(missing) do ja[#ja + 1] = m.ja; en[#en + 1] = m.en end
      if csirt_value ~= true then
        ja[#ja + 1] = "連携先の CSIRT（organisation.csirt.exists が true でない）"
        en[#en + 1] = "a CSIRT to link to (organisation.csirt.exists is not true)"
      end
      if #ja == 0 then
        result:pass(a, {
          ja = "資産 " .. name.ja .. "の EDR は監視体制と CSIRT 連携を伴う。",
          en = "EDR of asset " .. name.en .. " is backed by monitoring and a CSIRT link.",
        })
      else
        result:fail(a, {
          ja = "資産 " .. name.ja .. "の EDR に " .. table.concat(ja, "、") .. " が無い。製品の導入だけでは対策とならないため、この EDR はリスク評価で対策として数えない。監視体制と CSIRT 連携を整えること。",
          en = "EDR of asset " .. name.en .. " lacks " .. table.concat(en, "; ") .. ". A product alone is not a countermeasure, so this EDR does not count in risk scoring. Set up monitoring and the CSIRT link.",
        })
      end
    end
  end,
}
