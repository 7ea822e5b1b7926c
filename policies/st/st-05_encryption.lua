-- ST-05: screen-transfer traffic is encrypted (S000 技術的な留意点 全パターン共通).
policy {
  id = "ST-05",
  requirements = { "ST-05" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 技術的な留意点 全パターン共通（通信の盗聴、改ざん防止のため、暗号通信を行うことを前提）",
  title = {
    ja = "画面転送の通信を暗号化",
    en = "Screen-transfer traffic encrypted",
  },
  remediation = {
    ja = "画面転送の通信経路を暗号化（TLS等、ベンダー方式の暗号化を有効化）し、盗聴・改ざんを防止してください。",
    en = "Enable encryption of the screen-transfer protocol (TLS or the vendor's encryption) against eavesdropping and tampering.",
  },
  params = {
    target_scope = kyojin.st_scope_param(),
  },
  countermeasures = { "screen_transfer_isolation", "encryption" },
  check = function(decl, result, params)
    kyojin.st_check_settings(decl, result, params.target_scope, {
      { path = { "encryption" }, want = true, ja = "暗号化", en = "encryption" },
    }, function(id)
      return {
        ja = "画面転送「" .. id .. "」の通信が暗号化されていません。盗聴・改ざん防止のため暗号通信にしてください。",
        en = "screen transfer '" .. id .. "' is not encrypted; encrypt it against eavesdropping and tampering.",
      }
    end)
  end,
}
