-- ST-04: the virtual function is rebuilt for every screen-transfer session and ends with
-- it (S000 技術的な留意点 全パターン共通 <例>).
policy {
  id = "ST-04",
  requirements = { "ST-04" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 技術的な留意点 全パターン共通 <例>（利用する度にリロードされ、再構築される）",
  title = {
    ja = "仮想機能をセッションごとに再構築し終了時に破棄",
    en = "Virtual function rebuilt per session and ended with it",
  },
  remediation = {
    ja = "仮想端末・分離領域のブラウザ等を、手元端末から画面転送を開始するたびに再構築し、利用終了時に終了する設定（非永続型）にしてください。",
    en = "Configure the virtual desktop / isolated browser to be rebuilt at the start of every session and to end when the local session ends (non-persistent).",
  },
  params = {
    target_scope = kyojin.st_scope_param(),
  },
  countermeasures = { "screen_transfer_isolation" },
  check = function(decl, result, params)
    kyojin.st_check_settings(decl, result, params.target_scope, {
      { path = { "session_rebuild" }, want = true, ja = "セッションごとの再構築が行われていません", en = "it is not rebuilt for each session" },
      { path = { "session_ends_with_local" }, want = true, ja = "手元端末の利用終了時に仮想機能が終了しません", en = "it does not end when the local session ends" },
    }, function(id, bad_ja, bad_en)
      return {
        ja = "画面転送「" .. id .. "」の仮想機能：" .. table.concat(bad_ja, "。") .. "。",
        en = "screen transfer '" .. id .. "' virtual function: " .. table.concat(bad_en, "; ") .. ".",
      }
    end)
  end,
}
