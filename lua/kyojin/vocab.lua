-- kyojin.vocab — the words of the domain that reports show, in Japanese and English, in the
-- order they are shown. The C report writers read this module once at start-up
-- (core/report/report_vocab.c); they hold no list of kinds, segments, models, statuses,
-- levels, requirement families or countermeasures of their own.
--
-- Sources: asset kinds, segments and models are the enumerations of kyojin.schema (the short
-- label when the entry has one, else its label); countermeasures are the risk catalog
-- kyojin.risk.countermeasures (its order is the column order of the asset-based sheet);
-- result statuses, policy levels and requirement families are defined here.
--
-- Every list holds entries { id = …, ja = …, en = … }; an entry may add short_ja / short_en,
-- the word of narrow table columns and one-line summaries (kyojin summary, diff, JUnit), where
-- it differs; models carry the symbol of the text report (α, α′, …).
local schema = require("kyojin.schema")
local countermeasures = require("kyojin.risk.countermeasures")

local function enum(name)
  local out = {}
  for i, e in ipairs(schema.enums[name]) do
    local short = e.short or { e[2], e[3] }
    out[i] = { id = e[1], ja = short[1], en = short[2], symbol = e.symbol }
  end
  return out
end

local function words(list)
  local out = {}
  for i, w in ipairs(list) do
    out[i] = { id = w[1], ja = w[2], en = w[3] }
    if w.short then out[i].short_ja, out[i].short_en = w.short[1], w.short[2] end
  end
  return out
end

local cms = {}
for i, c in ipairs(countermeasures) do
  cms[i] = { id = c.id, ja = c.name.ja, en = c.name.en, stage = c.category }
end

return {
  -- results of a policy (docs/dev/interfaces.md §5), in the order of the report's summary
  statuses = words{
    { "fail", "不適合", "fail" },
    { "warn", "推奨未達", "warning", short = { "推奨未達", "warn" } },
    { "error", "評価エラー", "error" },
    { "waived", "例外承認", "waived" },
    { "pass", "適合", "pass" },
    { "not_applicable", "対象外", "not applicable" },
    { "info", "参考", "info" },
  },
  -- levels of a policy: the ones kyojin.dsl accepts. A required policy that fails or errs
  -- makes the body non-compliant; a recommended one's failures are warnings; an info one
  -- classifies. A preview policy (a new requirement being rolled out) is evaluated and shown
  -- like the others but never changes the verdict, the exit code or the risk scoring.
  levels = words{
    { "required", "必須", "required" },
    { "recommended", "推奨", "recommended" },
    { "info", "参考", "info" },
    { "preview", "試行", "preview" },
  },
  -- requirement families (the two letters of a requirement id, policies/catalog.lua)
  families = words{
    { "ST", "画面転送（マイナンバー利用事務系）", "Screen transfer into the My Number segment" },
    { "BM", "βモデル・β′モデル", "β and β′ models" },
    { "AL", "αモデルと無害化", "α model and harmlessization" },
    { "AP", "α′モデル（ローカルブレイクアウト）", "α′ model (local breakout)" },
    { "PV", "パッチ・脆弱性・SBOM・インシデント対応", "Patching, vulnerabilities, SBOM, incident response" },
    { "TW", "テレワーク・リモートアクセス・BYOD・Web会議", "Telework, remote access, BYOD, web conferencing" },
    { "ES", "外部サービス", "External services" },
    { "DL", "外部記録媒体を用いないデータ連携", "Data linking without removable media" },
    { "ZT", "ゼロトラストPC", "Zero-trust PC" },
  },
  -- the words of the auditor's report (HTML, XLSX) that are not column headings: the audit
  -- record (issue date, assessor, signatures), the scope and method statement, the evidence
  -- basis of a finding ("evidence_" .. the finding's evidence value) and the print layout.
  -- core/report/report_labels.c looks a report word up here first.
  report = words{
    { "report_date", "発行日", "Issue date" },
    { "assessor", "評価者", "Assessor" },
    { "reviewer", "確認者", "Reviewer" },
    { "contact", "被評価団体の連絡先", "Contact at the assessed body" },
    { "signatures", "署名欄", "Signatures" },
    { "sign_role", "役割", "Role" },
    { "sign_name", "氏名・所属", "Name and organisation" },
    { "sign_date", "日付", "Date" },
    { "sign_here", "署名または記名押印", "Signature or name and seal" },
    { "scope", "評価の範囲と方法", "Scope and method" },
    { "scope_basis",
      "この報告書は、団体が自ら作成した構成申告（自己申告）に基づく評価です。申告の内容を、ポリシーパックが表す要件と照合しました。機器の設定や文書の現物は、この照合では確認していません。",
      "This report assesses the body's own declaration of its configuration (a self-declaration). The declaration was checked against the requirements the policy pack encodes; device settings and the documents themselves were not inspected by this check." },
    { "scope_evidence",
      "運用・手続に関する事実のうち、証跡（文書名・日付・SHA-256）が申告されたものを「証跡あり」、true とだけ申告されたものを「申告のみ」と示します。証跡の文書が記載の SHA-256 と一致するかは、評価者が文書の現物で確かめてください。",
      "Process facts declared with an evidence reference (title, date, SHA-256) are marked \"evidenced\"; facts declared only as true are marked \"declared only\". The assessor checks that each document matches the SHA-256 given." },
    { "scope_method",
      "判定は、必須のポリシーに不適合または評価エラーが一つもないときに「準拠」です。リスク値は IPA「制御システムのセキュリティリスク分析ガイド」の手法（資産ベース・事業被害ベース）で求めました。",
      "The verdict is \"compliant\" when no required policy fails or errs. Risk values follow the IPA method (asset based and business-damage based) of its security risk analysis guide for control systems." },
    { "guideline", "対象のガイドライン", "Guideline" },
    { "guideline_edition",
      "総務省「地方公共団体における情報セキュリティポリシーに関するガイドライン」（令和4年3月版）と、その改定に係る検討資料（S000〜S004、令和6年2月〜令和8年6月）",
      "MIC \"Guidelines for information security policies of local governments\" (March 2022 edition) and the documents of its revision (S000–S004, February 2024 – June 2026)" },
    { "policy_pack", "ポリシーパック", "Policy pack" },
    { "facts", "申告された運用・手続の事実", "Declared process facts" },
    { "facts_evidenced", "証跡あり", "evidenced" },
    { "facts_declared", "申告のみ", "declared only" },
    { "evidence_declared", "申告のみ", "declared only" },
    { "evidence_evidenced", "証跡あり", "evidenced" },
    { "evidence_doc", "証跡", "Evidence document" },
    { "passed", "適合した項目（要件・対象ごと）", "What passed (by requirement and subject)" },
    { "not_applicable_list", "対象外のポリシー", "Policies that do not apply" },
    { "results_table", "要件ごとの結果", "Results by requirement" },
    { "risk_by_asset", "資産ごとのリスク（資産×脅威）", "Risk by asset (asset × threat)" },
    { "threats_of_asset", "脅威とリスク値", "Threats and risk values" },
    { "target_worst", "対象装置（最大のリスク値）", "Target device (highest risk value)" },
    { "message_subject", "内容（対象・行）", "Message (subject, line)" },
    { "cms_not_effective", "効いていない対策（無効にしたポリシー）", "Countermeasures not in effect (policies that invalidate them)" },
    { "appendix", "付録", "Appendix" },
    { "detail_note", "全行のリスク分析表は --detail full を指定すると付録として出力されます。", "The risk tables with every row are printed as an appendix with --detail full." },
    { "inputs", "入力と検証値", "Inputs and their hashes" },
    { "page", "ページ", "page" },
    { "not_stated", "（記載なし）", "(not stated)" },
    { "preview_note", "試行中のポリシーです。判定・終了コード・リスク値には影響しません。",
      "A policy in preview: it changes no verdict, exit code or risk value." },
  },
  -- the sources (seeds) the policies cite, by the code that opens a policy's `source`
  sources = words{
    { "S000", "マイナンバー利用事務系の画面転送に係るリスク分析について（令和6年11月27日）", "Risk analysis of screen transfer into the My Number segment (2024-11-27)" },
    { "S001", "電磁的記録媒体を利用しないデータ連携におけるリスクアセスメントの実施について（令和8年6月8日）", "Risk assessment of data linking without removable media (2026-06-08)" },
    { "S002", "自治体セキュリティ強靱化策の見直し（α・β・β′モデル、ガイドライン抜粋）", "Revision of the local-government security hardening (α, β, β′ models; guideline extracts)" },
    { "S003", "直近のインシデントについて（令和7年1月31日）", "Recent incidents (2025-01-31)" },
    { "S004", "ガイドラインの改定等に係る検討会（第11回）議事概要（令和6年2月1日）", "Review meeting on the guideline revision, 11th session, summary (2024-02-01)" },
  },
  asset_kinds = enum("asset_kind"),
  segments = enum("segment"),
  models = enum("model"),
  countermeasures = cms,
  -- the stages of the IPA method a countermeasure stands in (a countermeasure's `stage`: its
  -- catalog category), in the column order of the risk sheets
  stages = words{
    { "intrusion", "防御：侵入/拡散段階", "Defence: intrusion/spread" },
    { "objective", "防御：目的遂行段階", "Defence: objective" },
    { "detection", "検知/被害把握", "Detection/damage assessment" },
    { "continuity", "事業継続", "Business continuity" },
  },
}
