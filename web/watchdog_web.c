/* watchdog_web.c — the web build's side of the watchdog (core/engine/watchdog.c hands
 * watchdog_run to it under __EMSCRIPTEN__; docs/dev/web.md).
 *
 * Owns: running the declaration's job in this process while telling the page which policy is
 * running, and applying what the page decided after a previous attempt: policies to skip as
 * `error` with a reason, or the whole declaration failed. Does not own: the time limit
 * itself — WebAssembly cannot fork and its code cannot be interrupted, so the page
 * (web/worker.js and web/engine.js) ends the Web Worker running this module when the
 * declaration takes longer than the limit, names the policy that was running from these
 * messages, and runs the command line again in a fresh worker with that policy skipped, as
 * the command line's watchdog does with a fresh worker process. */
#include "engine/runner.h"
#include "engine/watchdog.h"

#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>

/* The page's state for this run (Module.kyojinWatch, set by web/worker.js before main):
 * tell it what is evaluated, and ask it about earlier failures. */
EM_JS(void, web_phase, (int phase), {
    if (Module.kyojinWatch) Module.kyojinWatch.phase(phase, 0);
});
EM_JS(void, web_start, (int npolicies), {
    if (Module.kyojinWatch) Module.kyojinWatch.phase(0, npolicies);
});
EM_JS(char *, web_policy_start, (int index, const char *id), {
    var w = Module.kyojinWatch;
    var why = w ? w.policy(index, UTF8ToString(id)) : null;
    if (!why) return 0;
    var n = lengthBytesUTF8(why) + 1, p = _malloc(n);
    if (p) stringToUTF8(why, p, n);
    return p;
});
EM_JS(char *, web_failure, (void), {
    var w = Module.kyojinWatch;
    var why = w ? w.failure() : null;
    if (!why) return 0;
    var n = lengthBytesUTF8(why) + 1, p = _malloc(n);
    if (p) stringToUTF8(why, p, n);
    return p;
});

typedef struct {
    char **reasons; /* the reasons handed out in this run (freed after it) */
    int nreasons, skipped;
} web_ctx;

static web_ctx *ctx;

static const char *web_hook(void *ud, int index, const char *id)
{
    web_ctx *c = ud;
    char *why = web_policy_start(index, id);
    if (!why) return NULL;
    c->skipped = 1;
    char **v = realloc(c->reasons, (size_t)(c->nreasons + 1) * sizeof *v);
    if (!v) {
        free(why);
        return "not evaluated (out of memory)";
    }
    c->reasons = v;
    c->reasons[c->nreasons++] = why;
    return why;
}

/* runner_eval inside the policy phase; a skipped policy is an error (as in the worker of
 * core/engine/watchdog.c). */
static cJSON *web_eval(runner *r, decl_doc *d, const char *as_of, int *any_error, char *err,
                       size_t errlen)
{
    web_phase(1);
    cJSON *res = runner_eval(r, d, as_of, any_error, err, errlen);
    web_phase(2);
    if (res && ctx && ctx->skipped) *any_error = 1;
    return res;
}

int watchdog_web_run(runner *r, const watchdog_opts *o, const char *path, watchdog_out *out,
                     char *err, size_t errlen)
{
    char *failed = web_failure();
    if (failed) {
        snprintf(err, errlen, "%s", failed);
        free(failed);
        return -1;
    }
    web_ctx c = {NULL, 0, 0};
    ctx = &c;
    runner_set_policy_hook(r, web_hook, &c);
    web_start(runner_policy_count(r));
    out->res = o->job(o->job_ctx, r, path, web_eval, &out->status);
    web_phase(3);
    runner_set_policy_hook(r, NULL, NULL);
    ctx = NULL;
    for (int i = 0; i < c.nreasons; i++) free(c.reasons[i]);
    free(c.reasons);
    return 0;
}
