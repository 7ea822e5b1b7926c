-- AL-02: in the α model internet mail reaches lgwan either as text only (attachments
-- removed, HTML converted to text, only relay servers talk, SMTP only) or through screen
-- transfer from a virtual desktop in the internet segment (ガイドライン iii-41 (ア)(イ)).
policy {
  id = "AL-02",
  requirements = { "AL-02" },
  level = "required",
  models = { "alpha" },
  source = "S002 無害化の定義（ガイドライン iii-41 (ア) メールテキスト化方式／(イ) 画面を転送する方式）",
  title = {
    ja = "インターネットメールはテキスト化又は画面転送でLGWAN接続系へ",
    en = "Internet mail reaches lgwan as text only or by screen transfer",
  },
  remediation = {
    ja = "インターネットメールは、添付ファイル削除・HTMLのテキスト化・メール中継サーバ間のみ・SMTPのみの条件でテキスト化して転送するか、インターネット接続系の仮想デスクトップをLGWAN接続系端末から画面転送で閲覧する方式にしてください。",
    en = "Deliver internet mail to lgwan as text only (attachments removed, HTML converted to text, relay servers only, SMTP only) or let lgwan terminals read it on an internet-segment virtual desktop by screen transfer.",
  },
  countermeasures = { { id = "mail_filtering", kinds = { "terminal", "mail_relay" } } },
  check = function(decl, result)
    local mail = kyojin.get(decl, "mail")
    local subject = mail or "/mail"
    local delivery = kyojin.get(mail, "delivery")
    if delivery == "text_only" then
      local bad_ja, bad_en = {}, {}
      local conds = {
        { "attachments_removed", "添付ファイルの削除", "attachments removed" },
        { "html_to_text", "HTMLメールのテキスト化", "HTML converted to text" },
        { "relay_only", "転送に必要な特定サーバ間以外の通信の遮断", "only the relay servers communicate" },
        { "smtp_only", "SMTP以外のプロトコルの遮断", "protocols other than SMTP blocked" },
      }
      for _, f in ipairs(conds) do
        if kyojin.get(mail, f[1]) ~= true then bad_ja[#bad_ja + 1] = f[2]; bad_en[#bad_en + 1] = f[3] end
      end
      if #bad_ja > 0 then
        result:fail(subject, {
          ja = "メールテキスト化方式の条件が満たされていません：" .. table.concat(bad_ja, "、") .. "。",
          en = "the text-only mail method is incomplete; missing: " .. table.concat(bad_en, ", ") .. ".",
        })
      else
        result:pass(subject)
      end
    elseif delivery == "screen_transfer" then
      if kyojin.st_lgwan_to_internet(decl) then
        result:pass(subject)
      else
        result:fail(subject, {
          ja = "メールを画面転送で閲覧すると申告されていますが、LGWAN接続系端末からインターネット接続系への画面転送が申告されていません。",
          en = "mail is declared to be read by screen transfer, but no screen transfer from an lgwan terminal to the internet segment is declared.",
        })
      end
    else
      result:fail(subject, {
        ja = "αモデルでインターネットメールが" .. (delivery == "direct" and "LGWAN接続系へ直接届いています" or "どの方式で届くか申告されていません") .. "。メールテキスト化方式又は画面転送方式にしてください。",
        en = "in the alpha model internet mail " .. (delivery == "direct" and "reaches lgwan directly" or "has no declared delivery method") .. "; use text-only conversion or screen transfer.",
      })
    end
  end,
}
