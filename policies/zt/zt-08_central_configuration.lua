-- ZT-08 (β′, recommended), S002 zero-trust PC procurement example:
-- Security configuration managed centrally.
-- Declared once for the business terminals of the body (zero_trust_pc.central_config).
policy {
  id = "ZT-08",
  requirements = { "ZT-08" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 ゼロトラストPC要件（某省クライアント調達仕様書例）「セキュリティ機能、構成の統一管理」",
  title = {
    ja = "業務端末のセキュリティ機能・構成のセンター側での統一管理",
    en = "Security configuration managed centrally on business terminals",
  },
  remediation = {
    ja = "PCのハードウェア・ソフトウェアのセキュリティコンポーネントの構成・設定をセンター側で統一管理することをお勧めします。",
    en = "Managing the configuration and settings of the PCs' hardware and software security components centrally is recommended.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.zero_trust_pc_item(result, decl, "central_config",
      { ja = "セキュリティ機能・構成のセンター側での統一管理", en = "Security configuration managed centrally" },
      { ja = "PCのハードウェア・ソフトウェアのセキュリティコンポーネントの構成・設定をセンター側で統一管理することをお勧めします。", en = "Managing the configuration and settings of the PCs' hardware and software security components centrally is recommended." })
  end,
}
