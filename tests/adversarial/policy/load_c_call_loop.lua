-- adversarial case: load_c_call_loop
-- expect: load-error
-- reason: time limit exceeded
-- within: 15
-- args:
-- at load time there is no watchdog: the CPU-time limit per call (timelimit.c) stops this
local t = {}
for i = 1, 300000 do t[i] = (i * 7919) % 1000003 end
while true do table.sort(t) end
