-- kyojin.dsl — validation of a policy's metadata (trusted host code).
--
-- A policy file calls `policy { ... }`; the host captures that table and calls
-- validate(spec, file). We read the spec with rawget only (no policy metamethods run here)
-- and return plain metadata, or raise an error naming the file and the field.

local M = {}
local sources = require("kyojin.sources")

local MODELS = { alpha = true, alpha_prime = true, beta = true, beta_prime = true }
-- the levels a policy may have: the words of kyojin.vocab (one list for validation and reports)
local LEVELS, LEVEL_NAMES = {}, {}
for _, l in ipairs(require("kyojin.vocab").levels or {}) do
  LEVELS[l.id] = true
  LEVEL_NAMES[#LEVEL_NAMES + 1] = '"' .. l.id .. '"'
end
local PARAM_TYPES = { number = true, string = true, boolean = true }
local KNOWN = {
  id = true, requirements = true, level = true, models = true, applies = true, source = true,
  title = true, remediation = true, params = true, countermeasures = true,
  mutation_exempt = true, check = true, restates = true,
}

local function fail(file, field, fmt, ...)
  error(string.format("%s: field '%s': " .. fmt, file, field, ...), 0)
end

local function bilingual(file, field, v)
  if type(v) ~= "table" then fail(file, field, "must be a table { ja = \"...\", en = \"...\" }") end
  local ja, en = rawget(v, "ja"), rawget(v, "en")
  if type(ja) ~= "string" or ja == "" then fail(file, field .. ".ja", "Japanese text is missing") end
  if type(en) ~= "string" or en == "" then fail(file, field .. ".en", "English text is missing") end
  return { ja = ja, en = en }
end

local function array_of_strings(file, field, v, pattern, what)
  if type(v) ~= "table" then fail(file, field, "must be a list of %s", what) end
  local out, n = {}, #v
  if n == 0 then fail(file, field, "must not be empty") end
  for k in next, v do
    if math.type(k) ~= "integer" or k < 1 or k > n then fail(file, field, "must be a list (no named keys)") end
  end
  for i = 1, n do
    local s = rawget(v, i)
    if type(s) ~= "string" or (pattern and not s:match(pattern)) then
      fail(file, field .. "[" .. i .. "]", "%s expected, got %s", what, type(s) == "string" and ("'" .. s .. "'") or type(s))
    end
    out[i] = s
  end
  return out
end

function M.validate(spec, file)
  if type(spec) ~= "table" then error(file .. ": policy { ... } needs a table", 0) end
  for k in next, spec do
    if type(k) ~= "string" or not KNOWN[k] then
      local hint = ""
      if type(k) == "string" then
        for name in pairs(KNOWN) do
          if name:sub(1, 3) == k:sub(1, 3) then hint = " (did you mean '" .. name .. "'?)" end
        end
      end
      error(string.format("%s: unknown field '%s'%s", file, tostring(k), hint), 0)
    end
  end
  local meta = {}
  local id = rawget(spec, "id")
  if type(id) ~= "string" or not id:match("^%u%u%-%d%d[%w%-]*$") then
    fail(file, "id", "must look like 'ST-01' (optionally with a suffix like 'BM-01-ap')")
  end
  meta.id = id
  meta.requirements = array_of_strings(file, "requirements", rawget(spec, "requirements"), "^%u%u%-%d%d$",
    "a requirement ID like 'ST-01'")
  local level = rawget(spec, "level")
  if not LEVELS[level] then fail(file, "level", "must be one of %s", table.concat(LEVEL_NAMES, ", ")) end
  meta.level = level
  local models, applies = rawget(spec, "models"), rawget(spec, "applies")
  if models ~= nil and applies ~= nil then fail(file, "models", "give either models or applies, not both") end
  if models == nil and applies == nil then fail(file, "models", "give the models the policy applies to (or an applies function)") end
  if models ~= nil then
    meta.models = array_of_strings(file, "models", models, nil, "a model name")
    for i, m in ipairs(meta.models) do
      if not MODELS[m] then fail(file, "models[" .. i .. "]", "unknown model '%s' (alpha, alpha_prime, beta, beta_prime)", m) end
    end
    -- the reason the runner gives a body of another model (the models' words: kyojin.schema)
    local short = {}
    for _, e in ipairs(require("kyojin.schema").enums.model) do short[e[1]] = e.short or { e[2], e[3] } end
    local ja, en = {}, {}
    for i, m in ipairs(meta.models) do ja[i] = short[m][1]; en[i] = short[m][2] end
    meta.model_reason = {
      ja = "この要件は" .. table.concat(ja, "・") .. "に適用されるため、申告されたモデルでは対象外です。",
      en = "the requirement applies to the " .. table.concat(en, ", ") .. " only",
    }
  else
    if type(applies) ~= "function" then fail(file, "applies", "must be a function(decl) returning true or false, reason") end
    meta.has_applies = true
  end
  local source = rawget(spec, "source")
  if type(source) ~= "string" or source == "" then fail(file, "source", "must name the seed and section (e.g. \"S000 技術的な留意点\")") end
  -- users read the document's name, never a bare seed code (kyojin.sources)
  meta.source = sources.expand(source, "ja") -- kyojin lint checks that it names a document
  local function expand(t) return { ja = (sources.expand(t.ja, "ja")), en = (sources.expand(t.en, "en")) } end
  meta.title = expand(bilingual(file, "title", rawget(spec, "title")))
  meta.remediation = expand(bilingual(file, "remediation", rawget(spec, "remediation")))
  if type(rawget(spec, "check")) ~= "function" then fail(file, "check", "must be a function(decl, result, params)") end

  local params = rawget(spec, "params")
  meta.params = json.object {}
  if params ~= nil then
    if type(params) ~= "table" then fail(file, "params", "must be a table of parameter definitions") end
    for name, def in next, params do
      if type(name) ~= "string" or not name:match("^[%l_][%w_]*$") then fail(file, "params", "parameter names are lower_case identifiers") end
      local f = "params." .. name
      if type(def) ~= "table" then fail(file, f, "must be { default = ..., type = ..., description = { ja, en } }") end
      local t = rawget(def, "type")
      if not PARAM_TYPES[t] then fail(file, f .. ".type", "must be \"number\", \"string\" or \"boolean\"") end
      local d = rawget(def, "default")
      if type(d) ~= t then fail(file, f .. ".default", "must be a %s", t) end
      -- nan compares false with everything (a fail would pass); inf is no threshold either
      if t == "number" and (d ~= d or d == math.huge or d == -math.huge) then
        fail(file, f .. ".default", "must be a finite number")
      end
      local out = { type = t, default = d, description = expand(bilingual(file, f .. ".description", rawget(def, "description"))) }
      local values = rawget(def, "values")
      if values ~= nil then
        out.values = array_of_strings(file, f .. ".values", values, nil, "an allowed value")
        local ok = false
        for _, v in ipairs(out.values) do if v == d then ok = true end end
        if not ok then fail(file, f .. ".default", "must be one of the allowed values") end
      end
      meta.params[name] = out
    end
  end

  local cms = rawget(spec, "countermeasures")
  meta.countermeasures = json.array {}
  if cms ~= nil then
    if type(cms) ~= "table" then fail(file, "countermeasures", "must be a list") end
    for i = 1, #cms do
      local c = rawget(cms, i)
      if type(c) == "string" then
        meta.countermeasures[i] = c
      elseif type(c) == "table" and type(rawget(c, "id")) == "string" then
        local kinds = rawget(c, "kinds")
        meta.countermeasures[i] = { id = rawget(c, "id"),
          kinds = kinds ~= nil and array_of_strings(file, "countermeasures[" .. i .. "].kinds", kinds, nil, "an asset kind") or nil }
      else
        fail(file, "countermeasures[" .. i .. "]", "must be a countermeasure id or { id = ..., kinds = { ... } }")
      end
    end
  end

  -- restates: the policies whose requirements this one re-states (ST-11 re-states AP-01…
  -- AP-05). Their parameters reach its check as params["AP-01"].name; it defines none of
  -- their parameters itself (kyojin lint).
  local restates = rawget(spec, "restates")
  if restates ~= nil then
    meta.restates = array_of_strings(file, "restates", restates, "^%u%u%-%d%d[%w%-]*$", "a policy ID like 'AP-01'")
  end

  local ex = rawget(spec, "mutation_exempt")
  if ex ~= nil then
    if type(ex) ~= "table" then fail(file, "mutation_exempt", "must map JSON pointers to reasons") end
    meta.mutation_exempt = json.object {}
    for k, v in next, ex do
      if type(k) ~= "string" or type(v) ~= "string" or v == "" then
        fail(file, "mutation_exempt", "must map JSON pointers to a reason (string)")
      end
      meta.mutation_exempt[k] = v
    end
  end
  return meta
end

return M
