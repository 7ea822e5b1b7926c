/* timelimit.c — CPU-time limit of a policy call within the process.
 *
 * Owns: the interval timer and its signal handler. The instruction budget (sandbox.c) counts
 * VM instructions, so a loop whose few instructions each start a long C call (sorting a large
 * table again and again) runs for hours within it. This limit is the in-process complement of
 * the watchdog (watchdog.c), which also covers hangs inside a single C call but only around
 * declaration evaluation; loading policies and `kyojin test` rely on this one.
 * Does not own: what happens when the limit is hit (the hook, sandbox.c).
 */
#define _POSIX_C_SOURCE 200809L
#include "engine/timelimit.h"

#include <signal.h>
#include <string.h>
#include <sys/time.h>

static lua_State *volatile target;
static volatile lua_Hook hook_fn;
static volatile sig_atomic_t expired;
static int installed;

static void on_vtalrm(int sig)
{
    (void)sig;
    expired = 1;
    if (target && hook_fn) lua_sethook(target, hook_fn, LUA_MASKCOUNT, 1);
}

void timelimit_start(lua_State *L, double seconds, lua_Hook hook)
{
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_vtalrm;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        sigaction(SIGVTALRM, &sa, NULL);
        installed = 1;
    }
    expired = 0;
    hook_fn = hook;
    target = L;
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = (time_t)seconds;
    it.it_value.tv_usec = (suseconds_t)((seconds - (double)(time_t)seconds) * 1e6);
    if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0) it.it_value.tv_usec = 1000;
    setitimer(ITIMER_VIRTUAL, &it, NULL);
}

void timelimit_stop(void)
{
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_VIRTUAL, &it, NULL);
    target = NULL;
}

int timelimit_expired(void)
{
    return expired != 0;
}
