-- BM-08 (β): lgwan business systems are used from the internet segment only through
-- screen transfer, and files taken into lgwan pass harmlessization (details: AL-01).
-- Also applies where an internet-segment terminal reaches lgwan by screen transfer
-- (S000: such a configuration is treated as β).
policy {
  id = "BM-08",
  requirements = { "BM-08" },
  level = "required",
  applies = function(decl)
    if decl.model == "beta" then return true end
    local c = kyojin.beta_screen_transfer(decl)
    if c ~= nil then return true end
    return false, {
      ja = "モデルが " .. tostring(decl.model) .. " であり、インターネット接続系端末から LGWAN 接続系への画面転送も申告されていないため対象外",
      en = "model is " .. tostring(decl.model) .. " and no screen transfer from an internet-segment terminal to lgwan is declared",
    }
  end,
  source = "S002 モデル比較表 βモデル「LGWAN接続系の画面転送」「無害化処理」; S000 個別の観点「βモデルとみなせる」",
  title = {
    ja = "LGWAN 接続系業務システムは画面転送でのみ利用し、取込ファイルは無害化する",
    en = "lgwan business systems used only through screen transfer; imported files harmlessized",
  },
  remediation = {
    ja = "インターネット接続系と LGWAN 接続系の間は画面転送の通信のみを許可し（segment_boundary.internet_lgwan_screen_transfer_only）、LGWAN 接続系に取り込むファイルはテキスト抽出・画像PDF化・サニタイズ等の無害化を経由させる（harmlessization.methods）。",
    en = "Permit only screen-transfer traffic between the internet and lgwan segments (segment_boundary.internet_lgwan_screen_transfer_only) and pass files taken into lgwan through harmlessization such as text extraction, image PDF or sanitization (harmlessization.methods).",
  },
  countermeasures = { "screen_transfer_isolation", "harmlessization" },
  check = function(decl, result, params)
    local why = kyojin.beta_reason(decl)
    local boundary = decl.segment_boundary
    if boundary ~= nil and boundary.internet_lgwan_screen_transfer_only == true then
      result:pass("/segment_boundary/internet_lgwan_screen_transfer_only", {
        ja = "インターネット接続系と LGWAN 接続系の間は画面転送のみ。",
        en = "Only screen transfer passes between the internet and lgwan segments.",
      })
    else
      result:fail("/segment_boundary/internet_lgwan_screen_transfer_only", {
        ja = "インターネット接続系から LGWAN 接続系業務システムへ画面転送以外の経路がある（segment_boundary.internet_lgwan_screen_transfer_only が true でない、" .. why.ja .. "）。画面転送以外の通信を遮断すること。",
        en = "lgwan business systems are reachable from the internet segment by other means than screen transfer (segment_boundary.internet_lgwan_screen_transfer_only is not true; " .. why.en .. "). Block every other path.",
      })
    end
    local h = decl.harmlessization
    local methods = h and h.methods
    if methods ~= nil and #methods > 0 then
      result:pass("/harmlessization/methods", {
        ja = "LGWAN 接続系への取込ファイルは無害化を経由する（" .. tostring(#methods) .. " 方式）。",
        en = "Files taken into lgwan pass harmlessization (" .. tostring(#methods) .. " method(s)).",
      })
    else
      result:fail("/harmlessization/methods", {
        ja = "LGWAN 接続系へ取り込むファイルの無害化方式が申告されていない（harmlessization.methods が空、" .. why.ja .. "）。無害化方式を導入すること（AL-01 参照）。",
        en = "No harmlessization method is declared for files taken into lgwan (harmlessization.methods is empty; " .. why.en .. "). Introduce one (see AL-01).",
      })
    end
  end,
}
