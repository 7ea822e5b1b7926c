-- α model (従来モデル) and 無害化 helpers for the AL policies: lgwan assets by role and
-- the declared harmlessization methods.  Plain Lua, read-only.

local M = {}

-- Assets of the lgwan segment whose kind is in `kinds` (a set), in declaration order.
function M.al_lgwan_assets(decl, kinds)
  local get = kyojin.get
  local out = {}
  local assets = get(decl, "assets")
  if type(assets) ~= "table" and type(assets) ~= "userdata" then return out end
  for _, a in ipairs(assets) do
    if get(a, "segment") == "lgwan" and kinds[get(a, "kind")] then out[#out + 1] = a end
  end
  return out
end

-- al_require(result, decl, kinds, path, message): one finding per lgwan asset whose kind
-- is in `kinds` (al_lgwan_assets): pass when kyojin.get(asset, path...) is true, else fail
-- with message(label_ja, label_en) -> { ja, en } (labels of kyojin.asset_label).
function M.al_require(result, decl, kinds, path, message)
  for _, a in ipairs(M.al_lgwan_assets(decl, kinds)) do
    local lj, le = kyojin.asset_label(a)
    if kyojin.get(a, table.unpack(path)) == true then
      result:pass(a)
    else
      result:fail(a, message(lj, le))
    end
  end
end

-- True when the declared methods contain `m`.
function M.al_has_method(decl, m)
  local methods = kyojin.get(decl, "harmlessization", "methods")
  if type(methods) ~= "table" and type(methods) ~= "userdata" then return false end
  for _, v in ipairs(methods) do
    if v == m then return true end
  end
  return false
end

return M
