-- Helpers for the β / β′ family (BM policies): whether the β measures apply to a
-- declaration, and which assets are its business terminals and business systems.
-- Reads the declaration only; the checks themselves live in policies/bm/.
local M = {}

-- Asset kinds that hold business systems and their data (BM-03, BM-04, BM-07).
local SYSTEM_KINDS = { server = true, database = true, storage = true }

local function is_beta_model(model)
  return model == "beta" or model == "beta_prime"
end

-- beta_screen_transfer(decl) -> connection or nil
-- The first screen-transfer connection that brings in the β measures
-- (kyojin.st_models_of): an internet-segment terminal reaching the lgwan or the My Number
-- segment; S000 (個別の観点): such a configuration 「βモデルとみなせる」. ST-12 reports the
-- same connections.
function M.beta_screen_transfer(decl)
  for _, c in ipairs(kyojin.st_connections(decl, "all")) do
    for _, m in ipairs(kyojin.st_models_of(c)) do
      if m == "beta" then return c end
    end
  end
  return nil
end

-- beta_measures_apply(decl) -> true | false, reason
-- Applicability of the BM requirements "for β": the model is β or β′, or the
-- declaration contains the β situation of S000 (ST-12).
function M.beta_measures_apply(decl)
  local model = decl.model
  if is_beta_model(model) then return true end
  if M.beta_screen_transfer(decl) ~= nil then return true end
  return false, {
    ja = "モデルが" .. kyojin.st_model_ja(model) .. "で、インターネット接続系の端末からの画面転送（βモデルとみなす構成）も申告されていないため対象外です。",
    en = string.format("model is %s and no screen transfer from an internet-segment terminal is declared (no configuration treated as β)", tostring(model)),
  }
end

-- beta_reason(decl) -> { ja, en }: why the β measures apply, for messages.
function M.beta_reason(decl)
  if decl.model == "beta" then return { ja = "βモデル", en = "model β" } end
  if decl.model == "beta_prime" then return { ja = "β′モデル", en = "model β′" } end
  local c = M.beta_screen_transfer(decl)
  local id = c and kyojin.st_name(c) or "?"
  return { ja = "画面転送「" .. id .. "」によりβモデルとみなす構成",
           en = "configuration treated as β because of screen transfer " .. id }
end

-- beta_assets_where(decl, pred) -> list of the assets for which pred(asset) holds.
function M.beta_assets_where(decl, pred)
  local out = {}
  local list = decl.assets
  if list == nil then return out end
  for _, a in ipairs(list) do
    if pred(a) then out[#out + 1] = a end
  end
  return out
end

-- beta_terminals(decl, segment) -> the business terminals (kind "terminal") of a segment.
function M.beta_terminals(decl, segment)
  return M.beta_assets_where(decl, function(a)
    return a.kind == "terminal" and a.segment == segment
  end)
end

-- beta_systems(decl, segments, kinds) -> assets of a business-system kind in one of the
-- given segments (sets such as { lgwan = true }); kinds defaults to server, database and
-- storage (the assets that hold business data).
function M.beta_systems(decl, segments, kinds)
  kinds = kinds or SYSTEM_KINDS
  return M.beta_assets_where(decl, function(a)
    return kinds[a.kind] == true and segments[a.segment] == true
  end)
end

-- Confidentiality of the data classes of assets[].data (機密性; My Number data is
-- the highest class).
local CONFIDENTIALITY = { my_number = 3, confidential_3 = 3, confidential_2 = 2,
                          confidential_1 = 1, public = 0 }

-- asset_confidentiality(a) -> highest confidentiality (0..3) of the asset's data,
-- or nil when the asset declares no data classes.
function M.asset_confidentiality(a)
  local data = a.data
  if data == nil or type(data) ~= "table" then return nil end
  local top = nil
  for _, d in ipairs(data) do
    local c = CONFIDENTIALITY[d]
    if c ~= nil and (top == nil or c > top) then top = c end
  end
  return top
end

-- beta_access_control_scope(decl, scope, min_confidentiality) -> list of assets
-- The business systems (server, database, storage in lgwan or internet) whose access
-- control BM-04 judges. scope "document_servers": those declaring
-- controls.access_control (the declaration format's marker of document servers and the
-- like); scope "confidential_systems": those as well as every business system holding
-- data of at least min_confidentiality.
function M.beta_access_control_scope(decl, scope, min_confidentiality)
  return M.beta_assets_where(decl, function(a)
    if SYSTEM_KINDS[a.kind] ~= true or (a.segment ~= "lgwan" and a.segment ~= "internet") then
      return false
    end
    if a.controls ~= nil and a.controls.access_control ~= nil then return true end
    if scope ~= "confidential_systems" then return false end
    local level = M.asset_confidentiality(a)
    return level ~= nil and level >= min_confidentiality
  end)
end

-- beta_access_control_params() -> the parameters of BM-04 and BM-04-section: `scope` and
-- `min_confidentiality` of beta_access_control_scope. The default scope is every business
-- system holding information of min_confidentiality or more (S002: 「情報資産の機密性レベルに
-- 応じて業務システム単位でのアクセス制御を行う」), so a system that declares no access control
-- fails rather than dropping out of scope.
function M.beta_access_control_params()
  return {
    scope = {
      default = "confidential_systems",
      type = "string",
      values = { "confidential_systems", "document_servers" },
      description = {
        ja = "対象とする業務システム。confidential_systems（既定）：min_confidentiality以上の情報を扱うすべての業務システムと、アクセス制御を申告した業務システム。document_servers:アクセス制御を申告した文書サーバなどだけ。",
        en = "Business systems in scope. confidential_systems (default): every business system holding data of min_confidentiality or more, and those declaring access control. document_servers: only those declaring access control (document servers and the like).",
      },
    },
    min_confidentiality = {
      default = 2,
      type = "number",
      description = {
        ja = "scopeがconfidential_systemsのとき、対象とする情報の機密性の下限（1〜3）。",
        en = "With scope confidential_systems, the lowest confidentiality (1-3) of the data that brings a system in scope.",
      },
    },
  }
end

-- beta_access_control_check(decl, result, params, unit): the check of BM-04 (unit
-- "division", 課室) and BM-04-section (unit "section", 係). One finding per system of
-- beta_access_control_scope: pass when controls.access_control[unit.key] is true, else
-- fail ending with unit.advice. With no system in scope: pass for scope
-- "confidential_systems", else a fail at /assets (no document server declares access
-- control). unit = { key = "per_division", ja = "課室", en = "division",
-- advice = { ja = ..., en = ... } }.
function M.beta_access_control_check(decl, result, params, unit)
  local systems = M.beta_access_control_scope(decl, params.scope, params.min_confidentiality)
  if #systems == 0 then
    if params.scope == "confidential_systems" then
      result:pass("/assets", {
        ja = "機密性" .. tostring(params.min_confidentiality) .. "以上の情報を扱う業務システムも、アクセス制御を申告した業務システムもありません。",
        en = "No business system holds data of confidentiality " .. tostring(params.min_confidentiality) .. " or more or declares access control.",
      })
    else
      result:fail("/assets", {
        ja = "文書サーバなどの業務システムのアクセス制御の申告がありません（不明）。文書を管理するサーバなどの" .. unit.ja .. "単位のアクセス制御を申告してください。",
        en = "No business system such as a document server declares access control (unknown). Declare per-" .. unit.en .. " access control of the servers that manage documents.",
      })
    end
    return
  end
  for _, a in ipairs(systems) do
    local lj, le = kyojin.asset_label(a)
    local ac = a.controls and a.controls.access_control
    if ac ~= nil and ac[unit.key] == true then
      result:pass(a, {
        ja = "業務システム「" .. lj .. "」は" .. unit.ja .. "単位でアクセスを制御しています。",
        en = "Business system " .. le .. " controls access per " .. unit.en .. ".",
      })
    else
      local level = M.asset_confidentiality(a)
      local lv = level ~= nil and ("、機密性" .. tostring(level)) or ""
      local lv_en = level ~= nil and (", confidentiality " .. tostring(level)) or ""
      local state_ja = ac == nil and "アクセス制御の申告がありません（不明）" or (unit.ja .. "単位のアクセス制御がありません")
      local state_en = ac == nil and "declares no access control (unknown)" or ("has no per-" .. unit.en .. " access control")
      result:fail(a, {
        ja = "業務システム「" .. lj .. "」（" .. kyojin.segment_ja(a.segment) .. lv .. "）に" .. state_ja .. "。" .. unit.advice.ja,
        en = "Business system " .. le .. " (" .. tostring(a.segment) .. lv_en .. ") " .. state_en .. ". " .. unit.advice.en,
      })
    end
  end
end

-- caption_of_asset(a) -> { ja, en }: "id（name）" for messages.
function M.caption_of_asset(a)
  local ja, en = kyojin.asset_label(a)
  return { ja = ja, en = en }
end

return M
