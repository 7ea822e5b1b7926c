-- adversarial case: load_pattern_hang
-- expect: load-error
-- reason: pattern too complex
-- within: 5
-- args:
-- the file's top level runs when policies are loaded, outside any declaration
string.find(string.rep("a", 5000), ".-.-.-.-b")
policy { id = "MM-01" }
