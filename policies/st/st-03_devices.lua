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
    target_scope = kyojin.st_scope_param(),
  },
  countermeasures = { "screen_transfer_isolation" },
  check = function(decl, result, params)
    kyojin.st_check_settings(decl, result, params.target_scope, {
      { path = { "redirection", "printer" }, want = false, ja = "手元端末のプリンターへの印刷", en = "printing to local printers" },
      { path = { "redirection", "usb" }, want = false, ja = "USBデバイスのリダイレクト", en = "USB redirection" },
    }, kyojin.st_not_blocked)
  end,
}
