-- Test-only JSON reader and writer standing in for the C host (core/input/decl.c, core/input/luaconv.c)
-- when the schema tests run without the kyojin binary.
--
-- decode(text[, { positions = false }]) -> tree, positions | nil, message
--   Objects and arrays become tables tagged by metatable (so empty ones stay distinct),
--   arrays are 1-based, null is M.null. positions maps each JSON pointer to
--   { line, column } (1-based; columns count characters, not bytes) as core/input/decl.c does:
--   an object member is located at the opening quote of its key, an array element and
--   the root at the first character of the value. Duplicate keys are rejected.
-- encode(tree) -> text (compact; object keys sorted)
-- M.api: the `json` table kyojin.validate and kyojin.jsonschema receive from the host.

local M = {}

M.null = setmetatable({}, { __name = "json.null", __tostring = function() return "null" end })
local ARRAY = { __name = "json.array" }
local OBJECT = { __name = "json.object" }

function M.array(t) return setmetatable(t or {}, ARRAY) end
function M.object(t) return setmetatable(t or {}, OBJECT) end
function M.is_array(t) return type(t) == "table" and getmetatable(t) == ARRAY end
function M.is_object(t) return type(t) == "table" and getmetatable(t) == OBJECT end

local function escape_token(k)
  return (k:gsub("~", "~0"):gsub("/", "~1"))
end

function M.decode(text, opts)
  local pos, line, line_start = 1, 1, 1
  local positions = {}
  local track = not (opts and opts.positions == false)

  local function column()
    return (utf8.len(text, line_start, pos - 1) or (pos - line_start)) + 1
  end
  local function fail(msg)
    error({ msg = string.format("%d:%d: %s", line, column(), msg) }, 0)
  end
  local function skip()
    while true do
      local c = text:sub(pos, pos)
      if c == "\n" then
        pos = pos + 1; line = line + 1; line_start = pos
      elseif c == " " or c == "\t" or c == "\r" then
        pos = pos + 1
      else
        return
      end
    end
  end

  local value

  local function str()
    pos = pos + 1
    local parts = {}
    while true do
      local s, e = text:find('["\\%c]', pos)
      if not s then fail("unterminated string") end
      parts[#parts + 1] = text:sub(pos, s - 1)
      local c = text:sub(s, s)
      if c == '"' then pos = e + 1 break end
      if c ~= "\\" then fail("control character in string") end
      local esc = text:sub(s + 1, s + 1)
      local map = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }
      if map[esc] then
        parts[#parts + 1] = map[esc]; pos = s + 2
      elseif esc == "u" then
        local hex = text:match("^%x%x%x%x", s + 2)
        if not hex then fail("bad \\u escape") end
        local cp = tonumber(hex, 16)
        pos = s + 6
        if cp >= 0xD800 and cp <= 0xDBFF then
          local lo = text:match("^\\u(%x%x%x%x)", pos)
          if not lo then fail("lone surrogate") end
          cp = 0x10000 + (cp - 0xD800) * 0x400 + (tonumber(lo, 16) - 0xDC00)
          pos = pos + 6
        end
        parts[#parts + 1] = utf8.char(cp)
      else
        fail("bad escape")
      end
    end
    return table.concat(parts)
  end

  value = function(pointer)
    skip()
    if track then positions[pointer] = { line, column() } end
    local c = text:sub(pos, pos)
    if c == "{" then
      pos = pos + 1
      local t = M.object()
      skip()
      if text:sub(pos, pos) == "}" then pos = pos + 1 return t end
      while true do
        skip()
        if text:sub(pos, pos) ~= '"' then fail("expected a key") end
        local at = track and { line, column() }
        local k = str()
        if t[k] ~= nil then fail("duplicate key " .. k) end
        skip()
        if text:sub(pos, pos) ~= ":" then fail("expected ':'") end
        pos = pos + 1
        local member = pointer .. "/" .. escape_token(k)
        t[k] = value(member)
        if track then positions[member] = at end
        skip()
        local d = text:sub(pos, pos)
        pos = pos + 1
        if d == "}" then return t end
        if d ~= "," then fail("expected ',' or '}'") end
      end
    elseif c == "[" then
      pos = pos + 1
      local t = M.array()
      skip()
      if text:sub(pos, pos) == "]" then pos = pos + 1 return t end
      while true do
        t[#t + 1] = value(pointer .. "/" .. #t)
        skip()
        local d = text:sub(pos, pos)
        pos = pos + 1
        if d == "]" then return t end
        if d ~= "," then fail("expected ',' or ']'") end
      end
    elseif c == '"' then
      return str()
    elseif text:find("^true", pos) then pos = pos + 4 return true
    elseif text:find("^false", pos) then pos = pos + 5 return false
    elseif text:find("^null", pos) then pos = pos + 4 return M.null
    else
      local n = text:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
      if not n or n == "" then fail("unexpected character") end
      pos = pos + #n
      if n:find("[.eE]") then return tonumber(n) + 0.0 end
      return math.tointeger(tonumber(n)) or tonumber(n)
    end
  end

  local ok, res = pcall(function()
    local v = value("")
    skip()
    if pos <= #text then fail("trailing characters") end
    return v
  end)
  if not ok then
    if type(res) == "table" then return nil, res.msg end
    error(res, 0)
  end
  return res, positions
end

local function enc_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\"
    elseif c == "\n" then return "\\n" else return string.format("\\u%04x", c:byte()) end
  end) .. '"'
end

function M.encode(v)
  if v == M.null or v == nil then return "null" end
  local t = type(v)
  if t == "boolean" then return tostring(v) end
  if t == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    if v == math.floor(v) then return string.format("%.1f", v) end
    return string.format("%.17g", v)
  end
  if t == "string" then return enc_string(v) end
  if M.is_array(v) or (next(v) ~= nil and #v > 0 and not M.is_object(v)) then
    local parts = {}
    for i = 1, #v do parts[i] = M.encode(v[i]) end
    return "[" .. table.concat(parts, ",") .. "]"
  end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for i, k in ipairs(keys) do parts[i] = enc_string(k) .. ":" .. M.encode(v[k]) end
  return "{" .. table.concat(parts, ",") .. "}"
end

M.api = { null = M.null, is_array = M.is_array, is_object = M.is_object, encode = M.encode }

return M
