/* watchdog.h — evaluating declarations in an isolated worker process with a wall-clock limit. */
#ifndef KYOJIN_WATCHDOG_H
#define KYOJIN_WATCHDOG_H
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>
#include "input/decl.h"
#include "engine/runner.h"

#define WATCHDOG_DEFAULT_TIMEOUT 10.0 /* seconds per declaration evaluation */
#define WATCHDOG_MAX_FAILURES    3    /* culprits per declaration before giving up on the rest */

typedef struct watchdog watchdog;

/* How the job evaluates the policies: runner_eval, or (in the worker) a guarded version that
 * tells the watchdog which policy is running. */
typedef cJSON *(*watchdog_eval_fn)(runner *r, decl_doc *d, const char *as_of, int *any_error,
                                   char *err, size_t errlen);
/* The whole work for one declaration file: returns its result (or NULL, e.g. bad input),
 * ORs status bits of its own choosing into *status, writes its messages to stderr. */
typedef cJSON *(*watchdog_job_fn)(void *ctx, runner *r, const char *path, watchdog_eval_fn eval,
                                  int *status);
/* Renders a result in the output format (so only bytes come back from the worker). */
typedef int (*watchdog_render_fn)(void *ctx, const cJSON *res, FILE *out);

/* Render `res` with `render` into a new buffer (free() it), its length in *len; NULL when the
 * renderer fails or memory runs out. */
char *watchdog_render_mem(watchdog_render_fn render, void *ctx, const cJSON *res, size_t *len);

typedef struct {
    double timeout;   /* wall-clock seconds per declaration attempt; <= 0: run the job in-process */
    int max_failures; /* 0 = WATCHDOG_MAX_FAILURES */
    watchdog_job_fn job;       /* required */
    void *job_ctx;             /* must stay valid (the worker is forked with it) */
    watchdog_render_fn render; /* optional: results come back rendered */
    void *render_ctx;
    int isolate; /* non-zero: a worker process even when timeout <= 0 (then without a limit) */
} watchdog_opts;

typedef struct {
    cJSON *res; /* the result (no renderer, or in-process) */
    char *text; /* or the result rendered by the worker (malloc'd) */
    size_t len;
    int status; /* the job's status bits */
    char *msg;  /* watchdog_step only: what the job wrote to stderr (malloc'd), or NULL */
    size_t msg_len;
} watchdog_out;

/* Prepare isolation for the runner (fully loaded, parameters set). The worker is forked on
 * first use and reused until a policy kills it. Never NULL unless out of memory. */
watchdog *watchdog_new(runner *r, const watchdog_opts *o);
void watchdog_free(watchdog *w);

/* Run the job for one declaration file in the worker (in-process when the timeout is 0). A
 * policy that exceeds the wall-clock limit, crashes or kills the worker is reported as
 * `error` with the reason; the other policies are evaluated in a fresh worker. The job's
 * messages are written to this process's stderr. Returns 0 with *out filled (res, text or
 * neither, and status), or -1 (err set) when the declaration could not be evaluated at all,
 * or when interrupted (watchdog_interrupted() then is non-zero). */
int watchdog_run(watchdog *w, const char *path, watchdog_out *out, char *err, size_t errlen);

/* The same without waiting, for a caller that keeps several watchdogs busy at once (a batch
 * with --jobs N; not in the web build). watchdog_start sends the declaration to the worker
 * (0, or -1 with err set: no worker could be started). Then, whenever watchdog_fd is readable
 * or watchdog_deadline (CLOCK_MONOTONIC seconds; 0 = no limit) has passed, watchdog_step
 * reads what has arrived without blocking and handles a worker that hung or died as
 * watchdog_run does (skip the culprit, evaluate again in a new worker). It returns
 * WATCHDOG_PENDING, WATCHDOG_DONE (*out filled, out->msg holding the job's messages) or
 * WATCHDOG_FAILED (err set; out->msg may hold messages). watchdog_abandon kills the worker
 * and drops the declaration (an interrupt). watchdog_fd is -1 when no declaration is being
 * evaluated. */
enum { WATCHDOG_FAILED = -1, WATCHDOG_PENDING = 0, WATCHDOG_DONE = 1 };
int watchdog_start(watchdog *w, const char *path, char *err, size_t errlen);
int watchdog_fd(const watchdog *w);
double watchdog_deadline(const watchdog *w);
int watchdog_step(watchdog *w, watchdog_out *out, char *err, size_t errlen);
void watchdog_abandon(watchdog *w);

/* SIGINT/SIGTERM/SIGHUP set a flag instead of killing kyojin, so a batch can stop between
 * declarations and still write complete outputs. Also called in each forked batch worker:
 * every process gets a wake-up pipe of its own. */
void watchdog_catch_signals(void);
/* The signal number that interrupted the run, or 0. */
int watchdog_interrupted(void);
/* A descriptor that becomes readable when a signal arrives (poll it beside what a wait is
 * for; then call watchdog_drain_wake and look at watchdog_interrupted), or -1. */
int watchdog_wake_fd(void);
void watchdog_drain_wake(void);
/* From now on a signal ends the process at once (exit 128 + signal) after removing `tmp` (the
 * report's temp file, or NULL): used while the final report is written, so a second Ctrl-C
 * is not ignored and leaves nothing behind. watchdog_disarm_abort goes back to the flag. */
void watchdog_arm_abort(const char *tmp);
void watchdog_disarm_abort(void);

/* Called first thing in every forked child (watchdog and batch workers). It does nothing:
 * it names the point where a child's own work starts, so a profiler can drop the counts
 * the child inherited from its parent (callgrind --zero-before=kyojin_child_start; without
 * it, callgrind's profile of a child includes everything its parent did before the fork). */
void kyojin_child_start(void);

/* After an interrupt: record the declarations not evaluated (the entries of kind
 * "interrupted") in the result document ("not_evaluated": [files]), say so on stderr, and
 * return the exit code (128 + signal). */
int watchdog_note_interrupt(cJSON *doc, const char *const *files, int n, int english);

/* Statistics for measurements: evaluations, worker starts, policies failed. */
void watchdog_stats(const watchdog *w, long *evals, long *starts, long *failures);

#endif
