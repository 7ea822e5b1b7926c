-- Benchmark micro policy ST-05 (bench/micro/README.md): encryption on every screen-transfer connection
-- The same check is written for every peer in bench/micro/; all must agree.
policy {
  id = "ST-05",
  requirements = { "ST-05" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "bench/micro (benchmark only)",
  title = { ja = "全ての画面転送通信を暗号化", en = "encryption on every screen-transfer connection" },
  remediation = { ja = "ベンチマーク専用。", en = "Benchmark only." },
  check = function(decl, result)
    for _, c in ipairs(decl.screen_transfer) do
      if c.encryption == true then
        result:pass(c)
      else
        result:fail(c, { ja = "画面転送通信が暗号化されていない。", en = "not encrypted." })
      end
    end
  end,
}
