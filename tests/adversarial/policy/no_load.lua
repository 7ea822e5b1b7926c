-- adversarial case: no_load
-- expect: error
-- reason: undefined global 'load'
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- corrupted bytecode crashes Lua 5.4.4; load and string.dump are not offered
    load(string.dump(function() end))
  end,
}
