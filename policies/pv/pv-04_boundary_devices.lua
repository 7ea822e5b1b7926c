-- PV-04: devices at the internet boundary (VPN, remote-access and authentication
-- gateways, mail relays of the internet segment, and every asset declared
-- internet_boundary such as the internet firewall) are patched: their own patch fact says
-- the patches are applied in time, and no unpatched vulnerability at or above
-- important_cvss is declared on them. A vendor contract covering the device is evidence of
-- the process, not of the patch (S004: 「ネットワーク機器は未適用という部分が散見」).
local WHERE = { ja = "インターネット境界の機器", en = "Internet-boundary device" }
local ADVICE = {
  ja = "境界の機器は攻撃の入口になるため、最優先でパッチを適用し、その状況を申告してください。",
  en = "Boundary devices are the attackers' way in: patch them first and declare it.",
}

policy {
  id = "PV-04",
  requirements = { "PV-04" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S003 ガイドライン改定案①「インターネットとの境界にある機器におけるセキュリティパッチの適用は特に重要」、S004「ネットワーク機器は未適用という部分が散見」",
  title = {
    ja = "インターネット境界の機器にパッチが適用されている",
    en = "Internet-boundary devices are patched",
  },
  remediation = {
    ja = "VPN装置・認証ゲートウェイ・ファイアウォール・メール中継サーバなど、インターネットとの境界にある機器には、セキュリティパッチを適時に適用してください。CVSS {important_cvss:1}以上の脆弱性は最優先で適用してください。",
    en = "Apply security patches in time to internet-boundary devices such as VPN appliances, authentication gateways, firewalls and mail relays; patch vulnerabilities of CVSS {important_cvss:1} or more first.",
  },
  params = {
    important_cvss = {
      default = 7.0,
      type = "number",
      description = { ja = "境界機器で未適用を許さない CVSS 値の下限。", en = "Lowest CVSS score that must not stay unpatched on a boundary device." },
    },
  },
  countermeasures = { "patching" },
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
    local threshold = kyojin.cvss_text(params.important_cvss)
    local bad = {}
    for _, v in ipairs(decl.vulnerabilities or {}) do
      local a = by_id[v.asset]
      if a ~= nil and kyojin.vuln_is_boundary(a) and v.patched ~= true then
        local what = kyojin.vuln_caption(v, true)
        local cj, ce = kyojin.asset_label(a)
        if type(v.cvss) == "number" and v.cvss >= params.important_cvss then
          bad[a.id] = true
          result:fail(v, {
            ja = "インターネット境界の機器" .. cj .. "の" .. what.ja .. "が未適用です（CVSS " .. threshold .. "以上）。最優先でパッチを適用してください。",
            en = "Internet-boundary device " .. ce .. ": " .. what.en .. " is unpatched (CVSS " .. threshold .. " or more). Patch it first.",
          })
        else
          result:pass(v, {
            ja = "境界の機器" .. cj .. "の" .. what.ja .. "は未適用ですが、CVSS " .. threshold .. "未満です。",
            en = what.en .. " on boundary device " .. ce .. " is unpatched but below CVSS " .. threshold .. ".",
          })
        end
      end
    end
    -- each boundary device's own patch fact, with or without a declared vulnerability (a
    -- device whose declared vulnerability failed above gets no "patched" pass)
    for _, a in ipairs(boundary) do
      if not (bad[a.id] and kyojin.patch_applied(a) == true) then
        kyojin.judge_own_patch(result, a, WHERE, ADVICE)
      end
    end
  end,
}
