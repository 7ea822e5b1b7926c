-- adversarial case: memory_bomb
-- expect: error
-- reason: memory limit exceeded
-- within: 10
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local t, s = {}, "x"
    while true do s = s .. s; t[#t + 1] = s end
  end,
}
