-- Benign reference policy sorted after every attacker: always fails on the body.
policy {
  id = "ZZ-99",
  requirements = { "ST-01" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 test",
  title = { ja = "基準ポリシー2", en = "reference policy 2" },
  remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    result:fail(decl.body, { ja = "参照用の指摘", en = "reference finding" })
  end,
}
