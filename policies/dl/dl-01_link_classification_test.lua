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
  set = { ["/data_links/1/model"] = "1c" },
  expect = "info",
}
