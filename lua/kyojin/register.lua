-- kyojin.register — what can be checked mechanically of the Japanese that users read
-- (titles, remediations, findings, reasons): one register (です・ます), no JSON field names
-- or true/false/null, no space inside a Japanese sentence, no bare seed code. Used by
-- `kyojin lint` on the policies' metadata and by `kyojin test` on every message a test
-- case produces. problems(text) -> list of short English descriptions (empty when fine).
local M = {}

-- characters that close a bracket or quote before a sentence end
local CLOSE = { ["）"] = "（", ["」"] = "「", ["』"] = "『" }

local function chars(text)
  local t = {}
  for _, c in utf8.codes(text) do t[#t + 1] = utf8.char(c) end
  return t
end

local function is_ja(ch)
  return ch ~= nil and #ch > 1
end

-- The sentence end at position i (a "。") is polite when the word before it ends in す (です、
-- ます), ん (ません) or さい (ください); brackets and quotes in between are skipped whole.
local function polite_end(cs, i)
  local j = i - 1
  while j >= 1 and CLOSE[cs[j]] do
    local open, depth = CLOSE[cs[j]], 0
    local k = j
    while k >= 1 do
      if cs[k] == cs[j] then depth = depth + 1 elseif cs[k] == open then depth = depth - 1 end
      if depth == 0 then break end
      k = k - 1
    end
    j = k - 1
  end
  if j < 1 then return true end
  local c = cs[j]
  if c == "す" or c == "ん" then return true end
  if c == "い" and cs[j - 1] == "さ" then return true end
  return false
end

function M.problems(text)
  local out = {}
  if type(text) ~= "string" or text == "" then return out end
  local ok, cs = pcall(chars, text)
  if not ok then return out end
  local japanese = false
  for _, c in ipairs(cs) do if is_ja(c) then japanese = true; break end end
  if not japanese then return out end
  if text:find("S00%d") then out[#out + 1] = "bare seed code (name the document: kyojin.sources)" end
  for w in text:gmatch("[%a_][%w_]*[_%.][%a_][%w_%.]*") do
    if w:find("_") or w:find("%a%.%a") then
      out[#out + 1] = "field name '" .. w .. "' in Japanese text"
      break
    end
  end
  for _, w in ipairs({ "true", "false", "null" }) do
    if text:find("%f[%w]" .. w .. "%f[%W]") then out[#out + 1] = "'" .. w .. "' in Japanese text"; break end
  end
  for i, c in ipairs(cs) do
    if c == " " and (is_ja(cs[i - 1]) or is_ja(cs[i + 1])) then
      out[#out + 1] = "space inside a Japanese sentence near '" .. table.concat(cs, "", math.max(1, i - 4), math.min(#cs, i + 4)) .. "'"
      break
    end
  end
  -- a sentence whose predicate comes before a "：" and a list after it ("次が足りません：
  -- EDRの導入。") is judged by the part before the colon
  local start = 1
  for i, c in ipairs(cs) do
    if c == "。" then
      local colon
      for k = start, i - 1 do if cs[k] == "：" then colon = k; break end end
      if not polite_end(cs, i) and not (colon and polite_end(cs, colon)) then
        out[#out + 1] = "sentence not in the です・ます register: '…" .. table.concat(cs, "", math.max(1, i - 8), i) .. "'"
        break
      end
      start = i + 1
    end
  end
  for i, c in ipairs(cs) do
    if false then
      out[#out + 1] = "sentence not in the です・ます register: '…" .. table.concat(cs, "", math.max(1, i - 8), i) .. "'"
      break
    end
  end
  return out
end

return M
