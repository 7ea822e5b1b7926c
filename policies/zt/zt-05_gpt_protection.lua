-- ZT-05 (β′, recommended), S002 zero-trust PC procurement example:
-- GPT (GUID Partition Table) protection and restore.
-- Declared once for the business terminals of the body (zero_trust_pc.gpt_protection).
policy {
  id = "ZT-05",
  requirements = { "ZT-05" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 ゼロトラストPC要件（某省クライアント調達仕様書例）「GPTの保護、復元」",
  title = {
    ja = "業務端末のGPT（GUID Partition Table）の保護と復元",
    en = "GPT (GUID Partition Table) protection and restore on business terminals",
  },
  remediation = {
    ja = "ストレージのGPTが破損・改ざんされた際に正常な状態に復元する機能を持つPCを調達することをお勧めします。",
    en = "Procuring PCs that restore the storage's GPT when it is damaged or tampered with is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "gpt_protection",
      { ja = "GPT（GUID Partition Table）の保護と復元", en = "GPT (GUID Partition Table) protection and restore" },
      { ja = "ストレージのGPTが破損・改ざんされた際に正常な状態に復元する機能を持つPCを調達することをお勧めします。", en = "Procuring PCs that restore the storage's GPT when it is damaged or tampered with is recommended." })
  end,
}
