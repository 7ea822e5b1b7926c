-- Tests of PV-08. base.json: two partners (/0 forensics), config_shared and nda_signed
-- evidenced, roles_agreed bare true.
case {
  name = "listed partners, shared configuration, agreed roles and NDAs pass",
  sample = "base",
  expect = "pass",
}
case {
  name = "roles not agreed with the development vendor is a warning",
  sample = "base",
  set = { ["/incident_response/roles_agreed"] = false },
  expect = "warn",
  subjects = { "/incident_response/roles_agreed" },
}
case {
  name = "no partner listed is a warning",
  sample = "base",
  set = { ["/incident_response/partners"] = kyojin.array{} },
  expect = "warn",
  subjects = { "/incident_response/partners" },
}
case {
  name = "nothing declared about incident response is a warning on every item",
  sample = "base",
  remove = { "/incident_response" },
  expect = "warn",
  subjects = { "/incident_response/config_shared", "/incident_response/nda_signed",
               "/incident_response/partners", "/incident_response/roles_agreed" },
}
case {
  name = "partners without forensics pass by default",
  sample = "base",
  set = { ["/incident_response/partners/0/forensics"] = false },
  expect = "pass",
}
case {
  name = "require_forensics_partner=true warns when no partner does forensics",
  sample = "base",
  set = { ["/incident_response/partners/0/forensics"] = false },
  params = { require_forensics_partner = true },
  expect = "warn",
  subjects = { "/incident_response/partners" },
}
case {
  name = "require_forensics_partner=true accepts the forensics partner of base",
  sample = "base",
  params = { require_forensics_partner = true },
  expect = "pass",
}
case {
  name = "require_evidence=true rejects the bare declared roles agreement",
  sample = "base",
  params = { require_evidence = true },
  expect = "warn",
  subjects = { "/incident_response/roles_agreed" },
}
