-- adversarial case: no_coroutine
-- expect: error
-- reason: undefined global 'coroutine'
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- long coroutine.close chains overflow the C stack in Lua 5.4.4
    local co = coroutine.wrap(function() end)
  end,
}
