-- Data linking without removable media (S001): the verification models ①a…④ of a
-- declared data link and what each implies.  Used by DL-01 (classification) and DL-03
-- (cloud models).  Plain Lua, read-only.

local M = {}

local MODELS = {
  ["1a"] = { class = "①a", cloud = false,
             ja = "オンプレミス（ファイル連携サーバ）・境界セグメントを配置",
             en = "on-premises file-link server in a boundary segment" },
  ["1b"] = { class = "①b", cloud = false,
             ja = "オンプレミス（ファイル交換システム）・境界セグメントを配置",
             en = "on-premises file-exchange system in a boundary segment" },
  ["1c"] = { class = "①c", cloud = false, local_breakout = true,
             ja = "オンプレミス（クラウドストレージ）・ローカルブレイクアウト",
             en = "on-premises use of cloud storage by local breakout" },
  ["2"] = { class = "②", cloud = true,
            ja = "クラウド・クラウドにおけるアクセス制御",
            en = "cloud, access control in the cloud" },
  ["3"] = { class = "③", cloud = true,
            ja = "クラウド（一部オンプレ）・ゼロトラストアーキテクチャ",
            en = "cloud (partly on-premises), zero-trust architecture" },
  ["4"] = { class = "④", cloud = true,
            ja = "クラウド・API連携",
            en = "cloud, API linkage" },
}

-- The S001 verification model of a model code ("1a" … "4"), or nil.
function M.dl_model(code)
  if type(code) ~= "string" then return nil end
  return MODELS[code]
end

local function get(t, ...) return kyojin.get(t, ...) end

-- dl_derived(decl, link) -> { codes = { "1c" }, ja = ..., en = ... }: the verification
-- models the declared facts of a link allow (S001 検証モデル一覧: ①a ①b on-premises with a
-- file-link or file-exchange server in a boundary segment, ①c on-premises use of cloud
-- storage by local breakout, ② ③ ④ in the cloud, ④ by API linkage), with the facts that
-- decide it for messages. The rules, first match:
--   an end in lgwan and a storage asset in the cloud     → ①c
--   nothing in the cloud (no end, account or asset)      → ①a or ①b
--   API management declared (controls.api_managed)       → ④
--   a file-link server and no cloud account              → ①a or ①b
--   otherwise (the cloud is involved)                    → ②, ③ or ④
function M.dl_derived(decl, l)
  local kinds = {}
  for _, a in ipairs(kyojin.as_list(get(decl, "assets"))) do
    local id = get(a, "id")
    if id ~= nil then kinds[id] = { get(a, "kind"), get(a, "segment") } end
  end
  local cloud_asset, cloud_storage, file_link = false, false, false
  for _, r in ipairs(kyojin.as_list(get(l, "assets"))) do
    local k = kinds[r]
    if k then
      if k[2] == "cloud" then cloud_asset = true end
      if k[2] == "cloud" and k[1] == "storage" then cloud_storage = true end
      if k[1] == "file_link_server" then file_link = true end
    end
  end
  local from, to = get(l, "from_segment"), get(l, "to_segment")
  local accounts = #kyojin.as_list(get(l, "cloud_accounts")) > 0
  local lgwan_end = from == "lgwan" or to == "lgwan"
  local cloud = from == "cloud" or to == "cloud" or accounts or cloud_asset
  if lgwan_end and cloud_storage then
    return { codes = { "1c" }, ja = "LGWAN接続系とクラウドのストレージを結ぶ連携", en = "it links lgwan with storage in the cloud" }
  elseif not cloud then
    return { codes = { "1a", "1b" }, ja = "クラウドを使わない連携", en = "nothing of it is in the cloud" }
  elseif get(l, "controls", "api_managed") ~= nil then
    return { codes = { "4" }, ja = "API連携の管理を申告した連携", en = "it declares API management" }
  elseif file_link and not accounts then
    return { codes = { "1a", "1b" }, ja = "ファイル連携サーバを使いクラウドアカウントを使わない連携", en = "it uses a file-link server and no cloud account" }
  end
  return { codes = { "2", "3", "4" }, ja = "クラウドを使う連携", en = "it involves the cloud" }
end

-- dl_effective_models(decl, link) -> list of the verification-model codes whose measures a
-- link brings in: the declared one and, when the facts (dl_derived) contradict it, every
-- model the facts allow as well (a verdict errs on the side of safety).
function M.dl_effective_models(decl, l)
  local out = {}
  local declared = get(l, "model")
  if MODELS[declared] then out[#out + 1] = declared end
  local d = M.dl_derived(decl, l)
  local agrees = false
  for _, code in ipairs(d.codes) do if code == declared then agrees = true end end
  if not agrees then
    for _, code in ipairs(d.codes) do out[#out + 1] = code end
  end
  return out
end

-- dl_implied_models(decl) -> list of { link, "alpha_prime" } for the data links of model
-- ①c (declared or derived: dl_effective_models): cloud storage reached from lgwan by local
-- breakout brings in the α′ measures (AP-01…AP-05).
function M.dl_implied_models(decl)
  local out = {}
  for _, l in ipairs(kyojin.as_list(get(decl, "data_links"))) do
    for _, code in ipairs(M.dl_effective_models(decl, l)) do
      if MODELS[code].local_breakout then out[#out + 1] = { l, "alpha_prime" }; break end
    end
  end
  return out
end

-- dl_in_use(result, decl, key, unused) -> decl[key] when it is an object with used = true;
-- otherwise records a pass with the message unused = { ja, en } (at the section, or at
-- /<key> when it is absent or not an object) and returns nil.
function M.dl_in_use(result, decl, key, unused)
  local section = decl[key]
  if not kyojin.is_object(section) or section.used ~= true then
    result:pass(kyojin.is_object(section) and section or "/" .. key, unused)
    return nil
  end
  return section
end

-- True when the code is a cloud model (②③④), which brings in DL-03.
function M.dl_is_cloud(code)
  local m = M.dl_model(code)
  return m ~= nil and m.cloud
end

return M
