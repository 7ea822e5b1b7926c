-- Helpers for the unknown-malware countermeasure (未知の不正プログラム対策, EDR) of
-- BM-01, BM-01-ap, BM-02 and BM-10: the feature names of controls.edr and a check
-- that lists which required features an asset lacks. Reads the declaration only.
local M = {}

-- Labels of the controls.edr features (S002 β′ table, S003 ガイドライン改定案②).
local FEATURES = {
  enabled = { ja = "EDRの導入", en = "EDR deployed" },
  behaviour_detection = { ja = "パターンマッチング以外の振る舞い検知",
                          en = "behaviour detection beyond pattern matching" },
  managed_monitoring = { ja = "セキュリティ専門家のマネージドサービスによる監視",
                         en = "monitoring by a managed service of security specialists" },
  isolates_on_detection = { ja = "異常検出時のプロセス停止とネットワークからの論理的隔離",
                            en = "stopping the process and logically isolating the terminal on detection" },
  investigation_support = { ja = "インシデント発生要因の詳細な調査",
                            en = "detailed investigation of the cause of an incident" },
  detects_exfiltration = { ja = "外部からの侵入やデータの持ち出し・外部との通信の検知",
                           en = "detection of intrusion and of data exfiltration / external communication" },
  csirt_link = { ja = "CSIRTとの連携", en = "a link to the CSIRT" },
  -- not a field of controls.edr: 「従来のパターンマッチング型の検知に加えて」 (S003) asks the
  -- pattern matching of controls.antimalware besides the EDR's behaviour detection
  pattern_matching = { ja = "従来のパターンマッチング型の検知（ウイルス対策ソフト）",
                       en = "the conventional pattern-matching detection (anti-malware)" },
}

-- edr_missing(asset, keys) -> list of { key, ja, en } for the features of
-- asset.controls.edr that are not true, in the order of keys. When EDR itself is
-- not enabled only "enabled" is reported (the other features are not read).
function M.edr_missing(asset, keys)
  local controls = asset.controls
  local edr = controls and controls.edr
  if edr == nil or edr.enabled ~= true then
    local f = FEATURES.enabled
    return { { key = "enabled", ja = f.ja, en = f.en } }
  end
  local out = {}
  for _, key in ipairs(keys) do
    local have = edr[key]
    if key == "pattern_matching" then have = kyojin.get(controls, "antimalware", "pattern_matching") end
    if key ~= "enabled" and have ~= true then
      local f = FEATURES[key] or { ja = key, en = key }
      out[#out + 1] = { key = key, ja = f.ja, en = f.en }
    end
  end
  return out
end

-- edr_check_terminals(result, terminals, require_exfiltration_detection, msg): the check of
-- BM-01 and BM-01-ap. The features asked of each terminal's EDR are behaviour detection,
-- managed monitoring, isolation on detection and investigation support, plus the detection
-- of exfiltration when require_exfiltration_detection is set, and the conventional pattern
-- matching the EDR works "in addition to" (S003 「従来のパターンマッチング型の検知に加えて」).
-- With no terminal: fail at /assets with msg.none (nothing when msg.none is nil).
-- Otherwise one finding per terminal: pass with msg.pass(name), or fail with
-- msg.fail(name, missing, terminal) where name is caption_of_asset(terminal) and missing
-- the lacking features joined ({ ja, en }, edr_missing_text).
function M.edr_check_terminals(result, terminals, require_exfiltration_detection, msg)
  local keys = { "pattern_matching", "behaviour_detection", "managed_monitoring",
                 "isolates_on_detection", "investigation_support" }
  if require_exfiltration_detection then keys[#keys + 1] = "detects_exfiltration" end
  if #terminals == 0 then
    if msg.none then result:fail("/assets", msg.none) end
    return
  end
  for _, a in ipairs(terminals) do
    local name = kyojin.caption_of_asset(a)
    local missing = M.edr_missing(a, keys)
    if #missing == 0 then
      result:pass(a, msg.pass(name))
    else
      result:fail(a, msg.fail(name, M.edr_missing_text(missing), a))
    end
  end
end

-- edr_duty(decl) -> list of the business terminals on which the unknown-malware
-- countermeasure (BM-01) is required, each as { asset, why = { ja, en } }, in declaration
-- order:
--   * where the β measures apply (kyojin.beta_measures_apply), the internet-segment
--     terminals (S002 β′モデルを採用する場合の必須のセキュリティ対策);
--   * in every body, the terminals of the segment from which screen transfer into the My
--     Number segment starts (S003 ガイドライン改定案②: 「マイナンバー利用事務系に係る画面転送
--     方式の対策の1つとして提示している「未知の不正プログラム対策」」).
function M.edr_duty(decl)
  local why = {}
  if kyojin.beta_measures_apply(decl) then
    local r = kyojin.beta_reason(decl)
    why.internet = r
  end
  for _, c in ipairs(kyojin.st_connections(decl, "mynumber")) do
    local seg = kyojin.get(c, "terminal_segment")
    if type(seg) == "string" and why[seg] == nil then
      local id = kyojin.st_name(c)
      why[seg] = { ja = "マイナンバー利用事務系への画面転送「" .. id .. "」の端末",
                   en = "terminal of the screen transfer " .. id .. " into the My Number segment" }
    end
  end
  local out = {}
  for _, a in ipairs(kyojin.as_list(kyojin.get(decl, "assets"))) do
    local seg = kyojin.get(a, "segment")
    if kyojin.get(a, "kind") == "terminal" and why[seg] then out[#out + 1] = { a, why = why[seg] } end
  end
  return out, why
end

-- edr_duty_applies(decl) -> true | false, reason: BM-01 and BM-02 apply where the β measures
-- apply or screen transfer into the My Number segment is declared (edr_duty).
function M.edr_duty_applies(decl)
  local ok, reason = kyojin.beta_measures_apply(decl)
  if ok then return true end
  if #kyojin.st_connections(decl, "mynumber") > 0 then return true end
  return false, {
    ja = reason.ja:gsub("ため対象外です。$", "") .. "、マイナンバー利用事務系への画面転送もないため対象外です。",
    en = reason.en .. ", and no screen transfer into the My Number segment is declared",
  }
end

-- edr_enabled(asset) -> true when the asset declares an enabled EDR.
function M.edr_enabled(asset)
  local controls = asset.controls
  local edr = controls and controls.edr
  return edr ~= nil and edr.enabled == true
end

-- edr_missing_text(missing) -> { ja, en }: the missing features joined for a message.
function M.edr_missing_text(missing)
  local ja, en = {}, {}
  for _, m in ipairs(missing) do
    ja[#ja + 1] = m.ja
    en[#en + 1] = m.en
  end
  return { ja = table.concat(ja, "、"), en = table.concat(en, "; ") }
end

return M
