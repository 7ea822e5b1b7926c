-- BM-07 (β′, recommended), encryption part: databases and files are encrypted so that
-- leaked copies cannot be read. The DLP and shadow-IT parts are BM-07-dlp and
-- BM-07-shadow-it (separate so that each failure removes only its own countermeasure).
policy {
  id = "BM-07",
  requirements = { "BM-07" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 β'モデル 情報漏えい対策「データベースやファイルの暗号化」",
  title = {
    ja = "データベース・ファイルの暗号化",
    en = "Encryption of databases and files",
  },
  remediation = {
    ja = "万が一ファイルが外部に漏えいしても解読できないよう、機密性の高い情報を保存する業務システムと業務端末のデータベース・ファイルを暗号化します。",
    en = "Encrypt the databases and files of the business systems and terminals that store confidential information, so that leaked copies cannot be read (controls.encryption.at_rest).",
  },
  params = {
    min_confidentiality = {
      default = 2,
      type = "number",
      description = {
        ja = "保存時の暗号化を求める情報の機密性の下限（1〜3）。",
        en = "Lowest confidentiality (1-3) of the stored data for which encryption at rest is expected.",
      },
    },
  },
  countermeasures = { "encryption" },
  check = function(decl, result, params)
    local kinds = { terminal = true, server = true, database = true, storage = true }
    local segments = { lgwan = true, internet = true }
    local checked = 0
    for _, a in ipairs(decl.assets) do
      if kinds[a.kind] and segments[a.segment] then
        local level = kyojin.asset_confidentiality(a)
        if level ~= nil and level >= params.min_confidentiality then
          checked = checked + 1
          local name = kyojin.caption_of_asset(a)
          local enc = a.controls and a.controls.encryption
          if enc ~= nil and enc.at_rest == true then
            result:pass(a, {
              ja = "資産" .. name.ja .. "の保存データは暗号化されています。",
              en = "Stored data of asset " .. name.en .. " is encrypted.",
            })
          else
            result:fail(a, {
              ja = "機密性" .. tostring(level) .. "の情報を保存する資産" .. name.ja .. "のデータベース・ファイルが暗号化されていません。漏えい時に解読されないよう暗号化をお勧めします。",
              en = "Asset " .. name.en .. " stores confidentiality-" .. tostring(level) .. " information without encrypting its databases and files (controls.encryption.at_rest). Encryption is recommended so that leaked copies cannot be read.",
            })
          end
        end
      end
    end
    if checked == 0 then
      result:pass("/assets", {
        ja = "機密性の高い情報を保存する業務システム・業務端末は申告されていません。",
        en = "No business system or terminal storing confidential information is declared.",
      })
    end
  end,
}
