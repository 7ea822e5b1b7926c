-- Stand-in for `kyojin schema` (tests only): prints the JSON Schema built by
-- kyojin.jsonschema, encoded by tests/schema/json.lua.
-- Usage: lua5.4 tests/schema/schema.lua [ja|en]
local dir = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = dir .. "/../../lua/?.lua;" .. dir .. "/?.lua;" .. package.path
local J = require "json"
local tree = require("kyojin.jsonschema").build(J.api, { lang = arg[1] })
io.write(J.encode(tree), "\n")
