-- ZT-01 (β′, recommended), S002 zero-trust PC procurement example:
-- Hardware root of trust independent of the CPU and the TPM.
-- Declared once for the business terminals of the body (zero_trust_pc.hw_root_of_trust).
policy {
  id = "ZT-01",
  requirements = { "ZT-01" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 ゼロトラストPC要件（某省クライアント調達仕様書例）「ハードウェア・ルートオブトラスト」",
  title = {
    ja = "業務端末のCPU・TPMから独立したハードウェア・ルートオブトラスト",
    en = "Hardware root of trust independent of the CPU and the TPM on business terminals",
  },
  remediation = {
    ja = "メインのCPUとは独立し、かつTPMとは別のセキュリティチップを起点としたハードウェア・ルートオブトラストを実現したPCを調達することをお勧めします。",
    en = "Procuring PCs whose hardware root of trust starts from a security chip independent of the main CPU and separate from the TPM is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "hw_root_of_trust",
      { ja = "CPU・TPMから独立したハードウェア・ルートオブトラスト", en = "Hardware root of trust independent of the CPU and the TPM" },
      { ja = "メインのCPUとは独立し、かつTPMとは別のセキュリティチップを起点としたハードウェア・ルートオブトラストを実現したPCを調達することをお勧めします。", en = "Procuring PCs whose hardware root of trust starts from a security chip independent of the main CPU and separate from the TPM is recommended." })
  end,
}
