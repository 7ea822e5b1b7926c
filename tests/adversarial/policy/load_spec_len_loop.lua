-- adversarial case: load_spec_len_loop
-- expect: load-error
-- reason: instruction budget exceeded
-- within: 10
-- args:
-- the metadata validator reads the spec with #; a __len metamethod must not hang loading
policy {
  id = "MM-01", level = "required",
  requirements = setmetatable({}, { __len = function() while true do end end }),
  models = { "alpha" }, source = "S000", title = { ja = "t", en = "t" },
  remediation = { ja = "r", en = "r" }, check = function() end,
}
