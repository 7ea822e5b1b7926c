-- ST-12: an internet-segment terminal reaching lgwan business servers through DaaS,
-- on-premises screen transfer or a secure browser is treated as β, so the β measures
-- apply (S000 個別の観点, 通信経路(3)(4)(6)(8)).  This policy reports, per such
-- connection, which core β obligations are unmet (BM-01, BM-02, BM-03, BM-08).
policy {
  id = "ST-12",
  requirements = { "ST-12" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 個別の観点（インターネット接続系の端末からLGWAN接続系の業務サーバに画面転送…βモデルとみなせる）",
  title = {
    ja = "インターネット接続系端末からの画面転送はβモデルの対策",
    en = "Screen transfer from internet terminals brings in the beta measures",
  },
  remediation = {
    ja = "インターネット接続系の端末から画面転送でLGWAN接続系の業務サーバを利用する構成はβモデルです。EDR（振る舞い検知、マネージド監視、検知時の隔離、原因調査、CSIRT連携）、業務システムのログ管理、LGWAN接続系へ取り込むファイルの無害化を実施してください。",
    en = "Reaching lgwan business servers by screen transfer from internet-segment terminals is the beta model: deploy EDR (behaviour detection, managed monitoring, isolation on detection, investigation, CSIRT link), business-system log management and harmlessization of files entering lgwan.",
  },
  check = function(decl, result)
    local conns = kyojin.st_obliging(decl, "beta")
    if #conns == 0 then
      result:not_applicable({
        ja = "インターネット接続系の端末からの画面転送が申告されていません。",
        en = "no screen transfer from an internet-segment terminal is declared",
      })
      return
    end
    local gaps = kyojin.st_beta_gaps(decl)
    for _, cr in ipairs(conns) do
      local c, r = cr[1], cr[2]
      local id = kyojin.st_name(c)
      if #gaps > 0 then
        local lj, le = {}, {}
        for _, g in ipairs(gaps) do
          lj[#lj + 1] = g.requirement .. " " .. g.ja; le[#le + 1] = g.requirement .. " " .. g.en
        end
        result:fail(c, {
          ja = "画面転送「" .. id .. "」（通信経路" .. r.class:gsub("'", "′") .. "）はインターネット接続系の端末からの画面転送のためβモデルの対策が必要ですが、次が未達です: " .. table.concat(lj, "。") .. "。",
          en = "screen transfer '" .. id .. "' (route " .. r.class .. ") starts from an internet-segment terminal, so the beta measures apply, but these are unmet: " .. table.concat(le, "; ") .. ".",
        })
      else
        result:pass(c)
      end
    end
  end,
}
