-- Core helpers offered to every policy as kyojin.<name>. Stateless: this file is re-run for
-- each declaration, and whatever it returns is frozen.
local H = {}

local function index(t, k) return t[k] end

-- get(t, key, ...) -> t[key][...], or nil as soon as a step is not an object or array
-- (missing key, JSON null, boolean, number, string) or indexing it raises. Reads through
-- the declaration view like plain indexing (each step is logged as a field read); with no
-- key it returns t itself.
function H.get(t, ...)
  for i = 1, select("#", ...) do
    local ty = type(t)
    if ty ~= "table" and ty ~= "userdata" then return nil end
    local ok, v = pcall(index, t, (select(i, ...)))
    if not ok or v == nil then return nil end
    t = v
  end
  return t
end

-- as_list(v) -> v when it is a table or userdata (a declaration array or object; JSON null
-- is passed through, so ipairs over it raises), else an empty table (nil, a boolean, a
-- string): what a helper hands to ipairs for an array it read with get.
function H.as_list(v)
  if type(v) == "table" or type(v) == "userdata" then return v end
  return {}
end

-- "id（name）", "id (name)": an asset for messages (the id alone when it has no name).
function H.asset_label(a)
  local id = tostring(H.get(a, "id"))
  local name = H.get(a, "name")
  if type(name) == "string" then return id .. "（" .. name .. "）", id .. " (" .. name .. ")" end
  return id, id
end

-- Iterate over the elements of a declaration array that may be absent or null.
function H.each(list)
  if list == nil or kyojin.is_null(list) then
    return function() return nil end
  end
  return ipairs(list)
end

-- True when v is present and not JSON null.
function H.present(v)
  return v ~= nil and not kyojin.is_null(v)
end

-- The assets of one segment (a list), optionally of one kind.
function H.assets_in(decl, segment, kind)
  local out = {}
  for _, a in H.each(decl.assets) do
    if a.segment == segment and (kind == nil or a.kind == kind) then out[#out + 1] = a end
  end
  return out
end

-- Evidence grading of a process fact: "evidenced", "declared" or nil when not true.
function H.evidence_of(v)
  local value, evidence = kyojin.fact(v)
  if value ~= true then return nil end
  if evidence ~= nil then return "evidenced" end
  return "declared"
end

return H
