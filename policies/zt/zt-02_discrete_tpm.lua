-- ZT-02 (β′, recommended), S002 zero-trust PC procurement example:
-- Discrete TPM (on dedicated hardware).
-- Declared once for the business terminals of the body (zero_trust_pc.discrete_tpm).
policy {
  id = "ZT-02",
  requirements = { "ZT-02" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 ゼロトラストPC要件（某省クライアント調達仕様書例）「ディスクリットTPM」",
  title = {
    ja = "業務端末のディスクリートTPM（専用ハードウェア上のTPM）",
    en = "Discrete TPM (on dedicated hardware) on business terminals",
  },
  remediation = {
    ja = "セキュリティレベルを高めるため、TPMが専用のハードウェア上に実装されたPCを調達することをお勧めします。",
    en = "Procuring PCs whose TPM is implemented on dedicated hardware is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "discrete_tpm",
      { ja = "ディスクリートTPM（専用ハードウェア上のTPM）", en = "Discrete TPM (on dedicated hardware)" },
      { ja = "セキュリティレベルを高めるため、TPMが専用のハードウェア上に実装されたPCを調達することをお勧めします。", en = "Procuring PCs whose TPM is implemented on dedicated hardware is recommended." })
  end,
}
