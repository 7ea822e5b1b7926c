-- kyojin.schema -> Markdown field reference (docs/declaration.md).
--
-- Owns: the layout of the user documentation of the declaration format. Every field,
-- enumeration value and rule shown comes from kyojin.schema, so the page cannot drift from
-- what kyojin checks; a test compares docs/declaration.md with render().
--
-- render() -> Markdown text

local S = require "kyojin.schema"

local M = {}

local function esc(s)
  return (tostring(s):gsub("|", "\\|"):gsub("\n", " "))
end

local function enum_name(node) return node.enum end

local function range(node)
  local lo, hi = node.min, node.max
  if node.exclusive_min then return " (> " .. node.exclusive_min .. ", ≤ " .. hi .. ")" end
  if lo and hi then return " (" .. lo .. "–" .. hi .. ")" end
  return ""
end

-- Short type description of a node, in English technical notation (names are the same in
-- both languages).
local function type_text(node)
  if node.t == "def" then
    if node.name == "fact" then return "[fact](#fact)" end
    if node.name == "date" then return "date" end
    return "[" .. node.name .. "](#" .. node.name .. ")"
  end
  local t = node.t
  local s
  if t == "string" then
    s = "string"
    if node.format then s = s .. " (" .. node.format .. ")" end
  elseif t == "enum" then
    s = "[" .. enum_name(node) .. "](#enum-" .. enum_name(node):gsub("_", "-") .. ")"
  elseif t == "integer" or t == "number" then
    s = t .. range(node)
  elseif t == "boolean" then
    s = "boolean"
  elseif t == "ref" then
    s = S.collections[node.to].en:gsub(" ", "-") .. " id"
    if node.or_enum then
      s = s .. " or [" .. node.or_enum .. "](#enum-" .. node.or_enum:gsub("_", "-") .. ")"
    end
  elseif t == "array" then
    local n = ""
    if node.min and node.max then n = " (" .. node.min .. "–" .. node.max .. ")"
    elseif node.min then n = " (≥ " .. node.min .. ")"
    elseif node.max then n = " (≤ " .. node.max .. ")" end
    s = "array of " .. type_text(node.items) .. n
    if node.unique then s = s .. ", unique" end
  elseif t == "object" then
    s = "object"
  elseif t == "fact" then
    s = "fact"
  elseif t == "const" then
    s = '`"' .. node.value .. '"`'
  end
  if node.nullable then s = s .. " \\| null" end
  return s
end

local function resolve(node)
  if node.t == "def" then return S.defs[node.name] end
  return node
end

-- Rows for every field below an object node, depth first, with dotted paths.
local function rows(node, prefix, out, conditions)
  conditions = conditions or {}
  local cond_of = {}
  for _, rule in ipairs(node.when or {}) do
    for _, name in ipairs(rule.require) do
      if rule.contains ~= nil then
        cond_of[name] = { ja = rule.field .. " に " .. rule.contains .. " があるとき",
                          en = "when " .. rule.field .. " contains " .. rule.contains }
      else
        cond_of[name] = { ja = rule.field .. " = " .. tostring(rule.equals) .. " のとき",
                          en = "when " .. rule.field .. " = " .. tostring(rule.equals) }
      end
    end
  end
  for _, f in ipairs(node.fields) do
    local path = prefix .. f.name
    local req
    if f.req then req = "必須 / required"
    elseif cond_of[f.name] then req = cond_of[f.name].ja .. "必須 / required " .. cond_of[f.name].en
    else req = "任意 / optional" end
    out[#out + 1] = "| `" .. path .. "` | " .. type_text(f.node) .. " | " .. req .. " | " ..
      esc(f.ja) .. " | " .. esc(f.en) .. " |"
    local n = f.node
    if n.t == "object" then
      rows(n, path .. ".", out)
    elseif n.t == "array" and n.items.t == "object" then
      rows(n.items, path .. "[].", out)
    end
  end
end

local function rules_of(node, prefix, out)
  if node.differs then
    out[#out + 1] = "- `" .. prefix .. node.differs[2] .. "` ≠ `" .. prefix .. node.differs[1] ..
      "`: 同じ系への画面転送は誤り / a connection must lead to another segment."
  end
  for field, check in pairs(node.checks or {}) do
    if check == "prefecture_code" then
      out[#out + 1] = "- `" .. prefix .. field .. "`: 上2桁が `" .. prefix ..
        "prefecture` の都道府県コードと一致すること / its first two digits are the prefecture's code."
    end
  end
  for _, f in ipairs(node.fields) do
    local n = f.node
    if n.check == "known_policy" then
      out[#out + 1] = "- `" .. prefix .. f.name .. "`: 読み込んだポリシーセットにあるID / an id of the loaded policy set."
    end
    if n.t == "object" then rules_of(n, prefix .. f.name .. ".", out)
    elseif n.t == "array" and n.items.t == "object" then rules_of(n.items, prefix .. f.name .. "[].", out) end
  end
end

local function sorted_keys(t)
  local k = {}
  for name in pairs(t) do k[#k + 1] = name end
  table.sort(k)
  return k
end

function M.render()
  local L = {}
  local function add(s) L[#L + 1] = s or "" end

  add("# 構成申告の形式 — Declaration format (`" .. S.version .. "`)")
  add()
  add("<!-- Generated from lua/kyojin/schema.lua by lua/kyojin/schemadoc.lua; a test keeps them equal. Do not edit by hand. -->")
  add()
  add(S.description.ja)
  add()
  add(S.description.en)
  add()
  add("## 使い方 — Using the format")
  add()
  add("- `kyojin check` は評価の前に申告を検証する。誤りがあれば、すべての誤り（上限100件）を")
  add("  `ファイル:行:桁: JSON ポインタ: 内容` の形で表示し、ポリシーは実行せず終了コード 2 で終わる。")
  add("  `kyojin check` validates a declaration before any policy runs. On errors it prints all of them")
  add("  (up to 100) as `file:line:column: JSON pointer: message` and exits with code 2 without evaluating.")
  add("- 未知の項目は誤り（似た項目名があれば「… の誤りではありませんか」と示す）。列挙値は使える値を示す。")
  add("  Unknown fields are errors (with a \"did you mean\" hint); enumeration errors list the allowed values.")
  add("- `kyojin schema` は JSON Schema（draft 2020-12、説明は日本語と英語）を出力する。エディタで補完と説明を")
  add("  使うには、出力をファイルに保存し、申告の先頭に `\"$schema\": \"./kyojin-declaration.schema.json\"` を書くか、")
  add("  VS Code の `json.schemas` 設定で申告ファイルに関連付ける。")
  add("  `kyojin schema` prints a JSON Schema (draft 2020-12, descriptions in Japanese and English). Save it and")
  add("  point `\"$schema\"` at it, or map it to your declaration files with VS Code's `json.schemas` setting.")
  add("- JSON Schema で表せない規則（検査数字、ID の重複、参照、例外承認の対象）は `kyojin check` だけが検査する。")
  add("  Rules JSON Schema cannot express (check digit, duplicate ids, references, waiver subjects) are checked by")
  add("  `kyojin check` only.")
  add()
  add("## 約束事 — Conventions")
  add()
  add("- 項目名は snake_case、列挙値は英小文字、日付は `YYYY-MM-DD`（実在する日付）。")
  add("  Field names are snake_case, enumeration values lowercase ASCII, dates `YYYY-MM-DD` (real calendar dates).")
  add("- `used` を持つ節（`telework` など）は、`used` が `true` のとき残りの項目が必須になる。")
  add("  In sections with `used` (`telework` …) the other fields are required when `used` is `true`.")
  add("- ID（資産、画面転送、データ連携、契約、クラウドアカウント、外部サービス、攻撃ツリー）は、それぞれの一覧の中で一意。")
  add("  Ids (assets, connections, data links, contracts, cloud accounts, external services, attack trees) are unique")
  add("  within their list.")
  add()
  add("### fact")
  add()
  add(S.defs.fact.ja)
  add()
  add(S.defs.fact.en)
  add()
  add("```json")
  add("\"cyder\": true")
  add("\"cyder\": { \"value\": true, \"evidence\": { \"title\": \"CYDER 修了証\", \"date\": \"2025-11-20\", \"sha256\": \"<64 hex>\" } }")
  add("```")
  add()
  add("### evidence")
  add()
  add("| 項目 field | 型 type | 必須 required | 説明 | description |")
  add("|---|---|---|---|---|")
  rows(S.defs.evidence, "", L)
  add()
  for _, line in ipairs(require("kyojin.workbook").markdown()) do add(line) end
  add("## 項目 — Fields")
  add()
  for _, f in ipairs(S.root.fields) do
    add("### `" .. f.name .. "`")
    add()
    add(f.ja .. " — " .. f.en .. "（" .. (f.req and "必須 / required" or "任意 / optional") .. "; " ..
        type_text(f.node) .. "）")
    add()
    local n = resolve(f.node)
    local inner = n.t == "object" and n or (n.t == "array" and n.items.t == "object" and n.items) or nil
    if inner then
      add("| 項目 field | 型 type | 必須 required | 説明 | description |")
      add("|---|---|---|---|---|")
      local prefix = f.name .. (n.t == "array" and "[]." or ".")
      rows(inner, prefix, L)
      add()
    end
  end
  add("## 申告の中の規則 — Rules across fields")
  add()
  add("- 検査数字: `body.code` の6桁目は、上5桁 d1…d5 について r = (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5) mod 11 とし、")
  add("  11 − r の1の位。Check digit: the sixth digit of `body.code` is the last digit of 11 − r with")
  add("  r = (6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5) mod 11 (e.g. 131016, 472018, 011002, 130001).")
  local rules = {}
  rules_of(S.root, "", rules)
  for _, r in ipairs(rules) do add(r) end
  add("- 参照 / references:")
  local refs = {}
  local function find_refs(node, prefix)
    node = resolve(node)
    if node.t == "object" then
      for _, f in ipairs(node.fields) do find_refs(f.node, prefix .. (prefix == "" and "" or ".") .. f.name) end
    elseif node.t == "array" then
      find_refs(node.items, prefix .. "[]")
    elseif node.t == "ref" then
      local c = S.collections[node.to]
      refs[#refs + 1] = "  - `" .. prefix .. "` → `" .. c.path .. "[]." .. c.key .. "`" ..
        (node.or_enum and (" / [" .. node.or_enum .. "](#enum-" .. node.or_enum:gsub("_", "-") .. ")") or "")
    end
  end
  find_refs(S.root, "")
  for _, r in ipairs(refs) do add(r) end
  add("- `waivers[].subject` は申告の中を指す JSON ポインタ / a JSON pointer that resolves inside the declaration.")
  add()
  add("## 列挙値 — Enumerations")
  add()
  for _, name in ipairs(sorted_keys(S.enums)) do
    add("### enum " .. name:gsub("_", "-"))
    add()
    if name == "prefecture" then
      add("| 値 value | 団体コード上2桁 code prefix |")
      add("|---|---|")
      for _, p in ipairs(S.prefectures) do add("| `" .. p[2] .. "` | " .. p[1] .. " |") end
    else
      add("| 値 value | 日本語 | English |")
      add("|---|---|---|")
      for _, e in ipairs(S.enums[name]) do
        add("| `" .. e[1] .. "` | " .. esc(e[2]) .. " | " .. esc(e[3]) .. " |")
      end
    end
    add()
  end
  add("## 書式 — Formats")
  add()
  add("| 書式 format | 正規表現 pattern | 説明 | description |")
  add("|---|---|---|---|")
  for _, name in ipairs(sorted_keys(S.formats)) do
    local f = S.formats[name]
    add("| " .. name .. " | `" .. esc(f.regex) .. "` | " .. esc(f.label.ja) .. " | " .. esc(f.label.en) .. " |")
  end
  add()
  return table.concat(L, "\n")
end

return M
