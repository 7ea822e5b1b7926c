-- BM-01 for α′ (recommended): the unknown-malware countermeasure on the lgwan business
-- terminals that reach cloud services by local breakout (S003: "α'モデルでは推奨").
policy {
  id = "BM-01-ap",
  requirements = { "BM-01" },
  level = "recommended",
  models = { "alpha_prime" },
  source = "S003 各対策の詳細（被害拡大防止）「β、β'モデルでは必須、α'モデルでは推奨」",
  title = {
    ja = "α′モデルの LGWAN 接続系業務端末の未知の不正プログラム対策（EDR）",
    en = "Unknown-malware countermeasure (EDR) on lgwan business terminals in α′",
  },
  remediation = {
    ja = "ローカルブレイクアウトする LGWAN 接続系の業務端末に EDR を導入し、振る舞い検知、セキュリティ専門家のマネージドサービスによる監視、異常検出時のプロセス停止と論理的隔離、インシデント発生要因の調査、外部からの侵入やデータの持ち出しの検知を備えることを推奨する。",
    en = "Deploying EDR on the lgwan business terminals that break out locally is recommended: behaviour detection, monitoring by a managed service of security specialists, stopping and logically isolating on detection, investigation of the cause, and detection of intrusion and exfiltration.",
  },
  params = {
    require_exfiltration_detection = {
      default = true,
      type = "boolean",
      description = {
        ja = "S003 改定案の「外部からの侵入やデータの持ち出し・外部との通信」の検知を求めるか。",
        en = "Whether the detection of intrusion and exfiltration added by the S003 revision proposal is expected.",
      },
    },
  },
  countermeasures = { "edr" },
  check = function(decl, result, params)
    kyojin.edr_check_terminals(result, kyojin.beta_terminals(decl, "lgwan"), params.require_exfiltration_detection, {
      none = {
        ja = "LGWAN 接続系の業務端末（kind \"terminal\"、segment \"lgwan\"）が申告されていない。業務端末を申告すること。",
        en = "No business terminal of the lgwan segment (kind \"terminal\", segment \"lgwan\") is declared. Declare the business terminals.",
      },
      pass = function(name)
        return {
          ja = "LGWAN 接続系業務端末 " .. name.ja .. "の EDR は推奨事項を満たす。",
          en = "EDR of lgwan business terminal " .. name.en .. " meets the recommendation.",
        }
      end,
      fail = function(name, text)
        return {
          ja = "LGWAN 接続系業務端末 " .. name.ja .. "（α′モデル）の未知の不正プログラム対策に不足：" .. text.ja .. "。controls.edr で該当機能を備えることを推奨する。",
          en = "Unknown-malware countermeasure of lgwan business terminal " .. name.en .. " (α′) lacks: " .. text.en .. ". Providing these in controls.edr is recommended.",
        }
      end,
    })
  end,
}
