-- ZT-07 (β′, recommended), S002 zero-trust PC procurement example:
-- Untrusted Office/PDF attachments opened in a hardware virtual machine.
-- Declared once for the business terminals of the body (zero_trust_pc.attachment_hw_isolation).
policy {
  id = "ZT-07",
  requirements = { "ZT-07" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 ゼロトラストPC要件（某省クライアント調達仕様書例）「メーラー経由のウィルス対策」",
  title = {
    ja = "業務端末の安全性未確認のOffice・PDF添付ファイルのハードウェアレベル（仮想マシン）での隔離",
    en = "Untrusted Office/PDF attachments opened in a hardware virtual machine on business terminals",
  },
  remediation = {
    ja = "メール添付ファイルからの感染を防ぐため、安全性が確認されていないOfficeファイル（Word/Excel/PowerPoint）やPDFファイルをハードウェアレベル（仮想マシン）で隔離した環境で表示することをお勧めします。",
    en = "To prevent infection from mail attachments, opening untrusted Office files (Word/Excel/PowerPoint) and PDF files in a hardware-level virtual machine is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "attachment_hw_isolation",
      { ja = "安全性未確認のOffice・PDF添付ファイルのハードウェアレベル（仮想マシン）での隔離", en = "Untrusted Office/PDF attachments opened in a hardware virtual machine" },
      { ja = "メール添付ファイルからの感染を防ぐため、安全性が確認されていないOfficeファイル（Word/Excel/PowerPoint）やPDFファイルをハードウェアレベル（仮想マシン）で隔離した環境で表示することをお勧めします。", en = "To prevent infection from mail attachments, opening untrusted Office files (Word/Excel/PowerPoint) and PDF files in a hardware-level virtual machine is recommended." })
  end,
}
