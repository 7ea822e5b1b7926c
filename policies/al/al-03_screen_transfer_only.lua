-- AL-03: where the α model reaches the internet by screen transfer, only the screen-
-- transfer protocol passes between the segments; everything else is blocked (注7).
policy {
  id = "AL-03",
  requirements = { "AL-03" },
  level = "required",
  models = { "alpha" },
  source = "S002 無害化の定義（注7 許可する通信は、画面転送用のプロトコルのみとし、その他の通信はすべて遮断）",
  title = {
    ja = "分割境界は画面転送プロトコルのみ許可",
    en = "Only the screen-transfer protocol crosses the boundary",
  },
  remediation = {
    ja = "LGWAN接続系とインターネット接続系の間のファイアウォールで、画面転送用プロトコル以外の通信をすべて遮断してください。",
    en = "Block every protocol except the screen-transfer protocol between the lgwan and internet segments.",
  },
  countermeasures = { "fw" },
  check = function(decl, result)
    if kyojin.st_lgwan_to_internet(decl) == nil and kyojin.get(decl, "mail", "delivery") ~= "screen_transfer" then
      result:not_applicable({
        ja = "インターネット接続系を画面転送で利用する構成（LGWAN接続系端末→インターネット接続系の画面転送、又は画面転送によるメール閲覧）が申告されていません。",
        en = "the internet segment is not reached by screen transfer (no lgwan-terminal-to-internet screen transfer, no mail read by screen transfer)",
      })
      return
    end
    local sb = kyojin.get(decl, "segment_boundary")
    if kyojin.get(sb, "internet_lgwan_screen_transfer_only") == true then
      result:pass(sb)
    else
      result:fail(sb or "/segment_boundary", {
        ja = "LGWAN接続系とインターネット接続系の間で画面転送用プロトコル以外の通信が遮断されていません。インターネット接続系からのマルウェア感染を防ぐため、その他の通信はすべて遮断してください。",
        en = "traffic other than the screen-transfer protocol is not blocked between lgwan and internet (segment_boundary.internet_lgwan_screen_transfer_only); block everything else to keep malware from spreading into lgwan.",
      })
    end
  end,
}
