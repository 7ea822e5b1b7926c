-- Benchmark micro policy ST-01 (bench/micro/README.md): clipboard blocked both ways on every screen-transfer connection
-- The same check is written for every peer in bench/micro/; all must agree.
policy {
  id = "ST-01",
  requirements = { "ST-01" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "bench/micro (benchmark only)",
  title = { ja = "全ての画面転送でクリップボード共有を双方向禁止", en = "clipboard blocked both ways on every screen-transfer connection" },
  remediation = { ja = "ベンチマーク専用。", en = "Benchmark only." },
  check = function(decl, result)
    for _, c in ipairs(decl.screen_transfer) do
      local cb = c.redirection.clipboard
      if cb.to_local == false and cb.to_virtual == false then
        result:pass(c)
      else
        result:fail(c, { ja = "クリップボード共有が開いている。", en = "clipboard sharing is open." })
      end
    end
  end,
}
