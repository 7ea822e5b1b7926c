-- Helpers for the TW family and PV-07: applicability by the declared use of telework,
-- BYOD, web conferencing and remote access, and checks of their boolean measures.
-- Reads the declaration only.
local M = {}

local LABELS = {
  telework = { ja = "テレワーク", en = "telework" },
  byod = { ja = "私物端末（BYOD）", en = "BYOD" },
  web_conferencing = { ja = "Web会議サービス", en = "web conferencing" },
  remote_access = { ja = "リモートアクセス", en = "remote access" },
}

-- remote_work_used(decl, section) -> true when decl[section].used is true.
function M.remote_work_used(decl, section)
  local s = decl[section]
  return s ~= nil and s.used == true
end

-- remote_work_applies(section) -> an applies function: true when the section is used,
-- otherwise false with the reason.
function M.remote_work_applies(section)
  local label = LABELS[section] or { ja = section, en = section }
  return function(decl)
    if M.remote_work_used(decl, section) then return true end
    return false, {
      ja = label.ja .. "を利用していないため対象外（" .. section .. ".used が true でない）",
      en = label.en .. " is not used (" .. section .. ".used is not true)",
    }
  end
end

-- remote_work_measures(result, decl, section, measures)
-- measures: list of { key, ja, en, fix_ja, fix_en }. Records one finding per
-- measure at /<section>/<key>: pass when true, fail otherwise.
function M.remote_work_measures(result, decl, section, measures)
  local s = decl[section]
  local label = LABELS[section] or { ja = section, en = section }
  for _, m in ipairs(measures) do
    local key = m[1]
    local subject = "/" .. section .. "/" .. key
    local v = s and s[key]
    if v == true then
      result:pass(subject, { ja = label.ja .. "：" .. m[2] .. "を実施している。",
                             en = (label.en:gsub("^%l", string.upper)) .. ": " .. m[3] .. " in place." })
    else
      local state_ja = v == false and "が実施されていない（false と申告）" or "の申告が無い、または不明"
      local state_en = v == false and "not in place (declared false)" or "not declared or unknown"
      result:fail(subject, {
        ja = label.ja .. "：" .. m[2] .. state_ja .. "。" .. m[4],
        en = (label.en:gsub("^%l", string.upper)) .. ": " .. m[3] .. " " .. state_en .. ". " .. m[5],
      })
    end
  end
end

return M
