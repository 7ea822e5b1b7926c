local TEXT_ONLY = {
  ["/model"] = "alpha",
  ["/mail/delivery"] = "text_only",
  ["/mail/attachments_removed"] = true,
  ["/mail/html_to_text"] = true,
}

local function with(extra)
  local t = {}
  for k, v in pairs(TEXT_ONLY) do t[k] = v end
  for k, v in pairs(extra or {}) do t[k] = v end
  return t
end

case {
  name = "beta-prime base is not applicable",
  expect = "not_applicable",
}
case {
  name = "alpha body receiving mail directly fails",
  set = { ["/model"] = "alpha" },
  expect = "fail",
  subjects = { "/mail" },
}
case {
  name = "alpha body with complete text-only mail passes",
  set = with(),
  expect = "pass",
}
case {
  name = "text-only mail keeping HTML fails",
  set = with({ ["/mail/html_to_text"] = false }),
  expect = "fail",
  subjects = { "/mail" },
}
case {
  name = "text-only mail with other protocols open fails",
  set = with({ ["/mail/smtp_only"] = false }),
  expect = "fail",
  subjects = { "/mail" },
}
case {
  name = "mail by screen transfer without an lgwan-to-internet connection fails",
  set = { ["/model"] = "alpha", ["/mail/delivery"] = "screen_transfer" },
  expect = "fail",
  subjects = { "/mail" },
}
case {
  name = "mail by screen transfer from an internet virtual desktop passes",
  set = {
    ["/model"] = "alpha",
    ["/mail/delivery"] = "screen_transfer",
    ["/screen_transfer/2/terminal_segment"] = "lgwan",
    ["/screen_transfer/2/target_segment"] = "internet",
  },
  expect = "pass",
}
