-- adversarial case: huge_rep
-- expect: error
-- reason: memory limit exceeded|resulting string too large
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local s = string.rep("x", 1 << 40)
  end,
}
