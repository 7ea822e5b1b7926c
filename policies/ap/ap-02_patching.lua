-- AP-02: in the α′ model security patches are applied to network devices as well as PCs
-- and servers (S004 第11回検討会: "パソコンは適用しているが、ネットワーク機器は未適用").
policy {
  id = "AP-02",
  requirements = { "AP-02" },
  level = "required",
  applies = function(decl)
    return kyojin.st_applies(decl, { "alpha_prime" }, { "alpha_prime" })
  end,
  source = "S004 議事概要 1.（パソコンは適用しているが、ネットワーク機器は未適用という部分が散見）",
  title = {
    ja = "ネットワーク機器を含むセキュリティパッチ適用",
    en = "Patches on network devices as well as PCs and servers",
  },
  remediation = {
    ja = "PC・サーバだけでなく、ファイアウォール・スイッチ・VPN装置・認証ゲートウェイ等のネットワーク機器にもセキュリティパッチ（ファームウェア更新）を適時適用する運用にしてください。",
    en = "Apply security patches (firmware updates) in time to network devices — firewalls, switches, VPN and authentication gateways — as well as PCs and servers.",
  },
  countermeasures = { { id = "patching", kinds = { "network_device", "gateway", "vpn", "auth_gateway" } } },
  check = function(decl, result)
    kyojin.ap_report(result, kyojin.ap_patching(decl))
  end,
}
