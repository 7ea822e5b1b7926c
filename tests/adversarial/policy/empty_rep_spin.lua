-- adversarial case: empty_rep_spin
-- expect: pass
-- within: 10
-- args: --timeout 0
-- string.rep of the empty string with a huge count loops inside one C call (no instruction
-- hook, no allocation to cap): Lua's own function spins for seconds per call, here 40 calls.
-- The sandbox's rep returns the empty result at once, with Lua's results otherwise.
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    for _ = 1, 40 do
      assert(string.rep("", 2147483647) == "")
      assert(("").rep("", 2147483647, "") == "")
    end
    assert(("ab"):rep(3, ",") == "ab,ab,ab" and ("x"):rep(0) == "" and ("x"):rep(-5) == "")
    assert(("x"):rep(3) == "xxx" and (""):rep(3, "-") == "--")
    result:pass("/body", { ja = "空文字列の繰り返しはすぐに終わりました。", en = "empty repetition ended at once" })
  end,
}
