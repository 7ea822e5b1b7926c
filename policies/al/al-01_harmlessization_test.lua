case {
  name = "beta-prime base is not applicable (model is beta_prime)",
  expect = "not_applicable",
}
case {
  name = "beta body with CDR and text extraction passes",
  set = { ["/model"] = "beta" },
  expect = "pass",
}
case {
  name = "alpha body with visual check and unknown-malware software passes",
  set = { ["/model"] = "alpha", ["/harmlessization/methods"] = { "visual_check" } },
  expect = "pass",
}
case {
  name = "alpha body with visual check alone fails",
  set = {
    ["/model"] = "alpha",
    ["/harmlessization/methods"] = { "visual_check" },
    ["/harmlessization/unknown_malware_detection"] = false,
  },
  expect = "fail",
  subjects = { "/harmlessization" },
}
case {
  name = "alpha body without any method fails",
  set = { ["/model"] = "alpha", ["/harmlessization/methods"] = kyojin.array{} },
  remove = { "/harmlessization/visual_check_procedure" },
  expect = "fail",
  subjects = { "/harmlessization" },
}
case {
  name = "image PDF conversion alone passes",
  set = { ["/model"] = "alpha", ["/harmlessization/methods"] = { "image_pdf" } },
  remove = { "/harmlessization/visual_check_procedure" },
  expect = "pass",
}
