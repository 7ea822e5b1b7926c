-- TW-03 (BYOD): personal devices cannot store information (a function prevents
-- saving) and only registered devices are admitted (IP address, MAC address or other
-- device authentication).
policy {
  id = "TW-03",
  requirements = { "TW-03" },
  level = "required",
  applies = kyojin.remote_work_applies("byod"),
  source = "S002 改定のポイント3 ②支給以外の端末（BYOD）利用時のセキュリティ対策",
  title = {
    ja = "BYOD端末への保存防止と利用端末の限定",
    en = "BYOD: no local storage, registered devices only",
  },
  remediation = {
    ja = "私物端末に情報を保存できないようにする機能を設け、IPアドレス・MACアドレス等の認証情報で利用端末を限定します。",
    en = "Provide a function that prevents saving information on personal devices (byod.storage_prevented) and restrict use to registered devices by IP address, MAC address or other device authentication (byod.device_registration).",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.remote_work_measures(result, decl, "byod", {
      { "storage_prevented", "端末に情報を保存できないようにする機能", "a function preventing storage on the device",
        "私物端末に情報を保存できないようにしてください。", "Prevent storing information on personal devices." },
      { "device_registration", "IPアドレス・MACアドレス等による利用端末の限定", "restriction to registered devices (IP / MAC address or device authentication)",
        "認証情報で利用端末を限定してください。", "Restrict use to registered devices." },
    })
  end,
}
