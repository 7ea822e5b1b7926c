case {
  name = "patched platforms with evidence pass",
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "platform patch management declared false fails",
  set = { ["/screen_transfer/0/platform_patch_managed"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "platform asset not patched fails",
  set = { ["/assets/21/controls/patch/os_timely"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "bare declared true passes by default",
  set = { ["/screen_transfer/1/platform_patch_managed"] = true },
  expect = "pass",
  evidence = "declared",
}
case {
  name = "bare declared true fails with require_evidence",
  set = { ["/screen_transfer/1/platform_patch_managed"] = true },
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "evidenced facts pass with require_evidence",
  params = { require_evidence = true },
  expect = "pass",
}
case {
  name = "platform of the connection into lgwan is outside the default scope",
  set = { ["/screen_transfer/2/platform_patch_managed"] = false },
  expect = "pass",
}
case {
  name = "target_scope=all covers the platform of the connection into lgwan",
  set = { ["/screen_transfer/2/platform_patch_managed"] = false },
  params = { target_scope = "all" },
  expect = "fail",
  subjects = { "/screen_transfer/2" },
}
-- Issue 14: the finding says what to do, not the field name (S000 ご意見と対応 項番4:
-- 「基盤自体のパッチ、脆弱性管理」).
case {
  name = "an unmanaged platform is told what to do, without field names",
  set = { ["/screen_transfer/0/platform_patch_managed"] = false },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
  contains = "基盤のパッチ適用・脆弱性管理は実施していないと申告されています。画面転送基盤のパッチを適時適用し",
  lacks = "platform_patch_managed",
}
