-- Validation of a parsed declaration against kyojin.schema (pure Lua, no I/O).
--
-- Owns: every structural and semantic check of a declaration (types, required and unknown
-- fields, enumerations, formats, local-government check digit, uniqueness of ids,
-- references between parts, waiver subjects and policy ids), and the wording of the
-- errors in Japanese and English. Does not own: JSON parsing, line:column positions, or
-- printing (the host maps each error's JSON pointer to a position and prints it).
--
-- The local-government check digit (check_digit below) is the one copy kept apart from the
-- C code's (core/input/lgcode.h, used by `kyojin gen` and the C fast path), on purpose: this
-- validator also runs without kyojin (plain Lua: tests/schema), and it is what judges the
-- codes the generator writes (tests/rollup), so one computation checks the other.
--
-- V.validate(tree, json, opts) -> errors
--   tree  the declaration as parsed: objects and arrays are tables (arrays 1-based),
--         JSON null is json.null
--   json  { null = <sentinel>, is_array = fn(t), is_object = fn(t), encode = fn(v) }
--   opts  { policy_ids = { ["ST-01"] = true, ... } or nil, max_errors = 100 }
--   errors  array of { pointer, expected = {ja, en}, found = {ja, en}, message = {ja, en} }
--           in document order (object keys sorted, arrays by index); empty when valid.

local S = require "kyojin.schema"

local V = {}

local STOP = {} -- raised (as an error value) when max_errors is reached

----------------------------------------------------------------------------------------
-- Small helpers
----------------------------------------------------------------------------------------

-- JSON pointer of `key` below `base` (RFC 6901 escaping).
local function child(base, key)
  if type(key) == "number" then return base .. "/" .. (key - 1) end
  if not key:find("[~/]") then return base .. "/" .. key end
  return base .. "/" .. key:gsub("~", "~0"):gsub("/", "~1")
end

-- Quote a string as JSON does, shortened to a readable length.
local function quote(s)
  local n = utf8.len(s)
  if n and n > 60 then
    s = s:sub(1, utf8.offset(s, 58) - 1) .. "…"
  end
  s = s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\"
    elseif c == "\n" then return "\\n" elseif c == "\t" then return "\\t"
    else return string.format("\\u%04x", c:byte()) end
  end)
  return '"' .. s .. '"'
end

local function num(v)
  if math.type(v) == "integer" then return tostring(v) end
  if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%.1f", v) end
  return string.format("%.14g", v)
end

local function both(ja, en) return { ja = ja, en = en } end

local function join(list, sep)
  return table.concat(list, sep)
end

-- Levenshtein distance (bytes; keys and ids are ASCII).
local function distance(a, b)
  if a == b then return 0 end
  local la, lb = #a, #b
  local prev, cur = {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur[0] = i
    local ca = a:byte(i)
    for j = 1, lb do
      local cost = (ca == b:byte(j)) and 0 or 1
      local d = prev[j] + 1
      if cur[j - 1] + 1 < d then d = cur[j - 1] + 1 end
      if prev[j - 1] + cost < d then d = prev[j - 1] + cost end
      cur[j] = d
    end
    prev, cur = cur, prev
  end
  return prev[lb]
end

-- The candidate closest to `word`, if close enough to be a likely typo.
local function suggest(word, candidates)
  -- names and ids are short; a long value is no typo of one (and would cost time)
  if type(word) ~= "string" or #word > 80 then return nil end
  local best, bestd
  local lw = word:lower()
  for _, c in ipairs(candidates) do
    local d = (c:lower() == lw) and 0 or distance(lw, c:lower())
    if bestd == nil or d < bestd then best, bestd = c, d end
  end
  if best == nil then return nil end
  local limit = math.max(2, #word // 3)
  if bestd <= limit and bestd < #word then return best end
  return nil
end

----------------------------------------------------------------------------------------
-- Describing values ("found")
----------------------------------------------------------------------------------------

local TYPE = {
  string = both("文字列", "a string"),
  number = both("数値", "a number"),
  integer = both("整数", "an integer"),
  boolean = both("真偽値（true/false）", "a boolean (true/false)"),
  object = both("オブジェクト", "an object"),
  array = both("配列", "an array"),
  null = both("null", "null"),
}

local function kind_of(ctx, v)
  if v == ctx.null then return "null" end
  local t = type(v)
  if t == "table" then
    if ctx.json.is_array(v) then return "array" end
    return "object"
  end
  if t == "number" then return "number" end
  if t == "boolean" then return "boolean" end
  if t == "string" then return "string" end
  return "null"
end

-- The value itself, as it appears in the message ("found").
local function show(ctx, v)
  local k = kind_of(ctx, v)
  if k == "string" then return both(quote(v), quote(v)) end
  if k == "number" then return both(num(v), num(v)) end
  if k == "boolean" then return both(tostring(v), tostring(v)) end
  if k == "null" then return both("null", "null") end
  return TYPE[k]
end

-- The kind of the value and the value (for type mismatches).
local function show_typed(ctx, v)
  local k = kind_of(ctx, v)
  if k == "object" or k == "array" or k == "null" then return TYPE[k] end
  local s = show(ctx, v)
  return both(TYPE[k].ja .. " " .. s.ja, TYPE[k].en .. " " .. s.en)
end

----------------------------------------------------------------------------------------
-- Recording errors
----------------------------------------------------------------------------------------

local function where(pointer, lang)
  if pointer == "" then return lang == "ja" and "（ルート）" or "(root)" end
  return pointer
end

-- Japanese particle after a phrase: spaced after Latin text, as in "ID が".
local function ga(s)
  if s:match("[%w\"%)}%]]$") then return " が" end
  return "が"
end

-- Record one error. `message` (optional) replaces the standard sentence.
local function report(ctx, pointer, expected, found, message)
  if #ctx.errors >= ctx.max then error(STOP) end
  message = message or {
    ja = expected.ja .. ga(expected.ja) .. "必要です（実際: " .. found.ja .. "）",
    en = "expected " .. expected.en .. ", found " .. found.en,
  }
  ctx.errors[#ctx.errors + 1] = {
    pointer = pointer,
    expected = expected,
    found = found,
    message = {
      ja = where(pointer, "ja") .. ": " .. message.ja,
      en = where(pointer, "en") .. ": " .. message.en,
    },
  }
end

----------------------------------------------------------------------------------------
-- Enumerations and formats
----------------------------------------------------------------------------------------

local enum_cache = {}

-- Values of an enum node as an ordered list and a set.
local function enum_values(node)
  local key = node.enum or node
  local c = enum_cache[key]
  if c then return c end
  local list = node.enum and S.enums[node.enum] or node.values
  c = { list = {}, set = {} }
  for i, e in ipairs(list) do
    c.list[i] = e[1]
    c.set[e[1]] = true
  end
  enum_cache[key] = c
  return c
end

local function one_of(values)
  local q = {}
  for i, v in ipairs(values) do q[i] = quote(v) end
  return both(join(q, "、") .. " のいずれか", "one of " .. join(q, ", "))
end

local function with_hint(msg, hint)
  if not hint then return msg end
  return both(msg.ja .. "（" .. quote(hint) .. " の誤りではありませんか）",
              msg.en .. " (did you mean " .. quote(hint) .. "?)")
end

local function is_leap(y) return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0 end

-- Semantic checks attached to formats and nodes. Each returns nothing when the value is
-- acceptable, otherwise expected, found[, message].
local checks = {}

function checks.calendar_date(ctx, s)
  local y, m, d = s:match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  local mdays = { 31, is_leap(y) and 29 or 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  if m < 1 or m > 12 or d < 1 or d > mdays[m] then
    return both("実在する日付（YYYY-MM-DD）", "a real calendar date (YYYY-MM-DD)"), show(ctx, s)
  end
end

-- Check digit of a local-government code (requirements.md glossary); independent of
-- core/input/lgcode.h on purpose (see the top of this file).
local function check_digit(five)
  local w = { 6, 5, 4, 3, 2 }
  local r = 0
  for i = 1, 5 do r = r + w[i] * (five:byte(i) - 48) end
  return (11 - r % 11) % 10
end
V.check_digit = check_digit

function checks.lg_code(ctx, s)
  local want = check_digit(s:sub(1, 5))
  if tostring(want) ~= s:sub(6, 6) then
    local right = s:sub(1, 5) .. want
    return both("検査数字 " .. want .. " の団体コード（" .. quote(right) .. "）",
                "check digit " .. want .. " (" .. quote(right) .. ")"),
           show(ctx, s),
           both("団体コード " .. quote(s) .. " の検査数字が誤っています。上5桁 " .. s:sub(1, 5) ..
                  " の検査数字は " .. want .. " です（" .. quote(right) .. "）",
                "the check digit of local-government code " .. quote(s) .. " is wrong: for " ..
                  s:sub(1, 5) .. " it is " .. want .. " (" .. quote(right) .. ")")
  end
end

-- Resolve a JSON pointer in the declaration; returns true or the deepest valid prefix.
local function resolve(ctx, pointer)
  local cur, prefix = ctx.root, ""
  for raw in pointer:sub(2):gmatch("[^/]*") do
    local tok = raw:gsub("~1", "/"):gsub("~0", "~")
    if type(cur) ~= "table" then return false, prefix end
    local nxt
    if ctx.json.is_array(cur) then
      if tok:match("^0$") or tok:match("^[1-9]%d*$") then
        local i = tonumber(tok)
        if i and i < #cur then nxt = cur[i + 1] end
      end
    else
      nxt = cur[tok]
    end
    if nxt == nil then return false, prefix end
    cur, prefix = nxt, prefix .. "/" .. raw
  end
  return true
end

function checks.json_pointer(ctx, s)
  if s:find("~[^01]") or s:find("~$") then
    return both("「~」を ~0・~1 でエスケープした JSON ポインタ", "a JSON pointer with '~' escaped as ~0 or ~1"),
           show(ctx, s)
  end
  if ctx.no_subjects then return end -- a waivers file: the declarations come later
  local ok, prefix = resolve(ctx, s)
  if not ok then
    local p = prefix == "" and both("（ルート）", "(root)") or both(prefix, prefix)
    return both("この申告の中を指す JSON ポインタ", "a JSON pointer to a part of this declaration"),
           show(ctx, s),
           both("JSON ポインタ " .. quote(s) .. " はこの申告の中を指していません（" .. p.ja .. " より先が存在しません）",
                "JSON pointer " .. quote(s) .. " does not point into this declaration (nothing below " .. p.en .. ")")
  end
end

function checks.known_policy(ctx, s)
  if not ctx.policy_ids or ctx.policy_ids[s] then return end
  local ids = {}
  for id in pairs(ctx.policy_ids) do ids[#ids + 1] = id end
  table.sort(ids)
  local hint = suggest(s, ids)
  return both("ポリシーセットにあるポリシーID", "the id of a policy in the policy set"),
         show(ctx, s),
         with_hint(both("ポリシー " .. quote(s) .. " はポリシーセットにありません",
                        "policy " .. quote(s) .. " is not in the policy set"), hint)
end

-- body.code against body.prefecture (first two digits).
function checks.prefecture_code(ctx, s, parent)
  local pref = parent.prefecture
  if type(pref) ~= "string" or type(s) ~= "string" or not s:match("^%d%d%d%d%d%d$") then return end
  for _, p in ipairs(S.prefectures) do
    if p[2] == pref then
      if s:sub(1, 2) ~= p[1] then
        return both(quote(p[1]) .. " で始まる団体コード（" .. pref .. "）",
                    "a code starting with " .. quote(p[1]) .. " (" .. pref .. ")"),
               show(ctx, s),
               both("団体コード " .. quote(s) .. " は " .. pref .. " のコードではありません（上2桁は " .. p[1] .. " のはずです）",
                    "local-government code " .. quote(s) .. " does not belong to " .. pref ..
                      " (its first two digits must be " .. p[1] .. ")")
      end
      return
    end
  end
end

----------------------------------------------------------------------------------------
-- The walk
----------------------------------------------------------------------------------------

local walk -- forward

local function run_check(ctx, name, value, pointer, parent)
  local expected, found, message = checks[name](ctx, value, parent)
  if expected then report(ctx, pointer, expected, found, message) end
end

local function type_error(ctx, pointer, want, v)
  report(ctx, pointer, TYPE[want] and TYPE[want] or want, show_typed(ctx, v))
end

local function walk_string(ctx, node, v, pointer)
  if type(v) ~= "string" then return type_error(ctx, pointer, "string", v) end
  local len = utf8.len(v) or #v
  if node.min and len < node.min then
    return report(ctx, pointer, both("空でない文字列", "a non-empty string"), show(ctx, v))
  end
  if node.max and len > node.max then
    return report(ctx, pointer,
      both(node.max .. " 文字以内の文字列", "a string of at most " .. node.max .. " characters"),
      both(len .. " 文字の文字列", "a string of " .. len .. " characters"))
  end
  local f = node.format and S.formats[node.format]
  if f then
    local ok = false
    for _, p in ipairs(f.lua) do
      if v:match(p) then ok = true break end
    end
    if not ok then return report(ctx, pointer, f.label, show(ctx, v)) end
    if f.check then
      local expected, found, message = checks[f.check](ctx, v)
      if expected then return report(ctx, pointer, expected, found, message) end
    end
  end
  if node.check then run_check(ctx, node.check, v, pointer) end
end

local function range_text(node, integer)
  local what = integer and both("整数", "an integer") or both("数値", "a number")
  local lo, hi = node.min, node.max
  if node.exclusive_min then
    return both(num(node.exclusive_min) .. " より大きく " .. num(hi) .. " 以下の" .. what.ja,
                what.en .. " greater than " .. num(node.exclusive_min) .. " and at most " .. num(hi))
  end
  if lo and hi then
    return both(num(lo) .. " 以上 " .. num(hi) .. " 以下の" .. what.ja,
                what.en .. " from " .. num(lo) .. " to " .. num(hi))
  end
  return what
end

local function walk_number(ctx, node, v, pointer, integer)
  if type(v) ~= "number" then return type_error(ctx, pointer, integer and "integer" or "number", v) end
  if integer and v ~= math.floor(v) then
    return report(ctx, pointer, range_text(node, true), show(ctx, v))
  end
  if (node.min and v < node.min) or (node.max and v > node.max)
     or (node.exclusive_min and v <= node.exclusive_min) then
    return report(ctx, pointer, range_text(node, integer), show(ctx, v))
  end
end

local function walk_enum(ctx, node, v, pointer)
  local e = enum_values(node)
  if type(v) == "string" and e.set[v] then return end
  local hint = suggest(v, e.list)
  local expected = one_of(e.list)
  local found = type(v) == "string" and show(ctx, v) or show_typed(ctx, v)
  local msg = both(expected.ja .. ga(expected.ja) .. "必要です（実際: " .. found.ja .. "）",
                   "expected " .. expected.en .. ", found " .. found.en)
  report(ctx, pointer, expected, found, with_hint(msg, hint))
end

local function walk_ref(ctx, node, v, pointer)
  if type(v) ~= "string" then return type_error(ctx, pointer, "string", v) end
  local ids = ctx.ids[node.to]
  if ids.set[v] or ids.broken then return end
  local e = node.or_enum and enum_values({ enum = node.or_enum })
  if e and e.set[v] then return end
  local c = S.collections[node.to]
  local candidates = {}
  for _, id in ipairs(ids.list) do candidates[#candidates + 1] = id end
  if e then for _, k in ipairs(e.list) do candidates[#candidates + 1] = k end end
  local hint = suggest(v, candidates)
  local expected = e and both("申告した" .. c.ja .. "のID、または" .. one_of(e.list).ja,
                              "the id of a declared " .. c.en .. " or " .. one_of(e.list).en)
                     or both("申告した" .. c.ja .. "のID", "the id of a declared " .. c.en)
  local msg = both(c.ja .. " " .. quote(v) .. " は申告されていません",
                   "no " .. c.en .. " with id " .. quote(v) .. " is declared")
  report(ctx, pointer, expected, show(ctx, v), with_hint(msg, hint))
end

local function walk_array(ctx, node, v, pointer)
  if type(v) ~= "table" or not ctx.json.is_array(v) then return type_error(ctx, pointer, "array", v) end
  local n = #v
  if node.min and n < node.min then
    report(ctx, pointer, both(node.min .. " 個以上の要素", "at least " .. node.min .. " item" .. (node.min > 1 and "s" or "")),
           both(n == 0 and "空の配列" or (n .. " 個の要素"), n == 0 and "an empty array" or (n .. " items")))
  end
  if node.max and n > node.max then
    report(ctx, pointer, both(node.max .. " 個以下の要素", "at most " .. node.max .. " items"),
           both(n .. " 個の要素", n .. " items"))
  end
  local seen = {}
  for i = 1, n do
    local p = child(pointer, i)
    local item = v[i]
    if node.key then
      walk(ctx, node.items, item, p, node.key)
    else
      walk(ctx, node.items, item, p)
    end
    if node.unique and (type(item) == "string" or type(item) == "number" or type(item) == "boolean") then
      if seen[item] then
        report(ctx, p, both("重複しない値", "a value not already in the list"),
               both(show(ctx, item).ja .. "（" .. seen[item] .. " と重複）",
                    show(ctx, item).en .. " (already at " .. seen[item] .. ")"))
      else
        seen[item] = p
      end
    end
  end
end

local function walk_fact(ctx, node, v, pointer)
  if type(v) == "boolean" then return end
  if type(v) == "table" and ctx.json.is_object(v) then
    return walk(ctx, ctx.fact_object, v, pointer)
  end
  report(ctx, pointer,
    both("true/false、または {\"value\": …, \"evidence\": …}", "true/false or {\"value\": …, \"evidence\": …}"),
    show_typed(ctx, v))
end

-- Does the condition of a `when` rule hold in object `v`?
local function condition_holds(ctx, rule, v)
  local x = v[rule.field]
  if rule.equals ~= nil then return x == rule.equals end
  if rule.contains ~= nil then
    if type(x) ~= "table" or not ctx.json.is_array(x) then return false end
    for i = 1, #x do if x[i] == rule.contains then return true end end
  end
  return false
end

local function describe_condition(rule)
  local val = type(rule.equals) == "string" and quote(rule.equals) or tostring(rule.equals)
  if rule.contains ~= nil then
    return both(rule.field .. " に " .. quote(rule.contains) .. " があるとき必須",
                "required when " .. rule.field .. " contains " .. quote(rule.contains))
  end
  return both(rule.field .. " が " .. val .. " のとき必須", "required when " .. rule.field .. " is " .. val)
end

local function walk_object(ctx, node, v, pointer, keyed)
  if type(v) ~= "table" or not ctx.json.is_object(v) then return type_error(ctx, pointer, "object", v) end
  local fields = ctx.field_maps[node]
  -- Required fields: always-required ones and those whose condition holds.
  local required = fields.required
  if node.when then
    required = {}
    for name in pairs(fields.required) do required[name] = true end
    for _, rule in ipairs(node.when) do
      if condition_holds(ctx, rule, v) then
        for _, name in ipairs(rule.require) do
          if required[name] == nil then required[name] = rule end
        end
      end
    end
  end
  -- Visit present keys and missing required names in sorted order.
  local names, listed = {}, {}
  for k in pairs(v) do
    names[#names + 1] = k
    listed[k] = true
  end
  for name in pairs(required) do
    if not listed[name] then names[#names + 1] = name end
  end
  table.sort(names) -- keys of a JSON object are strings
  for _, name in ipairs(names) do
    local f = fields.by_name[name]
    local value = v[name]
    local p = child(pointer, tostring(name))
    if value == nil then
      local rule = required[name]
      local msg = both("必須の項目 " .. quote(name) .. " がありません", "required field " .. quote(name) .. " is missing")
      if type(rule) == "table" then
        local cond = describe_condition(rule)
        msg = both(msg.ja .. "（" .. cond.ja .. "）", msg.en .. " (" .. cond.en .. ")")
      end
      report(ctx, pointer, both("項目 " .. quote(name), "field " .. quote(name)), both("なし", "nothing"), msg)
    elseif f == nil then
      local hint = suggest(tostring(name), fields.names)
      local msg = both("未知の項目 " .. quote(tostring(name)) .. " です", "unknown field " .. quote(tostring(name)))
      if hint then
        msg = with_hint(msg, hint)
      else
        local q = {}
        for i, n in ipairs(fields.names) do q[i] = n end
        msg = both(msg.ja .. "（使える項目: " .. join(q, ", ") .. "）", msg.en .. " (allowed: " .. join(q, ", ") .. ")")
      end
      report(ctx, p, both("この位置で使える項目名", "a field name allowed here"), show(ctx, tostring(name)), msg)
    else
      walk(ctx, f.node, value, p)
      if keyed and name == S.collections[keyed].key and type(value) == "string" then
        local ids = ctx.ids[keyed]
        local first = ids.first[value]
        if first and first ~= pointer then
          report(ctx, p, both("申告内で一意の ID", "an id unique in the declaration"),
                 both(quote(value) .. "（" .. first .. " と重複）", quote(value) .. " (already used by " .. first .. ")"))
        end
      end
      if node.checks and node.checks[name] and f.node.t ~= "object" then
        run_check(ctx, node.checks[name], value, p, v)
      end
      if node.differs and node.differs[2] == name then
        local a = node.differs[1]
        if type(value) == "string" and v[a] == value then
          report(ctx, p, both(a .. "（" .. quote(value) .. "）と異なる値", "a value other than " .. a .. " (" .. quote(value) .. ")"),
                 show(ctx, value),
                 both(name .. " が " .. a .. " と同じ " .. quote(value) .. " です",
                      name .. " is the same as " .. a .. " (" .. quote(value) .. ")"))
        end
      end
    end
  end
end

-- Validate value `v` at `pointer` against `node`. `keyed` names the collection when `v`
-- is a member of a keyed array.
walk = function(ctx, node, v, pointer, keyed)
  if node.t == "def" then node = S.defs[node.name] end
  if v == ctx.null and node.nullable then return end
  local t = node.t
  if t == "object" then return walk_object(ctx, node, v, pointer, keyed)
  elseif t == "array" then return walk_array(ctx, node, v, pointer)
  elseif t == "string" then return walk_string(ctx, node, v, pointer)
  elseif t == "integer" then return walk_number(ctx, node, v, pointer, true)
  elseif t == "number" then return walk_number(ctx, node, v, pointer, false)
  elseif t == "boolean" then
    if type(v) ~= "boolean" then return type_error(ctx, pointer, "boolean", v) end
  elseif t == "enum" then return walk_enum(ctx, node, v, pointer)
  elseif t == "ref" then return walk_ref(ctx, node, v, pointer)
  elseif t == "fact" then return walk_fact(ctx, node, v, pointer)
  elseif t == "const" then
    if v ~= node.value then report(ctx, pointer, both(quote(node.value), quote(node.value)), show(ctx, v)) end
  else
    error("kyojin.schema: unknown node type " .. tostring(t))
  end
end

----------------------------------------------------------------------------------------
-- Preparation (once per process)
----------------------------------------------------------------------------------------

local field_maps = setmetatable({}, { __mode = "k" })

local function index_fields(node)
  if type(node) ~= "table" or field_maps[node] then return end
  if node.t == "object" then
    local m = { by_name = {}, names = {}, required = {} }
    for _, f in ipairs(node.fields) do
      m.by_name[f.name] = f
      if f.req then m.required[f.name] = true end
      m.names[#m.names + 1] = f.name
      index_fields(f.node)
    end
    field_maps[node] = m
  elseif node.t == "array" then
    index_fields(node.items)
  end
end

local fact_object = {
  t = "object",
  fields = {
    { name = "value", req = true, node = { t = "boolean" } },
    { name = "evidence", req = true, node = { t = "def", name = "evidence" } },
  },
}

index_fields(S.root)
for _, d in pairs(S.defs) do index_fields(d) end
index_fields(fact_object)

-- Ids declared in each collection: ordered list, set, and the pointer of the first member
-- using each id (for duplicates).
local function collect_ids(ctx, tree)
  local ids = {}
  for name, c in pairs(S.collections) do
    local e = { list = {}, set = {}, first = {} }
    local arr = tree[c.path]
    -- A collection that is present but not an array is reported once, where it is;
    -- references into it are then not checked (they would only repeat that error).
    e.broken = arr ~= nil and not (type(arr) == "table" and ctx.json.is_array(arr))
    if not e.broken and arr ~= nil then
      for i = 1, #arr do
        local item = arr[i]
        if type(item) == "table" and ctx.json.is_object(item) then
          local id = item[c.key]
          if type(id) == "string" and not e.set[id] then
            e.set[id] = true
            e.list[#e.list + 1] = id
            e.first[id] = child("/" .. c.path, i)
          end
        end
      end
    end
    table.sort(e.list)
    ids[name] = e
  end
  return ids
end

----------------------------------------------------------------------------------------
-- Entry point
----------------------------------------------------------------------------------------

-- The errors of a validation run by pcall (ok, err): the stop at max_errors says so.
local function finish(ctx, ok, err)
  if not ok then
    if err ~= STOP then error(err, 0) end
    local e = both("エラーが多すぎるため " .. ctx.max .. " 件で検証を打ち切りました",
                   "too many errors: validation stopped after " .. ctx.max)
    ctx.errors[#ctx.errors + 1] = { pointer = "", expected = both("", ""), found = both("", ""), message = e }
  end
  return ctx.errors
end

function V.validate(tree, json, opts)
  opts = opts or {}
  local ctx = {
    json = json,
    null = json.null,
    root = tree,
    errors = {},
    max = math.max(1, opts.max_errors or 100),
    policy_ids = opts.policy_ids,
    field_maps = field_maps,
    fact_object = fact_object,
  }
  local ok, err = pcall(function()
    if type(tree) ~= "table" or not json.is_object(tree) then
      return report(ctx, "", both("オブジェクト（構成申告）", "an object (a declaration)"), show_typed(ctx, tree))
    end
    -- The version decides the format: nothing else is checked against an unknown one.
    local version = tree.schema
    if version == nil then
      return report(ctx, "", both("項目 \"schema\"", "field \"schema\""), both("なし", "nothing"),
        both("必須の項目 \"schema\" がありません（申告形式のバージョン " .. quote(S.version) .. "）",
             "required field \"schema\" is missing (the format version, " .. quote(S.version) .. ")"))
    end
    if version ~= S.version then
      return report(ctx, "/schema", both(quote(S.version), quote(S.version)), show(ctx, version),
        both("未知の申告形式のバージョン " .. show(ctx, version).ja .. " です（対応: " .. quote(S.version) .. "）",
             "unknown declaration format version " .. show(ctx, version).en .. " (supported: " .. quote(S.version) .. ")"))
    end
    ctx.ids = collect_ids(ctx, tree)
    walk(ctx, S.root, tree, "")
  end)
  return finish(ctx, ok, err)
end

-- A waivers file (check --waivers FILE): { "waivers": [ ... ] } in the declaration's waiver
-- format (its "$schema" member allowed too), checked as a declaration's "waivers" is, except
-- that a subject is checked as a JSON pointer only: the file serves every declaration checked
-- with it, and a subject that is not in a declaration waives nothing there.
local function waivers_node()
  local keep = {}
  for _, f in ipairs(S.root.fields) do
    if f.name == "$schema" then keep[#keep + 1] = f end
    if f.name == "waivers" then keep[#keep + 1] = { name = f.name, req = true, node = f.node, ja = f.ja, en = f.en } end
  end
  local node = { t = "object", fields = keep }
  index_fields(node)
  return node
end
local WAIVERS_FILE = waivers_node()

function V.validate_waivers(tree, json, opts)
  opts = opts or {}
  local ctx = {
    json = json, null = json.null, root = tree, errors = {},
    max = math.max(1, opts.max_errors or 100),
    policy_ids = opts.policy_ids, field_maps = field_maps, fact_object = fact_object,
    no_subjects = true, ids = {},
  }
  local ok, err = pcall(function()
    if type(tree) ~= "table" or not json.is_object(tree) then
      return report(ctx, "", both("オブジェクト {\"waivers\": [...]}", "an object {\"waivers\": [...]}"), show_typed(ctx, tree))
    end
    walk(ctx, WAIVERS_FILE, tree, "")
  end)
  return finish(ctx, ok, err)
end

return V
