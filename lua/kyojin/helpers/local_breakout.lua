-- α′ model (LGWAN local breakout) evaluators for AP-01…AP-05.  Each evaluator returns a
-- list of findings { subject, ok, evidence, ja, en } in declaration order; the AP
-- policies report them one by one and ST-11 uses them to tell a municipality which α′
-- obligations a local-breakout DaaS connection leaves unmet.  Plain Lua, read-only.

local M = {}

-- Field access is kyojin.get (core.lua); a fact is judged by kyojin.declared_fact
-- (declared_facts.lua).
local function get(t, ...) return kyojin.get(t, ...) end

local function problem_text(p) return kyojin.declared_fact_problem(p) end

-- ap_report(result, findings): records the findings of one evaluator below, pass or fail
-- with its message, each with its evidence mark (none when the finding has no evidence).
function M.ap_report(result, findings)
  for _, f in ipairs(findings) do
    if f.ok then
      result:pass(f.subject, nil, { evidence = f.evidence })
    else
      result:fail(f.subject, { ja = f.ja, en = f.en }, { evidence = f.evidence })
    end
  end
end

-- ap_antimalware_param(description) -> the antimalware_requires parameter of AP-01 (ST-11
-- re-states AP-01 and reads it from there): the values ap_antimalware takes, default
-- "behaviour".
function M.ap_antimalware_param(description)
  return {
    default = "behaviour", type = "string", values = { "both", "behaviour", "either" },
    description = description,
  }
end

-- AP-01: anti-malware on lgwan terminals.  requires: "both" | "behaviour" | "either".
function M.ap_antimalware(decl, requires)
  requires = requires or "behaviour"
  local out = {}
  for _, a in ipairs(kyojin.as_list(get(decl, "assets"))) do
    if get(a, "kind") == "terminal" and get(a, "segment") == "lgwan" then
      local am = get(a, "controls", "antimalware")
      local ok, why_ja, why_en
      if requires == "both" then
        local pm = get(am, "pattern_matching") == true
        local bd = get(am, "behaviour_detection") == true
        ok = pm and bd
        why_ja = "パターンマッチング方式と振る舞い検知の両方が必要です"
        why_en = "both pattern matching and behaviour detection are required (antimalware_requires=both)"
      elseif requires == "either" then
        ok = get(am, "pattern_matching") == true or get(am, "behaviour_detection") == true
        why_ja = "パターンマッチング方式か振る舞い検知のいずれかが必要です"
        why_en = "pattern matching or behaviour detection is required (antimalware_requires=either)"
      else
        ok = get(am, "behaviour_detection") == true
        why_ja = "振る舞い検知が必要です。パターンマッチングのみでは不十分と検討会で判断されています"
        why_en = "behaviour detection is required; the study group judged pattern matching alone insufficient (antimalware_requires=behaviour)"
      end
      local lj, le = kyojin.asset_label(a)
      out[#out + 1] = {
        subject = a, ok = ok,
        ja = "LGWAN接続系端末「" .. lj .. "」のマルウェア対策ソフト：" .. why_ja .. "。",
        en = "lgwan terminal " .. le .. " anti-malware: " .. why_en .. ".",
      }
    end
  end
  return out
end

local UNPATCHABLE = { cloud_service = true }
local NETWORK_KINDS = { network_device = true, gateway = true, vpn = true, auth_gateway = true }
M.ap_network_kinds = { "network_device", "gateway", "vpn", "auth_gateway" }

-- AP-02: security patches on network devices as well as PCs and servers.
function M.ap_patching(decl)
  local out = {}
  for _, a in ipairs(kyojin.as_list(get(decl, "assets"))) do
    local kind = get(a, "kind")
    if type(kind) == "string" and not UNPATCHABLE[kind] then
      local ok = get(a, "controls", "patch", "os_timely") == true
      local lj, le = kyojin.asset_label(a)
      local ja, en
      if NETWORK_KINDS[kind] then
        ja = "ネットワーク機器「" .. lj .. "」（" .. kind .. "）にセキュリティパッチが適時適用されていません。PC・サーバだけでなくネットワーク機器もパッチ適用の運用に組み込んでください。"
        en = "network device " .. le .. " (" .. kind .. ") is not patched in time; bring network devices, not only PCs and servers, into patch management."
      else
        ja = "資産「" .. lj .. "」（" .. kind .. "）にセキュリティパッチが適時適用されていません。"
        en = "asset " .. le .. " (" .. kind .. ") is not patched in time (controls.patch.os_timely)."
      end
      out[#out + 1] = { subject = a, ok = ok, ja = ja, en = en }
    end
  end
  return out
end

-- AP-03: settings entrusted to vendors or cloud services are guaranteed by contract.
function M.ap_settings_guaranteed(decl, require_evidence)
  local out = {}
  for _, c in ipairs(kyojin.as_list(get(decl, "contracts"))) do
    local ok, ev, p = kyojin.declared_fact(get(c, "settings_guaranteed"), require_evidence)
    local pj, pe = problem_text(p)
    local id, vendor = tostring(get(c, "id")), tostring(get(c, "vendor"))
    out[#out + 1] = {
      subject = c, ok = ok, evidence = ev,
      ja = "契約「" .. id .. "」（" .. vendor .. "）：委託した設定の担保" .. pj .. "。設定内容を契約で担保し、責任は自治体にあることを確認してください。",
      en = "contract " .. id .. " (" .. vendor .. "): the guarantee of entrusted settings (settings_guaranteed)" .. pe .. "; guarantee the settings by contract — the municipality remains responsible.",
    }
  end
  return out
end

-- AP-04: connected cloud services' settings are checked periodically and on change.
-- Connected cloud services are the assets of kind cloud_service or in the cloud segment
-- (DaaS platforms, cloud storage, Government Cloud tenants).  A contract whose scope names
-- such an asset (by id or kind), or that declares cloud_settings_check, must arrange both
-- checks; a cloud asset no such contract covers fails on its own.
function M.ap_cloud_settings_check(decl, require_evidence)
  local out = {}
  local cloud_assets = {}
  for _, a in ipairs(kyojin.as_list(get(decl, "assets"))) do
    if get(a, "kind") == "cloud_service" or get(a, "segment") == "cloud" then
      cloud_assets[#cloud_assets + 1] = a
    end
  end
  local covered = {}
  for _, c in ipairs(kyojin.as_list(get(decl, "contracts"))) do
    local touches = false
    local scope = {}
    for _, s in ipairs(kyojin.as_list(get(c, "scope"))) do scope[s] = true end
    for i, a in ipairs(cloud_assets) do
      if scope[get(a, "id")] or scope[get(a, "kind")] then
        touches = true; covered[i] = true
      end
    end
    local check = get(c, "cloud_settings_check")
    if touches or get(check, "periodic") ~= nil or get(check, "on_change") ~= nil then
      local id = tostring(get(c, "id"))
      local pok, pev, pp = kyojin.declared_fact(get(check, "periodic"), require_evidence)
      local cok, cev, cp = kyojin.declared_fact(get(check, "on_change"), require_evidence)
      local ja, en = {}, {}
      if not pok then
        local j, e = problem_text(pp)
        ja[#ja + 1] = "定期的な設定確認（periodic）" .. j; en[#en + 1] = "the periodic check" .. e
      end
      if not cok then
        local j, e = problem_text(cp)
        ja[#ja + 1] = "更新・仕様変更時の設定確認" .. j; en[#en + 1] = "the check on update or specification change (on_change)" .. e
      end
      local ev = nil
      if pev and cev then ev = (pev == "evidenced" and cev == "evidenced") and "evidenced" or "declared" end
      out[#out + 1] = {
        subject = c, ok = pok and cok, evidence = ev,
        ja = "契約「" .. id .. "」の接続先クラウドサービス設定確認：" .. (#ja > 0 and table.concat(ja, "、") or "定期確認と変更時確認の両方あり") .. "。定期確認だけでは不十分で、サービスの更新・仕様変更のたびに設定を確認する必要があります。",
        en = "contract " .. id .. " cloud-settings verification: " .. (#en > 0 and table.concat(en, "; ") or "both periodic and on-change checks") .. ". Periodic checks alone are insufficient; settings must also be verified whenever the service is updated or its specification changes.",
      }
    end
  end
  for i, a in ipairs(cloud_assets) do
    if not covered[i] then
      local lj, le = kyojin.asset_label(a)
      out[#out + 1] = {
        subject = a, ok = false,
        ja = "クラウドサービス「" .. lj .. "」の設定確認（定期及び更新・仕様変更時）を定めた契約がありません。このサービスを契約の対象に含め、定期と変更時の設定確認を申告してください。",
        en = "no contract arranges the settings verification (periodic and on change) of cloud service " .. le .. "; include it in a contract's scope and declare cloud_settings_check.",
      }
    end
  end
  return out
end

-- AP-05: external audits by auditors with stated qualifications.  The audit report (the
-- evidence attached to report_submitted_to_jlis, e.g. "外部監査報告書 J-LIS提出控") is
-- what backs the audit; with require_evidence an audit without it fails.
function M.ap_external_audits(decl, require_evidence)
  local out = {}
  local any = false
  for _, au in ipairs(kyojin.as_list(get(decl, "audits"))) do
    if get(au, "type") == "external" then
      any = true
      local n = 0
      for _, q in ipairs(kyojin.as_list(get(au, "auditor_qualifications"))) do
        if type(q) == "string" and q ~= "" then n = n + 1 end
      end
      local date = tostring(get(au, "date"))
      if n == 0 then
        out[#out + 1] = {
          subject = au, ok = false,
          ja = "外部監査（" .. date .. "）：監査人の資格が記載されていません。監査人の資格（例：公認情報セキュリティ監査人、情報処理安全確保支援士）を明記してください。",
          en = "external audit (" .. date .. "): the auditors' qualifications (auditor_qualifications) are not stated; state them (e.g. certified information-security auditor, Registered Information Security Specialist).",
        }
      else
        local rep = get(au, "report_submitted_to_jlis")
        local ev = get(rep, "evidence")
        local has_ev = kyojin.evidence_attached(ev)
        local mode = has_ev and "evidenced" or "declared"
        local ok = has_ev or not require_evidence
        out[#out + 1] = {
          subject = au, ok = ok, evidence = mode,
          ja = "外部監査（" .. date .. "）：監査報告書の証跡がありません。監査報告書を証跡として申告してください。",
          en = "external audit (" .. date .. "): no evidence reference to the audit report (evidence of report_submitted_to_jlis); declare the report as evidence.",
        }
      end
    end
  end
  if not any then
    out[#out + 1] = {
      subject = "/audits", ok = false,
      ja = "外部監査が申告されていません。資格を明記した監査人による外部監査を実施し、auditsにtype \"external\"で申告してください。",
      en = "no external audit is declared; have an external audit carried out by auditors with stated qualifications and declare it in audits with type \"external\".",
    }
  end
  return out
end

return M
