-- Micro suite in plain Lua 5.4 + lua-cjson: the five checks of bench/micro/README.md.
-- Usage: lua5.4 plain.lua FILE...  → one verdict line per file.
local cjson = require("cjson")

local function st01(d)
  for _, c in ipairs(d.screen_transfer) do
    local cb = c.redirection.clipboard
    if not (cb.to_local == false and cb.to_virtual == false) then return false end
  end
  return true
end

local function st05(d)
  for _, c in ipairs(d.screen_transfer) do
    if c.encryption ~= true then return false end
  end
  return true
end

local function bm02(d)
  for _, a in ipairs(d.assets) do
    local edr = a.controls.edr
    if edr ~= nil and edr.enabled == true and not (edr.managed_monitoring == true and edr.csirt_link == true) then
      return false
    end
  end
  return true
end

local function pv03(d)
  for _, v in ipairs(d.vulnerabilities) do
    if v.patched == false and (v.cvss >= 9.0 or v.exploited == true) then return false end
  end
  return true
end

local function ap01(d)
  for _, a in ipairs(d.assets) do
    local am = a.controls.antimalware
    if am ~= nil and am.behaviour_detection ~= true then return false end
  end
  return true
end

local function s(ok) return ok and "pass" or "fail" end

for _, path in ipairs(arg) do
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  local d = cjson.decode(text)
  io.write(path:match("[^/]*$"), " AP-01:", s(ap01(d)), " BM-02:", s(bm02(d)), " PV-03:", s(pv03(d)),
           " ST-01:", s(st01(d)), " ST-05:", s(st05(d)), "\n")
end
