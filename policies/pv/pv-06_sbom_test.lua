-- Tests of PV-06. base.json: /contracts/0 SBOM evidenced, /1 and /2 bare true; all state a scope.
case {
  name = "SBOMs provided with a stated scope pass",
  sample = "base",
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "contract without SBOM is a warning",
  sample = "base",
  set = { ["/contracts/1/sbom/provided"] = false },
  expect = "warn",
  subjects = { "/contracts/1/sbom/provided" },
}
case {
  name = "SBOM provided without a stated scope is a warning",
  sample = "base",
  remove = { "/contracts/2/sbom/scope" },
  expect = "warn",
  subjects = { "/contracts/2/sbom/scope" },
}
case {
  name = "require_evidence=true rejects bare declared SBOMs",
  sample = "base",
  params = { require_evidence = true },
  expect = "warn",
  subjects = { "/contracts/1/sbom/provided", "/contracts/2/sbom/provided" },
}
case {
  name = "no vendor contract declared is a warning",
  sample = "base",
  set = { ["/contracts"] = kyojin.array{} },
  expect = "warn",
  subjects = { "/contracts" },
}
