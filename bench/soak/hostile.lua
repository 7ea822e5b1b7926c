-- The soak test's hostile policy (bench/soak.sh; not part of the policy pack). On every tenth
-- declaration — body code modulo 10 = 0, a stable fact of each generated declaration — it
-- runs into one of kyojin's limits, chosen by the tens digit of the code:
--   0, 1  the instruction budget (--max-instructions)
--   2, 3  the memory cap (--max-memory)
--   4     the watchdog's wall-clock limit (--timeout): long C calls, few VM instructions
--   5, 6  a runtime error
--   7, 8  the finding limit (10,000 per policy)
--   9     nothing (passes)
-- Every other declaration passes. bench/soak.sh computes the same classes from the files
-- and checks that the report shows exactly these errors.
policy {
  id = "SO-01",
  requirements = { "ST-01" },
  level = "recommended",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "S000 soak test",
  title = { ja = "耐久試験の敵対的ポリシー", en = "soak test hostile policy" },
  remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    local code = math.tointeger(tonumber(decl.body.code)) or 1
    local class = code % 10 == 0 and (code // 10) % 10 or nil
    if class == 0 or class == 1 then
      while true do end
    elseif class == 2 or class == 3 then
      local t, s = {}, "x"
      while true do s = s .. s; t[#t + 1] = s end
    elseif class == 4 then
      local t = {}
      for i = 1, 100000 do t[i] = (i * 7919) % 1000003 end
      while true do table.sort(t) end
    elseif class == 5 or class == 6 then
      local missing = nil
      return missing.field
    elseif class == 7 or class == 8 then
      for _ = 1, 20000 do result:fail(decl.body, { ja = "試験", en = "test" }) end
    end
    result:pass(decl.body)
  end,
}
