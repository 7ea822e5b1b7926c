-- ST-08: access to the screen transfer into mynumber is limited to designated staff by
-- multi-factor authentication (S000 ご意見と対応 項番6).
policy {
  id = "ST-08",
  requirements = { "ST-08" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 ご意見と対応 項番6（多要素認証により限定した者のみにアクセスを制限）",
  title = {
    ja = "多要素認証で指定職員のみに利用を限定",
    en = "Access limited to designated staff by MFA",
  },
  remediation = {
    ja = "マイナンバー利用事務系への画面転送に多要素認証を設定し、利用できる職員を事務取扱担当者等の指定された者に限定してください。",
    en = "Require multi-factor authentication for screen transfer into mynumber and restrict it to designated staff (those handling My Number work).",
  },
  countermeasures = { "mfa", "operator_auth" },
  check = function(decl, result)
    local conns = kyojin.st_connections(decl, "mynumber")
    if #conns == 0 then
      result:not_applicable(kyojin.st_no_connections("mynumber"))
      return
    end
    for _, c in ipairs(conns) do
      local id = kyojin.st_name(c)
      local bad_ja, bad_en = {}, {}
      if kyojin.st_get(c, "mfa") ~= true then
        bad_ja[#bad_ja + 1] = "多要素認証が設定されていません"; bad_en[#bad_en + 1] = "no multi-factor authentication"
      end
      if kyojin.st_get(c, "designated_staff_only") ~= true then
        bad_ja[#bad_ja + 1] = "利用者が指定職員に限定されていません"; bad_en[#bad_en + 1] = "users are not limited to designated staff"
      end
      if #bad_ja > 0 then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」: " .. table.concat(bad_ja, "。") .. "。",
          en = "screen transfer '" .. id .. "': " .. table.concat(bad_en, "; ") .. ".",
        })
      else
        result:pass(c)
      end
    end
  end,
}
