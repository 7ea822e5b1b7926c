-- BM-04 (β′, recommended part): access control per section (係) on the business
-- systems that manage confidential documents.
policy {
  id = "BM-04-section",
  requirements = { "BM-04" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 β'モデル必須対策「情報資産単位でのアクセス制御」（係単位は推奨）",
  title = {
    ja = "情報資産単位のアクセス制御（係単位）",
    en = "Access control per information asset (per section)",
  },
  remediation = {
    ja = "文書を管理するサーバ等では、課室単位に加えて係単位でアクセスを制限することを推奨する（controls.access_control.per_section）。",
    en = "For servers that manage documents, restricting access per section in addition to per division is recommended (controls.access_control.per_section).",
  },
  params = {
    min_confidentiality = {
      default = 2,
      type = "number",
      description = {
        ja = "係単位のアクセス制御を推奨する情報の機密性の下限（1〜3）。データ区分（data）を申告しない資産は対象外。",
        en = "Lowest confidentiality (1-3) of the data for which per-section access control is recommended. Assets declaring no data classes are out of scope.",
      },
    },
  },
  countermeasures = { "access_control" },
  check = function(decl, result, params)
    local systems = kyojin.beta_systems(decl, { lgwan = true, internet = true })
    local checked = 0
    for _, a in ipairs(systems) do
      local level = kyojin.asset_confidentiality(a)
      if level ~= nil and level >= params.min_confidentiality then
        checked = checked + 1
        local name = kyojin.caption_of_asset(a)
        local ac = a.controls and a.controls.access_control
        if ac ~= nil and ac.per_section == true then
          result:pass(a, {
            ja = "業務システム " .. name.ja .. " は係単位でアクセス制御されている。",
            en = "Business system " .. name.en .. " controls access per section.",
          })
        else
          result:fail(a, {
            ja = "業務システム " .. name.ja .. " に係単位のアクセス制御（controls.access_control.per_section）が無い。係単位の制限を推奨する。",
            en = "Business system " .. name.en .. " has no per-section access control (controls.access_control.per_section). Restricting access per section is recommended.",
          })
        end
      end
    end
    if checked == 0 then
      result:pass("/assets", {
        ja = "機密性の高い情報を扱う業務システムは申告されていない。",
        en = "No business system handling confidential information is declared.",
      })
    end
  end,
}
