-- adversarial case: table_move_endless
-- expect: error
-- reason: table.move: more than
-- within: 5
-- args:
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- one C call copying 2^40 elements: hours without a single VM instruction
    table.move({}, 1, 2^40, 1)
  end,
}
