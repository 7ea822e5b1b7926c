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
      ja = label.ja .. "を利用していないため対象外です。",
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
      result:pass(subject, { ja = label.ja .. "：" .. m[2] .. "を実施しています。",
                             en = (label.en:gsub("^%l", string.upper)) .. ": " .. m[3] .. " in place." })
    else
      local state_ja = v == false and "を実施していないと申告されています" or "の申告がありません（不明）"
      local state_en = v == false and "not in place (declared false)" or "not declared or unknown"
      result:fail(subject, {
        ja = label.ja .. "：" .. m[2] .. state_ja .. "。" .. m[4],
        en = (label.en:gsub("^%l", string.upper)) .. ": " .. m[3] .. " " .. state_en .. ". " .. m[5],
      })
    end
  end
end

-- PV-07 and PV-07-dlp: the protection of data reachable remotely (S003), declared under
-- remote_access, for bodies using remote access or telework.

-- remote_data_applies(decl) -> true when remote access or telework is used, else false
-- and the reason.
function M.remote_data_applies(decl)
  if M.remote_work_used(decl, "remote_access") or M.remote_work_used(decl, "telework") then
    return true
  end
  return false, {
    ja = "リモートアクセスもテレワークも利用していないため対象外です。",
    en = "neither remote access nor telework is used (remote_access.used and telework.used are not true)",
  }
end

-- remote_data_params() -> the parameter telework_without_remote_access of both policies.
function M.remote_data_params()
  return {
    telework_without_remote_access = {
      default = true,
      type = "boolean",
      description = {
        ja = "リモートアクセスを利用せずテレワークだけを行う場合にも適用するか（カタログは「テレワーク／リモートアクセス」とするが、対策の申告項目はremote_accessにしかない）。falseにするとremote_access.usedがtrueのときだけ適用します。",
        en = "Whether the requirement also applies when telework is used without remote access (the catalog says telework / remote access, but the measures are declared under remote_access only). false applies it only when remote_access.used is true.",
      },
    },
  }
end

-- remote_data_check(result, decl, params, undeclared, measures): when remote access is
-- used, one finding per measure (remote_work_measures on remote_access). Telework alone
-- is not applicable when params.telework_without_remote_access is false, else a fail at
-- /remote_access with the message undeclared = { ja, en }.
function M.remote_data_check(result, decl, params, undeclared, measures)
  if not M.remote_work_used(decl, "remote_access") then
    if not params.telework_without_remote_access then
      result:not_applicable({
        ja = "リモートアクセスを利用していないため対象外です（テレワークだけの場合は対象外とする設定です）。",
        en = "remote access is not used (telework only, telework_without_remote_access = false)",
      })
      return
    end
    result:fail("/remote_access", undeclared)
    return
  end
  M.remote_work_measures(result, decl, "remote_access", measures)
end

return M
