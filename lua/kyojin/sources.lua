-- kyojin.sources — the source documents the requirements come from, by the seed code the
-- policies cite (S000 … S004, ../shared/requirements.md), with the names users read.
-- A seed code is never shown bare: the DSL (kyojin.dsl) replaces every code in a policy's
-- source, title, remediation and parameter descriptions by the document's name, and
-- kyojin.register (lint, policy tests) rejects a bare code in any text users see.
local M = {}

M.documents = {
  { code = "S000", ja = "画面転送のリスク分析", en = "the screen-transfer risk analysis",
    title = "マイナンバー利用事務系の画面転送に係るリスク分析について（2024年11月27日）" },
  { code = "S001", ja = "データ連携のリスクアセスメント", en = "the data-link risk assessment",
    title = "電磁的記録媒体を利用しないデータ連携におけるリスクアセスメントの実施について（2026年6月8日）" },
  { code = "S002", ja = "強靱化モデルとガイドラインの資料", en = "the hardening-model and guideline material",
    title = "ゼロトラストモデル（α・β・β′）、強靱化の経緯、ガイドライン抜粋" },
  { code = "S003", ja = "VDI侵害事案の報告", en = "the VDI intrusion report",
    title = "直近のインシデント（VDI侵害事案、2025年1月31日）と対策" },
  { code = "S004", ja = "第11回検討会の議事概要", en = "the minutes of the 11th study-group meeting",
    title = "ガイドラインの改定等に係る検討会（第11回、2024年2月1日）議事概要" },
}

local by_code = {}
for _, d in ipairs(M.documents) do by_code[d.code] = d end

-- name(code, lang) -> the document's name ("ja": 「…」 quoted, "en": plain), or nil.
function M.name(code, lang)
  local d = by_code[code]
  if not d then return nil end
  if lang == "en" then return d.en end
  return "「" .. d.ja .. "」"
end

-- expand(text, lang) -> text with every seed code replaced by the document's name (in
-- Japanese a following space is dropped), and the number of codes replaced.
function M.expand(text, lang)
  local n = 0
  local out = text:gsub("S00%d ?", function(m)
    local code = m:sub(1, 4)
    local name = M.name(code, lang)
    if not name then return m end
    n = n + 1
    if lang == "en" then return name .. m:sub(5) end
    return name
  end)
  return out, n
end

return M
