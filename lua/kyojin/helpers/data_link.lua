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
