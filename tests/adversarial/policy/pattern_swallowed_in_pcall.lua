-- adversarial case: pattern_swallowed_in_pcall
-- expect: error
-- reason: instruction budget|wall-clock|time limit exceeded
-- within: 20
-- args: --timeout 8
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- each call stops at its step budget; looping over the error stays under the budgets
    local s = string.rep("a", 3000)
    while true do pcall(string.match, s, ".-.-.-b") end
  end,
}
