/* watchdog.c — isolation of declaration evaluation.
 *
 * Owns: the worker process that evaluates declarations, the wall-clock limit per evaluation,
 * detecting a worker that hangs (even inside one C call, a finalizer or lua_close), crashes or
 * is killed, naming the policy that was running, and re-evaluating the others; the signal
 * flag that lets a batch stop between declarations.
 * Does not own: evaluation itself (runner.c) or the instruction/memory limits (sandbox.c).
 *
 * Design: the worker is forked from the fully loaded kyojin process (policies compiled,
 * parameters set), so it costs nothing to prepare and shares the pages copy-on-write. It is
 * persistent: each declaration is sent to it over a socket (name, text, as_of, skip list), it
 * parses and evaluates it and sends the result document back as JSON text. Before each policy
 * it writes the policy's index into a shared page, so when the parent has to kill it (the
 * wall-clock limit passed) or finds it dead (a crash), it knows which policy was running.
 * That policy is marked `error` with the reason, a new worker is forked, and the declaration
 * is evaluated again with the culprit skipped: the other policies are re-run (they are
 * deterministic) and keep their results. A worker is only replaced after a failure.
 */
#define _GNU_SOURCE
#include "watchdog.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    volatile int32_t current; /* index of the policy being evaluated; -1 before the first */
    volatile int32_t phase;   /* 0 idle, 1 evaluating, 2 sending the result */
} shared_page;

typedef struct {
    int index;
    char *reason;
} skip_entry;

struct watchdog {
    runner *r;
    double timeout;
    int max_failures;
    pid_t pid;
    int fd;
    shared_page *shm;
    long evals, starts, failures;
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig) { got_signal = sig; }

void watchdog_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; /* no SA_RESTART: a wait in poll() returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int watchdog_interrupted(void) { return (int)got_signal; }

void watchdog_stats(const watchdog *w, long *evals, long *starts, long *failures)
{
    *evals = w->evals;
    *starts = w->starts;
    *failures = w->failures;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ------------------------------------------------------------------ socket I/O */

static int send_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Blocking read of exactly n bytes (worker side). 0, or -1 on EOF/error. */
static int recv_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n > 0) {
        ssize_t k = read(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* Read exactly n bytes before `deadline` (parent side).
 * 0 ok, -1 EOF or error (worker gone), -2 deadline passed, -3 interrupted by a signal. */
static int recv_deadline(int fd, void *buf, size_t n, double deadline)
{
    char *p = buf;
    while (n > 0) {
        if (got_signal) return -3;
        double left = deadline - now();
        if (left <= 0) return -2;
        struct pollfd pf = {fd, POLLIN, 0};
        int ms = left > 3600 ? 3600000 : (int)(left * 1000) + 1;
        int pr = poll(&pf, 1, ms);
        if (pr < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        if (pr == 0) continue;
        ssize_t k = read(fd, p, n);
        if (k < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (k <= 0) return -1;
        p += k;
        n -= (size_t)k;
    }
    return 0;
}

/* ------------------------------------------------------------------ worker */

typedef struct {
    shared_page *shm;
    skip_entry *skips;
    uint32_t nskips;
} worker_ctx;

static const char *worker_hook(void *ud, int index, const char *id)
{
    (void)id;
    worker_ctx *c = ud;
    c->shm->current = index;
    for (uint32_t i = 0; i < c->nskips; i++)
        if (c->skips[i].index == index) return c->skips[i].reason;
    return NULL;
}

/* Request: u32 name_len, u32 asof_len (0 = none), u64 text_len, u32 nskips, then the name,
 * as_of, text, and nskips × (i32 index, u32 reason_len, reason). */
/* Response: u32 kind (0 result JSON, 1 error message), i32 any_error, u64 len, payload. */

static int worker_respond(int fd, uint32_t kind, int32_t any_error, const char *payload, size_t len)
{
    unsigned char hdr[16];
    uint64_t l = len;
    memcpy(hdr, &kind, 4);
    memcpy(hdr + 4, &any_error, 4);
    memcpy(hdr + 8, &l, 8);
    if (send_all(fd, hdr, sizeof hdr)) return -1;
    return send_all(fd, payload, len);
}

static void worker_main(runner *r, int fd, shared_page *shm)
{
    worker_ctx ctx = {shm, NULL, 0};
    runner_set_policy_hook(r, worker_hook, &ctx);
    for (;;) {
        unsigned char hdr[20];
        if (recv_all(fd, hdr, sizeof hdr)) _exit(0); /* parent closed: done */
        uint32_t name_len, asof_len, nskips;
        uint64_t text_len;
        memcpy(&name_len, hdr, 4);
        memcpy(&asof_len, hdr + 4, 4);
        memcpy(&text_len, hdr + 8, 8);
        memcpy(&nskips, hdr + 16, 4);
        char *name = malloc((size_t)name_len + 1), *asof = malloc((size_t)asof_len + 1);
        char *text = malloc(text_len ? (size_t)text_len : 1);
        ctx.skips = calloc(nskips ? nskips : 1, sizeof *ctx.skips);
        ctx.nskips = 0;
        if (!name || !asof || !text || !ctx.skips) _exit(3);
        if (recv_all(fd, name, name_len) || recv_all(fd, asof, asof_len) || recv_all(fd, text, (size_t)text_len)) _exit(3);
        name[name_len] = 0;
        asof[asof_len] = 0;
        for (uint32_t i = 0; i < nskips; i++) {
            int32_t idx;
            uint32_t rl;
            if (recv_all(fd, &idx, 4) || recv_all(fd, &rl, 4)) _exit(3);
            char *why = malloc((size_t)rl + 1);
            if (!why || recv_all(fd, why, rl)) _exit(3);
            why[rl] = 0;
            ctx.skips[ctx.nskips].index = idx;
            ctx.skips[ctx.nskips++].reason = why;
        }
        shm->current = -1;
        shm->phase = 1;
        decl_doc *d = NULL;
        decl_error e;
        decl_limits lim = {(size_t)text_len + 1, 0};
        char err[2048] = "";
        cJSON *res = NULL;
        int any_error = 0;
        if (decl_load_buffer(name, text, (size_t)text_len, &lim, &d, &e)) {
            snprintf(err, sizeof err, "%d:%d: %s", e.line, e.column, e.msg_en);
            decl_error_clear(&e);
        } else {
            res = runner_eval(r, d, asof_len ? asof : NULL, &any_error, err, sizeof err);
            decl_free(d);
        }
        shm->phase = 2;
        int rc;
        if (res) {
            char *json = cJSON_PrintUnformatted(res);
            cJSON_Delete(res);
            if (json) {
                rc = worker_respond(fd, 0, any_error, json, strlen(json));
                cJSON_free(json);
            } else {
                rc = worker_respond(fd, 1, 0, "out of memory", 13);
            }
        } else {
            rc = worker_respond(fd, 1, 0, err, strlen(err));
        }
        shm->phase = 0;
        for (uint32_t i = 0; i < ctx.nskips; i++) free(ctx.skips[i].reason);
        free(ctx.skips);
        ctx.skips = NULL;
        ctx.nskips = 0;
        free(name);
        free(asof);
        free(text);
        if (rc) _exit(0);
    }
}

static void worker_stop(watchdog *w, int force)
{
    if (w->pid <= 0) return;
    if (force) kill(w->pid, SIGKILL);
    if (w->fd >= 0) close(w->fd);
    w->fd = -1;
    int st;
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR) {
    }
    w->pid = 0;
}

static int worker_start(watchdog *w, char *err, size_t errlen)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
        snprintf(err, errlen, "cannot create the worker channel: %s", strerror(errno));
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        snprintf(err, errlen, "cannot start the worker process: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        close(sv[0]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(0);
        signal(SIGINT, SIG_IGN); /* the parent decides what an interrupt means */
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        worker_main(w->r, sv[1], w->shm);
        _exit(0);
    }
    close(sv[1]);
    w->pid = pid;
    w->fd = sv[0];
    w->starts++;
    return 0;
}

/* ------------------------------------------------------------------ parent */

watchdog *watchdog_new(runner *r, const watchdog_opts *o)
{
    watchdog *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->r = r;
    w->timeout = o ? o->timeout : WATCHDOG_DEFAULT_TIMEOUT;
    w->max_failures = o && o->max_failures > 0 ? o->max_failures : WATCHDOG_MAX_FAILURES;
    w->fd = -1;
    if (w->timeout > 0) {
        void *p = mmap(NULL, sizeof(shared_page), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            free(w);
            return NULL;
        }
        w->shm = p;
    }
    return w;
}

void watchdog_free(watchdog *w)
{
    if (!w) return;
    worker_stop(w, 0);
    if (w->shm) munmap(w->shm, sizeof(shared_page));
    free(w);
}

static int send_request(watchdog *w, decl_doc *d, const char *as_of, const skip_entry *skips, uint32_t nskips)
{
    size_t tlen;
    const char *text = decl_text(d, &tlen);
    const char *name = decl_path(d);
    uint32_t name_len = (uint32_t)strlen(name), asof_len = as_of ? (uint32_t)strlen(as_of) : 0;
    uint64_t text_len = tlen;
    unsigned char hdr[20];
    memcpy(hdr, &name_len, 4);
    memcpy(hdr + 4, &asof_len, 4);
    memcpy(hdr + 8, &text_len, 8);
    memcpy(hdr + 16, &nskips, 4);
    if (send_all(w->fd, hdr, sizeof hdr) || send_all(w->fd, name, name_len) ||
        (asof_len && send_all(w->fd, as_of, asof_len)) || send_all(w->fd, text, tlen))
        return -1;
    for (uint32_t i = 0; i < nskips; i++) {
        int32_t idx = skips[i].index;
        uint32_t rl = (uint32_t)strlen(skips[i].reason);
        if (send_all(w->fd, &idx, 4) || send_all(w->fd, &rl, 4) || send_all(w->fd, skips[i].reason, rl)) return -1;
    }
    return 0;
}

static int add_skip(skip_entry **v, uint32_t *n, int index, const char *reason)
{
    for (uint32_t i = 0; i < *n; i++)
        if ((*v)[i].index == index) return 1;
    skip_entry *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) return -1;
    *v = nv;
    size_t l = strlen(reason) + 1;
    nv[*n].index = index;
    nv[*n].reason = malloc(l);
    if (!nv[*n].reason) return -1;
    memcpy(nv[*n].reason, reason, l);
    (*n)++;
    return 0;
}

static void free_skips(skip_entry *v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) free(v[i].reason);
    free(v);
}

/* Why the worker died: fills `why` from its wait status. */
static void death_reason(int status, double timeout, int timed_out, char *why, size_t n)
{
    if (timed_out)
        snprintf(why, n, "wall-clock limit exceeded (%g s per declaration; see --timeout)", timeout);
    else if (WIFSIGNALED(status))
        snprintf(why, n, "the policy crashed the interpreter (signal %d, %s)", WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(why, n, "the evaluation process ended unexpectedly (exit status %d)", WEXITSTATUS(status));
    else
        snprintf(why, n, "the evaluation process ended unexpectedly");
}

cJSON *watchdog_eval(watchdog *w, decl_doc *d, const char *as_of, int *any_error, char *err, size_t errlen)
{
    *any_error = 0;
    w->evals++;
    if (got_signal) {
        snprintf(err, errlen, "interrupted by signal %d", (int)got_signal);
        return NULL;
    }
    if (w->timeout <= 0) return runner_eval(w->r, d, as_of, any_error, err, errlen);

    skip_entry *skips = NULL;
    uint32_t nskips = 0;
    int failures = 0;
    cJSON *result = NULL;
    for (;;) {
        if (w->pid <= 0 && worker_start(w, err, errlen)) break;
        w->shm->current = -1;
        w->shm->phase = 0;
        double deadline = now() + w->timeout;
        int rc = send_request(w, d, as_of, skips, nskips) ? -1 : 0;
        unsigned char hdr[16];
        if (rc == 0) rc = recv_deadline(w->fd, hdr, sizeof hdr, deadline);
        char *payload = NULL;
        uint32_t kind = 1;
        int32_t anyerr = 0;
        if (rc == 0) {
            uint64_t len;
            memcpy(&kind, hdr, 4);
            memcpy(&anyerr, hdr + 4, 4);
            memcpy(&len, hdr + 8, 8);
            payload = len < ((uint64_t)1 << 32) ? malloc((size_t)len + 1) : NULL;
            if (!payload) rc = -1;
            else {
                rc = recv_deadline(w->fd, payload, (size_t)len, deadline);
                payload[len] = 0;
            }
        }
        if (rc == 0) {
            if (kind == 0) {
                result = cJSON_Parse(payload);
                if (!result) snprintf(err, errlen, "the evaluation result could not be read (out of memory)");
                *any_error = anyerr || nskips > 0;
            } else {
                snprintf(err, errlen, "%s", payload);
            }
            free(payload);
            break;
        }
        free(payload);
        if (rc == -3) {
            worker_stop(w, 1);
            snprintf(err, errlen, "interrupted by signal %d", (int)got_signal);
            break;
        }
        /* the worker hung (-2) or died (-1): find out how and which policy was running */
        int timed_out = rc == -2, status = 0;
        int culprit = w->shm->current, phase = w->shm->phase;
        if (timed_out) kill(w->pid, SIGKILL);
        close(w->fd);
        w->fd = -1;
        while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
        }
        w->pid = 0;
        char why[300];
        death_reason(status, w->timeout, timed_out, why, sizeof why);
        w->failures++;
        if (culprit < 0 || phase != 1) {
            snprintf(err, errlen, "the declaration could not be evaluated: %s", why);
            break;
        }
        int dup = add_skip(&skips, &nskips, culprit, why);
        if (dup) {
            snprintf(err, errlen, "the declaration could not be evaluated: %s", why);
            break;
        }
        if (++failures >= w->max_failures) {
            /* stop spending time on this declaration: every later policy is not evaluated */
            char rest[200];
            snprintf(rest, sizeof rest, "not evaluated: %d policies of this declaration already exceeded the limits",
                     failures);
            int n = runner_policy_count(w->r);
            for (int i = culprit + 1; i < n; i++)
                if (add_skip(&skips, &nskips, i, rest) < 0) break;
        }
    }
    free_skips(skips, nskips);
    return result;
}

int watchdog_note_interrupt(cJSON *doc, const char *const *files, int n, int english)
{
    int sig = (int)got_signal;
    cJSON *ne = cJSON_CreateArray();
    for (int i = 0; i < n; i++) cJSON_AddItemToArray(ne, cJSON_CreateString(files[i]));
    if (doc) cJSON_AddItemToObject(doc, "not_evaluated", ne);
    fprintf(stderr,
            english ? "kyojin: interrupted by signal %d; %d declaration(s) not evaluated:\n"
                    : "kyojin: シグナル %d により中断しました。評価していない申告 %d 件:\n",
            sig, n);
    for (int i = 0; i < n; i++) fprintf(stderr, "  %s\n", files[i]);
    if (!doc) cJSON_Delete(ne);
    return 128 + sig;
}
