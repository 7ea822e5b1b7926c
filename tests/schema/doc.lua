-- Renders docs/declaration.md from the schema (kyojin.schemadoc).
-- Usage: lua5.4 tests/schema/doc.lua            print the Markdown
--        lua5.4 tests/schema/doc.lua --write    rewrite docs/declaration.md
local dir = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = dir .. "/../../lua/?.lua;" .. package.path
local text = require("kyojin.schemadoc").render()
if arg[1] == "--write" then
  local path = dir .. "/../../docs/declaration.md"
  local tmp = path .. ".tmp"
  local f = assert(io.open(tmp, "wb"))
  f:write(text)
  assert(f:close())
  assert(os.rename(tmp, path))
else
  io.write(text)
end
