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
    ja = "業務端末のディスクリート TPM（専用ハードウェア上の TPM）",
    en = "Discrete TPM (on dedicated hardware) on business terminals",
  },
  remediation = {
    ja = "セキュリティレベルを高めるため、TPM が専用のハードウェア上に実装された PC を調達することを推奨する。",
    en = "Procuring PCs whose TPM is implemented on dedicated hardware is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "discrete_tpm",
      { ja = "ディスクリート TPM（専用ハードウェア上の TPM）", en = "Discrete TPM (on dedicated hardware)" },
      { ja = "セキュリティレベルを高めるため、TPM が専用のハードウェア上に実装された PC を調達することを推奨する。", en = "Procuring PCs whose TPM is implemented on dedicated hardware is recommended." })
  end,
}
