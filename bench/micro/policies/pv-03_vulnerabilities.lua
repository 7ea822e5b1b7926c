-- Benchmark micro policy PV-03 (bench/micro/README.md): no unpatched vulnerability with CVSS >= 9.0 or known exploitation
-- The same check is written for every peer in bench/micro/; all must agree.
policy {
  id = "PV-03",
  requirements = { "PV-03" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "bench/micro (benchmark only)",
  title = { ja = "CVSS 9.0 以上又は悪用済みの未適用脆弱性が無い", en = "no unpatched vulnerability with CVSS >= 9.0 or known exploitation" },
  remediation = { ja = "ベンチマーク専用。", en = "Benchmark only." },
  check = function(decl, result)
    for _, v in ipairs(decl.vulnerabilities) do
      if v.patched == false and (v.cvss >= 9.0 or v.exploited == true) then
        result:fail(v, { ja = "緊急又は悪用済みの脆弱性が未適用。", en = "critical or exploited and unpatched." })
      else
        result:pass(v)
      end
    end
  end,
}
