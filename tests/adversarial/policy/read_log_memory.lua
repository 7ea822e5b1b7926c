-- adversarial case: read_log_memory
-- expect: error
-- reason: memory limit exceeded
-- within: 20
-- args: --timeout 0
-- Reads of ever new long keys: the read log keeps each key, and what it keeps counts against
-- the policy's memory limit (it is not a way around it).
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local long = string.rep("x", 100000)
    for i = 1, 100000 do local _ = decl.body[long .. i] end
    result:pass(decl.body)
  end,
}
