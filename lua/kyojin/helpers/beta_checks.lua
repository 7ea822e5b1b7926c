-- The checks of BM-01, BM-02, BM-03 and BM-08 as functions (decl, result, params), so that
-- the policies and ST-12, which re-states them for a configuration treated as β (S000
-- 「βモデルとみなせる」), judge with the same code and the same parameters: ST-12 runs them
-- with a collecting result (bm_unmet) and the parameters in effect for those policies.
-- Read-only; plain Lua.
local M = {}

-- BM-01: the unknown-malware countermeasure on the terminals of kyojin.edr_duty.
function M.bm_edr_check(decl, result, params)
  local duty, why = kyojin.edr_duty(decl)
  local terminals, reason, count = {}, {}, {}
  for _, d in ipairs(duty) do
    terminals[#terminals + 1] = d[1]; reason[d[1]] = d.why
    local seg = kyojin.get(d[1], "segment")
    count[seg] = (count[seg] or 0) + 1
  end
  -- a segment in scope without any declared terminal: the duty cannot be shown to be met
  for _, seg in ipairs({ "internet", "lgwan" }) do
    if why[seg] and not count[seg] then
      result:fail("/assets", {
        ja = kyojin.segment_ja(seg) .. "の業務端末の申告がありません（不明）。" .. why[seg].ja .. "として未知の不正プログラム対策が求められます。業務端末を資産として申告してください。",
        en = "No business terminal of the " .. seg .. " segment is declared (unknown); the unknown-malware countermeasure is required there (" .. why[seg].en .. "). Declare the business terminals as assets.",
      })
    end
  end
  kyojin.edr_check_terminals(result, terminals, params.require_exfiltration_detection, {
    pass = function(name)
      return {
        ja = "業務端末" .. name.ja .. "のEDRは要件を満たしています。",
        en = "EDR of business terminal " .. name.en .. " meets the requirement.",
      }
    end,
    fail = function(name, text, a)
      local w = reason[a]
      return {
        ja = "業務端末" .. name.ja .. "（" .. w.ja .. "）の未知の不正プログラム対策で、次が足りません：" .. text.ja .. "。",
        en = "Unknown-malware countermeasure of business terminal " .. name.en .. " (" .. w.en .. ") lacks: " .. text.en .. ".",
      }
    end,
  })
end

-- BM-02: every enabled EDR is backed by monitoring and a CSIRT link (S002 注11).
function M.bm_edr_backing_check(decl, result, params)
  local with_edr = kyojin.beta_assets_where(decl, kyojin.edr_enabled)
  if #with_edr == 0 then
    result:pass("/assets", {
      ja = "EDRを申告した資産はありません（EDRの導入そのものはBM-01で確認します）。",
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
      ja[#ja + 1] = csirt_value == nil and "連携先のCSIRT（申告がありません（不明））" or "連携先のCSIRT"
      en[#en + 1] = csirt_value == nil and "a CSIRT to link to (not declared: unknown)" or "a CSIRT to link to"
    end
    if #ja == 0 then
      result:pass(a, {
        ja = "資産" .. name.ja .. "のEDRには監視体制とCSIRTとの連携があります。",
        en = "EDR of asset " .. name.en .. " is backed by monitoring and a CSIRT link.",
      })
    else
      result:fail(a, {
        ja = "資産" .. name.ja .. "のEDRに、次がありません：" .. table.concat(ja, "、") .. "。製品を導入するだけでは対策にならないため、このEDRはリスク分析で対策として数えません。",
        en = "EDR of asset " .. name.en .. " lacks " .. table.concat(en, "; ") .. ". A product alone is not a countermeasure, so this EDR does not count in risk scoring.",
      })
    end
  end
end

-- BM-03: the logs of the lgwan and internet business systems are collected, analysed and
-- retained for params.min_retention_days.
function M.bm_logs_check(decl, result, params)
  -- business systems: servers and databases (a storage or backup appliance is not one)
  local systems = kyojin.beta_systems(decl, { lgwan = true, internet = true },
                                      { server = true, database = true })
  if #systems == 0 then
    result:fail("/assets", {
      ja = "LGWAN接続系・インターネット接続系の業務システム（サーバ・データベース）の申告がありません（不明）。業務システムを申告してください。",
      en = "No business system (kind server / database) of the lgwan or internet segment is declared. Declare the business systems.",
    })
    return
  end
  local min_days = params.min_retention_days
  for _, a in ipairs(systems) do
    local name = kyojin.caption_of_asset(a)
    local log = a.controls and a.controls.logging
    local ja, en = {}, {}
    if log == nil then
      ja[#ja + 1] = "ログ管理の申告"
      en[#en + 1] = "a log-management declaration (controls.logging)"
    else
      if log.collected ~= true then ja[#ja + 1] = "ログの収集"; en[#en + 1] = "log collection" end
      if log.analysed ~= true then ja[#ja + 1] = "ログの分析"; en[#en + 1] = "log analysis" end
      local days = log.retention_days
      if type(days) ~= "number" or days < min_days then
        ja[#ja + 1] = string.format("%s日以上のログ保管（申告：%s）", tostring(min_days), tostring(days))
        en[#en + 1] = string.format("log retention of at least %s days (declared: %s)", tostring(min_days), tostring(days))
      end
    end
    if #ja == 0 then
      result:pass(a, {
        ja = "業務システム" .. name.ja .. "のログは収集・分析・保管されています。",
        en = "Logs of business system " .. name.en .. " are collected, analysed and retained.",
      })
    else
      result:fail(a, {
        ja = "業務システム" .. name.ja .. "に" .. table.concat(ja, "、") .. "がありません。ログを収集・分析・保管してください。",
        en = "Business system " .. name.en .. " lacks " .. table.concat(en, "; ") .. ". Collect, analyse and retain its logs.",
      })
    end
  end
end

-- BM-08: only screen transfer crosses between internet and lgwan; files entering lgwan
-- pass harmlessization.
function M.bm_screen_transfer_only_check(decl, result, params)
  local why = kyojin.beta_reason(decl)
  local boundary = decl.segment_boundary
  if boundary ~= nil and boundary.internet_lgwan_screen_transfer_only == true then
    result:pass("/segment_boundary/internet_lgwan_screen_transfer_only", {
      ja = "インターネット接続系とLGWAN接続系の間は画面転送だけが通ります。",
      en = "Only screen transfer passes between the internet and lgwan segments.",
    })
  else
    result:fail("/segment_boundary/internet_lgwan_screen_transfer_only", {
      ja = "インターネット接続系からLGWAN接続系の業務システムへ、画面転送以外の経路があるか、申告がありません（" .. why.ja .. "）。画面転送以外の通信を遮断してください。",
      en = "lgwan business systems are reachable from the internet segment by other means than screen transfer (segment_boundary.internet_lgwan_screen_transfer_only is not true; " .. why.en .. "). Block every other path.",
    })
  end
  local h = decl.harmlessization
  local methods = h and h.methods
  if methods ~= nil and #methods > 0 then
    result:pass("/harmlessization/methods", {
      ja = "LGWAN接続系への取込ファイルは無害化を経由する（" .. tostring(#methods) .. "方式）を経由します。",
      en = "Files taken into lgwan pass harmlessization (" .. tostring(#methods) .. " method(s)).",
    })
  else
    result:fail("/harmlessization/methods", {
      ja = "LGWAN接続系へ取り込むファイルの無害化方式の申告がありません（" .. why.ja .. "）。無害化方式を導入してください（AL-01を参照）。",
      en = "No harmlessization method is declared for files taken into lgwan (harmlessization.methods is empty; " .. why.en .. "). Introduce one (see AL-01).",
    })
  end
end

-- bm_unmet(run) -> list of the messages { ja, en } of the failures and warnings that
-- run(result) records on a result that only collects (the checks above, called by ST-12).
function M.bm_unmet(run)
  local out = {}
  local r = {}
  function r.fail(_, _, msg) out[#out + 1] = msg end
  r.warn = r.fail
  function r.pass() end
  function r.not_applicable() end
  function r.classify() end
  run(r)
  return out
end

return M
