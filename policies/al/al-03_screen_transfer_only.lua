-- AL-03: the α model reaches the internet from lgwan by screen transfer, so only the
-- screen-transfer protocol passes between the segments; everything else is blocked (注7).
-- Every α body is judged, whether or not it declares the connection to the internet.
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
    -- In the α model the internet is reached from lgwan only through screen transfer (and
    -- files through harmlessization): whether or not the connection is declared, the
    -- boundary lets nothing else through (注7).
    local sb = kyojin.get(decl, "segment_boundary")
    local v = kyojin.get(sb, "internet_lgwan_screen_transfer_only")
    local how = kyojin.st_lgwan_to_internet(decl) and "画面転送でインターネットを利用する構成" or "αモデルの構成"
    if v == true then
      result:pass(sb)
    elseif v == false then
      result:fail(sb, {
        ja = "LGWAN接続系とインターネット接続系の間で、画面転送用のプロトコル以外の通信を許可していると申告されています（" .. how .. "）。インターネット接続系からのマルウェア感染を防ぐため、その他の通信はすべて遮断してください。",
        en = "traffic other than the screen-transfer protocol is declared to pass between lgwan and internet; block everything else to keep malware from spreading into lgwan.",
      })
    else
      result:fail(sb or "/segment_boundary", {
        ja = "LGWAN接続系とインターネット接続系の間で画面転送用のプロトコル以外の通信を遮断しているか、申告がありません（不明）。その他の通信をすべて遮断し、そのことを申告してください。",
        en = "whether traffic other than the screen-transfer protocol is blocked between lgwan and internet is not declared (unknown); block everything else and declare it.",
      })
    end
  end,
}
