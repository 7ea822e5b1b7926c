-- DL-02: remote maintenance by operation and maintenance vendors uses a closed network
-- (S001 想定する起点 ※1: 閉域網を利用したリモート保守とする).
policy {
  id = "DL-02",
  requirements = { "DL-02" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S001 事業被害ベースのリスク分析計画（※1 リモート保守は閉域網を利用したリモート保守とする）",
  title = {
    ja = "リモート保守は閉域網で",
    en = "Remote maintenance over a closed network",
  },
  remediation = {
    ja = "運用・保守事業者のリモート保守は、インターネットを経由しない閉域網（専用線・閉域VPN等）で行うよう契約・構成を見直してください。",
    en = "Have vendors' remote maintenance run over a closed network (leased line, closed VPN), not over the internet; revise the contract and the configuration.",
  },
  check = function(decl, result)
    local rm = kyojin.dl_in_use(result, decl, "remote_maintenance", { ja = "リモート保守は利用されていません。", en = "remote maintenance is not used." })
    if rm == nil then return end
    if rm.closed_network == true then
      result:pass(rm)
    else
      result:fail(rm, {
        ja = "運用・保守事業者のリモート保守が閉域網を利用していません。インターネット経由のリモート保守は正規アカウント窃取（T1078）等の侵入口になります。",
        en = "vendors' remote maintenance does not use a closed network (remote_maintenance.closed_network); remote maintenance over the internet is an entry point (e.g. T1078 valid accounts).",
      })
    end
  end,
}
