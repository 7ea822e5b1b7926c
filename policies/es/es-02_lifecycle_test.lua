local EV = { title = "外部サービス利用手順書", date = "2025-06-01",
             sha256 = "6fa760c13221dbfb2ccf71e496249eb02e8d641346094d22d9755066c70b5ec1" }

case {
  name = "life-cycle measures of the web-conferencing service pass",
  expect = "pass",
  evidence = "declared",
}
case {
  name = "no measure at termination fails",
  set = { ["/external_services/1/lifecycle/termination"] = false },
  expect = "fail",
  subjects = { "/external_services/1" },
}
case {
  name = "click-through SNS raised to confidentiality 2 fails without life-cycle facts",
  set = {
    ["/external_services/0/max_confidentiality"] = 2,
    ["/external_services/0/lifecycle/selection"] = false,
  },
  expect = "fail",
  subjects = { "/external_services/0" },
}
case {
  name = "bare declared phases fail with require_evidence",
  params = { require_evidence = true },
  expect = "fail",
  subjects = { "/external_services/1" },
}
case {
  name = "evidenced phases pass with require_evidence",
  set = {
    ["/external_services/1/lifecycle/use"] = { value = true, evidence = EV },
    ["/external_services/1/lifecycle/termination"] = { value = true, evidence = EV },
  },
  params = { require_evidence = true },
  expect = "pass",
  evidence = "evidenced",
}
case {
  name = "no confidentiality-2 service is not applicable",
  set = { ["/external_services/1/max_confidentiality"] = 1 },
  expect = "not_applicable",
}
