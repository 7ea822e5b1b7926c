-- Screen transfer (画面転送) helpers: which connections a requirement covers, the
-- communication-route classification of S000 "接続要件" (routes (1)-(8) and the primed
-- variants), and the models a connection brings in (S000 "個別の観点": a DaaS reached from
-- lgwan by local breakout is α′; an internet terminal reaching lgwan business servers by
-- screen transfer is β).  Used by the ST policies, by the policies whose applicability
-- follows an implied model (AP, BM) and by report/risk code that shows the route.
-- These helpers never write to the declaration and need nothing but plain Lua.

local M = {}

-- Field access is kyojin.get (core.lua): nil for anything that is not an object with that
-- key (JSON null, a boolean, a missing key).
local function get(t, ...) return kyojin.get(t, ...) end

local function str(v)
  if type(v) == "string" then return v end
  return nil
end

local MODEL_JA = { alpha = "αモデル", alpha_prime = "α′モデル", beta = "βモデル", beta_prime = "β′モデル" }
local MODEL_EN = { alpha = "alpha", alpha_prime = "alpha_prime", beta = "beta", beta_prime = "beta_prime" }
M.st_model_ja = function(m) return MODEL_JA[m] or tostring(m) end
-- The segments in messages (the labels of the schema's segment enumeration).
local SEGMENT_JA = { mynumber = "マイナンバー利用事務系", lgwan = "LGWAN接続系", internet = "インターネット接続系", cloud = "クラウド" }
M.segment_ja = function(s) return SEGMENT_JA[s] or tostring(s) end

-- Human name of a connection for messages: its id, else its position.
function M.st_name(c)
  return str(get(c, "id")) or "?"
end

-- Connections a requirement of S000 covers.  scope "mynumber" (default): connections into
-- the My Number segment; "all": every declared connection.  Returns an array of
-- connection tables in declaration order.
function M.st_connections(decl, scope)
  local out = {}
  local list = get(decl, "screen_transfer")
  if list == nil or str(list) then return out end
  for _, c in ipairs(list) do
    if scope == "all" or get(c, "target_segment") == "mynumber" then
      out[#out + 1] = c
    end
  end
  return out
end

local function norm_csp(v)
  v = str(v)
  if v == nil then return nil end
  v = v:lower():gsub("^%s+", ""):gsub("%s+$", "")
  if v == "" then return nil end
  return v
end

-- st_models_of(c) -> the models whose measures a connection brings in, independent of
-- whether its route can be classified (S000 個別の観点 and the routes' notes):
--   "beta"        an internet-segment terminal reaching another segment (routes (3) (4) (6)
--                 (8): 「βモデルとみなせる」);
--   "alpha_prime" a DaaS used from an lgwan terminal (routes (1) (2): 「LGWAN接続系から
--                 ローカルブレイクアウトでDaaSを利用することから、a'モデルである」, whatever
--                 local_breakout says), any other lgwan connection declaring local breakout,
--                 or an lgwan → internet breakout line (routes (3)′ (4)′).
function M.st_models_of(c)
  local term, target = get(c, "terminal_segment"), get(c, "target_segment")
  local out = {}
  if term == "internet" and type(target) == "string" and target ~= "internet" then
    out[#out + 1] = "beta"
  end
  if (term == "lgwan" and (get(c, "method") == "daas" or get(c, "local_breakout") == true))
      or get(c, "lgwan_internet_breakout") == true then
    out[#out + 1] = "alpha_prime"
  end
  return out
end

-- Classify one connection into the S000 communication route.
-- Returns a table { class = "(3)'", obligations = { "beta", "alpha_prime" },
--                   ja = "...", en = "..." } or nil, { ja = ..., en = ... } when the
-- connection cannot be classified (the reason says what is missing).
function M.st_route(c)
  local term = get(c, "terminal_segment")
  local target = get(c, "target_segment")
  local method = get(c, "method")
  local id = M.st_name(c)
  if term == target then
    return nil, {
      ja = "画面転送「" .. id .. "」は端末と転送先が同じ系（" .. tostring(term) .. "）のため、資料「画面転送のリスク分析」の通信経路(1)～(8)のいずれにも当たりません。端末の系と転送先の系を確認してください。",
      en = "screen transfer '" .. id .. "' has its terminal and its target in the same segment (" .. tostring(term) .. "), which is none of the routes (1)-(8) of the screen-transfer risk analysis; check the terminal and target segments.",
    }
  end
  local base, prime, obligations, notes_ja, notes_en = nil, false, nil, {}, {}
  local lbo = get(c, "local_breakout") == true
  -- Flags that contradict the terminal's segment leave the route ambiguous.
  if term == "internet" and lbo then
    return nil, {
      ja = "画面転送「" .. id .. "」はインターネット接続系の端末からの接続ですが、LGWAN接続系からのローカルブレイクアウトありと申告されています。LGWAN接続系からインターネットへのブレイクアウト回線がある場合（通信経路(3)′(4)′）は、ブレイクアウト回線ありとして申告してください。",
      en = "screen transfer '" .. id .. "' starts from an internet-segment terminal but declares local_breakout (a breakout from lgwan); declare an lgwan-to-internet breakout line (routes (3)', (4)') with lgwan_internet_breakout instead.",
    }
  end
  if term == "internet" and get(c, "terminal_remains_in_internet") == true then
    return nil, {
      ja = "画面転送「" .. id .. "」は端末がインターネット接続系にあるのに「インターネット接続系にも端末が残る」と申告されていて、通信経路を決められません。LGWAN接続系端末の接続か確認してください。",
      en = "screen transfer '" .. id .. "' has its terminal in the internet segment yet declares terminal_remains_in_internet, so the route is ambiguous; check whether the terminal is an lgwan one.",
    }
  end
  local breakout_line = get(c, "lgwan_internet_breakout") == true
  if method == "daas" then
    local daas_csp = norm_csp(get(c, "daas_csp"))
    if daas_csp == nil then
      return nil, {
        ja = "画面転送「" .. id .. "」はDaaSですが、DaaSのCSPが申告されていないため、ガバメントクラウドと同一CSPか（通信経路(1)/(2)、(3)/(4)の別）を判定できません。DaaSのCSPとガバメントクラウドのCSPを申告してください。",
        en = "screen transfer '" .. id .. "' is a DaaS but its CSP (daas_csp) is not declared, so whether it shares the Government Cloud CSP (route (1)/(2), (3)/(4)) cannot be decided; declare daas_csp and gov_cloud_csp.",
      }
    end
    local gov = norm_csp(get(c, "gov_cloud_csp"))
    local same = gov ~= nil and gov == daas_csp
    if gov == nil then
      notes_ja[#notes_ja + 1] = "ガバメントクラウドのCSPの申告がないため、異なるCSPとして分類しました。"
      notes_en[#notes_en + 1] = "no Government Cloud CSP declared: classified as a different CSP."
    end
    if term == "lgwan" then
      base = same and "(2)" or "(1)"
      prime = get(c, "terminal_remains_in_internet") == true
    elseif term == "internet" then
      base = same and "(4)" or "(3)"
      prime = breakout_line
    end
  elseif method == "vdi" or method == "sbc" then
    if term == "lgwan" then
      base = "(5)"; prime = get(c, "terminal_remains_in_internet") == true
    elseif term == "internet" then
      base = "(6)"
    end
  elseif method == "secure_browser" then
    if term == "lgwan" then
      base = "(7)"; prime = get(c, "terminal_remains_in_internet") == true
    elseif term == "internet" then
      base = "(8)"
    end
  end
  if base == nil then
    return nil, {
      ja = "画面転送「" .. id .. "」は端末の系（" .. tostring(term) .. "）と方式（" .. tostring(method) .. "）の組合せが資料「画面転送のリスク分析」の通信経路に当たりません。",
      en = "screen transfer '" .. id .. "': terminal segment " .. tostring(term) .. " with method " .. tostring(method) .. " is none of the routes of the screen-transfer risk analysis.",
    }
  end
  -- Obligations (S000 個別の観点 and the per-route notes): st_models_of.
  obligations = M.st_models_of(c)
  if term == "lgwan" and method == "daas" and not lbo then
    notes_ja[#notes_ja + 1] = "ローカルブレイクアウトなしと申告されていますが、資料「画面転送のリスク分析」はLGWAN接続系からDaaSを利用する構成をα′モデルとしているため、α′モデルの対策を求めます。"
    notes_en[#notes_en + 1] = "declared without local breakout, but the screen-transfer risk analysis treats DaaS used from lgwan as the alpha_prime model, so the alpha_prime measures apply."
  end
  if breakout_line then
    if base == "(6)" or base == "(8)" then
      notes_ja[#notes_ja + 1] = "LGWAN接続系からインターネットへのブレイクアウト回線があるため、α′モデルの対策も求めます（資料「画面転送のリスク分析」はこの組合せの派生経路を定めていません）。"
      notes_en[#notes_en + 1] = "an lgwan-to-internet breakout line exists, so the alpha_prime measures apply as well (the screen-transfer risk analysis defines no primed variant of this route)."
    end
  end
  local class = base .. (prime and "'" or "")
  local ob_ja, ob_en = {}, {}
  for _, m in ipairs(obligations) do
    ob_ja[#ob_ja + 1] = MODEL_JA[m]; ob_en[#ob_en + 1] = MODEL_EN[m]
  end
  local ja = "画面転送「" .. id .. "」は通信経路" .. class:gsub("'", "′") .. "です。"
  local en = "screen transfer '" .. id .. "' is route " .. class .. "."
  if #obligations > 0 then
    ja = ja .. "求められる対策は" .. table.concat(ob_ja, "・") .. "の対策です。"
    en = en .. " Implied measures: those of " .. table.concat(ob_en, " and ") .. "."
  else
    ja = ja .. "他モデルの対策は求められません。"
    en = en .. " No other model's measures are implied."
  end
  if #notes_ja > 0 then
    ja = ja .. table.concat(notes_ja)
    en = en .. " " .. table.concat(notes_en, " ")
  end
  return { class = class, obligations = obligations, ja = ja, en = en }
end

-- st_implied_models(decl) -> the models other than the declared one whose measures the
-- declaration brings in, each with the subjects that bring it: { alpha_prime = { subject,
-- ... }, beta = { ... } } (only models with a subject appear). Subjects are the
-- screen-transfer connections (st_models_of) and the data links of model ①c, cloud storage
-- reached by local breakout (kyojin.dl_implied_models, data_link.lua).
function M.st_implied_models(decl)
  local out = {}
  local function add(m, subject)
    out[m] = out[m] or {}
    table.insert(out[m], subject)
  end
  for _, c in ipairs(M.st_connections(decl, "all")) do
    for _, m in ipairs(M.st_models_of(c)) do add(m, c) end
  end
  for _, lm in ipairs(kyojin.dl_implied_models(decl)) do add(lm[2], lm[1]) end
  return out
end

-- Applicability that honours the cross-model rules (ST-11, ST-12): true when the body's
-- model is one of `models`, or when a declared connection implies a model of `implied`
-- (a list, e.g. { "alpha_prime" }).  Otherwise false and the reason.
function M.st_applies(decl, models, implied)
  local model = get(decl, "model")
  for _, m in ipairs(models) do
    if m == model then return true end
  end
  if implied then
    local im = M.st_implied_models(decl)
    for _, m in ipairs(implied) do
      if im[m] then return true end
    end
  end
  local ja_list, en_list = {}, {}
  for _, m in ipairs(models) do
    ja_list[#ja_list + 1] = MODEL_JA[m] or m; en_list[#en_list + 1] = m
  end
  if implied then
    local ij, ie = {}, {}
    for _, m in ipairs(implied) do ij[#ij + 1] = MODEL_JA[m] or m; ie[#ie + 1] = m end
    return false, {
      ja = "モデルが" .. (MODEL_JA[model] or tostring(model)) .. "で、" .. table.concat(ij, "・") .. "の対策を求める構成（画面転送・データ連携）も申告されていないため対象外です（本要件は" .. table.concat(ja_list, "・") .. "に適用）。",
      en = "model is " .. tostring(model) .. " and nothing declared (screen transfer, data link) brings in the measures of " .. table.concat(ie, ", ") .. " (the requirement applies to " .. table.concat(en_list, ", ") .. ")",
    }
  end
  return false, {
    ja = "モデルが" .. (MODEL_JA[model] or tostring(model)) .. "のため対象外です（本要件は" .. table.concat(ja_list, "・") .. "に適用）。",
    en = "model is " .. tostring(model) .. " (the requirement applies to " .. table.concat(en_list, ", ") .. ")",
  }
end

-- st_scope_param(description) -> the target_scope parameter of the ST policies: "mynumber"
-- (default) or "all", as st_connections takes it. description = { ja, en } replaces the
-- general wording.
function M.st_scope_param(description)
  return {
    default = "mynumber", type = "string", values = { "mynumber", "all" },
    description = description or {
      ja = "対象とする画面転送：\"mynumber\"（マイナンバー利用事務系への画面転送のみ）又は\"all\"（全ての画面転送）",
      en = "connections covered: \"mynumber\" (into the My Number segment) or \"all\"",
    },
  }
end

-- st_in_scope(decl, result, scope) -> the connections of the scope (st_connections); when
-- there is none the policy is reported not applicable (st_no_connections) and the list is
-- empty.
function M.st_in_scope(decl, result, scope)
  local conns = M.st_connections(decl, scope)
  if #conns == 0 then result:not_applicable(M.st_no_connections(scope)) end
  return conns
end

-- st_check_settings(decl, result, scope, settings, message)
-- One finding per connection of the scope (st_in_scope): pass when every setting holds,
-- otherwise fail with message(name, unmet_ja, unmet_en) -> { ja, en }, the lists naming the
-- settings that do not hold in the order given. settings: list of
-- { path = { key, ... }, want = value, ja = ..., en = ... }; a setting holds when
-- kyojin.get(connection, path...) == want.
function M.st_check_settings(decl, result, scope, settings, message)
  for _, c in ipairs(M.st_in_scope(decl, result, scope)) do
    local id = M.st_name(c)
    local ja, en = {}, {}
    for _, s in ipairs(settings) do
      if get(c, table.unpack(s.path)) ~= s.want then
        ja[#ja + 1] = s.ja; en[#en + 1] = s.en
      end
    end
    if #ja > 0 then result:fail(c, message(id, ja, en)) else result:pass(c) end
  end
end

-- Messages for st_check_settings: st_not_blocked lists what a connection does not block
-- ("…で次が禁止されていません: a、b。"), st_unmet lists sentences of what does not hold
-- ("画面転送「id」: a。b。").
function M.st_not_blocked(id, ja, en)
  return {
    ja = "画面転送「" .. id .. "」で次が禁止されていません：" .. table.concat(ja, "、") .. "。",
    en = "screen transfer '" .. id .. "' does not block: " .. table.concat(en, ", ") .. ".",
  }
end

function M.st_unmet(id, ja, en)
  return {
    ja = "画面転送「" .. id .. "」：" .. table.concat(ja, "。") .. "。",
    en = "screen transfer '" .. id .. "': " .. table.concat(en, "; ") .. ".",
  }
end

-- st_obliging(decl, model) -> list of { connection, route } for the declared connections
-- that bring in the measures of `model` ("alpha_prime", "beta"; st_models_of). route is
-- st_route's classification, or { class = nil } when the connection cannot be classified
-- (ST-13 reports why); the obligation holds either way.
function M.st_obliging(decl, model)
  local out = {}
  for _, c in ipairs(M.st_connections(decl, "all")) do
    for _, m in ipairs(M.st_models_of(c)) do
      if m == model then out[#out + 1] = { c, M.st_route(c) or { class = nil } } end
    end
  end
  return out
end

-- st_route_words(route) -> "（通信経路(1)′）", " (route (1)')": the route of st_obliging for
-- messages, empty when the connection could not be classified.
function M.st_route_words(route)
  if route.class == nil then return "", "" end
  return "（通信経路" .. route.class:gsub("'", "′") .. "）", " (route " .. route.class .. ")"
end

-- st_lgwan_to_internet(decl) -> the first declared connection from an lgwan terminal to
-- the internet segment (how the α model reaches the internet), or nil.
function M.st_lgwan_to_internet(decl)
  for _, c in ipairs(M.st_connections(decl, "all")) do
    if get(c, "terminal_segment") == "lgwan" and get(c, "target_segment") == "internet" then
      return c
    end
  end
  return nil
end

-- Reason for not_applicable when a policy finds no connection in its scope.
function M.st_no_connections(scope)
  if scope == "all" then
    return { ja = "画面転送が申告されていません。", en = "no screen-transfer connection is declared" }
  end
  return {
    ja = "マイナンバー利用事務系への画面転送が申告されていません。",
    en = "no screen transfer into the mynumber segment is declared",
  }
end

return M
