-- adversarial case: memory_bomb_pcall
-- expect: error
-- reason: memory limit exceeded
-- within: 10
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local keep = {}
    while true do
      pcall(function() keep[#keep + 1] = string.rep("y", 1 << 20) end)
    end
  end,
}
