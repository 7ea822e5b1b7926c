-- AL-04 (patches): even with harmlessization, OS and software patches are applied in time
-- on lgwan terminals and servers (ガイドライン iii-42: OS 等の修正プログラムの適時適用).
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
    ja = "無害化しても除去は完全に保証されないため、LGWAN接続系の端末・サーバにOS等の修正プログラムを適時適用してください（自治体情報セキュリティ向上プラットフォームの利用等）。",
    en = "Harmlessization is never complete: apply OS and software patches to lgwan terminals and servers in time (e.g. through the municipal security-improvement platform).",
  },
  countermeasures = { "patching" },
  check = function(decl, result)
    local kinds = { terminal = true, server = true, database = true, file_link_server = true,
                    screen_transfer_platform = true, mail_relay = true }
    kyojin.al_require(result, decl, kinds, { "controls", "patch", "os_timely" }, function(lj, le)
      return {
        ja = "LGWAN接続系の「" .. lj .. "」に修正プログラムが適時適用されていません。",
        en = "lgwan asset " .. le .. " is not patched in time (controls.patch.os_timely).",
      }
    end)
  end,
}
