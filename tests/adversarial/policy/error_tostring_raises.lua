-- adversarial case: error_tostring_raises
-- expect: error
-- reason: error object is a table value
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- a host calling luaL_tolstring on this object unprotected would panic
    error(setmetatable({}, { __tostring = function() error("nested") end }))
  end,
}
