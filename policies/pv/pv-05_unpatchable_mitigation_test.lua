-- Tests of PV-05. /vulnerabilities/2 of base.json (lgwan-vdi) declares an applied mitigation.
local waiver = {
  policy = "PV-03",
  subject = "/vulnerabilities/2",
  justification = "画面転送基盤の製品サポート都合で修正版の提供が2027年1月となるため",
  approver = "最高情報セキュリティ責任者（副市長）",
  mitigation = "管理用SSHを保守端末のIPアドレスに限定（ベンダ公開の回避策）",
  expires = "2027-01-31",
}
case {
  name = "no unpatched vulnerability passes",
  sample = "base",
  expect = "pass",
}
case {
  name = "unpatched vulnerability with an applied mitigation recorded as a waiver passes",
  sample = "base",
  set = { ["/vulnerabilities/2/patched"] = false, ["/waivers/0"] = waiver },
  expect = "pass",
}
case {
  name = "applied mitigation not recorded as a waiver is a warning",
  sample = "base",
  set = { ["/vulnerabilities/2/patched"] = false },
  expect = "warn",
  subjects = { "/vulnerabilities/2" },
}
case {
  name = "mitigation not applied is a warning even with a waiver",
  sample = "base",
  set = { ["/vulnerabilities/2/patched"] = false, ["/vulnerabilities/2/mitigation/applied"] = false,
          ["/waivers/0"] = waiver },
  expect = "warn",
  subjects = { "/vulnerabilities/2" },
}
case {
  name = "unpatched vulnerability without any mitigation is a warning",
  sample = "base",
  set = { ["/vulnerabilities/0/patched"] = false },
  expect = "warn",
  subjects = { "/vulnerabilities/0" },
}
case {
  name = "a waiver without the mitigation text does not record it",
  sample = "base",
  set = { ["/vulnerabilities/2/patched"] = false,
          ["/waivers/0"] = { policy = "PV-03", subject = "/vulnerabilities/2",
                             justification = "修正版の提供待ち", approver = "CISO",
                             expires = "2027-01-31" } },
  expect = "warn",
  subjects = { "/vulnerabilities/2" },
}
case {
  name = "an expired waiver no longer records the mitigation",
  sample = "base",
  set = { ["/vulnerabilities/2/patched"] = false,
          ["/waivers/0"] = { policy = "PV-03", subject = "/vulnerabilities/2",
                             justification = "修正版の提供待ち", approver = "CISO",
                             mitigation = "管理用SSHを保守端末のIPアドレスに限定", expires = "2026-09-30" } },
  expect = "warn",
  subjects = { "/vulnerabilities/2" },
}
case {
  name = "a waiver on a field of the vulnerability records it too",
  sample = "base",
  set = { ["/vulnerabilities/2/patched"] = false,
          ["/waivers/0"] = { policy = "PV-05", subject = "/vulnerabilities/2/patched",
                             justification = "修正版の提供待ち", approver = "CISO",
                             mitigation = "管理用SSHを保守端末のIPアドレスに限定", expires = "2027-01-31" } },
  expect = "pass",
}
