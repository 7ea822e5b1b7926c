-- Benchmark micro policy BM-02 (bench/micro/README.md): every enabled EDR has managed monitoring and a CSIRT link
-- The same check is written for every peer in bench/micro/; all must agree.
policy {
  id = "BM-02",
  requirements = { "BM-02" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "bench/micro (benchmark only)",
  title = { ja = "有効な EDR には監視体制と CSIRT 連携", en = "every enabled EDR has managed monitoring and a CSIRT link" },
  remediation = { ja = "ベンチマーク専用。", en = "Benchmark only." },
  check = function(decl, result)
    for _, a in ipairs(decl.assets) do
      local edr = a.controls.edr
      if edr ~= nil and edr.enabled == true then
        if edr.managed_monitoring == true and edr.csirt_link == true then
          result:pass(a)
        else
          result:fail(a, { ja = "EDR に監視体制または CSIRT 連携が無い。", en = "EDR lacks monitoring or a CSIRT link." })
        end
      end
    end
  end,
}
