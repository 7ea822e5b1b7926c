-- The edition of this policy pack (data, not a policy: kyojin reads it beside the policies,
-- like catalog.lua, and records it in every result as policy_set.edition).
--
-- edition: the pack's own version (letters, digits, '.', '_', '-'), raised whenever a policy
-- is added, removed, or changes its level, parameters or check; it is not the guideline's
-- edition. date: the date of the newest source document the requirements encode (S001 of
-- 令和8年6月8日; the guideline itself is the March 2022 edition, vocab.lua guideline_edition).
-- title: what a reader sees next to the policy-set hash, in both languages.
-- `kyojin impact --old-policies A --new-policies B` shows what a new edition changes.
return {
  edition = "2026.1",
  date = "2026-06-08",
  title = {
    ja = "kyojin ポリシーパック 2026.1（ガイドライン令和4年3月版と改定の検討資料 S000〜S004 〔令和8年6月まで〕に基づく）",
    en = "kyojin policy pack 2026.1 (the guideline's March 2022 edition and the documents of its revision, S000–S004, up to June 2026)",
  },
}
