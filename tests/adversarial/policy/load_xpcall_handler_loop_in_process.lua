-- adversarial case: load_xpcall_handler_loop_in_process
-- expect: load-error
-- reason: instruction budget exceeded
-- within: 5
-- args: --timeout 0
-- commands: list lint test explain
xpcall(error, function() while true do end end)
