-- Tests of PV-04. Boundary devices of base.json: mail-relay /assets/5, inet-fw /6,
-- vpn-gw /8, auth-gw /9, e-app /26. /vulnerabilities/0 is on vpn-gw (9.0),
-- /1 on inet-fw (9.8), /2 on lgwan-vdi (8.1, not a boundary device).
case {
  name = "patched boundary devices pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "unpatched vulnerability on the VPN appliance fails",
  sample = "base",
  set = { ["/vulnerabilities/0/patched"] = false },
  expect = "fail",
  subjects = { "/vulnerabilities/0" },
}
case {
  name = "a VPN appliance counts as boundary device whatever internet_boundary says",
  sample = "base",
  set = { ["/vulnerabilities/0/patched"] = false, ["/assets/8/internet_boundary"] = false },
  expect = "fail",
  subjects = { "/vulnerabilities/0" },
}
case {
  name = "unpatched vulnerability on an internal platform is not judged here",
  sample = "base",
  set = { ["/vulnerabilities/2/patched"] = false },
  expect = "pass",
}
case {
  name = "unpatched 6.5 on the VPN appliance is below important_cvss by default",
  sample = "base",
  set = { ["/vulnerabilities/0/patched"] = false, ["/vulnerabilities/0/cvss"] = 6.5,
          ["/vulnerabilities/0/exploited"] = false },
  expect = "pass",
}
case {
  name = "important_cvss=6.0 fails 6.5 on the VPN appliance",
  sample = "base",
  set = { ["/vulnerabilities/0/patched"] = false, ["/vulnerabilities/0/cvss"] = 6.5,
          ["/vulnerabilities/0/exploited"] = false },
  params = { important_cvss = 6.0 },
  expect = "fail",
  subjects = { "/vulnerabilities/0" },
}
-- The device's own patch fact decides, with or without a declared vulnerability.
-- S003 改定案①「インターネットとの境界にある機器におけるセキュリティパッチの適用は特に重要」;
-- S004「ネットワーク機器は未適用という部分が散見」: a firewall under a vendor contract can
-- still be unpatched, so the contract does not stand in for the device's own fact.
case {
  name = "internet firewall declared not patched in time fails without any CVE",
  sample = "base",
  set = { ["/assets/6/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/6" },
}
case {
  name = "VPN appliance not patched in time fails",
  sample = "base",
  set = { ["/assets/8/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/8" },
}
case {
  name = "authentication gateway without a patch fact fails as unknown",
  sample = "base",
  remove = { "/assets/9/controls/patch" },
  expect = "fail",
  subjects = { "/assets/9" },
}
case {
  name = "internet mail relay is a boundary device even without internet_boundary",
  sample = "base",
  set = { ["/assets/5/internet_boundary"] = false, ["/assets/5/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/assets/5" },
}
case {
  name = "an internal firewall not patched in time is not a boundary device",
  sample = "base",
  set = { ["/assets/15/controls/patch/os_timely"] = false },
  expect = "pass",
}
case {
  name = "unpatched CVE and untimely patching on the same device: both found",
  sample = "base",
  set = { ["/vulnerabilities/1/patched"] = false, ["/assets/6/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/vulnerabilities/1", "/assets/6" },
}
