-- ST-03: printing from the virtual terminal to printers of the local terminal is blocked,
-- as is other device redirection such as USB (S000 技術的な留意点 全パターン共通).
-- Disk-drive redirection is reported by ST-02, so a drive is not reported twice.
policy {
  id = "ST-03",
  requirements = { "ST-03" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 技術的な留意点 全パターン共通 <例>（手元の端末に接続するプリンタに印刷できないよう制限）",
  title = {
    ja = "手元端末のプリンター・USB等デバイスの利用を禁止",
    en = "Local printers and USB devices blocked",
  },
  remediation = {
    ja = "画面転送システムの設定で、手元端末に接続したプリンターへの印刷とUSB等のデバイスリダイレクトを無効にしてください。",
    en = "Disable printing to printers attached to the local terminal and USB/device redirection in the screen-transfer system.",
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
      if kyojin.st_get(c, "redirection", "printer") ~= false then
        open_ja[#open_ja + 1] = "手元端末のプリンターへの印刷"; open_en[#open_en + 1] = "printing to local printers"
      end
      if kyojin.st_get(c, "redirection", "usb") ~= false then
        open_ja[#open_ja + 1] = "USBデバイスのリダイレクト"; open_en[#open_en + 1] = "USB redirection"
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
