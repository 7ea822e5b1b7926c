-- adversarial case: proxy_metatable
-- expect: error
-- reason: cannot change a protected metatable
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    assert(getmetatable(decl) == "locked")
    setmetatable(decl, nil)
  end,
}
