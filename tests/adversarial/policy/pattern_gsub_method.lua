-- adversarial case: pattern_gsub_method
-- expect: error
-- reason: pattern too complex
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local s = ("x"):rep(20000)
    -- method call goes through the string metatable, not the string table
    local r = s:gsub("(x*)*y", "z")
    result:pass(decl.body, { ja = tostring(r), en = tostring(r) })
  end,
}
