/* watchdog.h — evaluating declarations in an isolated worker process with a wall-clock limit. */
#ifndef KYOJIN_WATCHDOG_H
#define KYOJIN_WATCHDOG_H
#include <cjson/cJSON.h>
#include <stddef.h>
#include "decl.h"
#include "runner.h"

#define WATCHDOG_DEFAULT_TIMEOUT 10.0 /* seconds per declaration evaluation */
#define WATCHDOG_MAX_FAILURES 3       /* culprits per declaration before giving up on the rest */

typedef struct watchdog watchdog;

typedef struct {
    double timeout;   /* wall-clock seconds per evaluation attempt; <= 0: evaluate in-process */
    int max_failures; /* 0 = WATCHDOG_MAX_FAILURES */
} watchdog_opts;

/* Prepare isolation for the runner (fully loaded, parameters set). The worker is forked on
 * first use and reused until a policy kills it. Never NULL unless out of memory. */
watchdog *watchdog_new(runner *r, const watchdog_opts *o);
void watchdog_free(watchdog *w);

/* Evaluate one declaration like runner_eval. A policy that exceeds the wall-clock limit,
 * crashes or kills the worker is reported as `error` with the reason; the other policies
 * are evaluated in a fresh worker. Returns NULL (err set) when the declaration could not be
 * evaluated at all, or when interrupted (watchdog_interrupted() then is non-zero). */
cJSON *watchdog_eval(watchdog *w, decl_doc *d, const char *as_of, int *any_error, char *err, size_t errlen);

/* SIGINT/SIGTERM/SIGHUP set a flag instead of killing kyojin, so a batch can stop between
 * declarations and still write complete outputs. */
void watchdog_catch_signals(void);
/* The signal number that interrupted the run, or 0. */
int watchdog_interrupted(void);

/* After an interrupt: record the declarations not evaluated in the result document
 * ("not_evaluated": [files]), say so on stderr, and return the exit code (128 + signal). */
int watchdog_note_interrupt(cJSON *doc, const char *const *files, int n, int english);

/* Statistics for measurements: evaluations, worker starts, policies failed. */
void watchdog_stats(const watchdog *w, long *evals, long *starts, long *failures);

#endif
