-- adversarial case: c_call_loop_hang
-- expect: error
-- reason: wall-clock limit exceeded
-- within: 8
-- args: --timeout 2
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- few VM instructions, long C calls: the instruction budget never fires
    local t = {}
    for i = 1, 300000 do t[i] = (i * 7919) % 1000003 end
    while true do table.sort(t) end
  end,
}
