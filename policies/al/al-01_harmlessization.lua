-- AL-01: files taken from the internet segment into lgwan pass at least one
-- harmlessization method (S002 無害化の定義, ガイドライン iii-41/42 (ウ)).
local STRONG = {
  text_extraction = { "テキスト抽出", "text extraction" },
  image_pdf = { "画像PDF変換", "conversion to image PDF" },
  cdr = { "サニタイズ（CDR）", "sanitisation (CDR)" },
}

policy {
  id = "AL-01",
  requirements = { "AL-01" },
  level = "required",
  models = { "alpha", "beta" },
  source = "S002 無害化の定義（ガイドライン iii-41～42 (ウ) 危険因子をファイルから除去…取り込む方式）",
  title = {
    ja = "インターネット接続系からのファイル取込みの無害化",
    en = "Harmlessization of files entering lgwan",
  },
  remediation = {
    ja = "インターネット接続系からLGWAN接続系へファイルを取り込む際は、テキスト抽出、画像PDF変換、サニタイズ（CDR）、又は目視確認と未知の不正プログラムを検知・実行防止するソフトウェアの併用のいずれかで無害化してください。",
    en = "Harmlessize every file taken from the internet segment into lgwan: text extraction, image PDF, sanitisation (CDR), or a visual check together with software that detects and blocks unknown malware.",
  },
  countermeasures = { "harmlessization" },
  check = function(decl, result)
    local h = kyojin.get(decl, "harmlessization")
    local methods = kyojin.get(h, "methods")
    local subject = h or "/harmlessization"
    if type(methods) == "table" or type(methods) == "userdata" then
      for _, m in ipairs(methods) do
        if STRONG[m] then
          result:pass(subject, {
            ja = "無害化方式として" .. STRONG[m][1] .. "を使っています。",
            en = "harmlessization method: " .. STRONG[m][2] .. ".",
          })
          return
        end
      end
    end
    if kyojin.al_has_method(decl, "visual_check") then
      if kyojin.get(h, "unknown_malware_detection") == true then
        result:pass(subject, {
          ja = "無害化方式：目視確認と未知の不正プログラム検知ソフトウェアを併用しています。",
          en = "harmlessization method: visual check with unknown-malware detection software.",
        })
      else
        result:fail(subject, {
          ja = "無害化方式が目視確認のみで、未知の不正プログラムを検知・実行防止するソフトウェアが併用されていません。目視確認は製品と併せて行う方式です。",
          en = "the only harmlessization method is a visual check without software that detects and blocks unknown malware (unknown_malware_detection); the visual check is meant to accompany such a product.",
        })
      end
      return
    end
    result:fail(subject, {
      ja = "インターネット接続系からLGWAN接続系へ取り込むファイルの無害化方式が申告されていません。テキスト抽出、画像PDF変換、サニタイズ（CDR）等を導入してください。",
      en = "no harmlessization method is declared for files taken from the internet segment into lgwan (harmlessization.methods); introduce text extraction, image-PDF conversion, sanitisation (CDR) or similar.",
    })
  end,
}
