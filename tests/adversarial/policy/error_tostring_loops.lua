-- adversarial case: error_tostring_loops
-- expect: error
-- reason: error object is a table value
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    error(setmetatable({}, { __tostring = function() while true do end end }))
  end,
}
