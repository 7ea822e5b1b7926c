-- Tests of TW-03. base.json: BYOD used, storage prevented, devices registered.
case {
  name = "no storage and registered devices pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "personal devices able to store information fail",
  sample = "base",
  set = { ["/byod/storage_prevented"] = false },
  expect = "fail",
  subjects = { "/byod/storage_prevented" },
}
case {
  name = "unregistered devices admitted fail",
  sample = "base",
  set = { ["/byod/device_registration"] = false },
  expect = "fail",
  subjects = { "/byod/device_registration" },
}
case {
  name = "not applicable without BYOD",
  sample = "base",
  set = { ["/byod/used"] = false },
  expect = "not_applicable",
}
