-- ST-02: file hand-over between the virtual and the local terminal is blocked in both
-- directions, disk-drive redirection included (S000 技術的な留意点 全パターン共通 <例>).
policy {
  id = "ST-02",
  requirements = { "ST-02" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 技術的な留意点 全パターン共通 <例>（ファイルを引き渡すことができないよう制限）",
  title = {
    ja = "画面転送のファイル受け渡しを双方向で禁止",
    en = "File hand-over blocked in both directions",
  },
  remediation = {
    ja = "仮想端末と手元端末の間のファイル転送（両方向）とディスクドライブのリダイレクトを画面転送システムの設定で無効にしてください。",
    en = "Disable file transfer in both directions and disk-drive redirection between the virtual and the local terminal in the screen-transfer system.",
  },
  params = {
    target_scope = kyojin.st_scope_param(),
  },
  countermeasures = { "screen_transfer_isolation" },
  check = function(decl, result, params)
    kyojin.st_check_settings(decl, result, params.target_scope, {
      { path = { "redirection", "file", "to_local" }, want = false, ja = "仮想端末→手元端末のファイル受け渡し", en = "file hand-over virtual→local" },
      { path = { "redirection", "file", "to_virtual" }, want = false, ja = "手元端末→仮想端末のファイル受け渡し", en = "file hand-over local→virtual" },
      { path = { "redirection", "drive" }, want = false, ja = "ディスクドライブのリダイレクト", en = "disk-drive redirection" },
    }, kyojin.st_not_blocked)
  end,
}
