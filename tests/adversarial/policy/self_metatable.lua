-- adversarial case: self_metatable
-- expect: error
-- reason: cannot be used as a metatable
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local t = {}
    setmetatable(t, t)
    t.__mode = "k"
  end,
}
