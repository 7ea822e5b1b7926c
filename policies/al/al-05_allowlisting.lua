-- AL-05 (recommended): application allow-listing on lgwan terminals
-- (ガイドライン iii-42: アプリケーションホワイトリストを設定…強く推奨する).
policy {
  id = "AL-05",
  requirements = { "AL-05" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta" },
  source = "S002 無害化の定義（iii-42 LGWAN接続系端末にアプリケーションホワイトリストを設定…強く推奨）",
  title = {
    ja = "LGWAN接続系端末のアプリケーションホワイトリスト",
    en = "Application allow-listing on lgwan terminals",
  },
  remediation = {
    ja = "業務システムの停止を狙うマルウェア対策として、LGWAN接続系端末にアプリケーションホワイトリストを設定し、実行できるアプリケーションを制限してください。",
    en = "Against malware aiming to stop business systems, set application allow-listing on lgwan terminals to restrict what can run.",
  },
  check = function(decl, result)
    kyojin.al_require(result, decl, { terminal = true }, { "controls", "allowlisting" }, function(lj, le)
      return {
        ja = "LGWAN接続系端末「" .. lj .. "」にアプリケーションホワイトリストが設定されていません（強く推奨）。",
        en = "lgwan terminal " .. le .. " has no application allow-listing (strongly recommended).",
      }
    end)
  end,
}
