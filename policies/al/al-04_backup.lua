-- AL-04 (backup): business files and mail on lgwan are backed up regularly
-- (ガイドライン iii-42: 業務に必要なファイルやメール等の定期的なバックアップの実施).
policy {
  id = "AL-04-backup",
  requirements = { "AL-04" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta" },
  source = "S002 無害化の定義（iii-42 業務に必要なファイルやメール等の定期的なバックアップの実施）",
  title = {
    ja = "LGWAN接続系の業務ファイル・メールの定期バックアップ",
    en = "Regular backup of lgwan business files and mail",
  },
  remediation = {
    ja = "LGWAN接続系の業務システム・ファイルサーバのバックアップを定期的に取得し、メールもバックアップ対象に含めてください。",
    en = "Back up lgwan business systems and file servers regularly, and include mail in the backup.",
  },
  countermeasures = { "backup" },
  check = function(decl, result)
    local kinds = { server = true, database = true, file_link_server = true, storage = true }
    local assets = kyojin.al_lgwan_assets(decl, kinds)
    local mail_covered = false
    for _, a in ipairs(assets) do
      local lj, le = kyojin.asset_label(a)
      if kyojin.get(a, "controls", "backup", "enabled") == true then
        result:pass(a)
        if kyojin.get(a, "controls", "backup", "includes_mail") == true then mail_covered = true end
      else
        result:fail(a, {
          ja = "LGWAN接続系の「" .. lj .. "」のバックアップが取得されていません。",
          en = "lgwan asset " .. le .. " is not backed up (controls.backup.enabled).",
        })
      end
    end
    if #assets > 0 and not mail_covered then
      result:fail("/assets", {
        ja = "LGWAN接続系のバックアップにメールが含まれていません（メールをバックアップ対象とする資産の申告がありません）。業務に必要なメールもバックアップしてください。",
        en = "no lgwan backup includes mail (no asset has controls.backup.includes_mail true); back up business mail as well.",
      })
    end
  end,
}
