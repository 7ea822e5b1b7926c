-- BM-01 for α′ (recommended): the unknown-malware countermeasure on the lgwan business
-- terminals that reach cloud services by local breakout (S003: "α'モデルでは推奨"), in α′
-- bodies and wherever a declared configuration brings in the α′ measures
-- (kyojin.st_applies: a DaaS used from lgwan, a ①c data link).
policy {
  id = "BM-01-ap",
  requirements = { "BM-01" },
  level = "recommended",
  applies = function(decl)
    return kyojin.st_applies(decl, { "alpha_prime" }, { "alpha_prime" })
  end,
  source = "S003 各対策の詳細（被害拡大防止）「β、β'モデルでは必須、α'モデルでは推奨」",
  title = {
    ja = "α′モデルのLGWAN接続系業務端末の未知の不正プログラム対策（EDR）",
    en = "Unknown-malware countermeasure (EDR) on lgwan business terminals in α′",
  },
  remediation = {
    ja = "ローカルブレイクアウトするLGWAN接続系の業務端末に、従来のパターンマッチング型の検知に加えて振る舞いを検知するEDRを導入することをお勧めします。セキュリティ専門家のマネージドサービスによる監視、異常検出時のプロセス停止と論理的な隔離、インシデントの原因の調査、外部からの侵入やデータの持ち出しの検知を備えてください。",
    en = "Deploying EDR on the lgwan business terminals that break out locally is recommended: behaviour detection, monitoring by a managed service of security specialists, stopping and logically isolating on detection, investigation of the cause, and detection of intrusion and exfiltration.",
  },
  -- the open point of the S003 revision is one parameter, BM-01's
  restates = { "BM-01" },
  countermeasures = { "edr" },
  check = function(decl, result, params)
    kyojin.edr_check_terminals(result, kyojin.beta_terminals(decl, "lgwan"), params["BM-01"].require_exfiltration_detection, {
      none = {
        ja = "LGWAN接続系の業務端末の申告がありません（不明）。業務端末を資産として申告してください。",
        en = "No business terminal of the lgwan segment (kind \"terminal\", segment \"lgwan\") is declared. Declare the business terminals.",
      },
      pass = function(name)
        return {
          ja = "LGWAN接続系の業務端末" .. name.ja .. "のEDRは推奨事項を満たしています。",
          en = "EDR of lgwan business terminal " .. name.en .. " meets the recommendation.",
        }
      end,
      fail = function(name, text)
        return {
          ja = "LGWAN接続系の業務端末" .. name.ja .. "（α′モデル）の未知の不正プログラム対策で、次が足りません：" .. text.ja .. "。備えることをお勧めします。",
          en = "Unknown-malware countermeasure of lgwan business terminal " .. name.en .. " (α′) lacks: " .. text.en .. ". Providing them is recommended.",
        }
      end,
    })
  end,
}
