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
    target_scope = {
      default = "mynumber", type = "string", values = { "mynumber", "all" },
      description = {
        ja = "対象とする画面転送: \"mynumber\"（マイナンバー利用事務系への画面転送のみ）又は \"all\"（全ての画面転送）",
        en = "connections covered: \"mynumber\" (into the My Number segment) or \"all\"",
      },
    },
  },
  countermeasures = { "screen_transfer_isolation" },
  check = function(decl, result, params)
    local conns = kyojin.st_connections(decl, params.target_scope)
    if #conns == 0 then
      result:not_applicable(kyojin.st_no_connections(params.target_scope))
      return
    end
    for _, c in ipairs(conns) do
      local id = kyojin.st_name(c)
      local open_ja, open_en = {}, {}
      if kyojin.st_get(c, "redirection", "file", "to_local") ~= false then
        open_ja[#open_ja + 1] = "仮想端末→手元端末のファイル受け渡し"; open_en[#open_en + 1] = "file hand-over virtual→local"
      end
      if kyojin.st_get(c, "redirection", "file", "to_virtual") ~= false then
        open_ja[#open_ja + 1] = "手元端末→仮想端末のファイル受け渡し"; open_en[#open_en + 1] = "file hand-over local→virtual"
      end
      if kyojin.st_get(c, "redirection", "drive") ~= false then
        open_ja[#open_ja + 1] = "ディスクドライブのリダイレクト"; open_en[#open_en + 1] = "disk-drive redirection"
      end
      if #open_ja > 0 then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」で次が禁止されていません: " .. table.concat(open_ja, "、") .. "。",
          en = "screen transfer '" .. id .. "' does not block: " .. table.concat(open_en, ", ") .. ".",
        })
      else
        result:pass(c)
      end
    end
  end,
}
