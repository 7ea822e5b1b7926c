-- AL-06: where "visual check" is the harmlessization method, the human check of sender,
-- subject, wording and fonts (注5) is part of the procedure, next to the product.
policy {
  id = "AL-06",
  requirements = { "AL-06" },
  level = "required",
  applies = function(decl)
    if kyojin.al_has_method(decl, "visual_check") then return true end
    return false, {
      ja = "無害化方式に目視確認が含まれていないため対象外です。",
      en = "visual check is not among the harmlessization methods",
    }
  end,
  source = "S002 無害化の定義（注5「目視で確認」…製品の導入に加え、人的対策として「目視で確認」を求める）",
  title = {
    ja = "目視確認の手順（送信元・件名・文面・フォント）",
    en = "Visual-check procedure (sender, subject, wording, fonts)",
  },
  remediation = {
    ja = "目視確認の手順に、送信元（見覚えのない・フリー・類似ドメインのアドレスでないか）、件名、本文の内容、見慣れない日本語やフォントの確認を定め、未知の不正プログラムを検知するソフトウェアと併用してください。",
    en = "Write the visual check into the procedure — sender (unknown, free or look-alike address), subject, wording, unfamiliar Japanese or fonts — and use it together with software detecting unknown malware.",
  },
  countermeasures = { "harmlessization" },
  check = function(decl, result)
    local h = kyojin.get(decl, "harmlessization")
    local p = kyojin.get(h, "visual_check_procedure")
    local items = {
      { "sender", "送信元", "sender" },
      { "subject", "件名", "subject" },
      { "wording", "文面", "wording" },
      { "fonts", "日本語・フォント", "Japanese and fonts" },
    }
    local bad_ja, bad_en = {}, {}
    for _, it in ipairs(items) do
      if kyojin.get(p, it[1]) ~= true then bad_ja[#bad_ja + 1] = it[2]; bad_en[#bad_en + 1] = it[3] end
    end
    if kyojin.get(h, "unknown_malware_detection") ~= true then
      bad_ja[#bad_ja + 1] = "未知の不正プログラム検知ソフトウェアの併用"
      bad_en[#bad_en + 1] = "software detecting unknown malware alongside"
    end
    if #bad_ja > 0 then
      result:fail(h, {
        ja = "目視確認の手順に次が含まれていません：" .. table.concat(bad_ja, "、") .. "。",
        en = "the visual-check procedure lacks: " .. table.concat(bad_en, ", ") .. ".",
      })
    else
      result:pass(h)
    end
  end,
}
