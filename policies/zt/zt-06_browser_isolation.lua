-- ZT-06 (β′, recommended), S002 zero-trust PC procurement example:
-- Browser isolated in a hardware virtual machine.
-- Declared once for the business terminals of the body (zero_trust_pc.browser_hw_isolation).
policy {
  id = "ZT-06",
  requirements = { "ZT-06" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 ゼロトラストPC要件（某省クライアント調達仕様書例）「ブラウザ経由のウィルス対策」",
  title = {
    ja = "業務端末のブラウザのハードウェアレベル（仮想マシン）での隔離",
    en = "Browser isolated in a hardware virtual machine on business terminals",
  },
  remediation = {
    ja = "Webサイト経由の感染を防ぐため、ブラウザの実行環境をPC上でハードウェアレベル（仮想マシン）で隔離することをお勧めします。",
    en = "To prevent infection through web sites, isolating the browser's execution environment in a hardware-level virtual machine on the PC is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "browser_hw_isolation",
      { ja = "ブラウザのハードウェアレベル（仮想マシン）での隔離", en = "Browser isolated in a hardware virtual machine" },
      { ja = "Webサイト経由の感染を防ぐため、ブラウザの実行環境をPC上でハードウェアレベル（仮想マシン）で隔離することをお勧めします。", en = "To prevent infection through web sites, isolating the browser's execution environment in a hardware-level virtual machine on the PC is recommended." })
  end,
}
