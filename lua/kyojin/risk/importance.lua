-- Asset importance (資産の重要度, requirements.md RA-01) for assets that do not declare
-- `importance`, after S001's table of criteria (評価値・評価基準). Every rule whose
-- conditions all hold proposes its importance; the highest proposal wins, `default` when
-- none holds. The report shows the `reason` of the rule that applied (or that the importance
-- was declared). Conditions (all optional):
--   segments  the asset's segment is one of them
--   data      the asset holds one of these data classes
--   kinds     the asset's kind is one of them
--   flags     each of these boolean fields of the asset is true (internet_boundary,
--             infrastructure)
return {
  default = 1,
  -- S001 1:「資産が攻撃された場合、住民サービス・業務に影響がない」「即時復旧または代替が可能」
  default_reason = {
    ja = "重要度 1: 攻撃されても住民サービス・業務への影響がない、または即時に復旧・代替できる資産です（S001）",
    en = "Importance 1: an attack does not affect resident services or work, or the asset is recovered or replaced at once (S001)",
  },
  declared_reason = {
    ja = "申告された重要度です（導出の規則より優先します）",
    en = "Declared importance (takes precedence over the derivation rules)",
  },
  rules = {
    -- S001 3:「マイナンバー情報の漏えい、毀損が生じる」
    { importance = 3, segments = { "mynumber" },
      reason = { ja = "重要度 3: マイナンバー利用事務系の資産です（S001「マイナンバー情報の漏えい、毀損が生じる」）",
                 en = "Importance 3: an asset of the My Number segment (S001: My Number information leaked or damaged)" } },
    { importance = 3, data = { "my_number" },
      reason = { ja = "重要度 3: マイナンバー情報を扱う資産です（S001「マイナンバー情報の漏えい、毀損が生じる」）",
                 en = "Importance 3: the asset holds My Number information (S001: My Number information leaked or damaged)" } },
    -- S001 3:「システム・ネットワークの基盤が攻撃され…住民サービスに影響する」: network
    -- devices and gateways, devices at the internet boundary, and declared infrastructure
    -- (directory, authentication, name resolution)
    { importance = 3, kinds = { "network_device", "gateway", "vpn", "auth_gateway" },
      reason = { ja = "重要度 3: ネットワークの基盤となる機器です（S001「システム・ネットワークの基盤が攻撃され…住民サービスに影響する」）",
                 en = "Importance 3: a device of the network infrastructure (S001: an attack on the system or network infrastructure affects resident services)" } },
    { importance = 3, flags = { "internet_boundary" },
      reason = { ja = "重要度 3: インターネットとの境界にある機器です（S001「システム・ネットワークの基盤が攻撃され…住民サービスに影響する」）",
                 en = "Importance 3: a device at the internet boundary (S001: an attack on the system or network infrastructure affects resident services)" } },
    { importance = 3, flags = { "infrastructure" },
      reason = { ja = "重要度 3: 認証・ディレクトリ等のシステムの基盤です（S001「システム・ネットワークの基盤が攻撃され…住民サービスに影響する」）",
                 en = "Importance 3: system infrastructure such as authentication or directory (S001: an attack on the system or network infrastructure affects resident services)" } },
    -- S001 2:「自治体機密性3C・機密性2に相当する情報の漏えいや毀損が生じる」
    { importance = 2, data = { "confidential_3", "confidential_2" },
      reason = { ja = "重要度 2: 機密性 3・機密性 2 の情報を扱う資産です（S001）",
                 en = "Importance 2: the asset holds confidentiality-3 or -2 information (S001)" } },
  },
}
