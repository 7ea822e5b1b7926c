-- ZT-03 (β′, recommended), S002 zero-trust PC procurement example:
-- Security chip certified by a third party.
-- Declared once for the business terminals of the body (zero_trust_pc.certified_chip).
policy {
  id = "ZT-03",
  requirements = { "ZT-03" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 ゼロトラストPC要件（某省クライアント調達仕様書例）「第三者機関によりセキュリティチップの認証」",
  title = {
    ja = "業務端末の第三者機関による認証を取得したセキュリティチップ",
    en = "Security chip certified by a third party on business terminals",
  },
  remediation = {
    ja = "搭載するセキュリティチップ（TPM等）が第三者機関によるセキュリティ認証を取得したPCを調達することをお勧めします。",
    en = "Procuring PCs whose security chip (TPM etc.) holds a third-party security certification is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "certified_chip",
      { ja = "第三者機関による認証を取得したセキュリティチップ", en = "Security chip certified by a third party" },
      { ja = "搭載するセキュリティチップ（TPM等）が第三者機関によるセキュリティ認証を取得したPCを調達することをお勧めします。", en = "Procuring PCs whose security chip (TPM etc.) holds a third-party security certification is recommended." })
  end,
}
