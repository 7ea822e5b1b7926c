-- Helper for the ZT family: one finding per item of zero_trust_pc, the zero-trust PC
-- procurement example of S002 that the business terminals of a β′ body should meet.
-- Reads the declaration only.
local M = {}

-- zero_trust_pc_item(result, decl, key, what, fix)
-- Pass when zero_trust_pc[key] is true, otherwise a failed finding (reported as
-- 推奨未達 by the recommended ZT policies) naming the business terminals concerned.
function M.zero_trust_pc_item(result, decl, key, what, fix)
  local zt = decl.zero_trust_pc
  local subject = "/zero_trust_pc/" .. key
  local v = zt and zt[key]
  if v == true then
    result:pass(subject, { ja = "業務端末：" .. what.ja .. "を備えます。",
                           en = "Business terminals: " .. what.en .. " in place." })
    return
  end
  local state_ja = v == false and "を備えていないと申告されています" or "の申告がありません（不明）"
  local state_en = v == false and "missing (declared false)" or "not declared or unknown"
  result:fail(zt == nil and "/zero_trust_pc" or subject, {
    ja = "β′モデルの業務端末：" .. what.ja .. state_ja .. "。" .. fix.ja,
    en = "Business terminals in β′: " .. what.en .. " " .. state_en .. ". " .. fix.en,
  })
end

return M
