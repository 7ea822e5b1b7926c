-- BM-03 (β, β′): business-system log management — logs of the business systems in
-- the lgwan and internet segments are collected, analysed and retained.
policy {
  id = "BM-03",
  requirements = { "BM-03" },
  level = "required",
  applies = function(decl) return kyojin.beta_measures_apply(decl) end,
  source = "S002 β'モデル必須対策「業務システムログ管理」（ログの収集、分析、保管）",
  title = {
    ja = "業務システムのログ管理（収集・分析・保管）",
    en = "Business-system log management (collect, analyse, retain)",
  },
  remediation = {
    ja = "インシデントの兆候検知と発生後の調査のため、LGWAN 接続系・インターネット接続系の業務システム（サーバ、データベース）のログを収集し、分析し、定めた期間以上保管する。",
    en = "For detecting signs of incidents and investigating them, collect, analyse and retain (at least for the set period) the logs of the business systems (servers, databases) in the lgwan and internet segments.",
  },
  params = {
    min_retention_days = {
      default = 1,
      type = "number",
      description = {
        ja = "ログ保管期間の下限（日）。S002 は「保管」とのみ記し期間を定めていないため、既定値 1 は「保管していること」だけを求める。",
        en = "Minimum log retention in days. S002 says only \"retained\" and names no period, so the default 1 asks only that logs are kept.",
      },
    },
  },
  countermeasures = { "log_analysis" },
  check = function(decl, result, params)
    -- business systems: servers and databases (a storage or backup appliance is not one)
    local systems = kyojin.beta_systems(decl, { lgwan = true, internet = true },
                                        { server = true, database = true })
    if #systems == 0 then
      result:fail("/assets", {
        ja = "LGWAN 接続系・インターネット接続系の業務システム（kind が server / database）が申告されていない。業務システムを申告すること。",
        en = "No business system (kind server / database) of the lgwan or internet segment is declared. Declare the business systems.",
      })
      return
    end
    local min_days = params.min_retention_days
    for _, a in ipairs(systems) do
      local name = kyojin.caption_of_asset(a)
      local log = a.controls and a.controls.logging
      local ja, en = {}, {}
      if log == nil then
        ja[#ja + 1] = "ログ管理（controls.logging）の申告"
        en[#en + 1] = "a log-management declaration (controls.logging)"
      else
        if log.collected ~= true then ja[#ja + 1] = "ログの収集"; en[#en + 1] = "log collection" end
        if log.analysed ~= true then ja[#ja + 1] = "ログの分析"; en[#en + 1] = "log analysis" end
        local days = log.retention_days
        if type(days) ~= "number" or days < min_days then
          ja[#ja + 1] = string.format("%s 日以上のログ保管（申告: %s）", tostring(min_days), tostring(days))
          en[#en + 1] = string.format("log retention of at least %s days (declared: %s)", tostring(min_days), tostring(days))
        end
      end
      if #ja == 0 then
        result:pass(a, {
          ja = "業務システム " .. name.ja .. "のログは収集・分析・保管されている。",
          en = "Logs of business system " .. name.en .. " are collected, analysed and retained.",
        })
      else
        result:fail(a, {
          ja = "業務システム " .. name.ja .. "に " .. table.concat(ja, "、") .. " が無い。ログを収集・分析・保管すること。",
          en = "Business system " .. name.en .. " lacks " .. table.concat(en, "; ") .. ". Collect, analyse and retain its logs.",
        })
      end
    end
  end,
}
