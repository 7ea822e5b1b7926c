case {
  name = "daily refresh passes",
  expect = "pass",
}
case {
  name = "refresh every 7 days is at the default limit",
  set = { ["/screen_transfer/0/refresh_interval_days"] = 7 },
  expect = "pass",
}
case {
  name = "refresh every 14 days fails by default",
  set = { ["/screen_transfer/0/refresh_interval_days"] = 14 },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}
case {
  name = "refresh every 14 days passes with max_refresh_days=14",
  set = { ["/screen_transfer/0/refresh_interval_days"] = 14 },
  params = { max_refresh_days = 14 },
  expect = "pass",
}
case {
  name = "target_scope=all covers the connection into lgwan",
  set = { ["/screen_transfer/2/refresh_interval_days"] = 30 },
  remove = { "/waivers/0" },
  params = { target_scope = "all" },
  expect = "fail",
  subjects = { "/screen_transfer/2" },
}
case {
  name = "the sample's waiver on the connection's refresh interval applies",
  set = { ["/screen_transfer/2/refresh_interval_days"] = 30 },
  params = { target_scope = "all" },
  expect = "waived",
  subjects = { "/screen_transfer/2" },
}
case {
  name = "connection into lgwan is outside the default scope",
  set = { ["/screen_transfer/2/refresh_interval_days"] = 30 },
  expect = "pass",
}

-- One parameter, one place: the remediation quotes the interval in effect, not the default
-- (S000 ご意見と対応 項番3 「週に1回ぐらい」 is only the default's origin).
case {
  name = "the remediation quotes max_refresh_days in effect",
  set = { ["/screen_transfer/0/refresh_interval_days"] = 20 },
  params = { max_refresh_days = 14 },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
  remediation = "少なくとも14日ごとに",
}
-- A waiver is valid up to and including its expiry date (有効期限): base.json's waiver on
-- /screen_transfer/2/refresh_interval_days expires 2027-03-31.
case {
  name = "a waiver covers the gap on its expiry date",
  set = { ["/screen_transfer/2/refresh_interval_days"] = 14 },
  params = { target_scope = "all" },
  as_of = "2027-03-31",
  expect = "waived",
}
case {
  name = "the day after its expiry the waiver no longer covers the gap",
  set = { ["/screen_transfer/2/refresh_interval_days"] = 14 },
  params = { target_scope = "all" },
  as_of = "2027-04-01",
  expect = "fail",
  subjects = { "/screen_transfer/2" },
}
