/* timelimit.h — a CPU-time limit for one policy call inside the kyojin process. */
#ifndef KYOJIN_TIMELIMIT_H
#define KYOJIN_TIMELIMIT_H
#include <lua.h>

/* Arm a limit of `seconds` of CPU time (ITIMER_VIRTUAL, so it neither disturbs nor is
 * disturbed by wall-clock alarms). When it expires, `hook` is installed as a count hook with
 * period 1 on L from the signal handler (lua_sethook is async-signal-safe), so the call is
 * stopped at the next VM instruction, which comes as soon as a long C call (table.sort of a
 * big table, string.rep, ...) returns. */
void timelimit_start(lua_State *L, double seconds, lua_Hook hook);
void timelimit_stop(void);
/* Has the limit of the current (or last) call expired? */
int timelimit_expired(void);

#endif
