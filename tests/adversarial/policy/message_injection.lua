-- adversarial case: message_injection
-- expect: fail
-- reason: 
-- within: 5
-- args: 
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    -- ANSI, OSC, bidi and line separators in a finding message (output injection)
    result:fail(decl.body, { ja = "\27[31mred\27[0m \27]8;;http://x\7link\27]8;;\7 \226\128\174txt \226\128\168",
                             en = "=HYPERLINK(\"http://x\") \27[2J <script>alert(1)</script>" })
  end,
}
