-- DL-03: where data links use a cloud model (②③④), cloud accounts use MFA, least
-- privilege, audit logs and alerts ordinary administrators cannot disable, every API
-- under security control, and billing alerts (S001 想定する起点 T1078/T1190, 事業被害④).
local CHECKS = {
  { "mfa", "多要素認証（T1078正規アカウントの悪用対策）", "multi-factor authentication (against T1078 valid accounts)" },
  { "iam_least_privilege", "IAM権限の最小化", "least-privilege IAM" },
  { "audit_log_protected", "監査ログを一般管理者が無効化できない保護", "audit logs protected from ordinary administrators" },
  { "alerts_protected", "アラートを一般管理者が無効化できない保護", "alerts protected from ordinary administrators" },
  { "api_inventory", "全APIのセキュリティ管理下での把握（管理外APIなし）", "every API under security control (no API outside it)" },
  { "billing_alerts", "課金アラート（大量通信による多額課金事業被害④への備え）", "billing alerts (against mass-traffic charges, business damage ④)" },
}

policy {
  id = "DL-03",
  requirements = { "DL-03" },
  level = "required",
  applies = function(decl)
    local links = decl.data_links
    if kyojin.is_array(links) then
      for _, l in ipairs(links) do
        for _, code in ipairs(kyojin.dl_effective_models(decl, l)) do
          if kyojin.dl_is_cloud(code) then return true end
        end
      end
    end
    return false, {
      ja = "クラウドを利用するデータ連携（検証モデル②③④）が申告されていないため対象外です。",
      en = "no data link of a cloud model (2, 3, 4) is declared",
    }
  end,
  source = "S001 事業被害ベースのリスク分析計画（T1078 Valid Accounts、(クラウド) 監査ログ・アラート無効化、事業被害④ 多額の課金）",
  title = {
    ja = "クラウドアカウントの保護（MFA・最小権限・ログ保護・API管理・課金アラート）",
    en = "Cloud accounts protected (MFA, least privilege, logs, APIs, billing)",
  },
  remediation = {
    ja = "クラウドアカウントに多要素認証を設定し、IAM権限を最小化し、監査ログとアラートを一般管理者が無効化できないようにし、全APIをセキュリティ管理下に置き、課金アラートを設定してください。",
    en = "Give cloud accounts MFA and least-privilege IAM, protect audit logs and alerts from ordinary administrators, keep every API under security control and set billing alerts.",
  },
  countermeasures = {
    { id = "mfa", kinds = { "cloud_service" } },
    { id = "privilege_mgmt", kinds = { "cloud_service" } },
  },
  check = function(decl, result)
    local accounts = decl.cloud_accounts
    if not kyojin.is_array(accounts) or #accounts == 0 then
      result:fail("/cloud_accounts", {
        ja = "クラウドを利用するデータ連携がありますが、クラウドアカウントが申告されていません。利用するクラウドアカウントとその保護状況を申告してください。",
        en = "cloud data links are declared but no cloud account (cloud_accounts); declare the accounts used and how they are protected.",
      })
      return
    end
    for _, ca in ipairs(accounts) do
      local bad_ja, bad_en = {}, {}
      for _, c in ipairs(CHECKS) do
        if ca[c[1]] ~= true then bad_ja[#bad_ja + 1] = c[2]; bad_en[#bad_en + 1] = c[3] end
      end
      local id = tostring(ca.id)
      if #bad_ja > 0 then
        result:fail(ca, {
          ja = "クラウドアカウント「" .. id .. "」（" .. tostring(ca.provider) .. "）で次が未対策です：" .. table.concat(bad_ja, "、") .. "。",
          en = "cloud account '" .. id .. "' (" .. tostring(ca.provider) .. ") lacks: " .. table.concat(bad_en, "; ") .. ".",
        })
      else
        result:pass(ca)
      end
    end
  end,
}
