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
