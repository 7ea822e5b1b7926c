-- AL-04 (anti-virus): anti-virus definitions on lgwan terminals and servers are kept up to
-- date (ガイドライン iii-42: アンチウイルスソフトウェアの最新化).
policy {
  id = "AL-04-antivirus",
  requirements = { "AL-04" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta" },
  source = "S002 無害化の定義（iii-42 アンチウイルスソフトウェアの最新化（定義ファイルのアップデート等））",
  title = {
    ja = "LGWAN接続系のウイルス定義ファイルの最新化",
    en = "Current anti-virus definitions on lgwan",
  },
  remediation = {
    ja = "LGWAN接続系の端末・サーバのアンチウイルスソフトウェアを導入し、定義ファイルを常に最新に更新してください。",
    en = "Run anti-virus software on lgwan terminals and servers and keep its definitions up to date.",
  },
  countermeasures = { "antimalware" },
  check = function(decl, result)
    local kinds = { terminal = true, server = true, database = true, file_link_server = true,
                    screen_transfer_platform = true }
    kyojin.al_require(result, decl, kinds, { "controls", "antimalware", "definitions_current" }, function(lj, le)
      return {
        ja = "LGWAN接続系の「" .. lj .. "」のウイルス定義ファイルが最新化されていません。",
        en = "lgwan asset " .. le .. " does not have current anti-virus definitions (controls.antimalware.definitions_current).",
      }
    end)
  end,
}
