-- adversarial case: load_xpcall_handler_loop
-- expect: load-error
-- reason: instruction budget exceeded
-- within: 5
-- args:
-- in-process: yes
-- commands: list lint test explain
-- Lua calls a message handler for an error raised in a hook with hooks off: when the
-- budget stops the handler's loop, the handler would run again, unbounded.
xpcall(error, function() while true do end end)
