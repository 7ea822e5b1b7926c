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
for i, c in ipairs(countermeasures) do cms[i] = { id = c.id, ja = c.name.ja, en = c.name.en } end

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
  -- levels of a policy (kyojin.dsl)
  levels = words{
    { "required", "必須", "required" },
    { "recommended", "推奨", "recommended" },
    { "info", "参考", "info" },
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
  asset_kinds = enum("asset_kind"),
  segments = enum("segment"),
  models = enum("model"),
  countermeasures = cms,
}
