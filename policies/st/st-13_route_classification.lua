-- ST-13 (info): classify every declared screen-transfer connection into the S000
-- communication route (1)-(8) / (1)' (2)' (3)' (4)' (5)' (7)' and report the model
-- obligations it implies.  A connection that cannot be classified (e.g. a DaaS without
-- its CSP) fails, with what to declare.
policy {
  id = "ST-13",
  requirements = { "ST-13" },
  level = "info",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 接続要件（通信経路のパターン (1)～(8)）",
  title = {
    ja = "画面転送の通信経路の分類",
    en = "Screen-transfer route classification",
  },
  remediation = {
    ja = "分類できない画面転送は、端末の系、方式（method）、DaaSのCSPとガバメントクラウドのCSP、インターネット接続系に端末が残るか、ブレイクアウト回線の有無を申告してください。",
    en = "For connections that cannot be classified, declare the terminal segment, the method, the DaaS and Government Cloud CSPs, whether a terminal remains in the internet segment and whether a breakout line exists.",
  },
  check = function(decl, result)
    for _, c in ipairs(kyojin.st_in_scope(decl, result, "all")) do
      local r, why = kyojin.st_route(c)
      if r then
        result:classify(c, { class = r.class, obligations = kyojin.array(r.obligations), ja = r.ja, en = r.en })
      else
        result:fail(c, why)
      end
    end
  end,
}
