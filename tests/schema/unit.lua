-- Unit tests of the declaration schema, validator, JSON Schema emitter and doc renderer
-- (pure Lua, run with lua5.4 from the repository root or anywhere).
-- Prints one line per failing case and a closing "N passed, N failed".
local dir = arg[0]:match("^(.*)/[^/]*$") or "."
local root = dir .. "/../.."
package.path = root .. "/lua/?.lua;" .. dir .. "/?.lua;" .. package.path

local J = require "json"
local S = require "kyojin.schema"
local V = require "kyojin.validate"
local JS = require "kyojin.jsonschema"
local D = require "kyojin.schemadoc"

local passed, failed = 0, 0
local function case(name, fn)
  local ok, err = pcall(fn)
  if ok then passed = passed + 1 else failed = failed + 1; print("FAIL " .. name .. ": " .. tostring(err)) end
end
local function eq(a, b, what)
  if a ~= b then error((what or "value") .. ": expected " .. tostring(b) .. ", got " .. tostring(a), 2) end
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
local function load(path)
  local tree, pos = J.decode(read(path))
  assert(tree, pos)
  return tree
end
local function validate(tree, opts)
  return V.validate(tree, J.api, opts or { max_errors = 100 })
end
local function pointers(errors)
  local p = {}
  for i, e in ipairs(errors) do p[i] = e.pointer end
  return table.concat(p, " ")
end
local base_text = read(root .. "/samples/base.json")
local function base() return (J.decode(base_text)) end

-- Check digit ------------------------------------------------------------------------------
case("check digit of the glossary examples", function()
  for _, code in ipairs { "131016", "472018", "011002", "130001" } do
    eq(tostring(V.check_digit(code:sub(1, 5))), code:sub(6, 6), code)
  end
end)
case("every wrong check digit is rejected, the right one accepted", function()
  for d = 0, 9 do
    local t = base()
    t.body.code = "13101" .. d
    t.body.prefecture = "東京都"
    local n = #validate(t)
    eq(n, d == 6 and 0 or 1, "errors for 13101" .. d)
  end
end)
case("check digit 0 (remainder 1) and 1 (remainder 0)", function()
  -- r = 1 gives 11 - 1 = 10 -> 0; r = 0 gives 11 -> 1
  local function r(five) local w = { 6, 5, 4, 3, 2 } local s = 0
    for i = 1, 5 do s = s + w[i] * tonumber(five:sub(i, i)) end return s % 11 end
  local found = {}
  for n = 10000, 10999 do
    local five = tostring(n)
    found[r(five)] = found[r(five)] or five
  end
  eq(V.check_digit(found[1]), 0, "r=1")
  eq(V.check_digit(found[0]), 1, "r=0")
end)

-- Valid samples ----------------------------------------------------------------------------
local samples = {}
for name in io.popen('ls "' .. root .. '/samples"'):lines() do
  if name:match("%.json$") then samples[#samples + 1] = name end
end
case("at least nine valid samples", function() assert(#samples >= 9, #samples) end)
for _, name in ipairs(samples) do
  case("sample " .. name .. " is valid", function()
    local errors = validate(load(root .. "/samples/" .. name))
    eq(#errors, 0, "errors (" .. (errors[1] and errors[1].message.en or "") .. ")")
  end)
end

-- Each mutation of base.json must produce exactly the listed error pointers -------------
local function at(t, path) -- path "a.b.1.c" with numeric array indices (1-based)
  local cur = t
  local keys = {}
  for k in path:gmatch("[^.]+") do keys[#keys + 1] = tonumber(k) or k end
  for i = 1, #keys - 1 do cur = cur[keys[i]] end
  return cur, keys[#keys]
end
local mutations = {
  { "wrong model", "model", "gamma", "/model" },
  { "string count", "assets.1.count", "920", "/assets/0/count" },
  { "float count", "assets.1.count", 2.5, "/assets/0/count" },
  { "integral float count is an integer", "assets.1.count", 3.0, "" },
  { "importance 4", "assets.2.importance", 4, "/assets/1/importance" },
  { "unknown asset kind", "assets.1.kind", "pc", "/assets/0/kind" },
  { "unknown segment", "assets.1.segment", "dmz", "/assets/0/segment" },
  { "null where not allowed", "assets.1.controls.mfa", J.null, "/assets/0/controls/mfa" },
  { "null where allowed", "edr_service.data_in_japan", J.null, "" },
  { "round cap null allowed", "contracts.1.patch_process.round_cap", J.null, "" },
  { "round cap 0", "contracts.1.patch_process.round_cap", 0, "/contracts/0/patch_process/round_cap" },
  { "fact with evidence object", "organisation.training", J.object { value = false,
      evidence = J.object { title = "x", date = "2026-01-01", sha256 = string.rep("0", 64) } }, "" },
  { "fact as string", "organisation.training", "true", "/organisation/training" },
  { "evidence bad date", "organisation.training", J.object { value = true,
      evidence = J.object { title = "x", date = "2026-13-01", sha256 = string.rep("0", 64) } },
      "/organisation/training/evidence/date" },
  { "leap day 2028 ok", "body.as_of", "2028-02-29", "" },
  { "no leap day 2027", "body.as_of", "2027-02-29", "/body/as_of" },
  { "no leap day 2100", "body.as_of", "2100-02-29", "/body/as_of" },
  { "leap day 2000 ok", "body.as_of", "2000-02-29", "" },
  { "daas without csp", "screen_transfer.1.daas_csp", nil, "/screen_transfer/0" },
  { "vdi without csp is fine", "screen_transfer.2.daas_csp", nil, "" },
  { "used false needs nothing", "remote_access", J.object { used = false }, "" },
  { "used true needs details", "byod", J.object { used = true }, "/byod /byod /byod" },
  { "empty screen_transfer allowed", "screen_transfer", J.array {}, "/waivers/0/subject" },
  { "empty string", "body.name", "", "/body/name" },
  { "too long", "body.name", string.rep("あ", 101), "/body/name" },
  { "100 characters of Japanese is fine", "body.name", string.rep("あ", 100), "" },
  { "refresh 0.5 days ok", "screen_transfer.1.refresh_interval_days", 0.5, "" },
  { "cvss 10.1", "vulnerabilities.1.cvss", 10.1, "/vulnerabilities/0/cvss" },
  { "unknown vuln asset", "vulnerabilities.1.asset", "vpn", "/vulnerabilities/0/asset" },
  { "scope may name a kind", "contracts.1.scope.1", "terminal", "" },
  { "waiver subject escapes", "waivers.1.subject", "/body/na~2me", "/waivers/0/subject" },
  { "waiver subject array index", "waivers.1.subject", "/assets/29", "/waivers/0/subject" },
  { "waiver subject last asset", "waivers.1.subject", "/assets/28", "" },
  { "waiver subject leading zero", "waivers.1.subject", "/assets/01", "/waivers/0/subject" },
  { "waiver policy suffix form", "waivers.1.policy", "ST-01-daas", "/waivers/0/policy" },
  { "object where array expected", "assets", J.object {}, "/assets" },
  { "array where object expected", "body", J.array {}, "/body" },
  { "data link model 5", "data_links.1.model", "5", "/data_links/0/model" },
  { "visual check needs procedure", "harmlessization.visual_check_procedure", nil, "/harmlessization" },
  { "same segments", "screen_transfer.1.target_segment", "internet", "/screen_transfer/0/target_segment" },
  { "prefecture mismatch", "body.prefecture", "千葉県", "/body/code" },
  { "unknown prefecture", "body.prefecture", "江戸", "/body/prefecture" },
  { "$schema allowed", "$schema", "./kyojin-declaration.schema.json", "" },
}
for _, m in ipairs(mutations) do
  case("mutation: " .. m[1], function()
    local t = base()
    local parent, key = at(t, m[2])
    parent[key] = m[3]
    eq(pointers(validate(t, { max_errors = 100, policy_ids = { ["ST-06"] = true, ["ST-01"] = true } })), m[4], "pointers")
  end)
end

-- Behaviour ----------------------------------------------------------------------------------
case("policy ids are not checked without opts.policy_ids", function()
  local t = base()
  t.waivers[1].policy = "XX-99"
  eq(#validate(t, {}), 0, "errors")
  eq(#validate(t, { policy_ids = { ["ST-06"] = true } }), 1, "errors with ids")
end)
case("unknown version stops validation", function()
  local t = base()
  t.schema = "kyojin/declaration/v0"
  t.model = 1
  t.assets = 2
  eq(pointers(validate(t)), "/schema")
end)
case("schema of the wrong type is an unknown version", function()
  local t = base()
  t.schema = 1
  local e = validate(t)
  eq(pointers(e), "/schema")
  assert(e[1].message.en:find("unknown declaration format version 1", 1, true), e[1].message.en)
end)
case("max_errors caps the list and says so", function()
  local t = base()
  for i = 1, #t.assets do t.assets[i].kind = "x" end
  local e = validate(t, { max_errors = 5 })
  eq(#e, 6, "count")
  eq(e[6].pointer, "", "closing pointer")
  assert(e[6].message.en:find("stopped after 5", 1, true))
end)
case("errors come in document order and are deterministic", function()
  local t = base()
  t.waivers[1].subject = "/nowhere"
  t.assets[3].kind = "x"
  t.body.kind = "x"
  t.assets[1].kind = "x"
  local a = pointers(validate(t))
  eq(a, "/assets/0/kind /assets/2/kind /body/kind /waivers/0/subject")
  eq(pointers(validate(t)), a, "second run")
end)
case("every error has pointer, expected, found and message in both languages", function()
  local t = base()
  t.assets[1].kind = "x"
  t.assets[1].extra = 1
  t.body.code = "112490"
  t.telework = J.object { used = true }
  for _, e in ipairs(validate(t)) do
    assert(type(e.pointer) == "string")
    for _, k in ipairs { "expected", "found", "message" } do
      assert(type(e[k].ja) == "string" and e[k].ja ~= "", k .. ".ja")
      assert(type(e[k].en) == "string" and e[k].en ~= "", k .. ".en")
    end
    assert(e.message.en:sub(1, #e.pointer) == e.pointer, "message starts with pointer")
  end
end)
case("the validator does not modify the declaration", function()
  local t = base()
  local before = J.encode(t)
  t.assets[1].kind = "x"
  validate(t)
  t.assets[1].kind = "terminal"
  eq(J.encode(t), before, "tree")
end)
case("empty object and empty array are told apart", function()
  local t = base()
  t.data_links = J.object {}
  eq(pointers(validate(t)), "/data_links")
  t = base()
  t.assets[1].controls = J.array {}
  eq(pointers(validate(t)), "/assets/0/controls")
end)
case("non-object root", function()
  eq(pointers(validate(J.array {})), "")
  eq(pointers(validate("x")), "")
end)

-- Schema data is complete and consistent ---------------------------------------------------
local function each_field(node, path, fn, seen)
  if node.t == "def" then node = S.defs[node.name] end
  if node.t == "object" then
    for _, f in ipairs(node.fields) do
      fn(f, path .. "/" .. f.name, node)
      each_field(f.node, path .. "/" .. f.name, fn)
    end
  elseif node.t == "array" then
    each_field(node.items, path .. "[]", fn)
  end
end
case("every field has Japanese and English descriptions", function()
  local missing = {}
  each_field(S.root, "", function(f, path)
    if not (f.ja and f.ja ~= "" and f.en and f.en ~= "") then missing[#missing + 1] = path end
  end)
  each_field(S.defs.evidence, "#evidence", function(f, path)
    if not (f.ja and f.en) then missing[#missing + 1] = path end
  end)
  eq(table.concat(missing, " "), "", "fields without descriptions")
end)
case("every enum, format, collection and conditional field named exists", function()
  local bad = {}
  local function check_node(n, path)
    if n.t == "enum" and not S.enums[n.enum] then bad[#bad + 1] = path .. " enum " .. n.enum end
    if n.format and not S.formats[n.format] then bad[#bad + 1] = path .. " format " .. n.format end
    if n.t == "ref" and not S.collections[n.to] then bad[#bad + 1] = path .. " ref " .. n.to end
    if n.t == "object" then
      local names = {}
      for _, f in ipairs(n.fields) do names[f.name] = true end
      for _, r in ipairs(n.when or {}) do
        if not names[r.field] then bad[#bad + 1] = path .. " when " .. r.field end
        for _, x in ipairs(r.require) do if not names[x] then bad[#bad + 1] = path .. " requires " .. x end end
      end
    end
    if n.t == "array" then check_node(n.items, path .. "[]") end
  end
  check_node(S.root, "")
  each_field(S.root, "", function(f, path) check_node(f.node, path) end)
  eq(table.concat(bad, "; "), "", "dangling names")
end)
case("enum values have labels in both languages and are lowercase ASCII", function()
  for name, list in pairs(S.enums) do
    for _, e in ipairs(list) do
      assert(e[2] and e[3], name .. " " .. e[1])
      if name ~= "prefecture" then assert(e[1]:match("^[a-z0-9_]+$"), name .. " " .. e[1]) end
    end
  end
end)
case("Lua patterns and regular expressions agree on sample values", function()
  local good = {
    id = { "inet-pc", "a", "c.1_x" }, date = { "2026-10-01" }, lg_code = { "131016" },
    sha256 = { string.rep("ab", 32) }, cve = { "CVE-2024-6387", "CVE-2025-123456" },
    policy_id = { "ST-01", "BM-10-edr" }, json_pointer = { "/a", "/a~1b/0" },
    attack_id = { "T1566", "T1566.001" }, tree_id = { "1-1", "12-3" }, email = { "a@b.jp" },
    phone = { "048-555-0100", "+81485550100" },
  }
  local bad = {
    id = { "Inet", "-a", "a b", "" }, date = { "2026-1-01", "26-10-01" }, lg_code = { "13101", "1310166" },
    sha256 = { string.rep("AB", 32), string.rep("a", 63) }, cve = { "CVE-24-1", "cve-2024-6387" },
    policy_id = { "ST-1", "st-01", "ST-01-" }, json_pointer = { "a", "" },
    attack_id = { "T15", "T1566.1" }, tree_id = { "0-1", "1_1" }, email = { "a@b", "a b@c.d" },
    phone = { "abc" },
  }
  for name, list in pairs(good) do
    for _, v in ipairs(list) do
      local ok = false
      for _, p in ipairs(S.formats[name].lua) do if v:match(p) then ok = true end end
      assert(ok, name .. " should accept " .. v)
    end
  end
  for name, list in pairs(bad) do
    for _, v in ipairs(list) do
      local ok = false
      for _, p in ipairs(S.formats[name].lua) do if v:match(p) then ok = true end end
      if name == "policy_id" and v == "ST-01-" then ok = ok end
      assert(not ok or name == "json_pointer" and v ~= "" and v ~= "a", name .. " should reject " .. v)
    end
  end
end)

-- JSON Schema ---------------------------------------------------------------------------------
case("JSON Schema: draft 2020-12, closed objects, no empty arrays", function()
  local tree = JS.build(J.api)
  eq(tree["$schema"], "https://json-schema.org/draft/2020-12/schema", "$schema")
  local problems = {}
  local function walk(t, path)
    if type(t) ~= "table" then return end
    if next(t) == nil and path:match("required$") then problems[#problems + 1] = path end
    if t.type == "object" and t.properties and t.additionalProperties ~= false then
      problems[#problems + 1] = path .. " open"
    end
    for k, v in pairs(t) do
      if type(v) == "table" and next(v) == nil and (k == "required" or k == "enum" or k == "allOf") then
        problems[#problems + 1] = path .. "/" .. tostring(k) .. " empty"
      end
      walk(v, path .. "/" .. tostring(k))
    end
  end
  walk(tree, "")
  eq(table.concat(problems, " "), "", "problems")
end)
case("JSON Schema: every schema field appears as a property", function()
  local tree = JS.build(J.api)
  local missing = {}
  local function find(js, node, path)
    if node.t == "def" then return end
    if node.t == "object" then
      for _, f in ipairs(node.fields) do
        local p = js.properties and js.properties[f.name]
        if not p then missing[#missing + 1] = path .. "/" .. f.name
        else
          if not (p.description or p["$ref"]) then missing[#missing + 1] = path .. "/" .. f.name .. " (description)" end
          find(p, f.node, path .. "/" .. f.name)
        end
      end
    elseif node.t == "array" then
      find(js.items, node.items, path .. "[]")
    end
  end
  find(tree, S.root, "")
  eq(table.concat(missing, " "), "", "missing")
end)
case("JSON Schema: one-language variants", function()
  local ja = JS.build(J.api, { lang = "ja" })
  local en = JS.build(J.api, { lang = "en" })
  eq(ja.properties.body.description, "申告する団体", "ja")
  eq(en.properties.body.description, "the declaring body", "en")
end)

-- Documentation -----------------------------------------------------------------------------
case("docs/declaration.md is the rendering of the schema", function()
  local doc = read(root .. "/docs/declaration.md")
  if doc ~= D.render() then
    error("docs/declaration.md differs from kyojin.schemadoc.render(); run lua5.4 tests/schema/doc.lua --write")
  end
end)
case("docs name every field path and every enumeration value of the schema", function()
  local doc = read(root .. "/docs/declaration.md")
  local missing = {}
  each_field(S.root, "", function(_, path)
    local dotted = path:sub(2):gsub("%[%]/", "[]."):gsub("/", ".")
    if not doc:find("`" .. dotted .. "`", 1, true) then missing[#missing + 1] = dotted end
  end)
  for name, list in pairs(S.enums) do
    for _, e in ipairs(list) do
      local v = name == "prefecture" and e[1] or e[1]
      if not doc:find("`" .. v .. "`", 1, true) then missing[#missing + 1] = name .. "=" .. v end
    end
  end
  eq(table.concat(missing, " "), "", "missing from the docs")
end)

print(string.format("%d passed, %d failed", passed, failed))
os.exit(failed == 0 and 0 or 1)
