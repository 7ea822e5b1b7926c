-- ST-07: the screen-transfer platform itself (VDI/DaaS base, gateways) is patched and
-- under vulnerability management (S000 ご意見と対応 項番4).
policy {
  id = "ST-07",
  requirements = { "ST-07" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 ご意見と対応 項番4（基盤自体のパッチ、脆弱性管理）",
  title = {
    ja = "画面転送基盤のパッチ適用・脆弱性管理",
    en = "Screen-transfer platform patched and managed",
  },
  remediation = {
    ja = "画面転送基盤（VDI/SBC基盤、DaaS基盤、ゲートウェイ）のパッチ適用と脆弱性管理の体制（DaaSはCSPによる基盤の脆弱性対応の確認を含む）を整え、証跡とともに申告してください。",
    en = "Put the screen-transfer platform (VDI/SBC base, DaaS base, gateways) under patch and vulnerability management (for DaaS, confirm the CSP's handling) and declare platform_patch_managed with its evidence.",
  },
  params = {
    target_scope = kyojin.st_scope_param({
      ja = "対象とする画面転送：\"mynumber\"（マイナンバー利用事務系への画面転送のみ）又は\"all\"（全ての画面転送の基盤）",
      en = "connections covered: \"mynumber\" (into the My Number segment) or \"all\" (every declared connection's platform)",
    }),
    require_evidence = kyojin.evidence_param({
      ja = "trueの場合、platform_patch_managedに証跡（evidence）の添付を求める",
      en = "when true, platform_patch_managed must carry an evidence reference",
    }),
  },
  countermeasures = { { id = "patching", kinds = { "screen_transfer_platform" } } }, -- the platform, not the terminals of the connection
  check = function(decl, result, params)
    local conns = kyojin.st_in_scope(decl, result, params.target_scope)
    if #conns == 0 then return end
    local assets = {}
    for _, a in ipairs(decl.assets) do assets[a.id] = a end
    for _, c in ipairs(conns) do
      local id = kyojin.st_name(c)
      local ok, ev, problem = kyojin.declared_fact(kyojin.get(c, "platform_patch_managed"), params.require_evidence)
      local bad_ja, bad_en = {}, {}
      if not ok then
        local pj, pe = kyojin.declared_fact_problem(problem)
        bad_ja[#bad_ja + 1] = "基盤のパッチ適用・脆弱性管理" .. pj
        bad_en[#bad_en + 1] = "platform patch and vulnerability management (platform_patch_managed)" .. pe
      end
      local pid = kyojin.get(c, "platform_asset")
      if type(pid) == "string" then
        local a = assets[pid]
        if a == nil then
          bad_ja[#bad_ja + 1] = "基盤資産「" .. pid .. "」が資産として申告されていません"
          bad_en[#bad_en + 1] = "platform asset '" .. pid .. "' is not among the assets"
        elseif kyojin.get(a, "controls", "patch", "os_timely") ~= true then
          bad_ja[#bad_ja + 1] = "基盤資産「" .. pid .. "」にパッチが適時適用されていません"
          bad_en[#bad_en + 1] = "platform asset '" .. pid .. "' is not patched in time (controls.patch.os_timely)"
        end
      end
      if #bad_ja > 0 then
        local m = kyojin.st_unmet(id, bad_ja, bad_en)
        result:fail(c, {
          ja = m.ja .. "画面転送基盤のパッチを適時適用し、脆弱性管理の体制（DaaSではCSPの対応の確認）を整えて申告してください。",
          en = m.en .. " Patch the platform in time, set up its vulnerability management (for DaaS, confirm the CSP's) and declare it.",
        }, { evidence = ev })
      else
        result:pass(c, nil, { evidence = ev })
      end
    end
  end,
}
