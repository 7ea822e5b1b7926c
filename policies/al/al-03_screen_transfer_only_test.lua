local ALPHA_VDI = {
  ["/model"] = "alpha",
  ["/screen_transfer/2/terminal_segment"] = "lgwan",
  ["/screen_transfer/2/target_segment"] = "internet",
}

case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
-- S002 (注7) 「許可する通信は、画面転送用のプロトコルのみとし、その他の通信はすべて遮断」: in
-- the α model the boundary is judged even when no connection to the internet is declared.
case {
  name = "alpha body without a declared connection to the internet and a closed boundary passes",
  set = { ["/model"] = "alpha" },
  expect = "pass",
}
case {
  name = "alpha body without a declared connection to the internet but an open boundary fails",
  set = { ["/model"] = "alpha", ["/segment_boundary/internet_lgwan_screen_transfer_only"] = false },
  expect = "fail",
  subjects = { "/segment_boundary" },
}
case {
  name = "alpha body that does not declare the boundary fails as unknown",
  set = { ["/model"] = "alpha" },
  remove = { "/segment_boundary" },
  expect = "fail",
  subjects = { "/segment_boundary" },
  contains = "申告がありません（不明）",
}
case {
  name = "alpha internet virtual desktop with only the screen-transfer protocol passes",
  set = ALPHA_VDI,
  expect = "pass",
}
case {
  name = "alpha internet virtual desktop with other traffic allowed fails",
  set = {
    ["/model"] = "alpha",
    ["/screen_transfer/2/terminal_segment"] = "lgwan",
    ["/screen_transfer/2/target_segment"] = "internet",
    ["/segment_boundary/internet_lgwan_screen_transfer_only"] = false,
  },
  expect = "fail",
  subjects = { "/segment_boundary" },
}
case {
  name = "mail read by screen transfer also brings the boundary rule in",
  set = {
    ["/model"] = "alpha",
    ["/mail/delivery"] = "screen_transfer",
    ["/segment_boundary/internet_lgwan_screen_transfer_only"] = false,
  },
  expect = "fail",
  subjects = { "/segment_boundary" },
}
