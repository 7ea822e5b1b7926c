-- Validates many declarations, one JSON document per input line, and prints one line per
-- document: "ok", or "err" followed by a tab and the `expected.en` of each error joined by
-- "\31". Used by differential.js to compare kyojin.validate with an independent validator.
-- Usage: lua5.4 tests/schema/batch.lua < cases.jsonl
local dir = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = dir .. "/../../lua/?.lua;" .. dir .. "/?.lua;" .. package.path
local J = require "json"
local V = require "kyojin.validate"
local ids = {}
for l in io.lines(dir .. "/policy_ids.txt") do if l ~= "" then ids[l] = true end end
for line in io.lines() do
  local tree, perr = J.decode(line, { positions = false })
  if not tree then
    io.write("bad\t", perr, "\n")
  else
    local errors = V.validate(tree, J.api, { policy_ids = ids, max_errors = 100 })
    if #errors == 0 then
      io.write("ok\n")
    else
      local e = {}
      for i, x in ipairs(errors) do e[i] = x.expected.en end
      io.write("err\t", table.concat(e, "\31"), "\n")
    end
  end
end
