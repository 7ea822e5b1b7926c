-- BM-04 (β′, recommended part): access control per section (係) on the servers that
-- manage documents and the like (scope as in BM-04).
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
    scope = {
      default = "document_servers",
      type = "string",
      values = { "document_servers", "confidential_systems" },
      description = {
        ja = "対象とする業務システム。document_servers: access_control を申告した文書サーバ等（S002 が明示するのは「文書を管理するサーバ等」）。confidential_systems: それに加え、min_confidentiality 以上の情報を扱うすべての業務システム。",
        en = "Business systems in scope. document_servers: those declaring access_control (document servers and the like, which S002 names explicitly). confidential_systems: also every business system holding data of min_confidentiality or more.",
      },
    },
    min_confidentiality = {
      default = 2,
      type = "number",
      description = {
        ja = "scope が confidential_systems のとき対象とする情報の機密性の下限（1〜3）。",
        en = "With scope confidential_systems, the lowest confidentiality (1-3) of the data that brings a system in scope.",
      },
    },
  },
  countermeasures = { "access_control" },
  check = function(decl, result, params)
    local systems = kyojin.beta_access_control_scope(decl, params.scope, params.min_confidentiality)
    if #systems == 0 then
      if params.scope == "confidential_systems" then
        result:pass("/assets", {
          ja = "機密性の高い情報を扱う業務システムも、アクセス制御を申告した文書サーバ等も無い。",
          en = "No business system holds confidential data or declares access control.",
        })
      else
        result:fail("/assets", {
          ja = "アクセス制御（controls.access_control）を申告した文書サーバ等の業務システムが無い。文書を管理するサーバ等の係単位のアクセス制御を申告すること。",
          en = "No business system such as a document server declares access control (controls.access_control). Declare per-section access control of the servers that manage documents.",
        })
      end
      return
    end
    for _, a in ipairs(systems) do
      local name = kyojin.caption_of_asset(a)
      local ac = a.controls and a.controls.access_control
      if ac ~= nil and ac.per_section == true then
        result:pass(a, {
          ja = "業務システム " .. name.ja .. "は係単位でアクセス制御されている。",
          en = "Business system " .. name.en .. " controls access per section.",
        })
      else
        local level = kyojin.asset_confidentiality(a)
        local lv = level ~= nil and ("、機密性" .. tostring(level)) or ""
        local lv_en = level ~= nil and (", confidentiality " .. tostring(level)) or ""
        result:fail(a, {
          ja = "業務システム " .. name.ja .. "（" .. tostring(a.segment) .. lv .. "）に係単位のアクセス制御（controls.access_control.per_section）が無い。係単位でアクセスを制限することを推奨する。",
          en = "Business system " .. name.en .. " (" .. tostring(a.segment) .. lv_en .. ") has no per-section access control (controls.access_control.per_section). Restricting access per section is recommended.",
        })
      end
    end
  end,
}
