-- adversarial case: proxy_odd_keys
-- expect: fail
-- reason: 
-- within: 5
-- args: --timeout 0
-- Reads with keys of every odd type (a number on an object, a fraction on an array, tables,
-- booleans, nil and NaN caught by pcall) are logged in fields_read without crashing kyojin.
policy {
  id = "MM-01", requirements = { "ST-01" }, level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" }, source = "S000 adversarial",
  title = { ja = "攻撃", en = "attack" }, remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local _ = decl.body[1], decl.body[2.5], decl.assets[1.5], decl.assets[1 / 0], decl.assets[-1],
      decl.assets[2 ^ 63], decl[{}], decl[true], decl[false], decl["a/b~c"], decl[kyojin.null]
    local ok1 = pcall(function() return decl[nil] end)
    local ok2 = pcall(function() return decl[0 / 0] end)
    for i = 1, 20000 do _ = decl.body["k" .. i] end
    result:fail(decl.body, "odd keys read: " .. tostring(ok1) .. " " .. tostring(ok2))
  end,
}
