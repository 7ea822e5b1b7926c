-- ZT-04 (β′, recommended), S002 zero-trust PC procurement example:
-- BIOS/UEFI tamper detection and restore (NIST SP 800-193).
-- Declared once for the business terminals of the body (zero_trust_pc.firmware_resilience).
policy {
  id = "ZT-04",
  requirements = { "ZT-04" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 ゼロトラストPC要件（某省クライアント調達仕様書例）「BIOS/UEFIの保護、復元」",
  title = {
    ja = "業務端末のBIOS/UEFIの改ざん検知と復元（NIST SP 800-193準拠）",
    en = "BIOS/UEFI tamper detection and restore (NIST SP 800-193) on business terminals",
  },
  remediation = {
    ja = "BIOS/UEFIとその設定の改ざんをリアルタイムに検知して改ざん前の状態に復元でき、NIST SP 800-193に準拠したBIOS/UEFIを搭載したPCを調達することをお勧めします。",
    en = "Procuring PCs whose BIOS/UEFI (and its settings) detects tampering in real time and restores the previous state, compliant with NIST SP 800-193, is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "firmware_resilience",
      { ja = "BIOS/UEFIの改ざん検知と復元（NIST SP 800-193準拠）", en = "BIOS/UEFI tamper detection and restore (NIST SP 800-193)" },
      { ja = "BIOS/UEFIとその設定の改ざんをリアルタイムに検知して改ざん前の状態に復元でき、NIST SP 800-193に準拠したBIOS/UEFIを搭載したPCを調達することをお勧めします。", en = "Procuring PCs whose BIOS/UEFI (and its settings) detects tampering in real time and restores the previous state, compliant with NIST SP 800-193, is recommended." })
  end,
}
