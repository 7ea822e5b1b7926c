-- kyojin declaration format v1: the single source of truth.
--
-- This file is data. It describes every field of a declaration (type, required or optional,
-- enumeration values with Japanese and English labels, descriptions in both languages) and
-- the rules that tie parts of a declaration together (ids, references, conditional fields).
-- Three modules derive from it and nothing else:
--   kyojin.validate    checks a parsed declaration (used by `kyojin check` before any policy)
--   kyojin.jsonschema  builds the JSON Schema (draft 2020-12) printed by `kyojin schema`
--   kyojin.schemadoc   renders docs/declaration.md
--
-- Node shapes (field `t`):
--   object   fields = { {name, node, req, ja, en}, ... }  (ordered; unknown keys are errors)
--            when   = { {field, equals|contains, require = {names}} }  conditional required
--            differs = { a, b }            the two fields must not hold the same value
--            checks = { field = name }     an extra semantic check in kyojin.validate, run
--                                          right after that field has been validated
--   array    items, min, max, unique (primitive items), key (collection name: items' `id`
--            is unique and can be referenced)
--   string   min, max (length in characters), format (a key of M.formats),
--            check = name (an extra semantic check in kyojin.validate)
--   const    value
--   enum     values = { {value, ja, en}, ... }  or  enum = name of M.enums
--            (an entry may add short = {ja, en}, the label of report tables, and symbol, the
--            sign of the text report: read by kyojin.vocab; a segment entry adds asset = {ja, en},
--            the asset type of the risk sheets: read by core/risk with the risk tables)
--   integer / number   min, max, exclusive_min
--   boolean
--   fact     a process fact: boolean or { value = boolean, evidence = evidence }
--   ref      to = collection name: a string naming a member of that collection;
--            or_enum = enum name: the string may also be a value of that enumeration
--   def      name = key of M.defs (shared node, emitted once under $defs)
-- Any node may carry `nullable = true` (JSON null accepted).

local M = {}

M.version = "kyojin/declaration/v1"
M.id = "urn:kyojin:schema:declaration:v1"
M.title = { ja = "kyojin 構成申告 v1", en = "kyojin declaration v1" }
M.description = {
  ja = "地方公共団体が自団体の情報セキュリティ構成を申告する JSON 文書。kyojin check が検証し、ポリシーで評価する。",
  en = "JSON document in which a local government declares its information-security configuration. kyojin check validates it and evaluates it with the policies.",
}

----------------------------------------------------------------------------------------
-- String formats: an ECMA-262 regular expression (JSON Schema `pattern`), Lua patterns
-- (any one must match), and an optional semantic check implemented in kyojin.validate.
----------------------------------------------------------------------------------------
M.formats = {
  id = {
    regex = "^[a-z0-9][a-z0-9._-]*$",
    lua = { "^[%l%d][%l%d%._%-]*$" },
    label = { ja = "英小文字・数字・「.」「_」「-」からなる識別子（先頭は英小文字か数字）",
              en = "an id of lowercase letters, digits, '.', '_' and '-' (starting with a letter or digit)" },
  },
  date = {
    regex = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    lua = { "^%d%d%d%d%-%d%d%-%d%d$" },
    check = "calendar_date",
    json_format = "date",
    label = { ja = "日付 YYYY-MM-DD", en = "a date YYYY-MM-DD" },
  },
  lg_code = {
    regex = "^[0-9]{6}$",
    lua = { "^%d%d%d%d%d%d$" },
    check = "lg_code",
    label = { ja = "6桁の全国地方公共団体コード（検査数字付き）",
              en = "a 6-digit local-government code (with check digit)" },
  },
  sha256 = {
    regex = "^[0-9a-f]{64}$",
    lua = { "^" .. string.rep("[0-9a-f]", 64) .. "$" },
    label = { ja = "SHA-256 ハッシュ値（16進小文字64桁）", en = "a SHA-256 digest (64 lowercase hex digits)" },
  },
  cve = {
    regex = "^CVE-[0-9]{4}-[0-9]{4,}$",
    lua = { "^CVE%-%d%d%d%d%-%d%d%d%d%d*$" },
    label = { ja = "CVE 番号（CVE-YYYY-NNNN）", en = "a CVE id (CVE-YYYY-NNNN)" },
  },
  policy_id = {
    regex = "^[A-Z]{2}-[0-9]{2}(-[a-z0-9-]+)?$",
    lua = { "^%u%u%-%d%d$", "^%u%u%-%d%d%-[%l%d%-]+$" },
    label = { ja = "ポリシーID（例: ST-01）", en = "a policy id (e.g. ST-01)" },
  },
  json_pointer = {
    regex = "^(/([^~/]|~[01])*)+$",
    lua = { "^/" },
    check = "json_pointer",
    label = { ja = "この申告の中を指す JSON ポインタ（例: /assets/0）",
              en = "a JSON pointer into this declaration (e.g. /assets/0)" },
  },
  attack_id = {
    regex = "^T[0-9]{4}(\\.[0-9]{3})?$",
    lua = { "^T%d%d%d%d$", "^T%d%d%d%d%.%d%d%d$" },
    label = { ja = "MITRE ATT&CK 手法ID（例: T1566）", en = "a MITRE ATT&CK technique id (e.g. T1566)" },
  },
  tree_id = {
    regex = "^[1-9][0-9]*-[1-9][0-9]*$",
    lua = { "^[1-9]%d*%-[1-9]%d*$" },
    label = { ja = "攻撃シナリオ番号 x-y（x: 最終的な事業被害、y: 派生）",
              en = "a scenario number x-y (x: final business damage, y: variant)" },
  },
  email = {
    regex = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
    lua = { "^[^@%s]+@[^@%s]+%.[^@%s]+$" },
    label = { ja = "メールアドレス", en = "an e-mail address" },
  },
  phone = {
    regex = "^[0-9+][0-9-]{5,19}$",
    lua = { "^[%d+][%d%-][%d%-][%d%-][%d%-][%d%-][%d%-]*$" },
    label = { ja = "電話番号（数字とハイフン）", en = "a telephone number (digits and hyphens)" },
  },
}

----------------------------------------------------------------------------------------
-- Enumerations: value, Japanese label, English label (in the order shown to users), and where
-- the reports show a shorter word, short = { ja, en }, or a sign, symbol (read by kyojin.vocab).
-- Segments add asset = { ja, en }, the asset type of the risk sheets (core/risk). The risk tables
-- (lua/kyojin/risk) may name only the values of asset_kind, segment and data_class.
----------------------------------------------------------------------------------------
local function E(list) return list end

M.enums = {
  model = E{
    { "alpha", "αモデル（従来モデル）", "α (conventional model)", short = { "αモデル", "α model" }, symbol = "α" },
    { "alpha_prime", "α′モデル（LGWAN接続系からのローカルブレイクアウト）", "α′ (local breakout from lgwan)",
      short = { "α′モデル", "α′ model" }, symbol = "α′" },
    { "beta", "βモデル（業務端末をインターネット接続系に配置）", "β (business terminals in the internet segment)",
      short = { "βモデル", "β model" }, symbol = "β" },
    { "beta_prime", "β′モデル（β＋業務システムもインターネット接続系に配置）", "β′ (β plus business systems in the internet segment)",
      short = { "β′モデル", "β′ model" }, symbol = "β′" },
  },
  segment = E{
    { "mynumber", "マイナンバー利用事務系", "My Number segment",
      asset = { "マイナンバー利用事務系資産", "My Number segment asset" } },
    { "lgwan", "LGWAN接続系", "LGWAN segment", asset = { "LGWAN接続系資産", "LGWAN segment asset" } },
    { "internet", "インターネット接続系", "internet segment", short = { "インターネット接続系", "Internet segment" },
      asset = { "インターネット接続系資産", "Internet segment asset" } },
    { "cloud", "クラウド", "cloud", asset = { "クラウド資産", "Cloud asset" } },
  },
  terminal_segment = E{
    { "lgwan", "LGWAN接続系", "LGWAN segment" },
    { "internet", "インターネット接続系", "internet segment" },
  },
  target_segment = E{
    { "mynumber", "マイナンバー利用事務系", "My Number segment" },
    { "lgwan", "LGWAN接続系", "LGWAN segment" },
    { "internet", "インターネット接続系", "internet segment" },
  },
  body_kind = E{
    { "prefecture", "都道府県", "prefecture" },
    { "city", "市", "city" },
    { "ward", "特別区", "special ward" },
    { "town", "町", "town" },
    { "village", "村", "village" },
  },
  asset_kind = E{
    { "terminal", "端末", "terminal" },
    { "server", "サーバ", "server" },
    { "network_device", "ネットワーク機器", "network device" },
    { "gateway", "ゲートウェイ（プロキシ等）", "gateway (proxy etc.)", short = { "ゲートウェイ", "gateway" } },
    { "vpn", "VPN装置", "VPN device", short = { "VPN装置", "VPN" } },
    { "auth_gateway", "認証ゲートウェイ", "authentication gateway" },
    { "screen_transfer_platform", "画面転送基盤（VDI・SBC・DaaS・セキュアブラウザ）", "screen-transfer platform (VDI, SBC, DaaS, secure browser)",
      short = { "画面転送基盤", "screen-transfer platform" } },
    { "storage", "ストレージ", "storage" },
    { "mail_relay", "メール中継サーバ", "mail relay" },
    { "cloud_service", "クラウドサービス", "cloud service" },
    { "file_link_server", "ファイル連携サーバ・無害化サーバ", "file-link or harmlessization server",
      short = { "ファイル連携サーバ", "file-link server" } },
    { "database", "データベース", "database" },
    { "maintenance_terminal", "保守用端末", "maintenance terminal", short = { "保守端末", "maintenance terminal" } },
  },
  logical_placement = E{
    { "internet_reachable", "インターネットから直接到達可能（脅威レベル3）", "reachable from the internet (threat level 3)" },
    { "intranet", "内部ネットワーク（脅威レベル2）", "internal network (threat level 2)" },
    { "isolated", "閉鎖ネットワーク（脅威レベル1）", "isolated network (threat level 1)" },
  },
  physical_placement = E{
    { "public", "誰でも立ち入り可能な場所（3）", "publicly accessible place (3)" },
    { "restricted", "入退室が制限された場所（2）", "access-restricted place (2)" },
    { "mfa_room", "多要素認証で入室を制限した部屋（1）", "room entered with multi-factor authentication (1)" },
  },
  data_class = E{
    { "my_number", "マイナンバー（特定個人情報）", "My Number (specific personal information)" },
    { "confidential_3", "機密性3", "confidentiality 3" },
    { "confidential_2", "機密性2", "confidentiality 2" },
    { "confidential_1", "機密性1", "confidentiality 1" },
    { "public", "公開情報", "public information" },
  },
  method = E{
    { "daas", "DaaS（クラウド上の仮想デスクトップ）", "DaaS (cloud desktop)" },
    { "vdi", "オンプレミスVDI", "on-premises VDI" },
    { "sbc", "オンプレミスSBC", "on-premises SBC" },
    { "secure_browser", "セキュアブラウザ", "secure browser" },
  },
  harmlessization_method = E{
    { "text_extraction", "テキスト抽出", "text extraction" },
    { "image_pdf", "画像PDF変換", "conversion to image PDF" },
    { "cdr", "サニタイズ（CDR: 分解・不要部分除去・再構成）", "sanitisation (CDR: decompose, remove active content, rebuild)" },
    { "visual_check", "目視確認＋未知の不正プログラム検知・駆除ソフトウェア", "visual check plus software detecting unknown malware" },
  },
  mail_delivery = E{
    { "text_only", "テキスト化して転送（添付ファイル削除・HTMLのテキスト化）", "converted to text (attachments removed, HTML to text)" },
    { "screen_transfer", "インターネット接続系の仮想デスクトップで画面転送", "read by screen transfer from a virtual desktop in the internet segment" },
    { "direct", "端末で直接受信", "received directly on the terminal" },
  },
  data_link_model = E{
    { "1a", "検証モデル①a オンプレミス（ファイル連携サーバ、境界セグメント）", "model ①a on-premises file-link server (boundary segment)" },
    { "1b", "検証モデル①b オンプレミス（ファイル交換システム、境界セグメント）", "model ①b on-premises file-exchange system (boundary segment)" },
    { "1c", "検証モデル①c オンプレミス（クラウドストレージ、ローカルブレイクアウト）", "model ①c on-premises cloud storage (local breakout)" },
    { "2", "検証モデル② クラウド（クラウドにおけるアクセス制御）", "model ② cloud (access control in the cloud)" },
    { "3", "検証モデル③ クラウド・一部オンプレミス（ゼロトラストアーキテクチャ）", "model ③ cloud, partly on-premises (zero-trust architecture)" },
    { "4", "検証モデル④ クラウド（API連携）", "model ④ cloud (API linkage)" },
  },
  audit_type = E{
    { "external", "外部監査", "external audit" },
    { "internal", "内部監査", "internal audit" },
  },
  countermeasure = E{
    { "fw", "ファイアウォール", "firewall" },
    { "one_way_gateway", "一方向ゲートウェイ", "one-way gateway" },
    { "proxy", "プロキシ", "proxy" },
    { "ips_ids", "IPS/IDS", "IPS/IDS" },
    { "waf", "WAF", "WAF" },
    { "peer_auth", "通信相手の認証", "peer authentication" },
    { "patching", "パッチ適用", "patching" },
    { "vuln_avoidance", "脆弱性回避", "vulnerability avoidance" },
    { "operator_auth", "操作者認証", "operator authentication" },
    { "url_filtering", "URLフィルタリング", "URL filtering" },
    { "mail_filtering", "メールフィルタリング", "mail filtering" },
    { "device_control", "外部媒体の接続制御", "device-connection control" },
    { "privilege_mgmt", "権限管理", "privilege management" },
    { "access_control", "アクセス制御", "access control" },
    { "critical_op_approval", "重要操作の承認", "approval of critical operations" },
    { "anomaly_monitoring", "異常検知・死活監視", "anomaly and liveness monitoring" },
    { "log_analysis", "ログ収集・分析", "log collection and analysis" },
    { "log_integration", "統合ログ管理", "integrated log management" },
    { "entry_lock", "入退室・施錠管理", "entry and lock management" },
    { "camera", "監視カメラ", "cameras" },
    { "intrusion_sensor", "侵入センサ", "intrusion sensors" },
    { "edr", "EDR", "EDR" },
    { "ndr", "NDR", "NDR" },
    { "dlp", "DLP", "DLP" },
    { "mfa", "多要素認証", "multi-factor authentication" },
    { "encryption", "暗号化", "encryption" },
    { "backup", "バックアップ", "backup" },
    { "harmlessization", "無害化", "harmlessization" },
    { "screen_transfer_isolation", "画面転送による分離", "screen-transfer isolation" },
    { "antimalware", "不正プログラム対策", "anti-malware" },
  },
}

-- Prefectures and their two-digit codes (the first two digits of every local-government
-- code in that prefecture).
M.prefectures = {
  { "01", "北海道" }, { "02", "青森県" }, { "03", "岩手県" }, { "04", "宮城県" }, { "05", "秋田県" },
  { "06", "山形県" }, { "07", "福島県" }, { "08", "茨城県" }, { "09", "栃木県" }, { "10", "群馬県" },
  { "11", "埼玉県" }, { "12", "千葉県" }, { "13", "東京都" }, { "14", "神奈川県" }, { "15", "新潟県" },
  { "16", "富山県" }, { "17", "石川県" }, { "18", "福井県" }, { "19", "山梨県" }, { "20", "長野県" },
  { "21", "岐阜県" }, { "22", "静岡県" }, { "23", "愛知県" }, { "24", "三重県" }, { "25", "滋賀県" },
  { "26", "京都府" }, { "27", "大阪府" }, { "28", "兵庫県" }, { "29", "奈良県" }, { "30", "和歌山県" },
  { "31", "鳥取県" }, { "32", "島根県" }, { "33", "岡山県" }, { "34", "広島県" }, { "35", "山口県" },
  { "36", "徳島県" }, { "37", "香川県" }, { "38", "愛媛県" }, { "39", "高知県" }, { "40", "福岡県" },
  { "41", "佐賀県" }, { "42", "長崎県" }, { "43", "熊本県" }, { "44", "大分県" }, { "45", "宮崎県" },
  { "46", "鹿児島県" }, { "47", "沖縄県" },
}
do
  local values = {}
  for i, p in ipairs(M.prefectures) do values[i] = { p[2], p[2], p[2] } end
  M.enums.prefecture = values
end

-- Collections: arrays whose members have a unique key that other parts refer to.
M.collections = {
  asset = { path = "assets", key = "id", ja = "資産", en = "asset" },
  screen_transfer = { path = "screen_transfer", key = "id", ja = "画面転送接続", en = "screen-transfer connection" },
  data_link = { path = "data_links", key = "id", ja = "データ連携", en = "data link" },
  contract = { path = "contracts", key = "id", ja = "契約", en = "contract" },
  cloud_account = { path = "cloud_accounts", key = "id", ja = "クラウドアカウント", en = "cloud account" },
  external_service = { path = "external_services", key = "id", ja = "外部サービス", en = "external service" },
  attack_tree = { path = "attack_trees", key = "id", ja = "攻撃ツリー", en = "attack tree" },
}

----------------------------------------------------------------------------------------
-- Node constructors (shorthand; the result is plain data)
----------------------------------------------------------------------------------------
local function F(name, req, node, ja, en)
  return { name = name, req = req, node = node, ja = ja, en = en }
end
local function obj(fields, extra)
  local n = { t = "object", fields = fields }
  for k, v in pairs(extra or {}) do n[k] = v end
  return n
end
local function arr(items, extra)
  local n = { t = "array", items = items }
  for k, v in pairs(extra or {}) do n[k] = v end
  return n
end
local function str(max, format) return { t = "string", min = 1, max = max or 200, format = format } end
local function enum(name) return { t = "enum", enum = name } end
local function bool() return { t = "boolean" } end
local function fact() return { t = "def", name = "fact" } end
local function date() return { t = "def", name = "date" } end
local function ref(to, or_enum) return { t = "ref", to = to, or_enum = or_enum } end
local function int(min, max) return { t = "integer", min = min, max = max } end
local function nbool() return { t = "boolean", nullable = true } end

local R, O = true, false

----------------------------------------------------------------------------------------
-- Shared definitions
----------------------------------------------------------------------------------------
M.defs = {}
M.defs_order = { "date", "evidence", "fact" }

M.defs.date = { t = "string", format = "date",
  ja = "日付（YYYY-MM-DD、実在する日付）", en = "a date (YYYY-MM-DD, a real calendar date)" }

M.defs.evidence = obj({
  F("title", R, str(300), "証跡の表題（文書名）", "title of the evidence (document name)"),
  F("date", R, date(), "証跡の日付", "date of the evidence"),
  F("sha256", R, str(64, "sha256"), "証跡ファイルの SHA-256", "SHA-256 of the evidence file"),
}, { ja = "証跡への参照", en = "reference to evidence" })

M.defs.fact = { t = "fact",
  ja = "運用・手続に関する事実。true/false、または証跡付きの {\"value\": true, \"evidence\": {...}}。ポリシーは証跡のない true を証跡付きより低く評価する。",
  en = "a process fact: true/false, or {\"value\": true, \"evidence\": {...}} with evidence. Policies grade a bare true lower than an evidenced one." }

----------------------------------------------------------------------------------------
-- Parts of the declaration
----------------------------------------------------------------------------------------
local contact = obj({
  F("department", R, str(200), "担当部署", "responsible department"),
  F("email", O, str(254, "email"), "連絡先メールアドレス", "contact e-mail address"),
  F("phone", O, str(20, "phone"), "連絡先電話番号", "contact telephone number"),
})

local body = obj({
  F("name", R, str(100), "団体名", "name of the body"),
  F("name_en", O, str(200), "団体名（英語）", "name of the body in English"),
  F("prefecture", R, enum("prefecture"), "都道府県（団体コードの上2桁と一致すること）",
    "prefecture (must match the first two digits of the code)"),
  F("code", R, str(6, "lg_code"), "全国地方公共団体コード（6桁、検査数字を検証）",
    "local-government code (6 digits; the check digit is verified)"),
  F("kind", R, enum("body_kind"), "団体の種別", "kind of body"),
  F("population", O, int(1, 20000000), "人口", "population"),
  F("as_of", R, date(), "この申告が記述する時点の日付", "date the declaration describes"),
  F("contact", R, contact, "申告の連絡先", "contact for this declaration"),
}, { checks = { code = "prefecture_code" } })

local edr = obj({
  F("enabled", R, bool(), "EDR を導入している", "EDR is deployed"),
  F("behaviour_detection", R, bool(), "パターンマッチングに加え振る舞い検知を行う", "behaviour detection beyond pattern matching"),
  F("managed_monitoring", R, bool(), "セキュリティ専門人材のマネージドサービスが監視している", "monitored by a managed service of security specialists"),
  F("csirt_link", R, bool(), "検知が CSIRT に連携される", "detections reach the CSIRT"),
  F("isolates_on_detection", R, bool(), "検知時にプロセスを停止し端末を論理的に隔離する", "stops the process and logically isolates the terminal on detection"),
  F("investigation_support", R, bool(), "原因調査を支援する", "supports investigation of the cause"),
  F("detects_exfiltration", R, bool(), "外部からの侵入やデータ持ち出し・外部通信等の不正な活動を検知する", "detects intrusion and malicious activity such as exfiltration and external communication"),
})

local controls = obj({
  F("edr", O, edr, "EDR（未知の不正プログラム対策）", "EDR (unknown-malware countermeasure)"),
  F("antimalware", O, obj({
    F("pattern_matching", R, bool(), "パターンマッチング型の検知", "pattern-matching detection"),
    F("behaviour_detection", R, bool(), "振る舞い検知", "behaviour detection"),
    F("definitions_current", R, bool(), "定義ファイルが最新", "definitions are up to date"),
  }), "ウイルス対策ソフトウェア", "anti-malware software"),
  F("patch", O, obj({
    F("os_timely", R, bool(), "OS・ソフトウェアのセキュリティパッチを適時に適用している", "OS and software security patches are applied in time"),
    F("managed_by_vendor", O, bool(), "パッチ適用を事業者が管理している", "patching is managed by a vendor"),
  }), "パッチ適用", "patching"),
  F("allowlisting", O, bool(), "アプリケーションの許可リスト（ホワイトリスト）運用", "application allow-listing"),
  F("dlp", O, bool(), "DLP（情報漏えい対策）", "DLP (data-loss prevention)"),
  F("mfa", O, bool(), "多要素認証", "multi-factor authentication"),
  F("ndr", O, bool(), "NDR（ネットワーク上の検知・対応）", "NDR (network detection and response)"),
  F("encryption", O, obj({
    F("at_rest", R, bool(), "保存データの暗号化", "encryption at rest"),
    F("in_transit", R, bool(), "通信の暗号化", "encryption in transit"),
  }), "暗号化", "encryption"),
  F("logging", O, obj({
    F("collected", R, bool(), "ログを収集している", "logs are collected"),
    F("analysed", R, bool(), "ログを分析している", "logs are analysed"),
    F("retention_days", R, int(0, 36500), "ログの保存日数", "log retention in days"),
  }), "ログ管理", "log management"),
  F("backup", O, obj({
    F("enabled", R, bool(), "定期的にバックアップしている", "backed up regularly"),
    F("includes_mail", O, bool(), "メールもバックアップ対象", "mail is included"),
    F("offline", O, bool(), "オフライン（切り離した）世代を保持", "an offline generation is kept"),
  }), "バックアップ", "backup"),
  F("access_control", O, obj({
    F("per_division", R, bool(), "課室単位のアクセス制御", "access control per division (課室)"),
    F("per_section", R, bool(), "係単位のアクセス制御", "access control per section (係)"),
  }), "情報資産の機密性に応じたアクセス制御（文書サーバ等）", "access control by confidentiality (document servers etc.)"),
  F("firewall", O, bool(), "ファイアウォール", "firewall"),
  F("ips", O, bool(), "IPS/IDS", "IPS/IDS"),
  F("waf", O, bool(), "WAF", "WAF"),
  F("url_filtering", O, bool(), "URLフィルタリング", "URL filtering"),
  F("mail_filtering", O, bool(), "メールフィルタリング", "mail filtering"),
  F("device_control", O, bool(), "外部媒体の接続制御", "device-connection control"),
  F("privilege_management", O, bool(), "特権・権限管理", "privilege management"),
  F("log_integration", O, bool(), "統合ログ管理（SIEM 等）", "integrated log management (SIEM etc.)"),
  F("anomaly_monitoring", O, bool(), "異常検知・死活監視", "anomaly and liveness monitoring"),
})

local asset = obj({
  F("id", R, str(64, "id"), "資産ID（申告内で一意）", "asset id (unique in the declaration)"),
  F("name", R, str(200), "資産の名称", "name of the asset"),
  F("kind", R, enum("asset_kind"), "資産の種別", "kind of asset"),
  F("segment", R, enum("segment"), "配置される系", "segment the asset sits in"),
  F("count", R, int(1, 1000000), "台数・インスタンス数", "number of units or instances"),
  F("placement", R, obj({
    F("logical", R, enum("logical_placement"), "論理的配置（脅威レベルの分類）", "logical placement (threat-level class)"),
    F("physical", R, enum("physical_placement"), "物理的配置（補足的に使用）", "physical placement (used as a supplement)"),
  }), "攻撃対象としての配置", "placement as an attack target"),
  F("internet_boundary", R, bool(), "インターネットとの境界にある機器（VPN、リモートアクセス・認証ゲートウェイ等）",
    "device at the internet boundary (VPN, remote-access or authentication gateway etc.)"),
  F("importance", O, int(1, 3), "資産の重要度（1〜3）の上書き。省略時は系・扱う情報・種別・基盤かどうかから導出",
    "asset importance override (1–3); derived from segment, data, kind and infrastructure role when absent"),
  F("infrastructure", O, bool(), "認証・ディレクトリ・名前解決等、停止や改ざんで他のシステムが止まる基盤の資産（重要度 3 の根拠）",
    "infrastructure such as authentication, directory or name resolution whose failure stops other systems (grounds for importance 3)"),
  F("gov_cloud", O, bool(), "ガバメントクラウド上の環境（ガバメントクラウド自体のリスクは分析の対象外）",
    "an environment on the Government Cloud (the Government Cloud itself is outside the risk analysis)"),
  F("data", O, arr(enum("data_class"), { unique = true }), "扱う情報の分類", "classes of information handled"),
  F("controls", R, controls, "資産に講じている対策", "countermeasures in place on the asset"),
})

local redirection_pair = obj({
  F("to_local", R, bool(), "仮想端末から手元端末への受け渡しを許可している（true は不適合の原因）",
    "hand-over from the virtual to the local terminal is allowed (true causes a failure)"),
  F("to_virtual", R, bool(), "手元端末から仮想端末への受け渡しを許可している",
    "hand-over from the local to the virtual terminal is allowed"),
})

local screen_transfer = obj({
  F("id", R, str(64, "id"), "接続ID（申告内で一意）", "connection id (unique in the declaration)"),
  F("description", O, str(500), "説明", "description"),
  F("terminal_segment", R, enum("terminal_segment"), "手元の業務端末がある系", "segment of the local business terminal"),
  F("target_segment", R, enum("target_segment"), "画面転送先の系", "segment reached by screen transfer"),
  F("method", R, enum("method"), "画面転送の方式", "screen-transfer method"),
  F("platform_asset", O, ref("asset"), "画面転送基盤の資産ID", "asset id of the screen-transfer platform"),
  F("daas_csp", O, str(64, "id"), "DaaS を提供するクラウド事業者（CSP）。method が daas のとき必須",
    "cloud service provider (CSP) of the DaaS; required when method is daas"),
  F("gov_cloud_csp", O, str(64, "id"), "ガバメントクラウドの CSP。method が daas のとき必須",
    "CSP of the Government Cloud; required when method is daas"),
  F("local_breakout", R, bool(), "LGWAN接続系からローカルブレイクアウトで接続する", "reached from lgwan by local breakout"),
  F("terminal_remains_in_internet", R, bool(), "インターネット接続系にも端末が残る", "a terminal also remains in the internet segment"),
  F("lgwan_internet_breakout", R, bool(), "LGWAN接続系からインターネットへのブレイクアウト回線がある",
    "an lgwan → internet breakout line exists"),
  F("redirection", R, obj({
    F("clipboard", R, redirection_pair, "クリップボード共有", "clipboard sharing"),
    F("file", R, redirection_pair, "ファイルの受け渡し", "file hand-over"),
    F("printer", R, bool(), "手元端末のプリンタへの印刷を許可", "printing to printers of the local terminal is allowed"),
    F("drive", R, bool(), "ドライブのリダイレクトを許可", "drive redirection is allowed"),
    F("usb", R, bool(), "USB デバイスのリダイレクトを許可", "USB device redirection is allowed"),
  }), "仮想端末と手元端末の間のリダイレクト（true は許可）", "redirection between the virtual and the local terminal (true = allowed)"),
  F("encryption", R, bool(), "画面転送通信を暗号化している", "screen-transfer traffic is encrypted"),
  F("session_rebuild", R, bool(), "画面転送を開始するたびに仮想機能を再構築する", "the virtual function is rebuilt for each session"),
  F("session_ends_with_local", R, bool(), "手元端末の利用終了時に仮想機能も終了する", "the virtual function ends when the local session ends"),
  F("refresh_interval_days", R, { t = "number", exclusive_min = 0, max = 3650 },
    "仮想端末をクリーンなイメージに戻す間隔（日）", "interval in days at which virtual terminals return to a clean image"),
  F("mfa", R, bool(), "多要素認証でアクセスを制限している", "access is restricted by multi-factor authentication"),
  F("designated_staff_only", R, bool(), "指定された職員（事務取扱担当者）のみ利用できる", "only designated staff may use it"),
  F("wireless_lan", R, obj({
    F("used", R, bool(), "無線LANを利用する", "wireless LAN is used"),
    F("mynumber_staff_only", O, bool(), "マイナンバー利用事務の事務取扱担当者の端末のみ接続できる。used が true のとき必須",
      "only terminals of My Number staff may connect; required when used is true"),
  }, { when = { { field = "used", equals = true, require = { "mynumber_staff_only" } } } }),
    "無線LANの利用", "use of wireless LAN"),
  F("executive_decision", R, obj({
    F("decided", R, fact(), "幹部まで含めて意思決定した", "decided with the executives"),
    F("date", O, date(), "意思決定の日付", "date of the decision"),
  }), "画面転送の利用に関する意思決定", "decision to use screen transfer"),
  F("platform_patch_managed", R, fact(), "画面転送基盤（VDI/DaaS 基盤、ゲートウェイ）のパッチ適用・脆弱性管理が行われている",
    "the screen-transfer platform is patched and under vulnerability management"),
}, {
  when = {
    { field = "method", equals = "daas", require = { "daas_csp", "gov_cloud_csp" } },
  },
  differs = { "terminal_segment", "target_segment" },
})

local harmlessization = obj({
  F("methods", R, arr(enum("harmlessization_method"), { unique = true }),
    "インターネット接続系から取り込むファイルの無害化方式", "harmlessization methods for files taken in from the internet segment"),
  F("visual_check_procedure", O, obj({
    F("sender", R, bool(), "差出人を確認する", "the sender is checked"),
    F("subject", R, bool(), "件名を確認する", "the subject is checked"),
    F("wording", R, bool(), "本文の言い回しを確認する", "the wording is checked"),
    F("fonts", R, bool(), "フォント（不自然な文字）を確認する", "the fonts are checked"),
  }), "目視確認の手順（methods に visual_check があるとき必須）",
    "procedure of the visual check (required when methods contains visual_check)"),
  F("unknown_malware_detection", R, bool(), "未知の不正プログラムを検知・駆除するソフトウェアを併用する",
    "software detecting and removing unknown malware is used as well"),
}, { when = { { field = "methods", contains = "visual_check", require = { "visual_check_procedure" } } } })

local mail = obj({
  F("delivery", R, enum("mail_delivery"), "インターネットメールの受け取り方", "how internet mail reaches staff"),
  F("attachments_removed", R, bool(), "添付ファイルを削除する", "attachments are removed"),
  F("html_to_text", R, bool(), "HTML メールをテキスト化する", "HTML mail is converted to text"),
  F("relay_only", R, bool(), "メール中継サーバ同士のみが通信する", "only the mail-relay servers talk to each other"),
  F("smtp_only", R, bool(), "SMTP のみ許可する", "only SMTP is permitted"),
})

local data_link = obj({
  F("id", R, str(64, "id"), "データ連携ID（申告内で一意）", "data-link id (unique in the declaration)"),
  F("model", R, enum("data_link_model"), "検証モデル", "verification model"),
  F("description", R, str(500), "連携の内容", "what the link carries"),
  F("from_segment", O, enum("segment"), "連携元の系", "segment the data comes from"),
  F("to_segment", O, enum("segment"), "連携先の系", "segment the data goes to"),
  F("assets", O, arr(ref("asset"), { unique = true }), "連携に使う資産の資産ID", "asset ids of the assets involved"),
  F("cloud_accounts", O, arr(ref("cloud_account"), { unique = true }), "連携に使うクラウドアカウントID",
    "ids of the cloud accounts involved"),
  F("controls", R, obj({
    F("malware_check", O, bool(), "不正プログラムの検査", "malware check"),
    F("format_check", O, bool(), "データ形式・内容の検査", "format and content check"),
    F("harmlessization", O, bool(), "無害化", "harmlessization"),
    F("access_control", O, bool(), "アクセス制御", "access control"),
    F("mfa", O, bool(), "多要素認証", "multi-factor authentication"),
    F("encryption", O, bool(), "暗号化", "encryption"),
    F("logging", O, bool(), "ログの取得・分析", "logging and analysis"),
    F("api_managed", O, bool(), "API をセキュリティ管理下に置いている（API連携）", "APIs are under security control (API linkage)"),
  }), "連携経路の対策", "countermeasures on the link"),
})

local function used_section(fields, required_when_used, ja, en)
  local all = { F("used", R, bool(), ja, en) }
  for _, f in ipairs(fields) do all[#all + 1] = f end
  return obj(all, { when = { { field = "used", equals = true, require = required_when_used } } })
end

local removable_media = used_section({
  F("device_connection_control", O, bool(), "機器の接続制限を行っている（used が true のとき必須）", "device-connection restrictions are in place (required when used)"),
  F("media_management", O, bool(), "媒体を管理している（used が true のとき必須）", "media are managed (required when used)"),
}, { "device_connection_control", "media_management" },
  "USBメモリ等の電磁的記録媒体をまだ利用している", "removable media are still used")

local remote_maintenance = used_section({
  F("closed_network", O, bool(), "閉域網を利用する（used が true のとき必須）", "a closed network is used (required when used)"),
}, { "closed_network" }, "運用・保守事業者がリモート保守を行う", "vendors carry out remote maintenance")

local e_application = used_section({
  F("malware_check", O, bool(), "申請データの不正プログラム検査（used が true のとき必須）", "application data is checked for malware (required when used)"),
  F("format_check", O, bool(), "申請データの形式・内容検査（used が true のとき必須）", "application data is checked for malformed content (required when used)"),
  F("assets", O, arr(ref("asset"), { unique = true }), "電子申請サービスの資産ID", "asset ids of the e-application services"),
}, { "malware_check", "format_check" }, "インターネットに公開した電子申請サービスを利用する",
  "an internet-facing e-application service is used")

local contract = obj({
  F("id", R, str(64, "id"), "契約ID（申告内で一意）", "contract id (unique in the declaration)"),
  F("vendor", R, str(200), "契約事業者", "vendor"),
  F("scope", R, arr(ref("asset", "asset_kind"), { min = 1, unique = true }),
    "契約の対象（資産ID または資産の種別）", "what the contract covers (asset ids or asset kinds)"),
  F("patch_process", R, obj({
    F("full_scope", R, fact(), "緊急性の高い脆弱性の特定から適用判断・パッチ適用までの全工程を契約に含む",
      "the contract covers the whole process from identifying urgent vulnerabilities to applying patches"),
    F("includes_network_devices", R, fact(), "ネットワーク機器も対象に含む", "network devices are included"),
    F("round_cap", R, { t = "integer", min = 1, max = 1000, nullable = true },
      "セキュリティパッチ適用回数の上限（null は上限なし）", "cap on the number of patch rounds (null = no cap)"),
  }), "パッチ適用工程", "patch process"),
  F("settings_guaranteed", R, fact(), "委託した設定内容が契約で担保されている", "settings entrusted to the vendor are guaranteed by contract"),
  F("sbom", R, obj({
    F("provided", R, fact(), "SBOM が提供される", "an SBOM is provided"),
    F("scope", O, str(1000), "SBOM が対象とするソフトウェア・脆弱性管理の範囲", "scope of software and vulnerability management the SBOM covers"),
    F("covers", O, arr(ref("asset"), { unique = true }), "SBOM の対象資産ID", "asset ids the SBOM covers"),
  }), "SBOM（ソフトウェア部品表）", "SBOM (software bill of materials)"),
  F("cloud_settings_check", O, obj({
    F("periodic", R, fact(), "接続するクラウドサービスの設定を定期的に確認する", "settings of connected cloud services are verified periodically"),
    F("on_change", R, fact(), "サービスの更新・仕様変更の都度確認する", "and whenever the service is updated or its specification changes"),
  }), "クラウドサービスの設定確認", "verification of cloud-service settings"),
})

local vulnerability = obj({
  F("asset", R, ref("asset"), "脆弱性のある資産の資産ID", "asset id of the affected asset"),
  F("cve", R, str(32, "cve"), "CVE 番号", "CVE id"),
  F("cvss", R, { t = "number", min = 0, max = 10 }, "CVSS 基本値", "CVSS base score"),
  F("exploited", R, bool(), "悪用が確認されている", "known to be exploited"),
  F("patched", R, bool(), "パッチ適用済み", "patched"),
  F("mitigation", O, obj({
    F("description", R, str(1000), "緩和策の内容", "what the mitigation is"),
    F("applied", R, bool(), "緩和策を適用済み", "the mitigation is applied"),
  }), "パッチを適用できない場合の事業者の緩和策", "vendor's mitigation where a patch cannot be applied"),
})

local organisation = obj({
  F("csirt", R, obj({
    F("exists", R, fact(), "CSIRT を設置している", "a CSIRT exists"),
    F("roles_defined", R, fact(), "CSIRT の役割が定められている", "the CSIRT's roles are defined"),
  }), "CSIRT", "CSIRT"),
  F("training", R, fact(), "職員のセキュリティリテラシー研修を実施している", "staff receive security-literacy training"),
  F("cyder", R, fact(), "CYDER（実践的サイバー防御演習）を受講している", "staff attend CYDER (practical cyber-defence exercise)"),
  F("info_sharing", R, fact(), "攻撃・インシデント情報を共有している", "attack and incident information is shared"),
  F("policy_follows_guideline", R, fact(), "情報セキュリティポリシーがガイドラインに沿っている", "the security policy follows the guideline"),
  F("continuous_monitoring", O, fact(), "継続的なセキュリティの検知・モニタリング体制がある（β′）",
    "a continuous security detection and monitoring arrangement exists (β′)"),
  F("vulnerability_diagnosis", O, fact(), "定期的に脆弱性診断・プラットフォーム診断を行っている",
    "periodic vulnerability and platform diagnosis is carried out"),
  F("shadow_it_control", O, fact(), "組織が承認していない外部サービスの利用（シャドーIT）を監視・遮断している",
    "use of external services the organisation has not approved (shadow IT) is monitored and blocked"),
})

local incident_response = obj({
  F("partners", R, arr(obj({
    F("name", R, str(200), "事業者名", "vendor name"),
    F("forensics", R, bool(), "フォレンジック対応が可能（情報セキュリティサービス基準適合サービスリスト等）", "able to do forensics (e.g. listed in the information-security service list)"),
  })), "インシデント対応が可能な事業者のリスト", "list of vendors able to respond to incidents"),
  F("config_shared", R, fact(), "システム構成情報を定期的に共有している", "the system configuration is shared with them regularly"),
  F("roles_agreed", R, fact(), "開発事業者との役割分担を合意している", "roles are agreed with the development vendor"),
  F("nda_signed", R, fact(), "事前に秘密保持契約を締結している", "NDAs are signed in advance"),
})

local edr_service = obj({
  F("data_in_japan", R, nbool(), "自団体のデータが国外に出ない（null は不明）", "the body's data does not leave Japan (null = unknown)"),
  F("domestic_provision", R, nbool(), "マネージドサービスが国内で提供される（null は不明）", "the managed service is provided domestically (null = unknown)"),
  F("specialist_credentials_known", R, nbool(), "監視する専門人材の資格・経歴が分かる（null は不明）", "the specialists' credentials are known (null = unknown)"),
  F("equipment_secured", R, nbool(), "監視設備自体のセキュリティが確保されている（null は不明）", "the monitoring equipment itself is secured (null = unknown)"),
})

local audit = obj({
  F("date", R, date(), "監査の実施日", "date of the audit"),
  F("type", R, enum("audit_type"), "監査の種別", "kind of audit"),
  F("auditor", O, str(200), "監査人（組織）", "auditor (organisation)"),
  F("auditor_qualifications", R, arr(str(200), { unique = true }), "監査人の資格（空は資格の記載なし）",
    "auditors' qualifications (empty = none stated)"),
  F("report_submitted_to_jlis", R, fact(), "監査報告書を J-LIS に提出した", "the audit report was submitted to J-LIS"),
})

local cloud_account = obj({
  F("id", R, str(64, "id"), "クラウドアカウントID（申告内で一意）", "cloud account id (unique in the declaration)"),
  F("provider", R, str(64, "id"), "クラウド事業者", "cloud provider"),
  F("mfa", R, bool(), "多要素認証", "multi-factor authentication"),
  F("iam_least_privilege", R, bool(), "IAM 権限が最小限", "IAM privileges are minimal"),
  F("audit_log_protected", R, bool(), "監査ログを一般の管理者が無効化できない", "audit logs cannot be disabled by ordinary administrators"),
  F("alerts_protected", R, bool(), "アラートを一般の管理者が無効化できない", "alerts cannot be disabled by ordinary administrators"),
  F("api_inventory", R, bool(), "すべての API をセキュリティ管理下で把握している", "every API is inventoried and under security control"),
  F("billing_alerts", R, bool(), "課金アラートを設定している", "billing alerts are set"),
})

local telework = used_section({
  F("pre_post_checks", O, fact(), "実施前後の確認事項を定め、職員が実施している", "pre- and post-telework checks are defined and carried out"),
  F("location_rules", O, fact(), "画面ののぞき見・会話の漏れを防ぐ実施場所のルール", "rules for places preventing overlooking and overhearing"),
}, { "pre_post_checks", "location_rules" }, "テレワークを実施している", "telework is used")

local byod = used_section({
  F("storage_prevented", O, bool(), "私物端末に情報を保存できない", "personal devices cannot store information"),
  F("device_registration", O, bool(), "登録済みの端末に限定する（IPアドレス、MACアドレス等の端末認証）", "restricted to registered devices (IP, MAC or other device authentication)"),
  F("application_procedure", O, fact(), "利用者・目的・取り扱う情報・端末を申請する手続", "application procedure naming user, purpose, information and device"),
}, { "storage_prevented", "device_registration", "application_procedure" },
  "私物端末（BYOD）を業務に利用している", "personal devices (BYOD) are used for work")

local web_conferencing = used_section({
  F("outsider_exclusion", O, bool(), "無関係の者の参加を防ぐ措置", "unrelated persons are kept out"),
  F("suspicious_removal", O, bool(), "不審な参加者を退出させる", "suspicious participants are removed"),
  F("content_check_beforehand", O, bool(), "取り扱う情報を事前に確認する", "the information handled is checked beforehand"),
}, { "outsider_exclusion", "suspicious_removal", "content_check_beforehand" },
  "Web会議を利用している", "web conferencing is used")

local remote_access = used_section({
  F("lent_terminals", O, bool(), "貸与端末（シンクライアント等、端末に情報を保存しない）", "lent terminals (thin client or no local storage)"),
  F("mfa_or_device_auth", O, bool(), "多要素認証または端末認証", "multi-factor or device authentication"),
  F("encrypted_line", O, bool(), "暗号化された回線（専用線、IP-VPN、SSL-VPN 等）", "an encrypted line (dedicated line, IP-VPN, SSL-VPN …)"),
  F("information_limited", O, bool(), "扱う情報を業務に必要なものに限定", "information limited to what remote work needs"),
  F("takeout_management", O, bool(), "持ち出し端末の管理", "management of terminals taken out"),
  F("per_access_auth", O, bool(), "アクセスの都度認証するシステムにデータを置く", "data sits in systems that authenticate each access"),
  F("minimal_privileges", O, bool(), "権限を最小限にしている", "privileges are minimal"),
  F("abnormal_access_detection", O, bool(), "EDR または NDR で異常なアクセスを検知する", "abnormal access is detected by EDR or NDR"),
  F("dlp_labels", O, bool(), "重要度ラベルに基づく DLP", "DLP with importance labels"),
}, { "lent_terminals", "mfa_or_device_auth", "encrypted_line", "information_limited", "takeout_management",
     "per_access_auth", "minimal_privileges", "abnormal_access_detection", "dlp_labels" },
  "リモートアクセスを利用している", "remote access is used")

local external_service = obj({
  F("id", R, str(64, "id"), "外部サービスID（申告内で一意）", "external-service id (unique in the declaration)"),
  F("name", R, str(200), "サービス名", "name of the service"),
  F("click_through_terms", R, bool(), "定型約款（クリックスルー）のみで利用している", "used only under standard click-through terms"),
  F("max_confidentiality", R, int(1, 3), "取り扱う情報の最高の機密性（1〜3）", "highest confidentiality of information handled (1–3)"),
  F("lifecycle", R, obj({
    F("selection", R, fact(), "選定時のセキュリティ要件", "security requirements at selection"),
    F("use", R, fact(), "利用中のセキュリティ要件", "security requirements during use"),
    F("termination", R, fact(), "利用終了時のセキュリティ要件", "security requirements at termination"),
  }), "ライフサイクル全体のセキュリティ要件", "security requirements over the whole life cycle"),
})

local zero_trust_pc = obj({
  F("hw_root_of_trust", R, bool(), "CPU・TPM と独立したハードウェア・ルートオブトラスト", "hardware root of trust independent of CPU and TPM"),
  F("discrete_tpm", R, bool(), "ディスクリートTPM", "discrete TPM"),
  F("certified_chip", R, bool(), "第三者機関認証のセキュリティチップ", "third-party-certified security chip"),
  F("firmware_resilience", R, bool(), "BIOS/UEFI の改ざん検知・復元（NIST SP 800-193）", "BIOS/UEFI tamper detection and restore (NIST SP 800-193)"),
  F("gpt_protection", R, bool(), "GPT の保護・復元", "GPT protection and restore"),
  F("browser_hw_isolation", R, bool(), "ブラウザをハードウェア仮想化で分離", "browser isolated in a hardware VM"),
  F("attachment_hw_isolation", R, bool(), "安全性未確認の添付ファイルをハードウェア仮想化で開く", "untrusted attachments opened in a hardware VM"),
  F("central_config", R, bool(), "セキュリティ構成の一元管理", "centrally managed security configuration"),
})

local attack_tree = obj({
  F("id", R, str(16, "tree_id"), "シナリオ番号 x-y（申告内で一意）", "scenario number x-y (unique in the declaration)"),
  F("damage", R, str(64, "id"), "最終的な事業被害のID（例: core_stop）", "id of the final business damage (e.g. core_stop)"),
  F("attacker", R, str(200), "攻撃者", "attacker"),
  F("entry", R, str(16, "attack_id"), "侵入口（MITRE ATT&CK Initial Access の手法ID）", "entry point (MITRE ATT&CK Initial Access technique id)"),
  F("route", O, str(200), "攻撃ルート", "attack route"),
  F("via", R, arr(str(200), { max = 7 }), "経由（1〜7）", "hops on the way (up to 7)"),
  F("base", R, str(200), "攻撃拠点", "attack base"),
  F("target", R, str(200), "攻撃対象", "target"),
  F("final_attack", R, str(200), "最終攻撃", "final attack"),
  F("steps", R, arr(obj({
    F("name", R, str(300), "攻撃の段階", "attack step"),
    F("countermeasures", R, arr(enum("countermeasure"), { unique = true }), "この段階に効く対策のID", "ids of the countermeasures against this step"),
  }), { min = 1 }), "攻撃の段階と対策", "attack steps and their countermeasures"),
})

local waiver = obj({
  F("policy", R, { t = "string", min = 1, max = 64, format = "policy_id", check = "known_policy" },
    "例外承認するポリシーのID（ポリシーセットに存在すること）", "id of the waived policy (must exist in the policy set)"),
  F("subject", R, str(500, "json_pointer"), "対象（この申告を指す JSON ポインタ）", "subject (a JSON pointer into this declaration)"),
  F("justification", R, str(2000), "理由", "justification"),
  F("approver", R, str(200), "承認者", "approver"),
  F("compensating_control", O, str(1000), "代替の対策", "compensating control"),
  F("mitigation", O, str(1000), "緩和策", "mitigation"),
  F("expires", R, date(), "有効期限（この日まで有効。申告の日付がこの日より後なら期限切れ）",
    "expiry date (valid up to and including this day; expired once the declaration's date is later)"),
})

M.root = obj({
  F("$schema", O, str(500), "エディタ用の JSON Schema の場所（kyojin は読まない）",
    "location of the JSON Schema for editors (ignored by kyojin)"),
  F("schema", R, { t = "const", value = M.version }, "申告形式のバージョン", "version of the declaration format"),
  F("body", R, body, "申告する団体", "the declaring body"),
  F("model", R, enum("model"), "ネットワーク分離のモデル", "network-separation model"),
  F("assets", R, arr(asset, { min = 1, key = "asset" }), "情報資産", "information assets"),
  F("screen_transfer", R, arr(screen_transfer, { key = "screen_transfer" }), "画面転送による接続", "screen-transfer connections"),
  F("harmlessization", O, harmlessization, "ファイル・メールの無害化", "harmlessization of files and mail"),
  F("mail", R, mail, "インターネットメールの取扱い", "handling of internet mail"),
  F("segment_boundary", O, obj({
    F("internet_lgwan_screen_transfer_only", R, bool(), "インターネット接続系と LGWAN接続系の間は画面転送プロトコルのみ許可",
      "only the screen-transfer protocol passes between the internet and lgwan segments"),
  }), "系の間の通信制御", "traffic control between segments"),
  F("data_links", R, arr(data_link, { key = "data_link" }), "電磁的記録媒体を用いないデータ連携", "data links without removable media"),
  F("removable_media", R, removable_media, "電磁的記録媒体の利用", "use of removable media"),
  F("remote_maintenance", R, remote_maintenance, "リモート保守", "remote maintenance"),
  F("e_application", R, e_application, "電子申請", "e-application (online applications)"),
  F("contracts", R, arr(contract, { key = "contract" }), "事業者との契約", "vendor contracts"),
  F("vulnerabilities", R, arr(vulnerability), "把握している脆弱性", "known vulnerabilities"),
  F("organisation", R, organisation, "組織的・人的対策", "organisational measures"),
  F("incident_response", O, incident_response, "インシデント対応の体制", "incident-response arrangements"),
  F("edr_service", O, edr_service, "EDR マネージドサービスの選定", "EDR managed-service selection"),
  F("audits", R, arr(audit), "監査", "audits"),
  F("cloud_accounts", O, arr(cloud_account, { key = "cloud_account" }), "クラウドアカウント", "cloud accounts"),
  F("telework", R, telework, "テレワーク", "telework"),
  F("byod", R, byod, "私物端末の業務利用（BYOD）", "bring your own device (BYOD)"),
  F("web_conferencing", R, web_conferencing, "Web会議", "web conferencing"),
  F("remote_access", R, remote_access, "リモートアクセス", "remote access"),
  F("external_services", R, arr(external_service, { key = "external_service" }), "外部サービスの利用", "external services"),
  F("zero_trust_pc", O, zero_trust_pc, "ゼロトラストPCの調達要件（β′の業務端末）", "zero-trust PC procurement (β′ business terminals)"),
  F("attack_trees", O, arr(attack_tree, { key = "attack_tree" }), "事業被害ベースのリスク分析の攻撃ツリー", "attack trees for business-damage-based risk analysis"),
  F("waivers", O, arr(waiver), "例外承認", "waivers"),
})

----------------------------------------------------------------------------------------
-- The declaration as an Excel workbook (kyojin template, kyojin convert; laid out by
-- kyojin.workbook): the sheets in order, each with its name (ja, en) and either `list`, one
-- array of objects (one row per item; "parent/child" for an array inside the items of a list
-- sheet), or `fields`, parts of the declaration that occur once (one data row). Every field
-- of M.root has exactly one place; kyojin.workbook checks it.
----------------------------------------------------------------------------------------
M.workbook = {
  instructions = {
    name = { "記入方法", "How to fill in" },
    lines = {
      { "kyojin 構成申告ワークブック", "kyojin declaration workbook" },
      { "このブックは、自団体の情報セキュリティ構成を申告するための様式です。JSON を読まなくても記入できます。",
        "This workbook is the form in which a body declares its information-security configuration. No JSON is needed." },
      { "1. シートごとに、3 行目から下へ 1 行に 1 件ずつ記入します（1 行目が項目名です）。",
        "1. On each sheet, write one item per row from row 3 down (row 1 holds the headings)." },
      { "2. 「団体情報」などの 1 件だけのシートは 3 行目だけに記入します。",
        "2. Sheets that describe one thing (such as Body) use row 3 only." },
      { "3. セルを選ぶと、その項目の説明と必須・任意が表示されます。一覧のある項目は▼から選びます。",
        "3. Selecting a cell shows what the field means and whether it is required. Fields with a list have a drop-down." },
      { "4. 「はい」「いいえ」で答える項目のうち、手続や運用に関するものは証跡（文書名・日付・SHA-256）を「証跡」シートに書けます。",
        "4. Process facts answered Yes/No may cite evidence (title, date, SHA-256) on the Evidence sheet." },
      { "5. 他の行の ID を指す項目（資産ID など）は、資産シートに記入した ID から選びます。複数書くときは Alt+Enter で改行して区切ります。",
        "5. Fields naming ids (asset ids etc.) offer the ids of the Assets sheet; several values go one per line (Alt+Enter)." },
      { "6. 分からない項目を「はい」と書かないでください。判定は「申告なし・不明」を安全側に扱います。",
        "6. Do not answer Yes when you do not know: a missing or unclear fact is judged on the safe side." },
      { "7. 2 行目（非表示）と「選択肢」シートは kyojin が読むための行です。変更しないでください。セルの結合や数式は使えません。",
        "7. Row 2 (hidden) and the Choices sheet are read by kyojin: do not change them. Merged cells and formulas cannot be read." },
      { "8. 記入後は「kyojin check このファイル.xlsx」で検査できます。誤りは「シート名!セル」で示されます。",
        "8. Check the filled workbook with \"kyojin check FILE.xlsx\"; errors name the sheet and cell." },
    },
  },
  sheets = {
    { "団体情報", "Body", fields = { "schema", "$schema", "model", "body" } },
    { "資産", "Assets", list = "assets" },
    { "画面転送", "Screen transfer", list = "screen_transfer" },
    { "データ連携", "Data links", list = "data_links" },
    { "メール・無害化", "Mail and harmlessization", fields = { "mail", "harmlessization", "segment_boundary" } },
    { "媒体・保守・電子申請", "Media, maint., e-application",
      fields = { "removable_media", "remote_maintenance", "e_application" } },
    { "契約", "Contracts", list = "contracts" },
    { "脆弱性", "Vulnerabilities", list = "vulnerabilities" },
    { "組織", "Organisation", fields = { "organisation", "incident_response", "edr_service" } },
    { "インシデント対応事業者", "Incident-response vendors", list = "incident_response/partners" },
    { "監査", "Audits", list = "audits" },
    { "クラウドアカウント", "Cloud accounts", list = "cloud_accounts" },
    { "テレワーク等", "Telework etc.", fields = { "telework", "byod", "web_conferencing", "remote_access" } },
    { "外部サービス", "External services", list = "external_services" },
    { "ゼロトラストPC", "Zero-trust PC", fields = { "zero_trust_pc" } },
    { "攻撃ツリー", "Attack trees", list = "attack_trees" },
    { "攻撃の段階", "Attack steps", list = "attack_trees/steps" },
    { "例外承認", "Waivers", list = "waivers" },
  },
  evidence = {
    name = { "証跡", "Evidence" },
    columns = {
      { spec = "#evidence/target|t", "対象のセル（例: 組織!C3）", "the cell it supports (e.g. Organisation!C3)", width = 24,
        help = { "証跡が裏付ける「はい／いいえ」のセル（シート名!セル）、または JSON ポインタ",
                 "the Yes/No cell the evidence supports (Sheet!Cell), or a JSON pointer" } },
      { spec = "#evidence/title|s", "証跡の表題（文書名）", "title of the evidence (document name)", width = 36,
        help = { "証跡の表題（文書名）", "title of the evidence (document name)" } },
      { spec = "#evidence/date|d", "証跡の日付", "date of the evidence", width = 14,
        help = { "証跡の日付（例: 2026-04-01）", "date of the evidence (YYYY-MM-DD)" } },
      { spec = "#evidence/sha256|s", "証跡ファイルの SHA-256", "SHA-256 of the evidence file", width = 40,
        help = { "証跡ファイルの SHA-256（16進小文字64桁）", "SHA-256 of the evidence file (64 lowercase hex digits)" } },
    },
  },
  lists = { "選択肢", "Choices" },
}

return M
