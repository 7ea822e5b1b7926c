-- kyojin.testrunner — `kyojin test [--mutate] [DIR|FILE...]` (trusted host code).
--
-- Runs the policy tests written beside each policy (`<name>_test.lua`, cases declared with
-- `case { ... }`), each against a declaration built from a sample or inline data and patched
-- by JSON pointer; the patched declaration goes through the whole pipeline (parse, schema
-- validation, conversion). With --mutate, each passing case's declaration is mutated field by
-- field (every field the policy read) and policies whose verdict never changes are reported.

local M = {}
local register = require("kyojin.register")

local function out(fmt, ...) host.write(string.format(fmt, ...)) end

-- deep copy of a raw tree, keeping the array/object tags
local function copy(v)
  if type(v) ~= "table" then return v end
  local c = {}
  for k, x in pairs(v) do c[k] = copy(x) end
  if json.is_array(v) then json.array(c) elseif json.is_object(v) then json.object(c) end
  return c
end

local function unescape(tok)
  return (tok:gsub("~1", "/"):gsub("~0", "~"))
end

local function split(ptr)
  local parts = {}
  if ptr == "" then return parts end
  if ptr:sub(1, 1) ~= "/" then return nil end
  for tok in (ptr:sub(2) .. "/"):gmatch("(.-)/") do parts[#parts + 1] = unescape(tok) end
  return parts
end

-- resolve the parent container and key of a pointer, creating missing objects when `create`
local function locate(tree, ptr, create)
  local parts = split(ptr)
  if not parts or #parts == 0 then return nil, "pointer must name a member: " .. tostring(ptr) end
  local node = tree
  for i = 1, #parts - 1 do
    local k = parts[i]
    local key = json.is_array(node) and (tonumber(k) and math.tointeger(tonumber(k)) + 1) or k
    if key == nil then return nil, "bad array index '" .. k .. "' in " .. ptr end
    local nxt = node[key]
    if nxt == nil and create then
      nxt = json.object {}
      node[key] = nxt
    end
    if type(nxt) ~= "table" then return nil, "pointer does not resolve: " .. ptr end
    node = nxt
  end
  local last = parts[#parts]
  if json.is_array(node) then
    if last == "-" then return node, #node + 1 end
    local n = tonumber(last)
    if not n then return nil, "bad array index '" .. last .. "' in " .. ptr end
    return node, math.tointeger(n) + 1
  end
  return node, last
end

local function set(tree, ptr, value)
  local node, key = locate(tree, ptr, true)
  if not node then error(key, 0) end
  node[key] = copy(value)
end

local function remove(tree, ptr)
  local node, key = locate(tree, ptr, false)
  if not node then error(key, 0) end
  if json.is_array(node) then table.remove(node, key) else node[key] = nil end
end

local function get(tree, ptr)
  if ptr == "" then return tree end
  local node, key = locate(tree, ptr, false)
  if not node then return nil end
  return node[key]
end

local sample_cache = {}
local function load_sample(home, name)
  local path = name
  if not name:find("/") then path = home .. "/samples/" .. name .. ".json" end
  if sample_cache[path] == nil then
    local text, err = host.read_file(path)
    if not text then error("sample: " .. err, 0) end
    local tree, derr = host.decode(text, path)
    if not tree then error("sample: " .. derr, 0) end
    sample_cache[path] = tree
  end
  return copy(sample_cache[path])
end

-- Build the declaration of a case (a raw tree).
local function build(c, home)
  local tree
  if c.decl ~= nil then
    tree = copy(c.decl)
  else
    tree = load_sample(home, c.sample or "base")
  end
  if c.model ~= nil then tree.model = c.model end
  if c.set ~= nil then
    local keys = {}
    for k in pairs(c.set) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do set(tree, k, c.set[k]) end
  end
  if c.remove ~= nil then
    local list = {}
    for _, p in ipairs(c.remove) do list[#list + 1] = p end
    -- remove deeper and later array elements first
    table.sort(list, function(a, b) return a > b end)
    for _, p in ipairs(list) do remove(tree, p) end
  end
  return tree
end

local function policy_of_result(res, id)
  for _, p in ipairs(res.policies) do if p.id == id then return p end end
end

local function subjects_of(p)
  local s = {}
  for _, f in ipairs(p.findings) do
    if f.status ~= "pass" then s[#s + 1] = f.pointer end
  end
  table.sort(s)
  local u = {}
  for i, v in ipairs(s) do if v ~= s[i - 1] then u[#u + 1] = v end end
  return u
end

local function fmt_validation(errs)
  if type(errs) == "string" then return errs end
  local lines = {}
  for i, e in ipairs(errs) do
    if i > 5 then lines[#lines + 1] = "..." break end
    lines[#lines + 1] = (e.pointer or "?") .. ": " .. ((e.message and e.message.en) or "?")
  end
  return "declaration invalid: " .. table.concat(lines, "; ")
end

local function run_case(c, id, home, tree)
  tree = tree or build(c, home)
  local text = json.encode(tree, true)
  local res, err = host.evaluate(text, c.name or "(test)", id, c.params, c.as_of)
  if not res then return nil, fmt_validation(err) end
  local p = policy_of_result(res, id)
  if not p then return nil, "policy " .. id .. " not evaluated" end
  return p, nil, tree
end

-- The string values of a declaration, longest first: the text a message quotes from the
-- declaration (names, ids) is the municipality's, not the policy's, and is not judged by
-- kyojin.register.
local function declared_strings(tree)
  local out, seen = {}, {}
  local function walk(v)
    if type(v) == "string" then
      if #v > 1 and not seen[v] then seen[v] = true; out[#out + 1] = v end
    elseif type(v) == "table" then
      for _, x in pairs(v) do walk(x) end
    end
  end
  walk(tree)
  table.sort(out, function(a, b) return #a > #b or (#a == #b and a < b) end)
  return out
end

local function without(text, strings)
  for _, s in ipairs(strings) do
    local i = text:find(s, 1, true)
    while i do
      text = text:sub(1, i - 1) .. "〇" .. text:sub(i + #s)
      i = text:find(s, i + 3, true)
    end
  end
  return text
end

local function check_case(c, p, tree)
  if c.expect and p.status ~= c.expect then
    local why = ""
    if p.reason and p.reason ~= json.null then why = " (" .. tostring(p.reason.en) .. ")" end
    return false, string.format("expected %s, got %s%s", c.expect, p.status, why)
  end
  if c.subjects ~= nil then
    local want = {}
    for _, s in ipairs(c.subjects) do want[#want + 1] = s end
    table.sort(want)
    local got = subjects_of(p)
    if table.concat(want, " ") ~= table.concat(got, " ") then
      return false, string.format("expected subjects {%s}, got {%s}", table.concat(want, ", "), table.concat(got, ", "))
    end
  end
  if c.evidence ~= nil then
    local ok = false
    for _, f in ipairs(p.findings) do if f.evidence == c.evidence then ok = true end end
    if not ok then return false, "expected a finding with evidence '" .. c.evidence .. "'" end
  end
  -- contains / lacks: plain text that some finding's Japanese message (or the reason of a
  -- policy that does not apply) must hold / that none may hold
  local texts = {}
  for _, f in ipairs(p.findings) do
    if type(f.message) == "table" and type(f.message.ja) == "string" then texts[#texts + 1] = f.message.ja end
  end
  if type(p.reason) == "table" and type(p.reason.ja) == "string" then texts[#texts + 1] = p.reason.ja end
  for _, want in ipairs(type(c.contains) == "table" and c.contains or { c.contains }) do
    local ok = false
    for _, t in ipairs(texts) do if t:find(want, 1, true) then ok = true end end
    if not ok then return false, "expected a message containing '" .. want .. "'" end
  end
  -- every message the policy gave reads as advice to a village (kyojin.register)
  local declared = tree and declared_strings(tree) or {}
  for _, t in ipairs(texts) do
    local why = register.problems(without(t, declared))
    if #why > 0 then return false, "message: " .. why[1] .. ": " .. t end
  end
  if c.remediation ~= nil then
    local r = type(p.remediation) == "table" and p.remediation.ja or ""
    if not r:find(c.remediation, 1, true) then
      return false, "expected the remediation to contain '" .. c.remediation .. "': " .. r
    end
  end
  for _, bad in ipairs(type(c.lacks) == "table" and c.lacks or { c.lacks }) do
    for _, t in ipairs(texts) do
      if t:find(bad, 1, true) then return false, "message contains '" .. bad .. "': " .. t end
    end
  end
  return true
end

-- Mutants of a value: flip booleans, drop keys, empty lists, move numbers across thresholds.
local function mutants(v)
  local m = {}
  if type(v) == "boolean" then
    m[#m + 1] = { "flip", not v }
  elseif math.type(v) ~= nil then
    for _, x in ipairs({ 0, -1, v + 1, v - 1, v * 2 + 10, v / 2, 1000000 }) do
      if x ~= v then m[#m + 1] = { "set " .. tostring(x), x } end
    end
  elseif type(v) == "string" then
    m[#m + 1] = { "empty string", "" }
    m[#m + 1] = { "other string", v .. "-x" }
  elseif json.is_null(v) then
    m[#m + 1] = { "true", true }
    m[#m + 1] = { "false", false }
  elseif type(v) == "table" and json.is_array(v) and #v > 0 then
    m[#m + 1] = { "empty list", json.array {} }
    m[#m + 1] = { "first only", json.array { copy(v[1]) } }
  elseif type(v) == "table" and json.is_object(v) then
    m[#m + 1] = { "empty object", json.object {} }
  end
  m[#m + 1] = { "drop", nil }
  return m
end

-- The verdict of a policy: its status, and for info policies the classifications it gave.
local function verdict(p)
  local v = { p.status }
  if p.status == "info" then
    for _, f in ipairs(p.findings) do
      local cls = f.classification
      if type(cls) == "table" then v[#v + 1] = f.pointer .. "=" .. tostring(cls.class or cls.model or json.encode(cls)) end
    end
  end
  return table.concat(v, "|")
end

local function mutate_policy(id, meta, cases, home)
  -- a passing fixture (for info policies: one that classifies)
  for _, c in ipairs(cases) do
    if c.expect == "pass" or c.expect == "info" then
      local p, err, tree = run_case(c, id, home)
      if p and p.status == c.expect then
        local base = verdict(p)
        local exempt = meta.mutation_exempt or {}
        local changed, tried, valid = false, 0, 0
        for _, ptr in ipairs(p.fields_read) do
          if ptr ~= "" and not exempt[ptr] then
            local v = get(tree, ptr)
            for _, mu in ipairs(mutants(v)) do
              local t2 = copy(tree)
              local ok = pcall(function()
                if mu[2] == nil then remove(t2, ptr) else set(t2, ptr, mu[2]) end
              end)
              if ok then
                tried = tried + 1
                local p2 = run_case(c, id, home, t2)
                if p2 then
                  valid = valid + 1
                  if verdict(p2) ~= base then changed = true break end
                end
              end
            end
          end
          if changed then break end
        end
        return changed, valid, #p.fields_read
      end
    end
  end
  return nil, 0, 0
end

function M.main(args)
  local home = args.home
  local mutate, paths = false, {}
  for _, a in ipairs(args) do
    if a == "--mutate" then mutate = true
    elseif a:sub(1, 1) == "-" then
      host.write("kyojin test: unknown option " .. a .. "\n")
      return 2
    else paths[#paths + 1] = a end
  end
  if #paths == 0 then paths[1] = args.policies end
  local meta_by_file, meta_by_id = {}, {}
  for _, m in ipairs(host.metadata()) do
    meta_by_file[m.file] = m
    meta_by_id[m.id] = m
  end
  -- test files
  local files = {}
  for _, p in ipairs(paths) do
    for _, rel in ipairs(host.list(p)) do
      local full = rel == "" and p or (p .. "/" .. rel)
      if full:match("_test%.lua$") then files[#files + 1] = full end
    end
  end
  table.sort(files)
  local passed, failed = 0, 0
  local tested = {}
  local policy_cases = {}
  for _, file in ipairs(files) do
    local cases, err = host.load_cases(file)
    if not cases then
      out("FAIL %s: %s\n", file, err)
      failed = failed + 1
    else
      -- the sibling policy
      -- the sibling policy: the metadata entry whose file, with _test added, ends this path
      local sibling
      for f, m in pairs(meta_by_file) do
        local t = f:gsub("%.lua$", "_test.lua")
        if file == t or file:sub(-(#t + 1)) == "/" .. t then sibling = m end
      end
      for i, c in ipairs(cases) do
        local id = c.policy or (sibling and sibling.id)
        local label = string.format("%s #%d %s", file, i, c.name or "")
        if not id then
          out("FAIL %s: no policy (set policy = \"ID\" or put the test beside its policy)\n", label)
          failed = failed + 1
        elseif not meta_by_id[id] then
          out("FAIL %s: unknown policy %s\n", label, id)
          failed = failed + 1
        else
          local ok, p, err, tree = pcall(run_case, c, id, args.home)
          if not ok then
            out("FAIL %s: %s\n", label, tostring(p))
            failed = failed + 1
          elseif not p then
            out("FAIL %s: %s\n", label, err)
            failed = failed + 1
          else
            local good, why = check_case(c, p, tree)
            if good then
              passed = passed + 1
              tested[id] = true
              policy_cases[id] = policy_cases[id] or {}
              table.insert(policy_cases[id], c)
            else
              out("FAIL %s: %s\n", label, why)
              failed = failed + 1
            end
          end
        end
      end
    end
  end
  if mutate then
    local ids = {}
    for id in pairs(policy_cases) do ids[#ids + 1] = id end
    table.sort(ids)
    for _, id in ipairs(ids) do
      local killed, valid, nread = mutate_policy(id, meta_by_id[id], policy_cases[id], home)
      if killed == nil then
        out("MUTATE %s: no passing case to mutate\n", id)
        failed = failed + 1
      elseif killed then
        passed = passed + 1
      else
        out("MUTATE %s: SURVIVED — the verdict never changed over %d valid mutants of %d fields read\n", id, valid, nread)
        failed = failed + 1
      end
    end
  end
  -- a policy that could not be loaded has no test that could pass (kyojin names it above)
  if args.load_failed then
    out("FAIL policies: some policies could not be loaded (see the messages above)\n")
    failed = failed + 1
  end
  out("%d passed, %d failed\n", passed, failed)
  return args.load_failed and 3 or failed > 0 and 1 or 0
end

return M
