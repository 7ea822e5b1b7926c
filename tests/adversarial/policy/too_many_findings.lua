-- adversarial case: too_many_findings
-- expect: error
-- reason: more than 10000 findings
-- within: 10
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    for i = 1, 20000 do result:fail(decl.body, { ja = "x", en = "x" }) end
  end,
}
