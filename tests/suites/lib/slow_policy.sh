# slow_policy.sh — sourced by the batch suites (signals.sh, jobs.sh, streams.sh, htmlstream.sh).
# slow_policy FILE ITERATIONS — write a policy (SL-01) that spends CPU on every declaration
# (2,500,000 iterations: about 60 ms), so that a batch lasts long enough to be interrupted.
slow_policy() {
  cat >"$1" <<EOP
policy {
  id = "SL-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 test",
  title = { ja = "遅いポリシー", en = "slow policy" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local x = 0
    for i = 1, $2 do x = x + i % 7 end
    result:pass(decl.body, { ja = "済み" .. x, en = "done" .. x })
  end,
}
EOP
}
