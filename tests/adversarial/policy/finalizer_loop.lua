-- adversarial case: finalizer_loop
-- expect: error
-- reason: __gc is not allowed
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- a finalizer runs with hooks off during collection and lua_close: it must never exist
    setmetatable({}, { __gc = function() while true do end end })
    collectgarbage()
  end,
}
