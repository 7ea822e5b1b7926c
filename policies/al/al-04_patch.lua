-- AL-04 (patches): even with harmlessization, OS and software patches are applied in time
-- on lgwan terminals, servers and network devices (ガイドライン iii-42: OS 等の修正プログラム
-- の適時適用; S003: patches for network devices as well as software). Each asset's own patch
-- fact decides; a vendor contract is evidence of the process, not of the patch.
policy {
  id = "AL-04-patch",
  requirements = { "AL-04" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta" },
  source = "S002 無害化の定義（iii-42 LGWAN接続系において…OS 等の修正プログラムの適時適用）",
  title = {
    ja = "LGWAN接続系の修正プログラムの適時適用",
    en = "Timely patches on lgwan",
  },
  remediation = {
    ja = "無害化しても除去は完全に保証されないため、LGWAN接続系の端末・サーバ・ネットワーク機器にOS等の修正プログラムを適時適用してください（自治体情報セキュリティ向上プラットフォームの利用等）。",
    en = "Harmlessization is never complete: apply OS and software patches to lgwan terminals, servers and network devices in time (e.g. through the municipal security-improvement platform).",
  },
  countermeasures = { "patching" },
  check = function(decl, result)
    local kinds = { terminal = true, server = true, database = true, file_link_server = true,
                    screen_transfer_platform = true, mail_relay = true, storage = true,
                    network_device = true, gateway = true, vpn = true, auth_gateway = true }
    for _, a in ipairs(kyojin.al_lgwan_assets(decl, kinds)) do
      kyojin.judge_own_patch(result, a, { ja = "LGWAN接続系の資産", en = "lgwan asset" }, {
        ja = "修正プログラムを適時に適用し、その状況を申告してください。",
        en = "Apply patches in time and declare it.",
      })
    end
  end,
}
