-- BM-07 (β′, recommended), shadow-IT part: access to external services the
-- organisation has not approved is monitored and blocked at the web gateways of the
-- internet segment (S002 β′ risk table No.7: 許可されていないクラウドサービスへのアップロード).
policy {
  id = "BM-07-shadow-it",
  requirements = { "BM-07" },
  level = "recommended",
  models = { "beta_prime" },
  source = "S002 β'モデル 情報漏えい対策「組織が許可していない外部接続先のサービスへのアクセスを監視、遮断」",
  title = {
    ja = "許可していない外部サービスへのアクセスの監視・遮断（シャドーIT対策）",
    en = "Monitoring and blocking of unapproved external services (shadow IT)",
  },
  remediation = {
    ja = "インターネット接続系の Web ゲートウェイ（プロキシ）で URL フィルタリング等により、組織が許可していない外部サービスへのアクセスを監視・遮断することを推奨する（controls.url_filtering）。",
    en = "Monitoring and blocking access to external services the organisation has not approved at the web gateways (proxies) of the internet segment, e.g. by URL filtering, is recommended (controls.url_filtering).",
  },
  countermeasures = { "url_filtering" },
  check = function(decl, result, params)
    local gateways = kyojin.beta_assets_where(decl, function(a)
      return a.kind == "gateway" and a.segment == "internet"
    end)
    if #gateways == 0 then
      result:fail("/assets", {
        ja = "インターネット接続系の Web ゲートウェイ（kind \"gateway\"）が申告されておらず、許可していない外部サービスへのアクセスを監視・遮断する仕組みが確認できない。ゲートウェイを申告し URL フィルタリングを行うことを推奨する。",
        en = "No web gateway (kind \"gateway\") of the internet segment is declared, so no monitoring or blocking of unapproved external services can be found. Declaring a gateway with URL filtering is recommended.",
      })
      return
    end
    for _, a in ipairs(gateways) do
      local name = kyojin.caption_of_asset(a)
      if a.controls ~= nil and a.controls.url_filtering == true then
        result:pass(a, {
          ja = "ゲートウェイ " .. name.ja .. " で外部サービスへのアクセスを監視・遮断している。",
          en = "Gateway " .. name.en .. " monitors and blocks access to external services.",
        })
      else
        result:fail(a, {
          ja = "ゲートウェイ " .. name.ja .. " に URL フィルタリングが無く（controls.url_filtering）、許可していない外部サービスへのアクセスを監視・遮断できない。設定を推奨する。",
          en = "Gateway " .. name.en .. " has no URL filtering (controls.url_filtering), so access to unapproved external services is neither monitored nor blocked. Enabling it is recommended.",
        })
      end
    end
  end,
}
