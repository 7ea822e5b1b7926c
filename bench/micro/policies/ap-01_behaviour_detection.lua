-- Benchmark micro policy AP-01 (bench/micro/README.md): every declared anti-malware has behaviour detection
-- The same check is written for every peer in bench/micro/; all must agree.
policy {
  id = "AP-01",
  requirements = { "AP-01" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "bench/micro (benchmark only)",
  title = { ja = "申告された全てのマルウェア対策に振る舞い検知", en = "every declared anti-malware has behaviour detection" },
  remediation = { ja = "ベンチマーク専用。", en = "Benchmark only." },
  check = function(decl, result)
    for _, a in ipairs(decl.assets) do
      local am = a.controls.antimalware
      if am ~= nil then
        if am.behaviour_detection == true then
          result:pass(a)
        else
          result:fail(a, { ja = "振る舞い検知が無い。", en = "no behaviour detection." })
        end
      end
    end
  end,
}
