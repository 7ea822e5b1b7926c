-- adversarial case: applies_reason_index_raises
-- expect: error
-- reason: boom in __index
-- within: 5
-- args:
-- in-process: yes
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required", source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  applies = function(decl)
    -- the host reads the reason after the call: every access must stay in the sandbox
    return false, setmetatable({}, { __index = function() error("boom in __index") end })
  end,
  check = function(decl, result) result:pass(decl.body) end,
}
