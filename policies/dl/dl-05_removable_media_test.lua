case {
  name = "controlled removable media pass",
  expect = "pass",
}
case {
  name = "media without management fail",
  set = { ["/removable_media/media_management"] = false },
  expect = "fail",
  subjects = { "/removable_media" },
}
case {
  name = "media without device-connection control fail",
  set = { ["/removable_media/device_connection_control"] = false },
  expect = "fail",
  subjects = { "/removable_media" },
}
case {
  name = "no removable media passes",
  set = { ["/removable_media"] = { used = false } },
  expect = "pass",
}
