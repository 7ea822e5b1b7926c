-- A policy raising a Japanese error longer than the 1,024 bytes a message is cut to: the cut
-- falls inside a character unless it is made at a character boundary (sandbox.c, sanitize).
policy {
  id = "ZZ-04",
  requirements = { "ST-01" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "test",
  title = { ja = "長いエラー", en = "long error" },
  remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- one ASCII byte first, so that 1,023 bytes end in the middle of a character
    error("e" .. ("評価できません。"):rep(60), 0)
  end,
}
