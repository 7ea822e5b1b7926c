-- Classified findings have status "info" and count among the non-pass subjects.
case {
  name = "every base data link is classified",
  expect = "info",
}
case {
  name = "cloud model that touches no cloud fails",
  set = {
    ["/data_links/1/from_segment"] = "lgwan",
    ["/data_links/1/assets"] = { "file-link" },
  },
  remove = { "/data_links/1/cloud_accounts" },
  expect = "fail",
  subjects = { "/data_links/0", "/data_links/1", "/data_links/2" },
}
case {
  name = "API linkage declared without its cloud end, account or asset fails",
  set = {
    ["/data_links/2/from_segment"] = "internet",
    ["/data_links/2/assets"] = { "welfare-db" },
  },
  remove = { "/data_links/2/cloud_accounts" },
  expect = "fail",
  subjects = { "/data_links/0", "/data_links/1", "/data_links/2" },
}
case {
  name = "local-breakout cloud storage link is classified",
  set = { ["/data_links/1/model"] = "1c", ["/data_links/1/to_segment"] = "lgwan" },
  expect = "info",
}
-- S001 検証モデル一覧: ①c is 「オンプレミス（クラウドストレージ） ローカルブレイクアウト」. A link
-- from lgwan to cloud storage declared as ② is reported as ①c, not by repeating its label.
case {
  name = "cloud storage reached from lgwan declared as model 2 fails as model 1c",
  set = { ["/data_links/1/to_segment"] = "lgwan" },
  expect = "fail",
  subjects = { "/data_links/0", "/data_links/1", "/data_links/2" },
  contains = "検証モデル②と申告されていますが、申告内容（LGWAN接続系とクラウドのストレージを結ぶ連携）からは検証モデル①cに当たります",
}
case {
  name = "model 1c declared for a link that reaches no cloud fails",
  set = { ["/data_links/0/model"] = "1c" },
  expect = "fail",
  subjects = { "/data_links/0", "/data_links/1", "/data_links/2" },
  contains = "データ連携「dl-1a」は検証モデル①cと申告されていますが",
}
