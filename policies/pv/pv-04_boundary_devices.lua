-- PV-04: devices at the internet boundary (VPN, remote-access and authentication
-- gateways, and every asset declared internet_boundary) have no unpatched
-- vulnerability at or above important_cvss.
policy {
  id = "PV-04",
  requirements = { "PV-04" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S003 ガイドライン改定案①「インターネットとの境界にある機器におけるセキュリティパッチの適用は特に重要」",
  title = {
    ja = "インターネット境界の機器に重要な未適用脆弱性がない",
    en = "No important unpatched vulnerability on internet-boundary devices",
  },
  remediation = {
    ja = "VPN装置・認証ゲートウェイなどインターネットとの境界にある機器の脆弱性は、CVSS {important_cvss:1}以上のものを最優先でパッチ適用してください。",
    en = "Patch vulnerabilities of CVSS {important_cvss:1} or more on internet-boundary devices such as VPN appliances and authentication gateways first.",
  },
  params = {
    important_cvss = {
      default = 7.0,
      type = "number",
      description = { ja = "境界機器で未適用を許さない CVSS 値の下限。", en = "Lowest CVSS score that must not stay unpatched on a boundary device." },
    },
  },
  countermeasures = { { id = "patching", kinds = { "vpn", "gateway", "auth_gateway" } } },
  check = function(decl, result, params)
    local by_id = kyojin.vuln_assets_by_id(decl)
    local boundary = kyojin.beta_assets_where(decl, kyojin.vuln_is_boundary)
    if #boundary == 0 then
      result:pass("/assets", {
        ja = "インターネット境界の機器の申告はありません。",
        en = "No internet-boundary device is declared.",
      })
      return
    end
    local bad = {}
    for _, v in ipairs(decl.vulnerabilities or {}) do
      local a = by_id[v.asset]
      if a ~= nil and kyojin.vuln_is_boundary(a) and v.patched ~= true then
        local what = kyojin.vuln_caption(v, true)
        if type(v.cvss) == "number" and v.cvss >= params.important_cvss then
          bad[a.id] = true
          result:fail(v, {
            ja = "インターネット境界の機器" .. kyojin.caption_of_asset(a).ja .. "の" .. what.ja .. "が未適用です（CVSS " .. kyojin.cvss_text(params.important_cvss) .. "以上）。最優先でパッチを適用してください。",
            en = "Internet-boundary device " .. kyojin.caption_of_asset(a).en .. ": " .. what.en .. " is unpatched (CVSS " .. kyojin.cvss_text(params.important_cvss) .. " or more). Patch it first.",
          })
        else
          result:pass(v, {
            ja = "境界機器" .. kyojin.caption_of_asset(a).ja .. "の" .. what.ja .. "は未適用ですが、CVSS " .. kyojin.cvss_text(params.important_cvss) .. "未満です。",
            en = what.en .. " on boundary device " .. kyojin.caption_of_asset(a).en .. " is unpatched but below CVSS " .. kyojin.cvss_text(params.important_cvss) .. ".",
          })
        end
      end
    end
    for _, a in ipairs(boundary) do
      if not bad[a.id] then
        result:pass(a, {
          ja = "インターネット境界の機器" .. kyojin.caption_of_asset(a).ja .. "に重要な未適用の脆弱性はありません。",
          en = "Internet-boundary device " .. kyojin.caption_of_asset(a).en .. " has no important unpatched vulnerability.",
        })
      end
    end
  end,
}
