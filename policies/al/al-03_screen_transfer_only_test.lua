local ALPHA_VDI = {
  ["/model"] = "alpha",
  ["/screen_transfer/2/terminal_segment"] = "lgwan",
  ["/screen_transfer/2/target_segment"] = "internet",
}

case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha body not using screen transfer to the internet is not applicable",
  set = { ["/model"] = "alpha" },
  expect = "not_applicable",
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
