-- ST-01: clipboard sharing between the virtual and the local terminal is blocked in both
-- directions (S000 技術的な留意点 全パターン共通).
policy {
  id = "ST-01",
  requirements = { "ST-01" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 技術的な留意点 全パターン共通（クリップボード…双方向共に利用を禁止）",
  title = {
    ja = "画面転送のクリップボード共有を双方向で禁止",
    en = "Clipboard sharing blocked in both directions",
  },
  remediation = {
    ja = "画面転送システムの設定で、仮想端末→手元端末、手元端末→仮想端末の両方向のクリップボードリダイレクトを無効にしてください（コピー＆ペースト不可設定）。",
    en = "Disable clipboard redirection in both directions (virtual→local and local→virtual) in the screen-transfer system's settings.",
  },
  params = {
    target_scope = kyojin.st_scope_param({
      ja = "対象とする画面転送：\"mynumber\"（マイナンバー利用事務系への画面転送のみ、S000の対象）又は\"all\"（申告された全ての画面転送）",
      en = "connections covered: \"mynumber\" (screen transfer into the My Number segment, the subject of S000) or \"all\" (every declared connection)",
    }),
  },
  countermeasures = { "screen_transfer_isolation" },
  check = function(decl, result, params)
    kyojin.st_check_settings(decl, result, params.target_scope, {
      { path = { "redirection", "clipboard", "to_local" }, want = false, ja = "仮想端末→手元端末", en = "virtual→local" },
      { path = { "redirection", "clipboard", "to_virtual" }, want = false, ja = "手元端末→仮想端末", en = "local→virtual" },
    }, function(id, open_ja, open_en)
      return {
        ja = "画面転送「" .. id .. "」でクリップボード共有が禁止されていません（" .. table.concat(open_ja, "、") .. "）。両方向とも無効にしてください。",
        en = "screen transfer '" .. id .. "' does not block clipboard sharing (" .. table.concat(open_en, ", ") .. "); block both directions.",
      }
    end)
  end,
}
