-- kyojin.schema_cli — `kyojin schema [--markdown]` (trusted host code).
local M = {}
function M.main(args)
  local markdown = false
  for _, a in ipairs(args) do
    if a == "--markdown" then markdown = true
    else
      host.write("kyojin schema: unknown argument " .. a .. "\n")
      return 2
    end
  end
  if markdown then
    host.write(require("kyojin.schemadoc").render())
  else
    host.write(json.encode(require("kyojin.jsonschema").build(json), true), "\n")
  end
  return 0
end
return M
