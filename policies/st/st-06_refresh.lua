-- ST-06: virtual terminals are refreshed to a clean image periodically
-- (S000 ご意見と対応 項番3: "週に1回ぐらいリフレッシュする").
policy {
  id = "ST-06",
  requirements = { "ST-06" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 ご意見と対応 項番3（週に1回ぐらいリフレッシュする、真っさらの端末に戻す）",
  title = {
    ja = "仮想端末を定期的にリフレッシュ",
    en = "Virtual terminals refreshed periodically",
  },
  remediation = {
    ja = "仮想端末を少なくとも{max_refresh_days}日ごとにクリーンなイメージへ戻す運用にし、その間隔を申告してください（資料「画面転送のリスク分析」のご意見への対応は「週に1回ぐらい」としています）。",
    en = "Reset virtual terminals to a clean image at least every {max_refresh_days} days and declare the interval (the screen-transfer risk analysis answers \"about once a week\").",
  },
  params = {
    target_scope = kyojin.st_scope_param(),
    max_refresh_days = {
      default = 7, type = "number",
      description = {
        ja = "仮想端末をクリーンな状態に戻す間隔の上限（日）。資料「画面転送のリスク分析」のご意見3への対応「週に1回ぐらい」",
        en = "longest allowed interval (days) between refreshes to a clean image; S000 comment 3 \"about once a week\"",
      },
    },
  },
  countermeasures = { "screen_transfer_isolation" },
  check = function(decl, result, params)
    local conns = kyojin.st_in_scope(decl, result, params.target_scope)
    local max = params.max_refresh_days
    for _, c in ipairs(conns) do
      local id = kyojin.st_name(c)
      local days = kyojin.get(c, "refresh_interval_days")
      if type(days) ~= "number" then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」の仮想端末をリフレッシュする間隔の申告がありません（不明）。" .. max .. "日以内ごとにクリーンなイメージへ戻し、その間隔を申告してください。",
          en = "screen transfer '" .. id .. "': no refresh interval (refresh_interval_days) is declared; refresh the virtual terminals to a clean image at least every " .. max .. " days.",
        })
      elseif days > max then
        result:fail(c, {
          ja = "画面転送「" .. id .. "」の仮想端末のリフレッシュ間隔が" .. days .. "日で、上限" .. max .. "日を超えています。",
          en = "screen transfer '" .. id .. "' refreshes its virtual terminals every " .. days .. " days, more than the allowed " .. max .. ".",
        })
      else
        result:pass(c)
      end
    end
  end,
}
