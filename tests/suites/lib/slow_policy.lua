-- slow_policy.lua — a policy that takes about 60 ms of CPU per declaration, so that a batch
-- runs long enough to be interrupted (tests/suites/signals.sh, tests/suites/streams.sh).
policy {
  id = "SL-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 test",
  title = { ja = "遅いポリシー", en = "slow policy" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local x = 0
    for i = 1, 2500000 do x = x + i % 7 end
    result:pass(decl.body, { ja = "済み" .. x, en = "done" .. x })
  end,
}
