-- DL-01 (info): classify each declared data link into the S001 verification model
-- ①a ①b ①c ② ③ ④ and report what it implies.  A link that cannot be classified, or
-- that names assets or cloud accounts the declaration does not contain, fails.
policy {
  id = "DL-01",
  requirements = { "DL-01" },
  level = "info",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S001 背景・目的（リスクアセスメントを実施する4モデル: 検証モデル①a～④）",
  title = {
    ja = "データ連携の検証モデル分類",
    en = "Data-link model classification",
  },
  remediation = {
    ja = "各データ連携に検証モデル（1a/1b/1c/2/3/4）を申告し、連携に使う資産（assets）とクラウドアカウント（cloud_accounts）は申告済みのIDで指定してください。",
    en = "Declare the verification model (1a/1b/1c/2/3/4) of every data link, and name the assets and cloud accounts it uses by declared ids.",
  },
  check = function(decl, result)
    local links = decl.data_links
    if not kyojin.is_array(links) or #links == 0 then
      result:not_applicable({ ja = "データ連携が申告されていません。", en = "no data link is declared" })
      return
    end
    local asset_ids, account_ids = {}, {}
    for _, a in ipairs(decl.assets) do asset_ids[a.id] = true end
    local accounts = decl.cloud_accounts
    if kyojin.is_array(accounts) then
      for _, ca in ipairs(accounts) do account_ids[ca.id] = true end
    end
    for _, l in ipairs(links) do
      local id = tostring(l.id)
      local m = kyojin.dl_model(l.model)
      local missing = {}
      local function refs(list, known)
        if kyojin.is_array(list) then
          for _, r in ipairs(list) do
            if not known[r] then missing[#missing + 1] = tostring(r) end
          end
        end
      end
      refs(l.assets, asset_ids)
      refs(l.cloud_accounts, account_ids)
      if m == nil then
        result:fail(l, {
          ja = "データ連携「" .. id .. "」の検証モデル（model）が分類できません: " .. tostring(l.model) .. "。1a/1b/1c/2/3/4 のいずれかを申告してください。",
          en = "data link '" .. id .. "' cannot be classified: model " .. tostring(l.model) .. "; declare one of 1a/1b/1c/2/3/4.",
        })
      elseif #missing > 0 then
        result:fail(l, {
          ja = "データ連携「" .. id .. "」（検証モデル" .. m.class .. "）が申告されていない資産・クラウドアカウントを参照しています: " .. table.concat(missing, ", ") .. "。",
          en = "data link '" .. id .. "' (model " .. m.class .. ") refers to undeclared assets or cloud accounts: " .. table.concat(missing, ", ") .. ".",
        })
      else
        local ob, ja_extra, en_extra = {}, "", ""
        if m.cloud then
          ob[#ob + 1] = "DL-03"
          ja_extra = "クラウドアカウントの保護（DL-03: MFA、最小権限、監査ログ・アラートの保護、API管理、課金アラート）が求められます。"
          en_extra = " Cloud-account protection applies (DL-03: MFA, least privilege, protected audit logs and alerts, API control, billing alerts)."
        elseif m.local_breakout then
          ob[#ob + 1] = "alpha_prime"
          ja_extra = "LGWAN接続系からのローカルブレイクアウトを伴うため、α′モデルの対策（AP-01～AP-05）を確認してください。"
          en_extra = " It uses local breakout from lgwan: check the alpha_prime measures (AP-01…AP-05)."
        else
          ja_extra = "境界セグメントでの無害化・マルウェアチェック（DL-04）を確認してください。"
          en_extra = " Check harmlessization and malware checks in the boundary segment (DL-04)."
        end
        result:classify(l, {
          class = m.class,
          obligations = ob,
          ja = "データ連携「" .. id .. "」は検証モデル" .. m.class .. "（" .. m.ja .. "）です。" .. ja_extra,
          en = "data link '" .. id .. "' is verification model " .. m.class .. " (" .. m.en .. ")." .. en_extra,
        })
      end
    end
  end,
}
