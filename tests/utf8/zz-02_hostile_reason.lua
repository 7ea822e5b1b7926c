policy {
  id = "ZZ-02",
  requirements = { "ST-01" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "test",
  title = { ja = "不正な理由", en = "invalid reason" },
  remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    result:not_applicable({ ja = ("対象外の理由"):sub(1, 8), en = "n/a \255" })
  end,
}
