-- adversarial case: error_escape_sequences
-- expect: error
-- reason: evil
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- terminal escapes, bidi override and a second line in an error message
    error("\27]0;evil title\7\27[2J\226\128\174evil\nsecond line", 0)
  end,
}
