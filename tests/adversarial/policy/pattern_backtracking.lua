-- adversarial case: pattern_backtracking
-- expect: error
-- reason: pattern too complex
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- Lua 5.4's matcher backtracks O(n^4) inside one C call here (minutes); no hook fires.
    local s = string.rep("a", 5000)
    string.find(s, ".-.-.-.-b")
  end,
}
