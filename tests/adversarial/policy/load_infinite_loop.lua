-- adversarial case: load_infinite_loop
-- expect: load-error
-- reason: instruction budget exceeded
-- within: 10
-- args:
while true do end
