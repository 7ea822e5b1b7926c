-- ST-09: where wireless LAN is used, only terminals of the staff handling My Number work
-- may connect (S000 ご意見と対応 項番6: 無線LANには事務取扱担当者の端末のみに接続を制限).
policy {
  id = "ST-09",
  requirements = { "ST-09" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 ご意見と対応 項番6（無線LANには事務取扱担当者の端末のみに接続を制限）",
  title = {
    ja = "無線LANは事務取扱担当者の端末のみ接続",
    en = "Wireless LAN limited to My Number staff terminals",
  },
  remediation = {
    ja = "画面転送に無線LANを使う場合は、接続できる端末を事務取扱担当者の端末に限定（端末認証・MACアドレス制限等）してください。",
    en = "Where wireless LAN carries the screen transfer, allow only the terminals of staff handling My Number work (device authentication, MAC restriction etc.).",
  },
  check = function(decl, result)
    for _, c in ipairs(kyojin.st_in_scope(decl, result, "mynumber")) do
      local id = kyojin.st_name(c)
      if kyojin.get(c, "wireless_lan", "used") == false then
        result:pass(c)
      elseif kyojin.get(c, "wireless_lan", "mynumber_staff_only") ~= true then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」で無線LANを利用していますが、接続できる端末が事務取扱担当者の端末に限定されていません。",
          en = "screen transfer '" .. id .. "' uses wireless LAN without limiting it to the terminals of staff handling My Number work.",
        })
      else
        result:pass(c)
      end
    end
  end,
}
