-- DL-01 (info): classify each declared data link into the S001 verification model
-- ①a ①b ①c ② ③ ④ and report what it implies.  A link whose declared model contradicts
-- the link (a cloud model that touches no cloud) fails.
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
    ja = "各データ連携に検証モデル（1a/1b/1c/2/3/4）を申告し、クラウドの検証モデル（2/3/4）では連携元・連携先の系、クラウドアカウント又は資産でクラウドとの関わりを申告してください。",
    en = "Declare the verification model (1a/1b/1c/2/3/4) of every data link, and for the cloud models (2, 3, 4) the cloud end, account or asset it uses.",
  },
  check = function(decl, result)
    local links = decl.data_links
    if #links == 0 then
      result:not_applicable({ ja = "データ連携が申告されていません。", en = "no data link is declared" })
      return
    end
    local cloud_asset = nil
    -- A cloud model (②③④) must involve the cloud somewhere: an end in the cloud segment,
    -- a cloud account or an asset in the cloud segment.
    local function involves_cloud(l)
      if l.from_segment == "cloud" or l.to_segment == "cloud" then return true end
      if kyojin.is_array(l.cloud_accounts) and #l.cloud_accounts > 0 then return true end
      if kyojin.is_array(l.assets) then
        if cloud_asset == nil then
          cloud_asset = {}
          for _, a in ipairs(decl.assets) do
            if a.segment == "cloud" then cloud_asset[a.id] = true end
          end
        end
        for _, r in ipairs(l.assets) do
          if cloud_asset[r] then return true end
        end
      end
      return false
    end
    for _, l in ipairs(links) do
      local id = tostring(l.id)
      local m = kyojin.dl_model(l.model)
      if m == nil then
        result:fail(l, {
          ja = "データ連携「" .. id .. "」の検証モデル（model）が分類できません: " .. tostring(l.model) .. "。1a/1b/1c/2/3/4 のいずれかを申告してください。",
          en = "data link '" .. id .. "' cannot be classified: model " .. tostring(l.model) .. "; declare one of 1a/1b/1c/2/3/4.",
        })
      elseif m.cloud and not involves_cloud(l) then
        result:fail(l, {
          ja = "データ連携「" .. id .. "」はクラウドの検証モデル" .. m.class .. "と申告されていますが、連携元・連携先、クラウドアカウント、資産のいずれもクラウドにありません。検証モデル（model）か連携の申告を見直してください。",
          en = "data link '" .. id .. "' is declared as cloud model " .. m.class .. " but neither its ends, its cloud accounts nor its assets are in the cloud; check the model or the link.",
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
          obligations = kyojin.array(ob),
          ja = "データ連携「" .. id .. "」は検証モデル" .. m.class .. "（" .. m.ja .. "）です。" .. ja_extra,
          en = "data link '" .. id .. "' is verification model " .. m.class .. " (" .. m.en .. ")." .. en_extra,
        })
      end
    end
  end,
}
