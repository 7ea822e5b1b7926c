-- adversarial case: weak_mode_added_late
-- expect: error
-- reason: __mode is not allowed
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local mt = {}
    local t = setmetatable({}, mt)
    mt.__mode = "kv"
    for i = 1, 1e6 do t[{}] = {} end
  end,
}
