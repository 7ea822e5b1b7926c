-- α model (従来モデル) and 無害化 helpers for the AL policies: lgwan assets by role and
-- plain field access.  Plain Lua, read-only.

local M = {}

local function get(t, k)
  local ty = type(t)
  if ty ~= "table" and ty ~= "userdata" then return nil end
  local ok, v = pcall(function() return t[k] end)
  if ok then return v end
  return nil
end

function M.al_get(t, ...)
  for i = 1, select("#", ...) do
    t = get(t, (select(i, ...)))
    if t == nil then return nil end
  end
  return t
end

-- Assets of the lgwan segment whose kind is in `kinds` (a set), in declaration order.
function M.al_lgwan_assets(decl, kinds)
  local out = {}
  local assets = get(decl, "assets")
  if type(assets) ~= "table" and type(assets) ~= "userdata" then return out end
  for _, a in ipairs(assets) do
    if get(a, "segment") == "lgwan" and kinds[get(a, "kind")] then out[#out + 1] = a end
  end
  return out
end

-- "id（name）" / "id (name)" for messages.
function M.al_label(a)
  local id = tostring(get(a, "id"))
  local name = get(a, "name")
  if type(name) == "string" then return id .. "（" .. name .. "）", id .. " (" .. name .. ")" end
  return id, id
end

-- True when the declared methods contain `m`.
function M.al_has_method(decl, m)
  local methods = M.al_get(decl, "harmlessization", "methods")
  if type(methods) ~= "table" and type(methods) ~= "userdata" then return false end
  for _, v in ipairs(methods) do
    if v == m then return true end
  end
  return false
end

return M
