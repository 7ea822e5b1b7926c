-- adversarial case: load_table_move_endless
-- expect: load-error
-- reason: table.move: more than
-- within: 5
-- args:
-- at load time no watchdog runs: the call itself must be bounded
table.move({}, 1, 2^40, 1)
