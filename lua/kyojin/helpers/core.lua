-- Core helpers offered to every policy as kyojin.<name>. Stateless: this file is re-run for
-- each declaration, and whatever it returns is frozen.
local H = {}

-- Iterate over the elements of a declaration array that may be absent or null.
function H.each(list)
  if list == nil or kyojin.is_null(list) then
    return function() return nil end
  end
  return ipairs(list)
end

-- True when v is present and not JSON null.
function H.present(v)
  return v ~= nil and not kyojin.is_null(v)
end

-- The assets of one segment (a list), optionally of one kind.
function H.assets_in(decl, segment, kind)
  local out = {}
  for _, a in H.each(decl.assets) do
    if a.segment == segment and (kind == nil or a.kind == kind) then out[#out + 1] = a end
  end
  return out
end

-- Evidence grading of a process fact: "evidenced", "declared" or nil when not true.
function H.evidence_of(v)
  local value, evidence = kyojin.fact(v)
  if value ~= true then return nil end
  if evidence ~= nil then return "evidenced" end
  return "declared"
end

return H
