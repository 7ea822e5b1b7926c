-- adversarial case: xpcall_handler_loop
-- expect: error
-- reason: instruction budget exceeded
-- within: 5
-- args:
-- in-process: yes
-- commands: test
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- the handler loops; the budget error raised in it must not restart it with hooks off
    xpcall(error, function() while true do end end)
  end,
}
