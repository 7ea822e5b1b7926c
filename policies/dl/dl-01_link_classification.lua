-- DL-01 (info): classify each declared data link into the S001 verification model
-- ①a ①b ①c ② ③ ④ and report what it implies.  The model is derived from the declared
-- facts of the link (kyojin.dl_derived: its ends, its assets, its cloud accounts, API
-- management); a declared label the facts contradict fails with both models named, and the
-- obligations of either apply (kyojin.dl_effective_models): a ①c link brings the α′
-- measures into evaluation whatever the body's model (kyojin.st_implied_models).
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
    ja = "各データ連携に、連携の実際に合う検証モデル（①a・①b・①c・②・③・④）を申告してください。クラウドを使う連携では、連携元・連携先の系、クラウドアカウント、使う資産も申告してください。",
    en = "Declare for every data link the verification model (1a/1b/1c/2/3/4) that matches the link, and for links that use the cloud its ends, cloud accounts and assets.",
  },
  check = function(decl, result)
    local links = kyojin.as_list(kyojin.get(decl, "data_links"))
    if #links == 0 then
      result:not_applicable({ ja = "データ連携が申告されていません。", en = "no data link is declared" })
      return
    end
    for _, l in ipairs(links) do
      local id = tostring(kyojin.get(l, "id"))
      local declared = kyojin.get(l, "model")
      local m = kyojin.dl_model(declared)
      local d = kyojin.dl_derived(decl, l)
      local allowed = false
      for _, code in ipairs(d.codes) do
        if m ~= nil and code == declared then allowed = true end
      end
      local names_ja, names_en = {}, {}
      for _, code in ipairs(d.codes) do
        names_ja[#names_ja + 1] = kyojin.dl_model(code).class; names_en[#names_en + 1] = code
      end
      local derived_ja = "検証モデル" .. table.concat(names_ja, "・") .. (#d.codes > 1 and "のいずれか" or "")
      local derived_en = "model " .. table.concat(names_en, "/")
      if m == nil then
        result:fail(l, {
          ja = "データ連携「" .. id .. "」の検証モデルが申告されていません（申告内容からは" .. derived_ja .. "に当たります）。",
          en = "data link '" .. id .. "' declares no verification model (its facts make it " .. derived_en .. ").",
        })
      elseif not allowed then
        result:fail(l, {
          ja = "データ連携「" .. id .. "」は検証モデル" .. m.class .. "と申告されていますが、申告内容（" .. d.ja .. "）からは" .. derived_ja .. "に当たります。実際の連携に合う検証モデルを申告するか、連携の申告を見直してください。両方の検証モデルの対策を確認します。",
          en = "data link '" .. id .. "' is declared as model " .. m.class .. " but its facts (" .. d.en .. ") make it " .. derived_en .. "; declare the model that matches the link or correct the link. The measures of both models are checked.",
        })
      else
        local ob, ja_extra, en_extra = {}, "", ""
        if m.cloud then
          ob[#ob + 1] = "DL-03"
          ja_extra = "クラウドアカウントの保護（DL-03：多要素認証、最小権限、監査ログ・アラートの保護、APIの管理、課金アラート）が求められます。"
          en_extra = " Cloud-account protection applies (DL-03: MFA, least privilege, protected audit logs and alerts, API control, billing alerts)."
        elseif m.local_breakout then
          ob[#ob + 1] = "alpha_prime"
          ja_extra = "LGWAN接続系からのローカルブレイクアウトを伴うため、α′モデルの対策（AP-01～AP-05）を求めます。"
          en_extra = " It uses local breakout from lgwan, so the alpha_prime measures (AP-01…AP-05) apply."
        else
          ja_extra = "境界セグメントでの無害化・不正プログラムの検査（DL-04）を確認してください。"
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
