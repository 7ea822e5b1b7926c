-- Stand-in for the validation step of `kyojin check` (tests only): parses each file with
-- tests/schema/json.lua, validates it with kyojin.validate and prints the errors as the
-- host does, `FILE:LINE:COLUMN: message`. Exit 0 when every file is valid, 2 otherwise.
-- Usage: lua5.4 tests/schema/check.lua [--lang ja|en] [--policy-ids FILE] [--max-errors N] FILE...
local dir = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = dir .. "/../../lua/?.lua;" .. dir .. "/?.lua;" .. package.path
local J = require "json"
local V = require "kyojin.validate"

local lang, policy_ids, max_errors, files = "ja", nil, 100, {}
local i = 1
while i <= #arg do
  local a = arg[i]
  if a == "--lang" then lang = arg[i + 1]; i = i + 1
  elseif a == "--policy-ids" then
    policy_ids = {}
    for l in io.lines(arg[i + 1]) do if l:match("%S") then policy_ids[l:match("^%s*(.-)%s*$")] = true end end
    i = i + 1
  elseif a == "--max-errors" then max_errors = tonumber(arg[i + 1]); i = i + 1
  else files[#files + 1] = a end
  i = i + 1
end

local status = 0
for _, file in ipairs(files) do
  local f = assert(io.open(file, "rb"))
  local text = f:read("a")
  f:close()
  local tree, positions = J.decode(text)
  if not tree then
    io.write(file, ":", positions, "\n")
    status = 2
  else
    local errors = V.validate(tree, J.api, { policy_ids = policy_ids, max_errors = max_errors })
    for _, e in ipairs(errors) do
      local p = positions[e.pointer] or { 1, 1 }
      io.write(string.format("%s:%d:%d: %s\n", file, p[1], p[2], e.message[lang]))
    end
    if #errors > 0 then status = 2 end
  end
end
os.exit(status)
