-- BM-04 (β′, required part): access control per information asset according to its
-- confidentiality; business systems declaring data of confidentiality 2 or more (the
-- document servers and the like) are controlled at least per
-- division (課室). The per-section (係) part is the recommended policy BM-04-section.
policy {
  id = "BM-04",
  requirements = { "BM-04" },
  level = "required",
  models = { "beta_prime" },
  source = "S002 β'モデル必須対策「情報資産単位でのアクセス制御」（課室単位は必須）",
  title = {
    ja = "情報資産単位のアクセス制御（課室単位）",
    en = "Access control per information asset (per division)",
  },
  remediation = {
    ja = "情報資産の機密性レベルに応じて業務システム単位でアクセス制御を行い、文書を管理するサーバ等は課室単位でアクセスを制限する（controls.access_control.per_division）。",
    en = "Control access per business system according to the confidentiality of its information; servers that manage documents restrict access per division (controls.access_control.per_division).",
  },
  params = {
    min_confidentiality = {
      default = 2,
      type = "number",
      description = {
        ja = "課室単位のアクセス制御を必須とする情報の機密性の下限（1〜3）。データ区分（data）を申告しない資産は対象外。",
        en = "Lowest confidentiality (1-3) of the data for which per-division access control is required. Assets declaring no data classes are out of scope.",
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
        if ac ~= nil and ac.per_division == true then
          result:pass(a, {
            ja = "業務システム " .. name.ja .. " は課室単位でアクセス制御されている。",
            en = "Business system " .. name.en .. " controls access per division.",
          })
        else
          local lv, lv_en = "機密性" .. tostring(level), "confidentiality " .. tostring(level)
          result:fail(a, {
            ja = "業務システム " .. name.ja .. "（" .. lv .. "）に課室単位のアクセス制御（controls.access_control.per_division）が無い。課室単位でアクセスを制限すること。",
            en = "Business system " .. name.en .. " (" .. lv_en .. ") has no per-division access control (controls.access_control.per_division). Restrict access per division.",
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
