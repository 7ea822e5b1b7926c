-- adversarial case: deep_recursion
-- expect: error
-- reason: stack overflow|memory limit|C stack overflow|instruction budget
-- within: 10
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local function f(n) return 1 + f(n + 1) end
    f(1)
  end,
}
