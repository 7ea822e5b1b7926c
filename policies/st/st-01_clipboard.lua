-- ST-01: clipboard sharing between the virtual and the local terminal is blocked in both
-- directions (S000 技術的な留意点 全パターン共通).
local SCOPE = {
  default = "mynumber", type = "string", values = { "mynumber", "all" },
  description = {
    ja = "対象とする画面転送: \"mynumber\"（マイナンバー利用事務系への画面転送のみ、S000の対象）又は \"all\"（申告された全ての画面転送）",
    en = "connections covered: \"mynumber\" (screen transfer into the My Number segment, the subject of S000) or \"all\" (every declared connection)",
  },
}

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
  params = { target_scope = SCOPE },
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
      if kyojin.st_get(c, "redirection", "clipboard", "to_local") ~= false then
        open_ja[#open_ja + 1] = "仮想端末→手元端末"; open_en[#open_en + 1] = "virtual→local"
      end
      if kyojin.st_get(c, "redirection", "clipboard", "to_virtual") ~= false then
        open_ja[#open_ja + 1] = "手元端末→仮想端末"; open_en[#open_en + 1] = "local→virtual"
      end
      if #open_ja > 0 then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」でクリップボード共有が禁止されていません（" .. table.concat(open_ja, "、") .. "）。両方向とも無効にしてください。",
          en = "screen transfer '" .. id .. "' does not block clipboard sharing (" .. table.concat(open_en, ", ") .. "); block both directions.",
        })
      else
        result:pass(c)
      end
    end
  end,
}
