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
      local bad_ja, bad_en = {}, {}
      if kyojin.st_get(c, "session_rebuild") ~= true then
        bad_ja[#bad_ja + 1] = "セッションごとの再構築が行われていません"; bad_en[#bad_en + 1] = "it is not rebuilt for each session"
      end
      if kyojin.st_get(c, "session_ends_with_local") ~= true then
        bad_ja[#bad_ja + 1] = "手元端末の利用終了時に仮想機能が終了しません"; bad_en[#bad_en + 1] = "it does not end when the local session ends"
      end
      if #bad_ja > 0 then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」の仮想機能: " .. table.concat(bad_ja, "。") .. "。",
          en = "screen transfer '" .. id .. "' virtual function: " .. table.concat(bad_en, "; ") .. ".",
        })
      else
        result:pass(c)
      end
    end
  end,
}
