-- BM-01: unknown-malware countermeasure (EDR) on business terminals, required on the
-- internet-segment terminals where the β measures apply (β, β′, or an internet terminal
-- reaching another segment by screen transfer: S000 「βモデルとみなせる」, ST-12) and, in
-- every model, on the terminals from which screen transfer into the My Number segment
-- starts (S003: one of 「マイナンバー利用事務系に係る画面転送方式の対策」). The terminals and
-- why each is in scope: kyojin.edr_duty. The EDR works 「従来のパターンマッチング型の検知に
-- 加えて」, so pattern matching is checked as well (kyojin.edr_check_terminals).
policy {
  id = "BM-01",
  requirements = { "BM-01" },
  level = "required",
  applies = function(decl) return kyojin.edr_duty_applies(decl) end,
  source = "S002 β'モデルを採用する場合の必須のセキュリティ対策「未知の不正プログラム対策（エンドポイント対策）」; S003 各対策の詳細・ガイドライン改定案②",
  title = {
    ja = "業務端末の未知の不正プログラム対策（EDR）",
    en = "Unknown-malware countermeasure (EDR) on business terminals",
  },
  remediation = {
    ja = "対象の業務端末（β・β′モデルのインターネット接続系の端末と、マイナンバー利用事務系へ画面転送する端末）すべてに、従来のパターンマッチング型の検知に加えて振る舞いを検知するEDRを導入してください。セキュリティ専門家のマネージドサービスで監視させ、異常を検出したらプロセスを停止してネットワークから論理的に隔離し、インシデントの原因を詳しく調査できるようにしてください。外部からの侵入やデータの持ち出し・外部との通信も検知の対象にしてください。",
    en = "On every terminal in scope (the internet-segment terminals in β and β′, and the terminals that reach the My Number segment by screen transfer) deploy EDR with behaviour detection in addition to conventional pattern matching, monitored by a managed service of security specialists, stopping the process and logically isolating the terminal on detection, and supporting investigation of the cause; also detect intrusion from outside and malicious activity such as data exfiltration and external communication.",
  },
  params = {
    require_exfiltration_detection = {
      default = true,
      type = "boolean",
      description = {
        ja = "改定案（資料「VDI侵害事案の報告」）で加わった「外部からの侵入やデータの持ち出し・外部との通信」の検知を必須とするか（改定案の扱いは未確定）。",
        en = "Whether the detection of intrusion and of exfiltration / external communication added by the revision proposal (VDI intrusion report) is required (the proposal's status is open).",
      },
    },
  },
  countermeasures = { "edr" },
  check = function(decl, result, params) kyojin.bm_edr_check(decl, result, params) end,
}
