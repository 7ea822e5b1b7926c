-- Benign reference policy for the adversarial suite: passes on every asset with a count.
policy {
  id = "AA-01",
  requirements = { "ST-01" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 test",
  title = { ja = "基準ポリシー1", en = "reference policy 1" },
  remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    for _, a in ipairs(decl.assets) do
      if a.count ~= nil then result:pass(a) end
    end
  end,
}
