-- Classified findings have status "info" and count among the non-pass subjects.
case {
  name = "every base connection is classified",
  expect = "info",
}
case {
  name = "local_breakout on an internet terminal cannot be classified",
  set = { ["/screen_transfer/0/local_breakout"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/0", "/screen_transfer/1", "/screen_transfer/2" },
}
case {
  name = "internet terminal that also remains in the internet is ambiguous",
  set = { ["/screen_transfer/2/terminal_remains_in_internet"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/0", "/screen_transfer/1", "/screen_transfer/2" },
}
case {
  name = "primed and DaaS variants are classified",
  set = {
    ["/screen_transfer/0/lgwan_internet_breakout"] = true,
    ["/screen_transfer/1/method"] = "daas",
    ["/screen_transfer/1/daas_csp"] = "azure",
    ["/screen_transfer/1/gov_cloud_csp"] = "aws",
    ["/screen_transfer/1/local_breakout"] = true,
    ["/screen_transfer/2/method"] = "secure_browser",
  },
  expect = "info",
}

-- S000 通信経路(2): 「LGWAN接続系からLローカルブレイクアウトでDaaSを利用することから、a'モデル
-- である」 — the classification names the α′ measures and never also says that no other
-- model's measures are implied.
case {
  name = "DaaS from lgwan without local breakout is classified with the alpha-prime measures",
  set = {
    ["/screen_transfer/1/method"] = "daas",
    ["/screen_transfer/1/daas_csp"] = "aws",
    ["/screen_transfer/1/gov_cloud_csp"] = "aws",
    ["/screen_transfer/1/local_breakout"] = false,
  },
  expect = "info",
  contains = "画面転送「st-mn-vdi」は通信経路(2)′です。求められる対策はα′モデルの対策です。",
  lacks = "他モデルの対策は求められません",
}
