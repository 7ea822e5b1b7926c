-- A policy whose texts are not valid UTF-8: a stray byte, and Japanese cut by s:sub().
local cut = ("日本語の文章"):sub(1, 4)  -- "日" and the first byte of "本"
policy {
  id = "ZZ-01",
  requirements = { "ST-01" },
  level = "required",
  models = { "alpha", "alpha_prime", "beta", "beta_prime" },
  source = "test",
  title = { ja = "不正な文字列", en = "invalid text" },
  remediation = { ja = "なし", en = "none" },
  check = function(decl, result)
    result:fail(decl.assets[1], { ja = "資産名「" .. decl.assets[1].name:sub(1, 5) .. "」\255", en = "bad \192\175 " .. cut })
    result:warn("/assets/0", cut)
    result:classify("/body", { class = "x" .. cut, ja = cut, en = "\237\160\128", [cut] = 1 })
  end,
}
