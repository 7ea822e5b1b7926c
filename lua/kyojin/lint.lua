-- kyojin.lint — `kyojin lint` (trusted host code): metadata checks over the policy pack.
--
-- The DSL already refuses a policy with a missing or malformed field (both languages of
-- title, remediation and parameter descriptions, known models, a source). Lint checks what
-- needs the whole pack: requirement IDs known to the catalog, sources naming a seed, the
-- parameters the catalog names present with its defaults, countermeasure ties to known ids,
-- a test file beside every policy with a passing and a failing case, every catalog ID
-- covered, and one parameter in one place (a catalog parameter only in the policies of its
-- requirement; no parameter of a restated policy defined again by the policy restating it).
--
-- It also warns (without failing) when a required policy flips a bundled sample: it fails or
-- errs on a sample that samples/README.md documents as compliant (no required policy among
-- the sample's listed fail IDs) and is not listed there itself. That is what a new required
-- policy does to bodies that were compliant; the warning suggests level = "preview" first.
-- A sample already documented as non-compliant is not flipped by one more failure
-- (tests/suites/samples.sh holds every sample to its exact list anyway).

local M = {}
local register = require("kyojin.register")
local sources = require("kyojin.sources")

local function load_data(path)
  local text, err = host.read_file(path)
  if not text then return nil, err end
  local chunk, lerr = load(text, "@" .. path, "t", {})
  if not chunk then return nil, lerr end
  local ok, data = pcall(chunk)
  if not ok then return nil, data end
  return data
end

-- The fail IDs samples/README.md lists for each sample ("| `NAME.json` | … | fail A B · warn C |"
-- or "none"): { ["NAME.json"] = { A = true, B = true } }, or nil without the file.
local function documented_fails(home)
  local text = host.read_file(home .. "/samples/README.md")
  if not text then return nil end
  local out = {}
  for line in text:gmatch("[^\n]+") do
    local name = line:match("^| `([%w%-]+%.json)` |")
    if name then
      local last = line:match("|%s*([^|]*)%s*|%s*$") or ""
      local fails = {}
      for id in (last:match("fail ([^·]*)") or ""):gmatch("[%u%d%-]+") do fails[id] = true end
      out[name] = fails
    end
  end
  return out
end

-- Warnings: required policies that flip a bundled sample from compliant to non-compliant
-- without samples/README.md saying so (see the top of this file).
local function sample_flips(home, meta_by_id)
  local listed = documented_fails(home)
  local warnings = {}
  if not listed then return warnings end
  local names = {}
  for name in pairs(listed) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local fails = listed[name]
    local compliant = true
    for id in pairs(fails) do
      if meta_by_id[id] and meta_by_id[id].level == "required" then compliant = false end
    end
    local text = compliant and host.read_file(home .. "/samples/" .. name)
    local res = text and host.evaluate(text, "samples/" .. name)
    for _, p in ipairs(res and res.policies or {}) do
      if p.level == "required" and (p.status == "fail" or p.status == "error") and not fails[p.id] then
        local m = meta_by_id[p.id]
        warnings[#warnings + 1] = string.format(
          "%s (%s): makes samples/%s non-compliant (%s), which samples/README.md documents as compliant; "
            .. "roll a new requirement out with level = \"preview\" first, or list %s for the sample in samples/README.md",
          m and m.file or p.id, p.id, name, p.status, p.id)
      end
    end
  end
  return warnings
end

function M.main(args)
  local problems = {}
  local function problem(where, fmt, ...)
    problems[#problems + 1] = where .. ": " .. string.format(fmt, ...)
  end
  if args.load_failed then problem("policies", "some policies could not be loaded (see the messages above)") end

  local catalog, cerr = load_data(args.policies .. "/catalog.lua")
  if not catalog then
    host.write("kyojin lint: catalog: " .. tostring(cerr) .. "\n")
    return 1
  end
  local by_id = {}
  for _, c in ipairs(catalog) do by_id[c.id] = c end
  -- the pack's edition (policies/edition.lua): the runner checks its form (an ill-formed one
  -- does not load: load_failed above); a pack without one is only warned about
  local warnings = {}
  if not host.read_file(args.policies .. "/edition.lua") then
    warnings[#warnings + 1] = "policies: warning: no edition.lua: every result will say the edition is not set (policies/README.md, Edition)"
  end

  local cms = {}
  local cm_list = load_data(args.home .. "/lua/kyojin/risk/countermeasures.lua")
  if cm_list then for _, c in ipairs(cm_list) do cms[c.id] = true end end

  local files = {}
  for _, f in ipairs(host.list(args.policies)) do files[f] = true end

  local covered = {}
  local metas = host.metadata()
  -- one parameter, one place: which requirements name each catalog parameter, and every
  -- policy by id (for restates)
  local catalog_param = {}
  for _, c in ipairs(catalog) do
    for name in pairs(c.params or {}) do
      catalog_param[name] = catalog_param[name] or {}
      catalog_param[name][c.id] = true
    end
  end
  local meta_by_id = {}
  for _, m in ipairs(metas) do meta_by_id[m.id] = m end
  for _, m in ipairs(metas) do
    local where = m.file .. " (" .. m.id .. ")"
    local mine = {}
    for _, r in ipairs(m.requirements) do mine[r] = true end
    for name in pairs(m.params) do
      local owners = catalog_param[name]
      if owners then
        local own = false
        for r in pairs(owners) do if mine[r] then own = true end end
        if not own then
          local list = {}
          for r in pairs(owners) do list[#list + 1] = r end
          table.sort(list)
          problem(where, "parameter %s is defined twice: the catalog gives it to %s; re-state that policy (restates) and read params[ID].%s",
            name, table.concat(list, ", "), name)
        end
      end
    end
    for _, id in ipairs(m.restates or {}) do
      local q = meta_by_id[id]
      if not q then
        problem(where, "restates unknown policy %s", id)
      elseif q.restates then
        problem(where, "restates %s, which itself restates others", id)
      else
        for name in pairs(q.params) do
          if m.params[name] then
            problem(where, "parameter %s is defined twice: %s has it and is restated here; read params[\"%s\"].%s", name, id, id, name)
          end
        end
      end
    end
  end
  for _, m in ipairs(metas) do
    local where = m.file .. " (" .. m.id .. ")"
    for _, r in ipairs(m.requirements) do
      if not by_id[r] then problem(where, "requirement %s is not in the catalog", r) end
      covered[r] = true
      local c = by_id[r]
      -- parameters the catalog names must exist with the catalog's default
      if c and c.params then
        for name, default in pairs(c.params) do
          local p = m.params[name]
          if not p then
            problem(where, "the catalog names parameter %s for %s but the policy has none", name, r)
          elseif p.default ~= default then
            problem(where, "parameter %s defaults to %s, the catalog says %s", name, tostring(p.default), tostring(default))
          end
        end
      end
    end
    -- a remediation quotes a parameter's value as {name} (the value in effect), never its default
    for _, lang in ipairs({ "ja", "en" }) do
      local t = m.remediation[lang]
      local left = t:match("{[%l_][%w_]*:?%d?}")
      if left then problem(where, "remediation.%s: %s names no parameter of the policy", lang, left) end
      if t:find("既定%s*%d") or t:find("既定値%s*%d") or t:find("[Dd]efault%s*%d") then
        problem(where, "remediation.%s quotes a default value; write {name} so that it shows the value in effect", lang)
      end
    end
    -- what users read: one register, no field names, no bare seed code (kyojin.register)
    for _, f in ipairs({ "title", "remediation" }) do
      for _, why in ipairs(register.problems(m[f].ja)) do problem(where, "%s.ja: %s", f, why) end
    end
    local named = false
    for _, d in ipairs(sources.documents) do
      if m.source:find(sources.name(d.code, "ja"), 1, true) then named = true end
    end
    if not named then problem(where, "source should name a seed (S000…S004) and a section: '%s'", m.source) end
    for _, why in ipairs(register.problems(m.source)) do
      if why:find("seed code") then problem(where, "source: %s", why) end
    end
    for _, c in ipairs(m.countermeasures) do
      local id = type(c) == "table" and c.id or c
      if next(cms) and not cms[id] then problem(where, "unknown countermeasure '%s'", id) end
    end
    -- the test beside the policy: at least one passing and one non-passing case
    local test = m.file:gsub("%.lua$", "_test.lua")
    if not files[test] then
      problem(where, "no test file %s", test)
    else
      local cases, err = host.load_cases(args.policies .. "/" .. test)
      if not cases then
        problem(where, "test file: %s", err)
      else
        local pass, other = false, false
        for _, c in ipairs(cases) do
          if c.policy == nil or c.policy == m.id then
            if c.expect == "pass" or (m.level == "info" and c.expect == "info") then pass = true end
            if c.expect == "fail" or c.expect == "warn" or (m.level == "info" and c.expect ~= "info" and c.expect ~= "pass") then other = true end
          end
        end
        if not pass then problem(where, "no test case where the policy passes") end
        if not other then problem(where, "no test case where the policy fails") end
      end
    end
  end
  for _, c in ipairs(catalog) do
    if not covered[c.id] then problem("catalog", "requirement %s is covered by no policy", c.id) end
  end
  table.sort(problems)
  for _, w in ipairs(warnings) do host.write(w, "\n") end
  for _, p in ipairs(problems) do host.write(p, "\n") end
  for _, w in ipairs(sample_flips(args.home, meta_by_id)) do host.write("warning: ", w, "\n") end
  host.write(string.format("%d passed, %d failed\n", #metas - (#problems > 0 and 0 or 0), #problems))
  return #problems > 0 and 1 or 0
end

return M
