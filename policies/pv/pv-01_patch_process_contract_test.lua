-- Tests of PV-01. base.json: c-platform /contracts/0 (evidenced, covers network devices),
-- c-cloud /contracts/1 (bare facts, no network device in scope), c-core /contracts/2
-- (bare facts, covers the mynumber firewall).
case {
  name = "contracts covering the whole patch process pass",
  sample = "base",
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "contract covering only patch application fails",
  sample = "base",
  set = { ["/contracts/0/patch_process/full_scope"] = false },
  expect = "fail",
  subjects = { "/contracts/0/patch_process/full_scope" },
}
case {
  name = "contract over a network device that leaves network devices out fails",
  sample = "base",
  set = { ["/contracts/2/patch_process/includes_network_devices"] = false },
  expect = "fail",
  subjects = { "/contracts/2/patch_process/includes_network_devices" },
}
case {
  name = "contract naming the network_device kind must include network devices",
  sample = "base",
  set = { ["/contracts/0/patch_process/includes_network_devices"] = false },
  expect = "fail",
  subjects = { "/contracts/0/patch_process/includes_network_devices" },
}
case {
  name = "cloud contract without network devices in scope need not include them",
  sample = "base",
  set = { ["/contracts/1/patch_process/includes_network_devices"] = false },
  expect = "pass",
}
case {
  name = "no vendor contract declared fails",
  sample = "base",
  set = { ["/contracts"] = kyojin.array{} },
  expect = "fail",
  subjects = { "/contracts" },
}
case {
  name = "require_evidence=true rejects the bare declared contract facts",
  sample = "base",
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/contracts/1/patch_process/full_scope", "/contracts/2/patch_process/full_scope",
               "/contracts/2/patch_process/includes_network_devices" },
}
