-- BM-01 (β, β′): unknown-malware countermeasure (EDR) on the business terminals of
-- the internet segment. Also applies when an internet-segment terminal reaches lgwan
-- business servers by screen transfer (S000: "βモデルとみなせる", ST-12).
policy {
  id = "BM-01",
  requirements = { "BM-01" },
  level = "required",
  applies = function(decl) return kyojin.beta_measures_apply(decl) end,
  source = "S002 β'モデル必須対策「未知の不正プログラム対策（エンドポイント対策）」; S003 ガイドライン改定案②",
  title = {
    ja = "業務端末の未知の不正プログラム対策（EDR）",
    en = "Unknown-malware countermeasure (EDR) on business terminals",
  },
  remediation = {
    ja = "インターネット接続系の業務端末すべてに EDR を導入し、パターンマッチングに加えて振る舞い検知を有効にし、セキュリティ専門家のマネージドサービスで監視させ、異常検出時にプロセス停止とネットワークからの論理的隔離を行い、インシデント発生要因の詳細な調査ができるようにする。改定案（S003）に従い、外部からの侵入やデータの持ち出し・外部との通信も検知対象とする。",
    en = "Deploy EDR on every business terminal of the internet segment with behaviour detection beyond pattern matching, monitored by a managed service of security specialists, stopping the process and logically isolating the terminal on detection, and supporting investigation of the cause. Following the S003 revision, also detect intrusion from outside and malicious activity such as data exfiltration and external communication.",
  },
  params = {
    require_exfiltration_detection = {
      default = true,
      type = "boolean",
      description = {
        ja = "S003 の改定案で追加された「外部からの侵入やデータの持ち出し・外部との通信」の検知を必須とするか（改定案の扱いは未確定）。",
        en = "Whether the detection of intrusion and of exfiltration / external communication added by the S003 revision proposal is required (the proposal's status is open).",
      },
    },
  },
  countermeasures = { "edr" },
  check = function(decl, result, params)
    local why = kyojin.beta_reason(decl)
    kyojin.edr_check_terminals(result, kyojin.beta_terminals(decl, "internet"), params.require_exfiltration_detection, {
      none = {
        ja = "インターネット接続系の業務端末（kind \"terminal\"、segment \"internet\"）が申告されていない（" .. why.ja .. "）。業務端末を申告すること。",
        en = "No business terminal of the internet segment (kind \"terminal\", segment \"internet\") is declared (" .. why.en .. "). Declare the business terminals.",
      },
      pass = function(name)
        return {
          ja = "業務端末 " .. name.ja .. "の EDR は要件を満たす。",
          en = "EDR of business terminal " .. name.en .. " meets the requirement.",
        }
      end,
      fail = function(name, text)
        return {
          ja = "業務端末 " .. name.ja .. "（" .. why.ja .. "）の未知の不正プログラム対策に不足：" .. text.ja .. "。controls.edr で該当機能を備えること。",
          en = "Unknown-malware countermeasure of business terminal " .. name.en .. " (" .. why.en .. ") lacks: " .. text.en .. ". Provide these in controls.edr.",
        }
      end,
    })
  end,
}
