-- TW-05 (web conferencing): unrelated persons are kept out, suspicious participants
-- are removed, and the information handled is checked beforehand (a camera can record it).
policy {
  id = "TW-05",
  requirements = { "TW-05" },
  level = "required",
  applies = kyojin.remote_work_applies("web_conferencing"),
  source = "S002 改定のポイント3 ③Web会議サービス利用時のセキュリティ対策",
  title = {
    ja = "Web会議の参加者管理と取り扱う情報の確認",
    en = "Web conferencing: participant control and information checked beforehand",
  },
  remediation = {
    ja = "Web会議に無関係の者が参加できないようにし、なりすましが疑われる等の不審な参加者を退室させ、ビデオカメラで撮影されれば会議内容が保存されるため会議で取り扱う情報を事前に確認します。",
    en = "Keep persons unrelated to the meeting out, remove suspicious participants (e.g. suspected impersonation), and check beforehand the information handled, since a camera can record the meeting.",
  },
  countermeasures = {},
  check = function(decl, result, params)
    kyojin.remote_work_measures(result, decl, "web_conferencing", {
      { "outsider_exclusion", "無関係の者が参加できないようにする対策", "measures keeping unrelated persons out",
        "会議の参加を関係者に限定してください。", "Restrict meetings to the persons concerned." },
      { "suspicious_removal", "不審な参加者の退室", "removal of suspicious participants",
        "不審な参加者を退室させる手順を定めてください。", "Set a procedure for removing suspicious participants." },
      { "content_check_beforehand", "会議で取り扱う情報の事前確認", "checking beforehand the information handled",
        "撮影・録画されうることを前提に、扱う情報を事前に確認してください。", "Check the information beforehand, assuming it can be recorded." },
    })
  end,
}
