-- BM-04 (β′, required part): access control per information asset according to its
-- confidentiality; servers that manage documents (and the like) restrict access at least
-- per division (課室). Which systems are in scope is the parameter `scope` (S002 names
-- only 文書を管理するサーバ等). The per-section (係) part is the recommended BM-04-section.
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
          ja = "アクセス制御（controls.access_control）を申告した文書サーバ等の業務システムが無い。文書を管理するサーバ等の課室単位のアクセス制御を申告すること。",
          en = "No business system such as a document server declares access control (controls.access_control). Declare per-division access control of the servers that manage documents.",
        })
      end
      return
    end
    for _, a in ipairs(systems) do
      local name = kyojin.caption_of_asset(a)
      local ac = a.controls and a.controls.access_control
      if ac ~= nil and ac.per_division == true then
        result:pass(a, {
          ja = "業務システム " .. name.ja .. "は課室単位でアクセス制御されている。",
          en = "Business system " .. name.en .. " controls access per division.",
        })
      else
        local level = kyojin.asset_confidentiality(a)
        local lv = level ~= nil and ("、機密性" .. tostring(level)) or ""
        local lv_en = level ~= nil and (", confidentiality " .. tostring(level)) or ""
        result:fail(a, {
          ja = "業務システム " .. name.ja .. "（" .. tostring(a.segment) .. lv .. "）に課室単位のアクセス制御（controls.access_control.per_division）が無い。課室単位でアクセスを制限すること。",
          en = "Business system " .. name.en .. " (" .. tostring(a.segment) .. lv_en .. ") has no per-division access control (controls.access_control.per_division). Restrict access per division.",
        })
      end
    end
  end,
}
