-- kyojin.workbook — the layout of a declaration as an Excel workbook, derived from
-- kyojin.schema and nothing else. core/input/xlsx_write.c writes it (kyojin template,
-- kyojin convert); core/input/xlsx_read.c reads a workbook back without this module, from the
-- column specs the writer stores in each data sheet's hidden second row.
--
-- Sheets (schema.workbook says which fields go where and the sheet names): the instructions,
-- then one data sheet per section — a list sheet holds one array of objects (one row per
-- item), a single sheet holds objects and values that occur once (one data row) — then the
-- evidence of facts (証跡) and the hidden lists of choices (選択肢).
--
-- A column spec is "POINTER|TYPE[|OPTION...]": POINTER is a JSON pointer in which "*" stands
-- for the index of the row's item; TYPE says how the cell becomes JSON:
--   s text            c a code of digits (a number cell is zero-padded to `digits`)
--   d date (YYYY-MM-DD; a date cell or 2026/4/1 is converted)
--   i integer         n number         b yes/no         f a fact (yes/no; evidence in 証跡)
--   e enumeration (the label or value of list `enum`)
--   l list of texts, one per line (items of list `enum` when given)
--   o an object created empty with its row (no cell: the column is hidden)
--   a the sheet's array, created empty when the sheet has no rows (hidden, like o)
--   p the key of the parent item (child sheets: `key` names the parent's field)
-- and the options: "?" (nullable: 不明 / null), "!" (an empty cell is an empty list, or the
-- object exists with its parent), "enum=NAME", "key=FIELD", "ref=COLLECTION".
-- The evidence sheet uses "#evidence/target|t", "#evidence/title|s", "#evidence/date|d",
-- "#evidence/sha256|s"; the lists sheet "#enum|NAME|label" and "#enum|NAME|value".
local schema = require("kyojin.schema")

local M = {}

-- rows prepared with input messages and drop-downs on each list sheet
M.template_rows = 500
-- the width of the instructions' column (characters; a Japanese character counts 2)
M.instructions_width = 100

local function words(lang, t)
  if not t then return nil end
  return lang == "en" and (t.en or t[2]) or (t.ja or t[1])
end

-- display width: East Asian characters count 2
local function width(s)
  local w = 0
  for _, c in utf8.codes(s) do w = w + (c >= 0x1100 and 2 or 1) end
  return w
end

-- the first n characters of s
local function cut(s, n)
  if utf8.len(s) <= n then return s end
  return s:sub(1, utf8.offset(s, n) - 1)
end

local function resolve(node)
  if node.t == "def" then
    local d = schema.defs[node.name]
    if d.t == "object" then return d end
    local out = {}
    for k, v in pairs(d) do out[k] = v end
    out.nullable = node.nullable or d.nullable
    return out
  end
  return node
end

local function enum_name(node)
  if node.enum then return node.enum end
  error("kyojin.workbook: an enumeration without a name in schema.enums")
end

-- choices of each enumeration used, and the words of yes / no / unknown
local function yesno(lang)
  if lang == "en" then return { "Yes", "No" }, "Unknown" end
  return { "はい", "いいえ" }, "不明"
end

local function type_hint(lang, col)
  local en = lang == "en"
  local t = col.kind
  if t == "b" or t == "f" then
    local h = en and "Choose Yes or No." or "「はい」か「いいえ」を選びます。"
    if t == "f" then
      h = h .. (en and " Evidence goes on the Evidence sheet." or "証跡は「証跡」シートに書きます。")
    end
    return h
  elseif t == "e" then return en and "Choose from the list." or "一覧から選びます。"
  elseif t == "d" then return en and "A date YYYY-MM-DD." or "日付（例: 2026-04-01）。"
  elseif t == "i" then return en and "A whole number." or "整数で書きます。"
  elseif t == "n" then return en and "A number." or "数値で書きます。"
  elseif t == "l" then
    return en and "Several values: one per line (Alt+Enter)." or "複数あるときは改行（Alt+Enter）で区切ります。"
  elseif t == "c" then return en and "Digits only." or "数字だけで書きます。"
  end
  return nil
end

-- flatten one object's fields into columns
local function flatten(ctx, node, pointer, labels, req_chain, sheet)
  for _, f in ipairs(node.fields) do
    local n = resolve(f.node)
    local p = pointer .. "/" .. f.name
    local label = words(ctx.lang, f)
    local chain = {}
    for i = math.max(1, #labels - 0), #labels do chain[#chain + 1] = labels[i] end
    chain[#chain + 1] = label
    local col = { pointer = p, label = table.concat(chain, "：") , field = label, req = f.req,
                  nullable = n.nullable }
    if n.t == "object" then
      if f.req and req_chain then
        sheet.columns[#sheet.columns + 1] = { pointer = p, kind = "o", hidden = true, label = label,
                                              opts = { "!" } }
      end
      flatten(ctx, n, p, { label }, req_chain and f.req, sheet)
      col = nil
    elseif n.t == "array" then
      local it = resolve(n.items)
      if it.t == "object" then
        -- a child sheet of its own (schema.workbook names it)
        ctx.children[p] = { node = it, label = label }
        col = nil
      else
        col.kind = "l"
        if it.t == "enum" then col.enum = enum_name(it) end
        if it.t == "ref" then col.ref, col.enum = it.to, it.or_enum end
        if f.req and req_chain then col.opts = { "!" } end
      end
    elseif n.t == "enum" then
      col.kind, col.enum = "e", enum_name(n)
    elseif n.t == "ref" then
      col.kind = "s"
      if not n.or_enum then col.ref = n.to end
    elseif n.t == "boolean" then col.kind = "b"
    elseif n.t == "fact" then col.kind = "f"
    elseif n.t == "integer" then col.kind = "i"
    elseif n.t == "number" then col.kind = "n"
    elseif n.t == "const" then col.kind, col.const = "s", n.value
    elseif n.t == "string" then
      if n.format == "date" then col.kind = "d"
      elseif n.format == "lg_code" then col.kind, col.digits = "c", n.max
      else col.kind = "s" end
      if n.format and schema.formats[n.format] then
        col.format = words(ctx.lang, schema.formats[n.format].label)
      end
    else
      error("kyojin.workbook: no column for node type " .. tostring(n.t) .. " at " .. p)
    end
    if col then sheet.columns[#sheet.columns + 1] = col end
  end
end

local function field_of(node, name)
  for _, f in ipairs(node.fields) do
    if f.name == name then return f end
  end
  error("kyojin.workbook: schema.workbook names an unknown field " .. name)
end

-- the spec string of a column
local function spec(col)
  local parts = { col.pointer, col.kind }
  if col.nullable then parts[#parts + 1] = "?" end
  for _, o in ipairs(col.opts or {}) do parts[#parts + 1] = o end
  if col.enum then parts[#parts + 1] = "enum=" .. col.enum end
  if col.ref then parts[#parts + 1] = "ref=" .. col.ref end
  if col.key then parts[#parts + 1] = "key=" .. col.key end
  if col.digits then parts[#parts + 1] = "digits=" .. col.digits end
  return table.concat(parts, "|")
end

local function finish_columns(ctx, sheet)
  local yes = yesno(ctx.lang)
  for _, col in ipairs(sheet.columns) do
    col.spec = spec(col)
    if col.kind ~= "o" and col.kind ~= "a" then
      local req = col.req and (ctx.lang == "en" and "Required" or "必須") or (ctx.lang == "en" and "Optional" or "任意")
      local help = col.field or col.label
      local hint = type_hint(ctx.lang, col)
      if col.format and col.kind ~= "d" then help = help .. "\n" .. col.format end
      if hint then help = help .. "\n" .. hint end
      if col.nullable then
        help = help .. (ctx.lang == "en" and "\n\"Unknown\" (or null) when not known." or "\n分からないときは「不明」。")
      end
      col.help = cut(help, 250)
      col.title = cut(req, 30)
      local w = width(col.label)
      w = math.max(12, math.min(36, w // 2 + 2))
      if col.enum then
        for _, e in ipairs(schema.enums[col.enum]) do
          local ew = width(words(ctx.lang, { e[2], e[3] })) + 3
          if ew > w then w = math.min(32, ew) end
        end
      end
      if col.kind == "b" or col.kind == "f" then w = math.max(w, width(yes[2]) + 6) end
      -- free text and lists: room for a name or a few ids
      if (col.kind == "s" and not col.source) or col.kind == "l" then w = math.max(w, 22) end
      col.width = w
    end
    col.field, col.opts, col.format = nil, nil, nil
  end
end

-- M.layout(lang): the whole workbook, as plain data
function M.layout(lang)
  lang = lang == "en" and "en" or "ja"
  local wb = schema.workbook
  local ctx = { lang = lang, children = {} }
  local out = { sheets = {}, lists = {}, rows = M.template_rows, version = schema.version }
  local yes, unknown = yesno(lang)
  out.yes, out.no, out.unknown = yes[1], yes[2], unknown
  out.none = lang == "en" and "(none)" or "（なし）"
  out.instructions = {
    name = words(lang, wb.instructions.name),
    lines = {},
  }
  -- each line with the rows of text it takes in a column of M.instructions_width
  for _, l in ipairs(wb.instructions.lines) do
    local text = words(lang, l)
    out.instructions.lines[#out.instructions.lines + 1] = { text = text,
      rows = (width(text) + M.instructions_width - 5) // (M.instructions_width - 4) }
  end
  out.instructions.width = M.instructions_width
  local placed = {}
  local by_path = {}
  for _, s in ipairs(wb.sheets) do
    local sheet = { name = words(lang, s), columns = {} }
    if s.list then
      -- one array of objects: "assets" (root) or "attack_trees/steps" (child of a list sheet)
      local parent, child = s.list:match("^([^/]+)/([^/]+)$")
      if parent then
        local pf = field_of(schema.root, parent)
        local pnode = resolve(pf.node)
        local pitem = pnode.t == "array" and resolve(pnode.items) or pnode
        local cf = field_of(pitem, child)
        local item = resolve(resolve(cf.node).items)
        if pnode.t == "array" then
          local key = schema.collections[pnode.key] and schema.collections[pnode.key].key
          if not key then error("kyojin.workbook: child sheet " .. s.list .. " needs a keyed parent") end
          sheet.prefix = "/" .. parent .. "/*/" .. child .. "/*"
          sheet.columns[1] = { pointer = "/" .. parent .. "/*/" .. key, kind = "p", key = key, req = true,
                               label = words(lang, field_of(pitem, key)),
                               field = words(lang, field_of(pitem, key)) }
          sheet.parent = "/" .. parent
        else
          sheet.prefix = "/" .. parent .. "/" .. child .. "/*"
        end
        sheet.array_required = cf.req
        flatten(ctx, item, sheet.prefix, {}, true, sheet)
      else
        local f = field_of(schema.root, s.list)
        local n = resolve(f.node)
        sheet.prefix = "/" .. s.list .. "/*"
        sheet.array_required = f.req
        if n.key then sheet.collection = n.key end
        flatten(ctx, resolve(n.items), sheet.prefix, {}, true, sheet)
        if f.req then
          sheet.columns[#sheet.columns + 1] = { pointer = "/" .. s.list, kind = "a", hidden = true,
                                                label = words(lang, f), opts = { "!" } }
        end
      end
      placed[s.list] = true
    else
      sheet.single = true
      local sub = { fields = {} }
      for _, name in ipairs(s.fields) do
        sub.fields[#sub.fields + 1] = field_of(schema.root, name)
        placed[name] = true
      end
      flatten(ctx, sub, "", {}, true, sheet)
    end
    by_path[s.list or ""] = sheet
    out.sheets[#out.sheets + 1] = sheet
  end
  -- every part of the schema has a place
  for _, f in ipairs(schema.root.fields) do
    if not placed[f.name] then error("kyojin.workbook: schema.workbook does not place " .. f.name) end
  end
  for p in pairs(ctx.children) do
    local rel = p:gsub("^/", ""):gsub("/%*/", "/")
    if not placed[rel] then error("kyojin.workbook: schema.workbook has no sheet for " .. p) end
  end
  -- references: the sheet and column of each collection's key
  local keys = {}
  for i, sheet in ipairs(out.sheets) do
    if sheet.collection then
      local key = schema.collections[sheet.collection].key
      for c, col in ipairs(sheet.columns) do
        if col.pointer == sheet.prefix .. "/" .. key then keys[sheet.collection] = { sheet = i - 1, column = c - 1 } end
      end
    end
  end
  local used = {}
  for _, sheet in ipairs(out.sheets) do
    finish_columns(ctx, sheet)
    for _, col in ipairs(sheet.columns) do
      if col.enum then used[col.enum] = true end
      if col.ref and col.kind == "s" then col.source = keys[col.ref] end
      col.ref = nil
    end
  end
  -- evidence of facts, and the lists of choices
  local ev = wb.evidence
  out.evidence = { name = words(lang, ev.name), columns = {} }
  for _, c in ipairs(ev.columns) do
    out.evidence.columns[#out.evidence.columns + 1] = { spec = c.spec, label = words(lang, c), width = c.width,
                                                        help = words(lang, c.help) }
  end
  out.lists = { name = words(lang, wb.lists), enums = {} }
  local names = {}
  for n in pairs(used) do names[#names + 1] = n end
  table.sort(names)
  for _, n in ipairs(names) do
    local items = {}
    for i, e in ipairs(schema.enums[n]) do items[i] = { value = e[1], label = words(lang, { e[2], e[3] }) } end
    out.lists.enums[#out.lists.enums + 1] = { name = n, items = items }
  end
  return out
end

-- M.markdown(): the section of docs/declaration.md on the workbook (kyojin.schemadoc adds it),
-- as a list of lines; the sheets come from the layout, so the page cannot drift from it.
function M.markdown()
  local L = {}
  local function add(x) L[#L + 1] = x or "" end
  local ja, en = M.layout("ja"), M.layout("en")
  add("## Excel のブック — The declaration as a workbook")
  add()
  add("- 申告は JSON のほか Excel のブック（.xlsx）でも書ける。`kyojin template -o 申告.xlsx` が様式を作り")
  add("  （`--model beta_prime` でモデルを記入、`--from 申告.json` で内容を記入、`--lang en` で英語）、")
  add("  記入したブックは `kyojin check 申告.xlsx` でそのまま検査できる（.json と .xlsx が混じったフォルダも可）。")
  add("  `kyojin convert 入力 -o 出力` は JSON → XLSX、XLSX → JSON を変換し、値は失われない。")
  add("  A declaration may be an Excel workbook as well as JSON. `kyojin template -o FILE.xlsx` writes the form")
  add("  (`--model` fills in the model, `--from FILE.json` the whole declaration, `--lang en` English labels);")
  add("  `kyojin check FILE.xlsx` reads a filled workbook directly (folders may mix .json and .xlsx);")
  add("  `kyojin convert IN -o OUT` converts JSON → XLSX and XLSX → JSON without losing a value.")
  add("- 誤りは `ブック.xlsx: 資産!D7: /assets/4/count: 内容` のように、シート名とセル、JSON ポインタで示す。")
  add("  すべての誤りを一度に示し、終了コードは 2。記録されるハッシュはブックのバイト列のもので、`kyojin verify` に使える。")
  add("  Errors name the sheet, the cell and the JSON pointer (`FILE.xlsx: 資産!D7: /assets/4/count: …`), all at")
  add("  once, exit 2. The recorded hash is of the workbook's bytes; `kyojin verify` takes the workbook.")
  add()
  add("| シート | sheet | 記入のしかた | how |")
  add("|---|---|---|---|")
  add("| " .. ja.instructions.name .. " | " .. en.instructions.name .. " | 記入方法の説明 | how to fill in |")
  for i, s in ipairs(ja.sheets) do
    local how_ja = s.single and "3 行目だけに記入" or "3 行目から 1 行に 1 件"
    local how_en = s.single and "row 3 only" or "one item per row from row 3"
    local first = s.columns[1]
    if first and first.kind == "p" then
      how_ja = how_ja .. "（A 列に親の行の ID）"
      how_en = how_en .. " (column A: the parent row's id)"
    end
    add("| " .. s.name .. " | " .. en.sheets[i].name .. " | " .. how_ja .. " | " .. how_en .. " |")
  end
  add("| " .. ja.evidence.name .. " | " .. en.evidence.name ..
      " | 証跡（対象のセル・表題・日付・SHA-256） | evidence (cell, title, date, SHA-256) |")
  add("| " .. ja.lists.name .. " | " .. en.lists.name .. " | 非表示。一覧の選択肢 | hidden: the choices of the drop-downs |")
  add()
  add("![「資産」シート: kyojin template --from samples/gaps-village.json を LibreOffice で印刷したもの — " ..
      "the Assets sheet of the template filled from gaps-village, printed by LibreOffice](images/template-assets.png)")
  add()
  add("- 1 行目が項目名、2 行目（非表示）は kyojin が読む項目の指定（JSON ポインタ）で、変更しない。")
  add("  入れ子の項目は「親：項目」の見出しで 1 列ずつ並ぶ。セルを選ぶと説明と必須・任意が表示され、")
  add("  列挙値・はい／いいえ・資産ID は▼の一覧から選べる。見出しの 2 行は固定表示。")
  add("  Row 1 holds the headings; row 2 (hidden) the JSON pointer of each column, which kyojin reads: leave it.")
  add("  Nested fields get one column each, headed \"parent：field\". Selecting a cell shows the field's help and")
  add("  whether it is required; enumerations, Yes/No and asset ids have drop-downs. The two header rows are frozen.")
  add("- はい／いいえ は `はい` `いいえ`（`TRUE` `FALSE`、Excel の論理値も可）。分からないことを表せる項目は `不明`（null）。")
  add("  Yes/No cells take はい/いいえ, Yes/No, TRUE/FALSE or a boolean; fields that may be unknown take 不明/Unknown (null).")
  add("- 複数の値（資産ID の一覧など）は 1 セルに改行（Alt+Enter）で区切って書く。任意の一覧が空であることは `（なし）`。")
  add("  Several values go in one cell, one per line (Alt+Enter); `(none)` is an empty optional list.")
  add("- 日付は `2026-04-01` の文字列でも Excel の日付でも `2026/4/1` でもよい。団体コードを数値で入れても先頭の 0 は補われる。")
  add("  整数・数値の列は数値でも文字列でもよい。")
  add("  Dates may be text, Excel dates or 2026/4/1; a local-government code typed as a number gets its leading zero")
  add("  back; number columns take numbers stored as numbers or as text.")
  add("- 証跡のある「はい／いいえ」は、" .. ja.evidence.name .. "シートの 1 行に `対象のセル`（例: `組織!C3`）、表題、日付、SHA-256 を書く。")
  add("  Evidence of a Yes/No process fact is a row of the Evidence sheet: the cell it supports (e.g. `Organisation!C3`),")
  add("  title, date and SHA-256.")
  add("- 読めないもの: 結合したセル（見出しより下）、数式、エラー値。どれもセルを示して誤りになる。Excel・LibreOffice・")
  add("  openpyxl が書いたブックを読む（共有文字列・インライン文字列、末尾の空行、非表示の行）。")
  add("  Not accepted, each reported by cell: merged cells below the headings, formulas, error values. Workbooks written")
  add("  by Excel, LibreOffice and openpyxl read (shared and inline strings, trailing empty rows, hidden rows).")
  add("- 壊れたブックや悪意のあるブックは終了コード 2 と理由で止まる: 展開後の合計が 64 MiB を超える ZIP（ZIP 爆弾）、DTD や")
  add("  エンティティを含む XML、`..` や絶対パスの項目名、途中で切れた ZIP、UTF-8 でない文字列、深すぎる入れ子、多すぎるセル。")
  add("  Damaged or hostile workbooks stop with exit 2 and the reason: zip bombs (more than 64 MiB uncompressed in all),")
  add("  XML with a DTD or entities, entry names with `..` or absolute paths, truncated zips, non-UTF-8 text, XML nested")
  add("  too deeply, too many cells.")
  add()
  return L
end

return M
