-- BM-02: a declared EDR counts as a countermeasure only together with a monitoring
-- arrangement and a link to the CSIRT (S002 注11). It applies wherever BM-01 asks for the
-- unknown-malware countermeasure (kyojin.edr_duty_applies: β, β′, a configuration treated
-- as β, screen transfer into the My Number segment), since 注11 qualifies that
-- countermeasure itself. Every asset that declares an enabled EDR is checked; a failure
-- here removes EDR from risk scoring.
policy {
  id = "BM-02",
  requirements = { "BM-02" },
  level = "required",
  applies = function(decl) return kyojin.edr_duty_applies(decl) end,
  source = "S002 改定のポイント2（注11）「製品の導入だけでは未知の不正プログラムの対策とはならない」",
  title = {
    ja = "EDRの監視体制とCSIRTとの連携",
    en = "EDR backed by a monitoring arrangement and a CSIRT link",
  },
  remediation = {
    ja = "EDRを導入した資産ごとに、マネージドサービスなどによる監視体制とCSIRTとの連携（検知したときの連絡・対応の手順）を整え、CSIRTを設置してください。製品を導入するだけでは未知の不正プログラムの対策になりません。",
    en = "For every asset with EDR, set up monitoring (e.g. a managed service) and a link to the CSIRT (how detections reach it and are handled), and have a CSIRT. Installing the product alone is not an unknown-malware countermeasure.",
  },
  countermeasures = { "edr" },
  check = function(decl, result, params) kyojin.bm_edr_backing_check(decl, result, params) end,
}
