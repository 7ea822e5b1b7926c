-- Threat catalog (S000 §3 脅威一覧, IPA 表4-15). `level` is the catalog threat level of S000;
-- `basis` says which placement of the target bounds it (rules.lua placement_levels):
-- "logical", "physical" or "fixed" (the catalog level as is). `physical = true` marks the
-- physical threats that S000 leaves out of the analysis (rules.include_physical_threats).
-- Mail-borne malware is "fixed": S000 rates attacks by mail 3 wherever the mail is opened
-- (applicability.lua limits it to assets that are not isolated).
return {
  { id = "unauthorized_access_internet", level = 3, basis = "logical",
    name = { ja = "外部（インターネット経由）不正アクセス（悪意のある攻撃者）",
             en = "Unauthorised access from the internet (malicious attacker)" } },
  { id = "unauthorized_access_admin_terminal", level = 2, basis = "logical",
    name = { ja = "外部（インターネット経由）不正アクセス（攻撃者に侵入された管理端末）",
             en = "Unauthorised access through a compromised administration terminal" } },
  { id = "mail_malware", level = 3, basis = "fixed",
    name = { ja = "マルウェア感染（メール・Web経由）",
             en = "Malware infection by mail or web" } },
  { id = "ddos", level = 3, basis = "logical",
    name = { ja = "DoS/DDoS攻撃", en = "DoS/DDoS attack" } },
  { id = "process_misuse", level = 2, basis = "logical",
    name = { ja = "プロセス不正実行", en = "Unauthorised process execution" } },
  { id = "malware_spread", level = 2, basis = "logical",
    name = { ja = "マルウェアの拡散", en = "Malware spread" } },
  { id = "physical_intrusion", level = 1, basis = "physical", physical = true,
    name = { ja = "物理的侵入", en = "Physical intrusion" } },
  { id = "maintenance_misuse", level = 1, basis = "physical",
    name = { ja = "不正操作（保守端末）", en = "Misuse of a maintenance terminal" } },
  { id = "mistaken_operation", level = 1, basis = "fixed",
    name = { ja = "過失操作", en = "Mistaken operation" } },
  { id = "rogue_media", level = 1, basis = "fixed",
    name = { ja = "不正媒体・機器接続", en = "Rogue media or device connection" } },
  { id = "theft", level = 1, basis = "physical", physical = true,
    name = { ja = "窃盗", en = "Theft" } },
  { id = "cable_cut", level = 1, basis = "physical", physical = true,
    name = { ja = "経路遮断", en = "Cable cut" } },
  { id = "wireless_jamming", level = 3, basis = "fixed", physical = true,
    name = { ja = "無線妨害", en = "Wireless jamming" } },
  { id = "eavesdropping", level = 1, basis = "fixed",
    name = { ja = "盗聴", en = "Eavesdropping" } },
  { id = "tampering", level = 1, basis = "fixed",
    name = { ja = "通信データ改ざん", en = "Tampering with traffic" } },
  { id = "rogue_device", level = 1, basis = "fixed",
    name = { ja = "不正機器接続", en = "Rogue device on the network" } },
}
