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
    kyojin.st_check_settings(decl, result, "mynumber", {
      { path = { "mfa" }, want = true, ja = "多要素認証が設定されていません", en = "no multi-factor authentication" },
      { path = { "designated_staff_only" }, want = true, ja = "利用者が指定職員に限定されていません", en = "users are not limited to designated staff" },
    }, kyojin.st_unmet)
  end,
}
