local LBO_DAAS = {
  ["/screen_transfer/1/method"] = "daas",
  ["/screen_transfer/1/daas_csp"] = "azure",
  ["/screen_transfer/1/gov_cloud_csp"] = "aws",
  ["/screen_transfer/1/local_breakout"] = true,
}

local function with(extra)
  local t = {}
  for k, v in pairs(LBO_DAAS) do t[k] = v end
  for k, v in pairs(extra or {}) do t[k] = v end
  return t
end

case {
  name = "beta-prime base without local breakout is not applicable",
  expect = "not_applicable",
}
case {
  name = "local-breakout DaaS from lgwan with the alpha-prime measures in place passes",
  set = with(),
  expect = "pass",
}
case {
  name = "local-breakout DaaS with pattern-matching-only lgwan terminals fails (AP-01)",
  set = with({ ["/assets/12/controls/antimalware/behaviour_detection"] = false }),
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
-- One parameter, one place: ST-11 re-states AP-01…AP-05 and judges them with their own
-- parameters, so AP-01.antimalware_requires=either lets both pass.
case {
  name = "pattern-matching-only terminals pass with AP-01.antimalware_requires=either",
  set = with({ ["/assets/12/controls/antimalware/behaviour_detection"] = false }),
  params = { ["AP-01.antimalware_requires"] = "either" },
  expect = "pass",
}
case {
  name = "unpatched network device fails (AP-02)",
  set = with({ ["/assets/15/controls/patch/os_timely"] = false }),
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "periodic-only cloud settings check fails (AP-04)",
  set = with({ ["/contracts/1/cloud_settings_check/on_change"] = false }),
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
case {
  name = "lgwan-to-internet breakout line on an internet DaaS brings in alpha-prime",
  set = {
    ["/screen_transfer/0/lgwan_internet_breakout"] = true,
    ["/contracts/0/settings_guaranteed"] = false,
  },
  expect = "fail",
  subjects = { "/screen_transfer/0" },
}

case {
  name = "AP-03.require_evidence=true fails ST-11 as it fails AP-03 (contracts without evidence)",
  set = with(),
  params = { ["AP-03.require_evidence"] = true },
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
-- S000 通信経路(1): 「本構成は、LGWAN接続系からローカルブレイクアウトでDaaSを利用することから、
-- a'モデルである」 — a DaaS used from lgwan is α′ even when local_breakout is declared false.
case {
  name = "DaaS from lgwan declared without local breakout is still alpha-prime (route (1))",
  set = with({ ["/screen_transfer/1/local_breakout"] = false,
               ["/assets/15/controls/patch/os_timely"] = false }),
  expect = "fail",
  subjects = { "/screen_transfer/1" },
}
