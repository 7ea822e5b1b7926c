-- Helpers for the unknown-malware countermeasure (未知の不正プログラム対策, EDR) of
-- BM-01, BM-01-ap, BM-02 and BM-10: the feature names of controls.edr and a check
-- that lists which required features an asset lacks. Reads the declaration only.
local M = {}

-- Labels of the controls.edr features (S002 β′ table, S003 ガイドライン改定案②).
local FEATURES = {
  enabled = { ja = "EDR の導入", en = "EDR deployed" },
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
  csirt_link = { ja = "CSIRT との連携", en = "a link to the CSIRT" },
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
    if key ~= "enabled" and edr[key] ~= true then
      local f = FEATURES[key] or { ja = key, en = key }
      out[#out + 1] = { key = key, ja = f.ja, en = f.en }
    end
  end
  return out
end

-- edr_check_terminals(result, terminals, require_exfiltration_detection, msg): the check of
-- BM-01 and BM-01-ap. The features asked of each terminal's EDR are behaviour detection,
-- managed monitoring, isolation on detection and investigation support, plus the detection
-- of exfiltration when require_exfiltration_detection is set. With no terminal: fail at
-- /assets with msg.none. Otherwise one finding per terminal: pass with msg.pass(name), or
-- fail with msg.fail(name, missing) where name is caption_of_asset(terminal) and missing
-- the lacking features joined ({ ja, en }, edr_missing_text).
function M.edr_check_terminals(result, terminals, require_exfiltration_detection, msg)
  local keys = { "behaviour_detection", "managed_monitoring", "isolates_on_detection",
                 "investigation_support" }
  if require_exfiltration_detection then keys[#keys + 1] = "detects_exfiltration" end
  if #terminals == 0 then
    result:fail("/assets", msg.none)
    return
  end
  for _, a in ipairs(terminals) do
    local name = kyojin.caption_of_asset(a)
    local missing = M.edr_missing(a, keys)
    if #missing == 0 then
      result:pass(a, msg.pass(name))
    else
      result:fail(a, msg.fail(name, M.edr_missing_text(missing)))
    end
  end
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
