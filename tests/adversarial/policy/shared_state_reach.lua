-- adversarial case: shared_state_reach
-- expect: pass
-- within: 10
-- args: 
-- Tries every way found to reach state another policy (or the validation of a later
-- declaration) uses, and records a failing finding for each one that works: tables returned
-- by helpers, `kyojin` and the tables in it, metatables of values from helpers, of JSON
-- values (kyojin.object/array), of the declaration view, of the result object and
-- parameters, the string metatable, the library tables, the random generator, functions
-- returned by helpers. Each attempt also leaves its damage behind when it works, so that
-- the batch comparison (isolation_batch in run.sh) sees it in the other policies' results
-- and in the validation of the next declaration.
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local leaks = {}
    local function leak(what) leaks[#leaks + 1] = what end
    local function is_table(v) return type(v) == "table" end
    -- code of this policy that must never run inside another policy
    local function inject(t, k)
      pcall(result.fail, result, "/body", { ja = "他のポリシーに注入", en = "injected into another policy" })
      return nil
    end
    local evil_mt = { __index = inject, __len = function() return 7 end }

    -- 1. tables returned by helpers: writes and metatables must not reach the next call
    for _, code in ipairs({ "1a", "1b", "1c", "2", "3", "4" }) do
      local m = kyojin.dl_model(code)
      local cloud = m.cloud
      pcall(function() m.cloud = not cloud; m.class = "X"; m.local_breakout = nil end)
      pcall(setmetatable, m, evil_mt)
      local again = kyojin.dl_model(code)
      if again.cloud ~= cloud or again.class == "X" then leak("dl_model(" .. code .. ") written") end
      if getmetatable(again) ~= nil and getmetatable(again) ~= "locked" then
        leak("dl_model(" .. code .. ") metatable")
      end
    end
    local p = kyojin.beta_access_control_params()
    pcall(function() p.scope.default = "document_servers" end)
    if kyojin.beta_access_control_params().scope.default ~= "confidential_systems" then leak("params helper") end
    local caption = kyojin.caption_of_asset({ id = "a", name = "b" })
    pcall(setmetatable, caption, evil_mt)
    if getmetatable(kyojin.caption_of_asset({ id = "a", name = "b" })) == evil_mt then leak("caption metatable") end

    -- 2. `kyojin` itself, and tables in it
    if pcall(function() kyojin.dl_model = function() return { cloud = false } end end) then leak("kyojin written") end
    if is_table(getmetatable(kyojin)) then
      leak("kyojin metatable")
      pcall(function() getmetatable(kyojin).__index = function() return function() return nil end end end)
    end
    for name, v in pairs({ ap_network_kinds = kyojin.ap_network_kinds }) do
      if is_table(v) then
        local first = v[1]
        if pcall(function() v[1] = "terminal"; v[#v + 1] = "terminal" end) then leak("kyojin." .. name .. " written") end
        pcall(setmetatable, v, evil_mt)
        if kyojin[name][1] ~= first then leak("kyojin." .. name .. " changed") end
        if is_table(getmetatable(kyojin[name])) then leak("kyojin." .. name .. " metatable") end
      end
    end

    -- 3. the metatables of JSON values: shared with the raw declaration trees the validator reads
    for _, v in ipairs({ kyojin.object({}), kyojin.array({}), kyojin.object(), kyojin.array() }) do
      local mt = getmetatable(v)
      if is_table(mt) then
        leak("JSON value metatable")
        pcall(function()
          mt.__index = function(t, k)
            if k == "schema" then return "kyojin/declaration/v1" end
            if k == "assets" then return kyojin.array({ { id = "x" } }) end
            return nil
          end
          mt.__len = function() return 1 end
          mt.__gc = function() while true do end end
          mt.__newindex = inject
        end)
      end
      if pcall(setmetatable, v, nil) then leak("JSON value metatable removed") end
    end

    -- 4. the declaration view, the result object, the parameters
    for name, v in pairs({ decl = decl, assets = decl.assets, result = result }) do
      local mt = getmetatable(v)
      if is_table(mt) then
        leak(name .. " metatable")
        pcall(function() mt.__index = inject end)
      end
      if pcall(setmetatable, v, evil_mt) then leak(name .. " metatable replaced") end
      if pcall(function() v.injected = true end) then leak(name .. " written") end
    end
    if pcall(function() result.fail = inject end) then leak("result written") end

    -- 5. strings and the library tables
    local smt = getmetatable("")
    if is_table(smt) then
      leak("string metatable")
      pcall(function() smt.__index = { format = function() return "x" end } end)
    end
    if pcall(function() ("").format = nil end) then leak("string method written") end
    for _, lib in ipairs({ "string", "table", "math", "utf8" }) do
      local t = _ENV[lib]
      if pcall(function() t.concat = function() return "x" end; t.format = t.concat; t.floor = t.concat end) then
        leak(lib .. " written")
      end
      if is_table(getmetatable(t)) then leak(lib .. " metatable") end
    end
    if math.random ~= nil or math.randomseed ~= nil then
      leak("math.random (state shared with every policy)")
      pcall(math.randomseed, 42)
    end

    -- 6. functions returned by helpers: calling them must not expose or keep shared state
    local applies = kyojin.remote_work_applies("telework")
    local ok1, r1 = pcall(applies, decl)
    local ok2, r2 = pcall(applies, decl)
    if ok1 ~= ok2 or r1 ~= r2 then leak("returned function keeps state") end
    local _, why = applies(decl)
    if is_table(why) then
      pcall(function() why.ja = "x" end)
      local _, why2 = applies(decl)
      if why2 and why2.ja == "x" then leak("returned function's result shared") end
    end
    local iter = kyojin.each(kyojin.null)
    if type(iter) ~= "function" then leak("each: not a function") end

    for _, what in ipairs(leaks) do
      result:fail("/body", { ja = "共有状態に到達: " .. what, en = "shared state reached: " .. what })
    end
    result:pass("/body")
  end,
}
