-- TW-06 (remote access): lent terminals (thin client or no local storage),
-- multi-factor or device authentication, an encrypted line, information limited to
-- what remote work needs, and management of terminals taken out of the office.
policy {
  id = "TW-06",
  requirements = { "TW-06" },
  level = "required",
  applies = kyojin.remote_work_applies("remote_access"),
  source = "S002「リモートアクセス環境整備における現行のセキュリティ要件」; β'モデルで強化すべき事項 No.2",
  title = {
    ja = "リモートアクセスのセキュリティ要件",
    en = "Security requirements of remote access",
  },
  remediation = {
    ja = "リモートアクセスには貸与端末（シンクライアント／ハードディスクに情報を保存しない設定）を使い、多要素認証または端末認証を行い、専用線・IP-VPN・SSL-VPN・暗号化した携帯回線等の暗号化回線を用い、アクセスできる情報を外部からのアクセス用に限定し、端末の持ち出しを管理します。",
    en = "Use lent terminals (thin client / no local storage), multi-factor or device authentication, an encrypted line (dedicated line, IP-VPN, SSL-VPN or encrypted mobile), limit the information to what remote work needs, and manage terminals taken out of the office.",
  },
  countermeasures = {
    { id = "mfa", kinds = { "vpn", "auth_gateway" } },
    { id = "encryption", kinds = { "vpn" } },
  },
  check = function(decl, result, params)
    kyojin.remote_work_measures(result, decl, "remote_access", {
      { "lent_terminals", "貸与端末（シンクライアント／情報を保存しない設定）の利用", "lent terminals (thin client / no local storage)",
        "貸与端末を使用してください。", "Use lent terminals." },
      { "mfa_or_device_auth", "多要素認証または端末認証", "multi-factor or device authentication",
        "多要素認証または端末認証を行ってください。", "Use multi-factor or device authentication." },
      { "encrypted_line", "暗号化された回線（専用線・IP-VPN・SSL-VPN・暗号化した携帯回線）", "an encrypted line (dedicated, IP-VPN, SSL-VPN or encrypted mobile)",
        "暗号化された回線を使ってください。", "Use an encrypted line." },
      { "information_limited", "アクセスできる情報の外部アクセス用への限定", "information limited to what remote work needs",
        "外部からアクセスできる情報・機能を限定してください。", "Limit the information and functions reachable from outside." },
      { "takeout_management", "端末の持ち出し管理", "management of terminals taken out",
        "端末の持ち出しを管理してください。", "Manage terminals taken out of the office." },
    })
  end,
}
