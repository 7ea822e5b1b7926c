policy {
  id = "ZZ-03",
  requirements = { "ST-01" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "test",
  title = { ja = "不正なエラー", en = "invalid error" },
  remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    error(("評価できません"):sub(1, 7) .. "\255", 0)
  end,
}
