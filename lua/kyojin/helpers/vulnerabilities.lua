-- Helpers for the PV family: vulnerability triage by CVSS and exploitation status
-- (S003 補足 CVSS: 7.0以上が重要、9.0以上が緊急), the internet-boundary devices of S003
-- 改定案①, and vendor contracts' scopes. Reads the declaration only.
local M = {}

-- Kinds whose devices sit at the internet boundary by nature (VPN, remote-access
-- and authentication gateways).
local BOUNDARY_KINDS = { vpn = true, auth_gateway = true }

-- Network-device kinds (S003: "ソフトウェア以外のネットワーク機器等").
local NETWORK_KINDS = { network_device = true, gateway = true, vpn = true, auth_gateway = true }

-- vuln_assets_by_id(decl) -> { [asset id] = asset }
function M.vuln_assets_by_id(decl)
  local map = {}
  if decl.assets == nil then return map end
  for _, a in ipairs(decl.assets) do map[a.id] = a end
  return map
end

-- vuln_severity(v, critical, important) -> "critical" | "important" | "low"
-- Exploitation known raises the urgency to critical whatever the score.
function M.vuln_severity(v, critical, important)
  local score = v.cvss
  if v.exploited == true then return "critical" end
  if type(score) == "number" and score >= critical then return "critical" end
  if type(score) == "number" and score >= important then return "important" end
  return "low"
end

-- vuln_is_boundary(asset) -> true for devices at the internet boundary: declared so
-- (firewalls, gateways, mail relays facing the internet), of a boundary kind, or a mail
-- relay of the internet segment (it takes mail from the internet by nature).
function M.vuln_is_boundary(asset)
  return asset.internet_boundary == true or BOUNDARY_KINDS[asset.kind] == true
    or (asset.kind == "mail_relay" and asset.segment == "internet")
end

-- patch_applied(asset) -> true | false | nil: the asset's own patch fact
-- (controls.patch.os_timely); nil when it is not declared. A vendor contract is evidence of
-- the process, not of the patch: it is not read here.
function M.patch_applied(asset)
  local v = kyojin.get(asset, "controls", "patch", "os_timely")
  if v == true or v == false then return v end
  return nil
end

-- judge_own_patch(result, asset, where, advice): one finding for the asset's own patch
-- fact. where = { ja, en } names the asset's class in the messages ("インターネット境界の
-- 機器"), advice = { ja, en } the remedy. Applied passes; not applied fails; not declared
-- fails as unknown (a missing fact is never a pass).
function M.judge_own_patch(result, a, where, advice)
  local lj, le = kyojin.asset_label(a)
  local applied = M.patch_applied(a)
  if applied == true then
    result:pass(a, {
      ja = where.ja .. lj .. "にはセキュリティパッチが適時に適用されています。",
      en = where.en .. " " .. le .. " is patched in time.",
    })
  elseif applied == false then
    result:fail(a, {
      ja = where.ja .. lj .. "にセキュリティパッチが適時に適用されていません。" .. advice.ja,
      en = where.en .. " " .. le .. " is not patched in time. " .. advice.en,
    })
  else
    result:fail(a, {
      ja = where.ja .. lj .. "のセキュリティパッチの適用状況は申告がありません（不明）。" .. advice.ja,
      en = where.en .. " " .. le .. ": whether security patches are applied is not declared (unknown). " .. advice.en,
    })
  end
end

-- cvss_text(x) -> "9.8": a CVSS score (or threshold) with one decimal.
function M.cvss_text(x)
  if type(x) ~= "number" then return tostring(x) end
  return string.format("%.1f", x)
end

-- vuln_caption(v, without_asset) -> { ja, en }: "資産 X の脆弱性 CVE-…（CVSS 9.8）" for
-- messages; without_asset leaves the asset out (when the message names it already).
function M.vuln_caption(v, without_asset)
  local cve, score, asset = tostring(v.cve), M.cvss_text(v.cvss), tostring(v.asset)
  local ja = "脆弱性" .. cve .. "（CVSS " .. score .. "）"
  local en = "vulnerability " .. cve .. " (CVSS " .. score .. ")"
  if without_asset then return { ja = ja, en = en } end
  return { ja = "資産" .. asset .. "の" .. ja, en = en .. " of asset " .. asset }
end

-- contract_label(contract) -> "id（vendor）", "id (vendor)" for messages.
function M.contract_label(contract)
  local id, vendor = tostring(contract.id), tostring(contract.vendor)
  return id .. "（" .. vendor .. "）", id .. " (" .. vendor .. ")"
end

-- contract_parts(decl, result, key, msg, judge): PV-01 and PV-06 judge one part of every
-- vendor contract (contracts[i][key]). No contract: fail at /contracts with msg.none.
-- A contract without the part: fail at the contract with msg.missing(who, who_en).
-- Otherwise judge(part, pointer, who, who_en, contract) records the findings, pointer
-- being the part's JSON pointer and who, who_en the contract_label.
function M.contract_parts(decl, result, key, msg, judge)
  local contracts = decl.contracts
  if contracts == nil or #contracts == 0 then
    result:fail("/contracts", msg.none)
    return
  end
  for i, c in ipairs(contracts) do
    local at = "/contracts/" .. tostring(i - 1)
    local who, who_en = M.contract_label(c)
    local part = c[key]
    if part == nil then
      result:fail(at, msg.missing(who, who_en))
    else
      judge(part, at .. "/" .. key, who, who_en, c)
    end
  end
end

-- contract_covers_network_devices(decl, contract) -> true when the contract's scope
-- names a network-device kind or the id of an asset of such a kind.
function M.contract_covers_network_devices(decl, contract)
  local scope = contract.scope
  if scope == nil then return false end
  local by_id = M.vuln_assets_by_id(decl)
  for _, s in ipairs(scope) do
    if NETWORK_KINDS[s] then return true end
    local a = by_id[s]
    if a ~= nil and NETWORK_KINDS[a.kind] then return true end
  end
  return false
end

return M
