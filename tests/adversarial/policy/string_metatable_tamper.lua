-- adversarial case: string_metatable_tamper
-- expect: error
-- reason: attempt to index a string value|read-only
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local mt = getmetatable("")
    mt.__index = { upper = function() return "pwned" end }
  end,
}
