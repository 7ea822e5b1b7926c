-- DL-05: where removable media are still used, device-connection restrictions and media
-- control are in place (S001 想定する起点 T1091 Replication Through Removable Media).
policy {
  id = "DL-05",
  requirements = { "DL-05" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S001 想定する起点 T1091 Replication Through Removable Media（USBメモリ等がLGWAN接続系の閉域性の突破に利用される）",
  title = {
    ja = "電磁的記録媒体の接続制限と媒体管理",
    en = "Removable media: connection control and media management",
  },
  remediation = {
    ja = "USBメモリ等を使う場合は、端末のデバイス接続制限（許可した媒体のみ接続可）と媒体の管理（台帳・貸出・廃棄の管理）を行ってください。",
    en = "Where USB memory and other media are used, restrict device connection to approved media and manage the media (register, lending, disposal).",
  },
  countermeasures = { "device_control" },
  check = function(decl, result)
    local rm = kyojin.dl_in_use(result, decl, "removable_media", { ja = "電磁的記録媒体は利用されていません。", en = "removable media are not used." })
    if rm == nil then return end
    local ja, en = {}, {}
    if rm.device_connection_control ~= true then ja[#ja + 1] = "デバイス接続制限"; en[#en + 1] = "device-connection control" end
    if rm.media_management ~= true then ja[#ja + 1] = "媒体管理"; en[#en + 1] = "media management" end
    if #ja > 0 then
      result:fail(rm, {
        ja = "電磁的記録媒体を利用していますが、次がありません：" .. table.concat(ja, "、") .. "。マルウェアを埋め込んだUSBメモリによる感染（T1091）の入口になります。",
        en = "removable media are used without " .. table.concat(en, " and ") .. "; this is the entry point for malware on USB memory (T1091).",
      })
    else
      result:pass(rm)
    end
  end,
}
