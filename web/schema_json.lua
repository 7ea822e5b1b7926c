-- web/schema_json.lua — build tool of `make web`: prints lua/kyojin/schema.lua (the one
-- declaration schema) as JSON for the page's editor (web/editor.js), keeping the order of
-- fields, enumeration values and collections that a Lua table does not keep by itself:
-- arrays stay arrays, tables with string keys become objects with sorted keys.
--   lua5.4 web/schema_json.lua lua/kyojin/schema.lua > build/web/schema.json
local S = dofile(assert(arg[1], "usage: schema_json.lua SCHEMA.lua"))

local function is_array(t)
  local n = 0
  for _ in pairs(t) do n = n + 1 end
  for i = 1, n do if t[i] == nil then return false end end
  return true
end

local out = {}
local function emit(v)
  local ty = type(v)
  if ty == "table" then
    if next(v) == nil then out[#out + 1] = "[]" return end
    local n = #v
    -- enum entries mix positions ({value, ja, en}) and names (short, symbol, asset)
    if n > 0 and not is_array(v) then
      local o = {}
      for k, x in pairs(v) do o[type(k) == "number" and tostring(k - 1) or k] = x end
      v = o
    end
    if is_array(v) then
      out[#out + 1] = "["
      for i, x in ipairs(v) do
        if i > 1 then out[#out + 1] = "," end
        emit(x)
      end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = tostring(k) end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        emit(k)
        out[#out + 1] = ":"
        local x = v[k]
        if x == nil then x = v[tonumber(k)] end
        emit(x)
      end
      out[#out + 1] = "}"
    end
  elseif ty == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', function(c)
      return string.format("\\u%04x", c:byte())
    end) .. '"'
  elseif ty == "number" then
    out[#out + 1] = math.type(v) == "integer" and string.format("%d", v) or string.format("%.17g", v)
  elseif ty == "boolean" then
    out[#out + 1] = tostring(v)
  else
    out[#out + 1] = "null"
  end
end

emit({ version = S.version, enums = S.enums, collections = S.collections, defs = S.defs,
       root = S.root, formats = S.formats, title = S.title })
io.write(table.concat(out), "\n")
