-- DL-04: data arriving from internet-facing application services (電子申請) is checked for
-- malware and malformed content before it enters internal systems (S001 T1190).
policy {
  id = "DL-04",
  requirements = { "DL-04" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S001 想定する起点 T1190 Exploit Public-Facing Application（申請データへのマルウェア添付、不正なコード埋め込み）",
  title = {
    ja = "電子申請データのマルウェア・形式チェック",
    en = "E-application data checked for malware and format",
  },
  remediation = {
    ja = "電子申請サービスから受け取るデータ・添付ファイルは、内部システムへ取り込む前にマルウェアチェックと形式チェック（不正なコード・不正な形式の排除）を行ってください。",
    en = "Check data and attachments from the e-application service for malware and malformed content before they enter internal systems.",
  },
  countermeasures = { "antimalware" },
  check = function(decl, result)
    local ea = kyojin.dl_in_use(result, decl, "e_application", { ja = "電子申請サービスは利用されていません。", en = "no e-application service is used." })
    if ea == nil then return end
    local function missing(t)
      local ja, en = {}, {}
      if t.malware_check ~= true then ja[#ja + 1] = "マルウェアチェック"; en[#en + 1] = "malware check" end
      if t.format_check ~= true then ja[#ja + 1] = "形式チェック"; en[#en + 1] = "format check" end
      return ja, en
    end
    local ja, en = missing(ea)
    if #ja > 0 then
      result:fail(ea, {
        ja = "電子申請サービスから受け取るデータに次が行われていません：" .. table.concat(ja, "、") .. "。",
        en = "data received from the e-application service lacks: " .. table.concat(en, ", ") .. ".",
      })
    else
      result:pass(ea)
    end
    -- Data links that carry the e-application's data into internal systems.
    local eapp = {}
    if kyojin.is_array(ea.assets) then
      for _, id in ipairs(ea.assets) do eapp[id] = true end
    end
    local links = decl.data_links
    if not kyojin.is_array(links) then return end
    for _, l in ipairs(links) do
      local carries = false
      if kyojin.is_array(l.assets) then
        for _, id in ipairs(l.assets) do
          if eapp[id] then carries = true end
        end
      end
      if carries then
        local ctl = l.controls
        if not kyojin.is_object(ctl) then ctl = {} end
        local lja, len = missing(ctl)
        if #lja > 0 then
          result:fail(l, {
            ja = "電子申請データを取り込むデータ連携「" .. tostring(l.id) .. "」で次が行われていません：" .. table.concat(lja, "、") .. "。",
            en = "data link '" .. tostring(l.id) .. "' carrying e-application data lacks: " .. table.concat(len, ", ") .. ".",
          })
        else
          result:pass(l)
        end
      end
    end
  end,
}
