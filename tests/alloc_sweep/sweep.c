/* sweep.c — allocation-failure sweep of a representative check.
 *
 * The check: build a runner (policy set, Lua runtime, schema validation), load and validate a
 * declaration, evaluate it, write the text and JSON reports, free everything. Every heap
 * allocation of the host (core objects, linked with --wrap=malloc,calloc,realloc,free,strdup,strndup), of Lua
 * (the sandbox allocator calls realloc) and of cJSON (cJSON_InitHooks) goes through one
 * counter. First the check runs once to count the allocations (T); then, for every N in the
 * requested range, it runs again (in a forked child) with the Nth allocation failing. Each run
 * must end cleanly:
 * no crash (ASan/UBSan builds catch memory errors), no leak (the live-allocation count must
 * return to where it was), and either success or an error with a message.
 *
 * Two phases: "setup" builds and frees a runner; "eval" evaluates with one runner built
 * beforehand.
 * Usage: sweep POLICY_DIR LUA_DIR DECLARATION [SETUP_STEP [EVAL_STEP]]  (every Nth N; default 1)
 * Prints one line per failing N and ends with "N passed, N failed".
 */
#define _GNU_SOURCE
#include "input/decl.h"
#include "report/report.h"
#include "engine/runner.h"
#include "engine/sandbox.h"
#include "input/luaconv.h"

#include <lua.h>

#include <execinfo.h>
#include <malloc.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);

static long count, fail_at, live;
static int armed;

/* SWEEP_ONLY + SWEEP_TRACE=1: remember where every allocation of the run came from and print
 * the ones still live at the end (a leak's origin). */
#define TRACE_MAX 200000
static int tracing;
static struct {
    void *p;
    void *where[6];
} * trace_tab;
static long ntrace;
static void trace_add(void *p)
{
    if (!tracing || !p || ntrace >= TRACE_MAX) return;
    tracing = 0;
    trace_tab[ntrace].p = p;
    backtrace(trace_tab[ntrace].where, 6);
    ntrace++;
    tracing = 1;
}
static void trace_del(void *p)
{
    if (!tracing || !p) return;
    for (long i = ntrace - 1; i >= 0; i--)
        if (trace_tab[i].p == p) {
            trace_tab[i].p = NULL;
            return;
        }
}

static int should_fail(void)
{
    if (!armed) return 0;
    if (++count != fail_at) return 0;
    if (tracing) { /* SWEEP_TRACE: where the failing allocation came from */
        void *where[16];
        int k = backtrace(where, 16);
        printf("allocation %ld fails in:\n", count);
        fflush(stdout);
        backtrace_symbols_fd(where, k, 1);
    }
    return 1;
}

void *__wrap_malloc(size_t n)
{
    if (should_fail()) return NULL;
    void *p = __real_malloc(n);
    if (p) live++;
    trace_add(p);
    return p;
}

void *__wrap_calloc(size_t a, size_t b)
{
    if (should_fail()) return NULL;
    void *p = __real_calloc(a, b);
    if (p) live++;
    trace_add(p);
    return p;
}

void *__wrap_realloc(void *q, size_t n)
{
    if (!q) return __wrap_malloc(n);
    if (n == 0) {
        live--;
        return __real_realloc(q, 0);
    }
    /* Lua requires that shrinking never fails */
    if (n > malloc_usable_size(q) && should_fail()) return NULL;
    void *r = __real_realloc(q, n);
    if (r && r != q) {
        trace_del(q);
        trace_add(r);
    }
    return r;
}

void __wrap_free(void *p)
{
    if (p) live--;
    trace_del(p);
    __real_free(p);
}

char *__wrap_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = __wrap_malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

char *__wrap_strndup(const char *s, size_t m)
{
    size_t n = strnlen(s, m);
    char *p = __wrap_malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = 0;
    }
    return p;
}

static void *hook_malloc(size_t n)
{
    return __wrap_malloc(n);
}
static void hook_free(void *p)
{
    __wrap_free(p);
}

static const char *pol_dir, *lua_dir, *decl_file;

/* Evaluation of one declaration with runner r: load, validate, evaluate, write text and
 * JSON. 0: success; -1: a clean error (msg set). */
static int evaluate(runner *r, char *msg, size_t msglen)
{
    char err[2048] = "";
    int rc = 0;
    decl_doc *d = NULL;
    decl_error e;
    if (decl_load_file(decl_file, NULL, &d, &e)) {
        snprintf(msg, msglen, "load: %s", e.msg_en);
        decl_error_clear(&e);
        return -1;
    }
    cJSON *verrs = runner_validate(r, d, err, sizeof err);
    if (!verrs) {
        snprintf(msg, msglen, "validate: %s", err);
        rc = -1;
    } else if (cJSON_GetArraySize(verrs) > 0) {
        snprintf(msg, msglen, "validation errors (%d)", cJSON_GetArraySize(verrs));
        rc = -1;
    } else {
        int any = 0;
        cJSON *res = runner_eval(r, d, NULL, &any, err, sizeof err);
        if (!res) {
            snprintf(msg, msglen, "eval: %s", err);
            rc = -1;
        } else {
            cJSON *doc = cJSON_CreateObject();
            cJSON *decls = doc ? cJSON_AddArrayToObject(doc, "declarations") : NULL;
            if (decls)
                cJSON_AddItemToArray(decls, res);
            else
                cJSON_Delete(res);
            static const char *const fmts[] = {"text", "json"};
            for (int i = 0; i < 2 && doc; i++) {
                char *buf = NULL;
                size_t len = 0;
                FILE *f = open_memstream(&buf, &len);
                if (!f) continue;
                report_options ro = {.format = fmts[i], .lang = "ja"};
                if (report_write(doc, &ro, f, NULL, err, sizeof err)) {
                    snprintf(msg, msglen, "report %s: %s", fmts[i], err);
                    rc = -1;
                }
                fclose(f);
                __real_free(buf); /* open_memstream's buffer comes from libc's own malloc */
            }
            cJSON_Delete(doc);
        }
    }
    cJSON_Delete(verrs);
    decl_free(d);
    return rc;
}

/* Warm-up of the Lua validator: the C fast path finds the sample valid, so the Lua validator
 * (which fills bounded caches on first use, such as its enum sets) only runs when the fast path
 * gives up, say because an allocation failed. Validate a variant of the declaration with an
 * unknown top-level member once, so those caches are part of the warm shape the sweep compares
 * against. */
static void warm_lua_validator(runner *r)
{
    FILE *f = fopen(decl_file, "rb");
    if (!f) return;
    static char buf[1 << 20];
    const char extra[] = "{\"x-sweep-warm-up\": 1, ";
    memcpy(buf, extra, sizeof extra - 1);
    size_t n = fread(buf + sizeof extra - 1, 1, sizeof buf - sizeof extra, f);
    fclose(f);
    char *brace = memchr(buf + sizeof extra - 1, '{', n);
    if (!brace) return;
    *brace = ' '; /* the variant's opening brace is the one of `extra` */
    decl_doc *d = NULL;
    decl_error e;
    if (decl_load_buffer("warm-up.json", buf, n + sizeof extra - 1, NULL, &d, &e)) {
        decl_error_clear(&e);
        return;
    }
    char err[256];
    cJSON_Delete(runner_validate(r, d, err, sizeof err));
    decl_free(d);
}

static runner *make_runner(char *msg, size_t msglen)
{
    runner_opts o = {0};
    o.policies_dir = pol_dir;
    o.lua_dir = lua_dir;
    o.validate = 1;
    o.sandbox.plain_malloc = 1; /* every Lua allocation a malloc call this sweep can fail */
    char err[2048] = "";
    runner *r = runner_new(&o, err, sizeof err);
    if (!r) snprintf(msg, msglen, "runner: %s", err);
    return r;
}

static int release_caches(lua_State *L)
{
    luaconv_reset_cache(L);
    luaconv_new_log(L);
    cJSON_Delete(luaconv_take_log(L));
    return 0;
}

/* Phase "setup": build and free a runner. Phase "eval": evaluate with a runner built once. */
static runner *shared;

static int check(int phase, char *msg, size_t msglen)
{
    msg[0] = 0;
    if (phase == 0) {
        runner *r = make_runner(msg, msglen);
        if (!r) return -1;
        const char *const *le = runner_load_errors(r);
        int rc = 0;
        if (*le) { /* a policy could not be loaded: reported, the others work */
            snprintf(msg, msglen, "policy not loaded: %s", *le);
            rc = -1;
        }
        runner_free(r);
        return rc;
    }
    int rc = evaluate(shared, msg, msglen);
    /* what the state still holds for the declaration is released by the next one: do that
     * now, so only real leaks remain */
    lua_State *L = sandbox_state(runner_sandbox(shared));
    if (lua_checkstack(L, 4)) {
        lua_pushcfunction(L, release_caches);
        lua_pcall(L, 0, 0, 0) == LUA_OK ? (void)0 : lua_pop(L, 1);
    }
    lua_gc(L, LUA_GCCOLLECT, 0);
    return rc;
}

/* One run with the Nth allocation failing, in a child process (so a crash is reported as
 * a failure of that N and the sweep goes on). Returns 0 ok, 1 failed; *error set when the
 * check ended with a clean error. */
/* In a child that crashes: where (link with -rdynamic for names). */
static void on_crash(int sig)
{
    void *frames[32];
    int k = backtrace(frames, 32);
    backtrace_symbols_fd(frames, k, 1);
    signal(sig, SIG_DFL);
    raise(sig);
}

static int one(int phase, long n, int *error)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGSEGV, on_crash);
        signal(SIGABRT, on_crash);
        signal(SIGBUS, on_crash);
        char msg[2300];
        count = 0;
        fail_at = n;
        long before = live;
        int rc = check(phase, msg, sizeof msg);
        int bad = 0;
        if (phase == 1) {
            /* Lua objects the state still holds after a failure (the interned-string cache, a
             * half-registered spec) are not leaks: the next declaration replaces them. A clean
             * run brings the state back to its warm shape, so compare after one. */
            char again[2300];
            count = 0;
            fail_at = 0;
            if (check(phase, again, sizeof again) != 0) {
                printf("FAIL eval N=%ld: the next declaration failed: %s\n", n, again);
                bad = 1;
            }
        }
        /* A state may keep something the first time a path runs (the Lua validator judging a
         * valid declaration after the C fast path ran out of memory keeps one object): growth
         * that does not repeat when the same failure and a clean run happen again is state,
         * not a leak. A leak of the failure path leaks again. */
        if (phase == 1 && live > before) {
            char again[2300];
            long first = live;
            count = 0;
            fail_at = n;
            check(phase, again, sizeof again);
            count = 0;
            fail_at = 0;
            check(phase, again, sizeof again);
            if (live <= first) before = live;
        }
        /* fewer live allocations than before is no leak: the state dropped caches */
        if (live > before) {
            printf("FAIL %s N=%ld: %ld allocation(s) leaked (%s)\n", phase ? "eval" : "setup", n,
                   live - before, rc ? msg : "check succeeded");
            bad = 1;
        }
        if (rc != 0 && !msg[0]) {
            printf("FAIL %s N=%ld: error without a message\n", phase ? "eval" : "setup", n);
            bad = 1;
        }
        fflush(stdout);
        _exit(bad ? 1 : rc ? 2 : 0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    *error = WIFEXITED(st) && WEXITSTATUS(st) == 2;
    if (WIFSIGNALED(st)) {
        printf("FAIL %s N=%ld: crashed (signal %d)\n", phase ? "eval" : "setup", n, WTERMSIG(st));
        return 1;
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 1;
}

static long sweep(int phase, long step, long *failed_out)
{
    char msg[2300];
    long base = live;
    count = 0;
    fail_at = 0;
    if (check(phase, msg, sizeof msg) != 0) {
        printf("FAIL %s: the check does not pass without failures: %s\n", phase ? "eval" : "setup",
               msg);
        *failed_out += 1;
        return 0;
    }
    long total = count;
    if (phase == 0 && live != base) {
        printf("FAIL setup: a clean run leaks %ld allocation(s)\n", live - base);
        *failed_out += 1;
    }
    printf("%s: %ld allocations; sweeping N = 1..%ld step %ld\n", phase ? "eval" : "setup", total,
           total, step);
    long passed = 0, failed = 0, errors = 0;
    /* SWEEP_FROM / SWEEP_TO: only part of the range (debugging one failure) */
    long from = getenv("SWEEP_FROM") ? atol(getenv("SWEEP_FROM")) : 1;
    long to = getenv("SWEEP_TO") ? atol(getenv("SWEEP_TO")) : total;
    if (from < 1) from = 1;
    if (to > total) to = total;
    for (long n = from; n <= to; n += step) {
        int error = 0;
        if (one(phase, n, &error))
            failed++;
        else
            passed++;
        errors += error;
    }
    printf("%s: %ld runs ended with a clean error, %ld succeeded (Lua retries after a full GC)\n",
           phase ? "eval" : "setup", errors, passed - errors);
    *failed_out += failed;
    return passed;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: sweep POLICY_DIR LUA_DIR DECLARATION [SETUP_STEP [EVAL_STEP]]\n");
        return 2;
    }
    pol_dir = argv[1];
    lua_dir = argv[2];
    decl_file = argv[3];
    long setup_step = argc > 4 ? atol(argv[4]) : 1, eval_step = argc > 5 ? atol(argv[5]) : 1;
    if (setup_step < 1) setup_step = 1;
    if (eval_step < 1) eval_step = 1;
    cJSON_Hooks h = {hook_malloc, hook_free};
    cJSON_InitHooks(&h);
    setvbuf(stdout, NULL, _IOLBF, 0);
    armed = 1;
    long passed = 0, failed = 0;
    const char *only =
        getenv("SWEEP_ONLY"); /* "setup:N" or "eval:N": one run, in-process (debugging) */
    if (only) {
        char msg[2300];
        int phase = strncmp(only, "eval:", 5) == 0;
        if (phase) {
            shared = make_runner(msg, sizeof msg);
            warm_lua_validator(shared);
            check(1, msg, sizeof msg); /* the same warm-up as the sweep */
            count = 0;
            fail_at = 0;
            check(1, msg, sizeof msg); /* and the counting run */
        }
        count = 0;
        fail_at = atol(strchr(only, ':') + 1);
        long before = live;
        if (getenv("SWEEP_TRACE")) {
            trace_tab = __real_calloc(TRACE_MAX, sizeof *trace_tab);
            tracing = trace_tab != NULL;
        }
        int rc = check(phase, msg, sizeof msg);
        tracing = 0;
        printf("rc %d, leaked %ld, message: %s\n", rc, live - before, msg);
        for (long i = 0; i < ntrace; i++)
            if (trace_tab[i].p) {
                printf("live %p from:\n", trace_tab[i].p);
                backtrace_symbols_fd(trace_tab[i].where, 6, 1);
            }
        return 0;
    }
    passed += sweep(0, setup_step, &failed);
    char msg[2300];
    fail_at = 0;
    shared = make_runner(msg, sizeof msg);
    if (!shared) {
        printf("FAIL cannot build the runner: %s\n", msg);
        failed++;
    } else {
        warm_lua_validator(shared);
        check(1, msg, sizeof msg); /* warm up: caches of the state */
        passed += sweep(1, eval_step, &failed);
        runner_free(shared);
    }
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed != 0;
}
