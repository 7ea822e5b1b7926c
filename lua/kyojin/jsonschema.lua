-- kyojin.schema -> JSON Schema (draft 2020-12) as a Lua tree, printed by `kyojin schema`.
--
-- Owns: the mapping of schema nodes to JSON Schema keywords, including what JSON Schema can
-- express of the semantic rules (conditional required fields, prefecture/code prefix,
-- terminal and target segments differing). Does not own: encoding to text (the host's
-- encoder does that; Lua sequences become arrays, other tables objects; no empty arrays
-- are produced here).
--
-- What JSON Schema cannot express and only kyojin.validate checks: the local-government
-- check digit, uniqueness of ids within a collection, references between parts (asset ids,
-- cloud-account ids), waiver policy ids and whether a waiver's subject resolves, and real
-- calendar dates (left to the `date` format, which validators may or may not assert).
--
-- build(json[, opts]) -> tree; opts.lang = "ja" | "en" limits descriptions to one
-- language (default: both, Japanese first).

local S = require "kyojin.schema"

local M = {}

local DIALECT = "https://json-schema.org/draft/2020-12/schema"

local function describe(opts, ja, en)
  if not ja and not en then return nil end
  if opts.lang == "ja" then return ja end
  if opts.lang == "en" then return en end
  if ja and en then return ja .. "\n\n" .. en end
  return ja or en
end

local build_node -- forward

local function enum_list(node)
  return node.enum and S.enums[node.enum] or node.values
end

local function with_null(t, nullable)
  if nullable then return { t, "null" } end
  return t
end

-- Conditional requirements and cross-field rules of an object node, as `allOf` entries.
local function object_rules(node, out, opts)
  for _, rule in ipairs(node.when or {}) do
    local cond
    if rule.contains ~= nil then
      cond = { properties = { [rule.field] = { type = "array", contains = { const = rule.contains } } }, required = { rule.field } }
    else
      cond = { properties = { [rule.field] = { const = rule.equals } }, required = { rule.field } }
    end
    local req = {}
    for i, n in ipairs(rule.require) do req[i] = n end
    out[#out + 1] = { ["if"] = cond, ["then"] = { required = req } }
  end
  if node.differs then
    local a, b = node.differs[1], node.differs[2]
    local fa
    for _, f in ipairs(node.fields) do if f.name == a then fa = f end end
    for _, e in ipairs(enum_list(fa.node)) do
      out[#out + 1] = {
        ["if"] = { properties = { [a] = { const = e[1] } }, required = { a } },
        ["then"] = { properties = { [b] = { ["not"] = { const = e[1] } } } },
      }
    end
  end
  for field, check in pairs(node.checks or {}) do
    if check == "prefecture_code" then
      for _, p in ipairs(S.prefectures) do
        out[#out + 1] = {
          ["if"] = { properties = { prefecture = { const = p[2] } }, required = { "prefecture" } },
          ["then"] = { properties = { [field] = { type = "string", pattern = "^" .. p[1] } } },
        }
      end
    end
  end
end

local function build_object(node, opts)
  local props, required = {}, {}
  for _, f in ipairs(node.fields) do
    local p = build_node(f.node, opts)
    p.description = describe(opts, f.ja, f.en) or p.description
    props[f.name] = p
    if f.req then required[#required + 1] = f.name end
  end
  local t = { type = "object", properties = props, additionalProperties = false }
  if #required > 0 then t.required = required end
  local all = {}
  object_rules(node, all, opts)
  if #all > 0 then t.allOf = all end
  return t
end

build_node = function(node, opts)
  local t = node.t
  local out
  if t == "def" then
    return { ["$ref"] = "#/$defs/" .. node.name }
  elseif t == "object" then
    out = build_object(node, opts)
  elseif t == "array" then
    out = { type = "array", items = build_node(node.items, opts) }
    if node.min and node.min > 0 then out.minItems = node.min end
    if node.max then out.maxItems = node.max end
    if node.unique then out.uniqueItems = true end
  elseif t == "string" then
    out = { type = with_null("string", node.nullable) }
    if node.min then out.minLength = node.min end
    if node.max then out.maxLength = node.max end
    local f = node.format and S.formats[node.format]
    if f then
      out.pattern = f.regex
      if f.json_format then out.format = f.json_format end
    end
  elseif t == "enum" then
    local values, descriptions = {}, {}
    for i, e in ipairs(enum_list(node)) do
      values[i] = e[1]
      descriptions[i] = e[2] == e[3] and e[2] or describe(opts, e[2], e[3]):gsub("\n\n", " / ")
    end
    out = { enum = values, enumDescriptions = descriptions }
  elseif t == "integer" or t == "number" then
    out = { type = with_null(t, node.nullable) }
    if node.min then out.minimum = node.min end
    if node.max then out.maximum = node.max end
    if node.exclusive_min then out.exclusiveMinimum = node.exclusive_min end
  elseif t == "boolean" then
    out = { type = with_null("boolean", node.nullable) }
  elseif t == "fact" then
    out = {
      oneOf = {
        { type = "boolean" },
        {
          type = "object",
          properties = {
            value = { type = "boolean", description = describe(opts, "事実の値", "value of the fact") },
            evidence = { ["$ref"] = "#/$defs/evidence" },
          },
          required = { "value", "evidence" },
          additionalProperties = false,
        },
      },
    }
  elseif t == "ref" then
    local c = S.collections[node.to]
    out = { type = "string", minLength = 1, maxLength = 64 }
    if node.or_enum then
      local kinds = {}
      for i, e in ipairs(S.enums[node.or_enum]) do kinds[i] = e[1] end
      out.description = describe(opts, "申告した" .. c.ja .. "のID、または " .. table.concat(kinds, "・"),
        "id of a declared " .. c.en .. ", or one of " .. table.concat(kinds, ", "))
    else
      out.description = describe(opts, "申告した" .. c.ja .. "のID", "id of a declared " .. c.en)
    end
  elseif t == "const" then
    out = { const = node.value }
  else
    error("kyojin.schema: unknown node type " .. tostring(t))
  end
  if not out.description then out.description = describe(opts, node.ja, node.en) end
  return out
end

function M.build(json, opts)
  opts = opts or {}
  local defs = {}
  for _, name in ipairs(S.defs_order) do
    defs[name] = build_node(S.defs[name], opts)
  end
  local root = build_node(S.root, opts)
  root["$schema"] = DIALECT
  root["$id"] = S.id
  root.title = describe(opts, S.title.ja, S.title.en):gsub("\n\n", " / ")
  root.description = describe(opts, S.description.ja, S.description.en)
  root["$defs"] = defs
  return root
end

return M
