/* watchdog.c — isolation of declaration evaluation.
 *
 * Owns: the worker process that evaluates declarations, the wall-clock limit per evaluation,
 * detecting a worker that hangs (even inside one C call, a finalizer or lua_close), crashes or
 * is killed, naming the policy that was running, and re-evaluating the others; the signal
 * flag and self-pipe that let a batch stop at once, and the abort of the report's write on a
 * further signal.
 * Does not own: evaluation itself (runner.c) or the instruction/memory limits (sandbox.c).
 *
 * Design: the worker is forked from the fully loaded kyojin process (policies compiled,
 * parameters set, risk tables read), so it costs nothing to prepare and shares the pages
 * copy-on-write. It is persistent: each declaration is sent to it over a socket (its path and
 * a skip list) and it runs the whole per-declaration job registered in watchdog_opts (read,
 * validate, evaluate, risk: core/engine/batch.c) — so the declaration is parsed once, in the worker
 * — then sends back the status bits, everything the job wrote to stderr, and the result:
 * already rendered in the output format when a renderer is registered (only bytes travel
 * back), otherwise as JSON. Before each policy it writes the policy's index into a shared
 * page and marks the policy phase, so when the parent has to kill it (the wall-clock limit
 * passed) or finds it dead (a crash), it knows which policy was running. That policy is
 * marked `error` with the reason, a new worker is forked, and the declaration is evaluated
 * again with the culprit skipped: the other policies are re-run (they are deterministic)
 * and keep their results. A worker is only replaced after a failure.
 *
 * watchdog_run waits for one declaration; watchdog_start / watchdog_step do the same without
 * waiting, so that a batch with --jobs N keeps N watchdogs (N workers) busy from one process
 * (core/engine/batch.c). watchdog_run is built on them: one reading of the reply, one
 * handling of a worker that hangs or dies.
 */
#define _GNU_SOURCE
#include "engine/watchdog.h"
#include "util/jsonout.h"
#include "util/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
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
    watchdog_opts opts;
    double timeout;
    int max_failures;
    pid_t pid;
    int fd;
    shared_page *shm;
    long evals, starts, failures;
    watchdog *next_live; /* every watchdog of this process (see live) */
    /* the declaration being evaluated (watchdog_start .. its end), or path NULL */
    char *path;
    skip_entry *skips; /* policies to skip: they hung or crashed a worker */
    uint32_t nskips;
    int nfail;       /* failures of this declaration */
    double deadline; /* CLOCK_MONOTONIC seconds; 0 = none */
    /* its reply as it arrives: header, messages, output (got = bytes so far) */
    unsigned char hdr[24];
    size_t got;
    uint64_t ml, ol;
    char *msg, *payload;
};

/* Interrupts. The handler only does what is async-signal-safe: it records the signal, writes
 * one byte into this process's self-pipe (so a wait in poll() wakes even when the signal came
 * just before it) and, once the final report is being written (watchdog_arm_abort), removes
 * the report's temp file and ends the process on a further signal. */
static volatile sig_atomic_t got_signal;
static volatile sig_atomic_t abort_armed;
static char abort_tmp[4096]; /* the temp file to remove on an abort, or "" */
static int wake_pipe[2] = {-1, -1};

static void on_signal(int sig)
{
    int saved = errno;
    if (abort_armed) {
        if (abort_tmp[0]) unlink(abort_tmp);
        _exit(128 + sig);
    }
    got_signal = sig;
    if (wake_pipe[1] >= 0) {
        ssize_t k = write(wake_pipe[1], "", 1); /* full pipe: it is readable already */
        (void)k;
    }
    errno = saved;
}

void watchdog_catch_signals(void)
{
    /* a forked batch worker gets a pipe of its own: a shared one would wake the others */
    if (wake_pipe[0] >= 0) {
        close(wake_pipe[0]);
        close(wake_pipe[1]);
        wake_pipe[0] = wake_pipe[1] = -1;
    }
    if (pipe2(wake_pipe, O_CLOEXEC | O_NONBLOCK) != 0) wake_pipe[0] = wake_pipe[1] = -1;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT); /* one handler at a time */
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaddset(&sa.sa_mask, SIGHUP);
    sa.sa_flags = 0; /* no SA_RESTART: a blocking read() returns EINTR */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

int watchdog_interrupted(void)
{
    return (int)got_signal;
}

int watchdog_wake_fd(void)
{
    return wake_pipe[0];
}

void watchdog_drain_wake(void)
{
    char buf[64];
    if (wake_pipe[0] >= 0)
        while (read(wake_pipe[0], buf, sizeof buf) > 0) {}
}

void watchdog_arm_abort(const char *tmp)
{
    size_t l = tmp ? strlen(tmp) : 0;
    if (l >= sizeof abort_tmp) l = 0; /* too long to keep: nothing to remove */
    memcpy(abort_tmp, tmp ? tmp : "", l);
    abort_tmp[l] = 0;
    abort_armed = 1;
}

void watchdog_disarm_abort(void)
{
    abort_armed = 0;
    abort_tmp[0] = 0;
}

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

/* ------------------------------------------------------------------ worker */

typedef struct {
    shared_page *shm;
    skip_entry *skips;
    uint32_t nskips;
} worker_ctx;

static worker_ctx *wctx; /* the worker process's own */

static const char *worker_hook(void *ud, int index, const char *id)
{
    (void)id;
    worker_ctx *c = ud;
    c->shm->current = index;
    for (uint32_t i = 0; i < c->nskips; i++)
        if (c->skips[i].index == index) return c->skips[i].reason;
    return NULL;
}

/* runner_eval for the job, inside the policy phase: a death now is blamed on the policy
 * whose index is in the shared page. */
static cJSON *worker_eval(runner *r, decl_doc *d, const char *as_of, int *any_error, char *err,
                          size_t errlen)
{
    wctx->shm->current = -1;
    wctx->shm->phase = 1;
    cJSON *res = runner_eval(r, d, as_of, any_error, err, errlen);
    wctx->shm->phase = 2;
    if (res && wctx->nskips) *any_error = 1; /* skipped policies are errors */
    return res;
}

/* Request: u32 path_len, u32 nskips, then the path and nskips × (i32 index, u32 reason_len,
 * reason). Response: u32 kind (REPLY_*), i32 status bits, u64 msg_len, u64 out_len, then the
 * messages and the output. */
enum { REPLY_JSON = 0, REPLY_ERROR = 1, REPLY_RENDERED = 2, REPLY_NONE = 3 };

static int worker_respond(int fd, uint32_t kind, int32_t status, const char *msg, size_t msg_len,
                          const char *out, size_t out_len)
{
    unsigned char hdr[24];
    uint64_t ml = msg_len, ol = out_len;
    memcpy(hdr, &kind, 4);
    memcpy(hdr + 4, &status, 4);
    memcpy(hdr + 8, &ml, 8);
    memcpy(hdr + 16, &ol, 8);
    if (send_all(fd, hdr, sizeof hdr)) return -1;
    if (msg_len && send_all(fd, msg, msg_len)) return -1;
    return out_len ? send_all(fd, out, out_len) : 0;
}

char *watchdog_render_mem(watchdog_render_fn render, void *ctx, const cJSON *res, size_t *len)
{
    char *text = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&text, &n);
    if (!m) return NULL;
    int bad = render(ctx, res, m) != 0;
    if (fclose(m) != 0) bad = 1;
    if (bad) {
        free(text);
        return NULL;
    }
    *len = n;
    return text;
}

/* stderr of the job goes to a memory file and travels back with the reply, so messages reach
 * whatever stderr the caller has at that moment (a batch worker's per-declaration file). */
static char *take_messages(int memfd, size_t *len)
{
    fflush(stderr);
    off_t end = lseek(memfd, 0, SEEK_CUR);
    *len = 0;
    if (end <= 0) return NULL;
    char *m = malloc((size_t)end);
    if (!m || pread(memfd, m, (size_t)end, 0) != end) {
        free(m);
        return NULL;
    }
    *len = (size_t)end;
    return m;
}

static void worker_main(runner *r, int fd, shared_page *shm, const watchdog_opts *o)
{
    worker_ctx ctx = {shm, NULL, 0};
    wctx = &ctx;
    runner_set_policy_hook(r, worker_hook, &ctx);
    int memfd = memfd_create("kyojin-messages", MFD_CLOEXEC);
    int real_stderr = dup(2);
    if (memfd < 0 || real_stderr < 0) _exit(3);
    for (;;) {
        unsigned char hdr[8];
        if (recv_all(fd, hdr, sizeof hdr)) _exit(0); /* parent closed: done */
        uint32_t path_len, nskips;
        memcpy(&path_len, hdr, 4);
        memcpy(&nskips, hdr + 4, 4);
        char *path = malloc((size_t)path_len + 1);
        ctx.skips = calloc(nskips ? nskips : 1, sizeof *ctx.skips);
        ctx.nskips = 0;
        if (!path || !ctx.skips) _exit(3);
        if (recv_all(fd, path, path_len)) _exit(3);
        path[path_len] = 0;
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
        shm->phase = 0;
        fflush(stderr);
        if (ftruncate(memfd, 0) || lseek(memfd, 0, SEEK_SET) || dup2(memfd, 2) < 0) _exit(3);
        int status = 0;
        cJSON *res = o->job(o->job_ctx, r, path, worker_eval, &status);
        shm->phase = 2;
        char *out = NULL;
        size_t out_len = 0;
        uint32_t kind = REPLY_NONE;
        if (res && o->render) {
            out = watchdog_render_mem(o->render, o->render_ctx, res, &out_len);
            kind = out ? REPLY_RENDERED : REPLY_ERROR;
        } else if (res) {
            out = json_print(res, 0, &out_len);
            kind = out ? REPLY_JSON : REPLY_ERROR;
        }
        cJSON_Delete(res);
        if (kind == REPLY_ERROR) {
            out_len = strlen("out of memory");
            out = strdup("out of memory");
            if (!out) _exit(3);
        }
        size_t msg_len = 0;
        char *msg = take_messages(memfd, &msg_len);
        dup2(real_stderr, 2);
        int rc = worker_respond(fd, kind, status, msg, msg_len, out, out_len);
        shm->phase = 0;
        free(msg);
        free(out);
        for (uint32_t i = 0; i < ctx.nskips; i++) free(ctx.skips[i].reason);
        free(ctx.skips);
        ctx.skips = NULL;
        ctx.nskips = 0;
        free(path);
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
    while (waitpid(w->pid, &st, 0) < 0 && errno == EINTR) {}
    w->pid = 0;
}

__attribute__((noinline)) void kyojin_child_start(void)
{
    __asm__ volatile("" ::: "memory"); /* keep the call: it is a marker for profilers */
}

/* The watchdogs of this process. A worker forked for one of them closes the channels of the
 * others: a worker holding a copy of another's channel would keep that one from seeing its
 * parent close it, and from ending. */
static watchdog *live;

static int worker_start(watchdog *w, char *err, size_t errlen)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) {
        snprintf(err, errlen, "cannot create the worker channel: %s", strerror(errno));
        return -1;
    }
    /* room for a whole rendered declaration or more per write (best effort: the kernel caps
     * it at net.core.wmem_max / rmem_max) */
    int big = 1 << 20;
    setsockopt(sv[0], SOL_SOCKET, SO_RCVBUF, &big, sizeof big);
    setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
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
        kyojin_child_start();
        close(sv[0]);
        for (watchdog *o = live; o; o = o->next_live)
            if (o != w && o->fd >= 0) close(o->fd);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) _exit(0);
        signal(SIGINT, SIG_IGN); /* the parent decides what an interrupt means */
        signal(SIGTERM, SIG_IGN);
        signal(SIGHUP, SIG_IGN);
        worker_main(w->r, sv[1], w->shm, &w->opts);
        _exit(0);
    }
    close(sv[1]);
    w->pid = pid;
    w->fd = sv[0];
    w->starts++;
    return 0;
}

/* ------------------------------------------------------------------ parent */

static void job_end(watchdog *w);

watchdog *watchdog_new(runner *r, const watchdog_opts *o)
{
    watchdog *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->r = r;
    if (o) w->opts = *o;
    w->timeout = o ? o->timeout : WATCHDOG_DEFAULT_TIMEOUT;
    w->max_failures = o && o->max_failures > 0 ? o->max_failures : WATCHDOG_MAX_FAILURES;
    w->fd = -1;
    if (w->timeout > 0 || w->opts.isolate) {
        void *p = mmap(NULL, sizeof(shared_page), PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            free(w);
            return NULL;
        }
        w->shm = p;
    }
    w->next_live = live;
    live = w;
    return w;
}

void watchdog_free(watchdog *w)
{
    if (!w) return;
    for (watchdog **p = &live; *p; p = &(*p)->next_live)
        if (*p == w) {
            *p = w->next_live;
            break;
        }
    job_end(w);
    worker_stop(w, 0);
    if (w->shm) munmap(w->shm, sizeof(shared_page));
    free(w);
}

static int send_request(watchdog *w, const char *path, const skip_entry *skips, uint32_t nskips)
{
    uint32_t path_len = (uint32_t)strlen(path);
    unsigned char hdr[8];
    memcpy(hdr, &path_len, 4);
    memcpy(hdr + 4, &nskips, 4);
    if (send_all(w->fd, hdr, sizeof hdr) || send_all(w->fd, path, path_len)) return -1;
    for (uint32_t i = 0; i < nskips; i++) {
        int32_t idx = skips[i].index;
        uint32_t rl = (uint32_t)strlen(skips[i].reason);
        if (send_all(w->fd, &idx, 4) || send_all(w->fd, &rl, 4) ||
            send_all(w->fd, skips[i].reason, rl))
            return -1;
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
static void death_reason(int status, double timeout, int timed_out, int in_policy, char *why,
                         size_t n)
{
    if (timed_out)
        snprintf(why, n, "wall-clock limit exceeded (%g s per declaration; see --timeout)",
                 timeout);
    else if (WIFSIGNALED(status))
        snprintf(why, n,
                 in_policy ? "the policy crashed the interpreter (signal %d, %s)"
                           : "the evaluation process crashed (signal %d, %s)",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (WIFEXITED(status))
        snprintf(why, n, "the evaluation process ended unexpectedly (exit status %d)",
                 WEXITSTATUS(status));
    else
        snprintf(why, n, "the evaluation process ended unexpectedly");
}

#ifdef __EMSCRIPTEN__
/* WebAssembly cannot fork: in the web build the page is the watchdog (web/watchdog_web.c). */
int watchdog_web_run(runner *r, const watchdog_opts *o, const char *path, watchdog_out *out,
                     char *err, size_t errlen);
#endif

/* The reply being read: the fixed header, then the messages and the output. */
static void reply_reset(watchdog *w)
{
    free(w->msg);
    free(w->payload);
    w->msg = w->payload = NULL;
    w->got = 0;
    w->ml = w->ol = 0;
}

/* Send the current declaration (w->path, with the skip list) to the worker, starting one
 * first if there is none; the wall-clock limit starts now. 0, or -1 with err set. */
static int dispatch(watchdog *w, char *err, size_t errlen)
{
    reply_reset(w);
    if (w->pid <= 0 && worker_start(w, err, errlen)) return -1;
    w->shm->current = -1;
    w->shm->phase = 0;
    w->deadline = w->timeout > 0 ? now() + w->timeout : 0;
    /* a worker gone already makes this fail: watchdog_step finds out how when it reads EOF */
    (void)send_request(w, w->path, w->skips, w->nskips);
    return 0;
}

static void job_end(watchdog *w)
{
    reply_reset(w);
    free(w->path);
    w->path = NULL;
    free_skips(w->skips, w->nskips);
    w->skips = NULL;
    w->nskips = 0;
    w->nfail = 0;
    w->deadline = 0;
}

int watchdog_start(watchdog *w, const char *path, char *err, size_t errlen)
{
#ifdef __EMSCRIPTEN__
    /* WebAssembly cannot fork: the web build evaluates one declaration at a time */
    (void)path;
    snprintf(err, errlen, "no worker processes in the web build");
    return -1;
#endif
    w->evals++;
    job_end(w);
    if (!(w->path = strdup(path))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (dispatch(w, err, errlen)) {
        job_end(w);
        return -1;
    }
    return 0;
}

int watchdog_fd(const watchdog *w)
{
    return w->path ? w->fd : -1;
}

double watchdog_deadline(const watchdog *w)
{
    return w->path ? w->deadline : 0;
}

/* The worker hung (timed_out) or died: find out how and which policy was running; skip that
 * policy and send the declaration again to a new worker (WATCHDOG_PENDING), or give up on it
 * (WATCHDOG_FAILED, err set). */
static int worker_failed(watchdog *w, int timed_out, char *err, size_t errlen)
{
    int wstatus = 0;
    int culprit = w->shm->current, phase = w->shm->phase;
    if (timed_out) kill(w->pid, SIGKILL);
    close(w->fd);
    w->fd = -1;
    while (waitpid(w->pid, &wstatus, 0) < 0 && errno == EINTR) {}
    w->pid = 0;
    char why[300];
    death_reason(wstatus, w->timeout, timed_out, culprit >= 0 && phase == 1, why, sizeof why);
    w->failures++;
    int dup = culprit < 0 || phase != 1 ? 1 : add_skip(&w->skips, &w->nskips, culprit, why);
    if (dup) {
        snprintf(err, errlen, "the declaration could not be evaluated: %s", why);
        job_end(w);
        return WATCHDOG_FAILED;
    }
    if (++w->nfail >= w->max_failures) {
        /* stop spending time on this declaration: every later policy is not evaluated */
        char rest[200];
        snprintf(rest, sizeof rest,
                 "not evaluated: %d policies of this declaration already exceeded the limits",
                 w->nfail);
        int n = runner_policy_count(w->r);
        for (int i = culprit + 1; i < n; i++)
            if (add_skip(&w->skips, &w->nskips, i, rest) < 0) break;
    }
    if (dispatch(w, err, errlen)) {
        job_end(w);
        return WATCHDOG_FAILED;
    }
    return WATCHDOG_PENDING;
}

/* The whole reply is in: hand it over. */
static int reply_done(watchdog *w, watchdog_out *out, char *err, size_t errlen)
{
    uint32_t kind;
    int32_t status;
    memcpy(&kind, w->hdr, 4);
    memcpy(&status, w->hdr + 4, 4);
    int ret = WATCHDOG_DONE;
    memset(out, 0, sizeof *out);
    out->status = status;
    if (w->ml) {
        out->msg = w->msg;
        out->msg_len = (size_t)w->ml;
        w->msg = NULL;
    }
    if (kind == REPLY_JSON) {
        out->res = cJSON_ParseWithLength(w->payload, (size_t)w->ol);
        if (!out->res) {
            snprintf(err, errlen, "the evaluation result could not be read (out of memory)");
            ret = WATCHDOG_FAILED;
        }
    } else if (kind == REPLY_RENDERED) {
        out->text = w->payload;
        out->len = (size_t)w->ol;
        w->payload = NULL;
    } else if (kind != REPLY_NONE) {
        snprintf(err, errlen, "%s", w->payload ? w->payload : "the evaluation failed");
        ret = WATCHDOG_FAILED;
    }
    if (ret == WATCHDOG_FAILED) { /* its messages still go with the failure */
        cJSON_Delete(out->res);
        out->res = NULL;
    }
    job_end(w);
    return ret;
}

int watchdog_step(watchdog *w, watchdog_out *out, char *err, size_t errlen)
{
    if (!w->path) {
        snprintf(err, errlen, "no declaration is being evaluated");
        return WATCHDOG_FAILED;
    }
#ifdef __EMSCRIPTEN__
    (void)out;
    return WATCHDOG_FAILED; /* never started (watchdog_start) */
#endif
    for (;;) {
        /* where the next bytes go: the header, the messages, then the output */
        char *dst;
        size_t want;
        if (w->got < sizeof w->hdr) {
            dst = (char *)w->hdr + w->got;
            want = sizeof w->hdr - w->got;
        } else if (w->got < sizeof w->hdr + w->ml) {
            dst = w->msg + (w->got - sizeof w->hdr);
            want = (size_t)(sizeof w->hdr + w->ml - w->got);
        } else if (w->got < sizeof w->hdr + w->ml + w->ol) {
            dst = w->payload + (w->got - sizeof w->hdr - w->ml);
            want = (size_t)(sizeof w->hdr + w->ml + w->ol - w->got);
        } else {
            return reply_done(w, out, err, errlen);
        }
        ssize_t k = recv(w->fd, dst, want, MSG_DONTWAIT);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
        if (k <= 0) return worker_failed(w, 0, err, errlen); /* EOF or error: it died */
        w->got += (size_t)k;
        if (w->got == sizeof w->hdr) { /* the header: sizes of what follows */
            memcpy(&w->ml, w->hdr + 8, 8);
            memcpy(&w->ol, w->hdr + 16, 8);
            w->msg = w->ml < ((uint64_t)1 << 32) ? malloc((size_t)w->ml + 1) : NULL;
            w->payload = w->ol < ((uint64_t)1 << 34) ? malloc((size_t)w->ol + 1) : NULL;
            if (!w->msg || !w->payload) { /* too large to hold: the declaration fails */
                snprintf(err, errlen, "the evaluation result could not be read (out of memory)");
                worker_stop(w, 1);
                job_end(w);
                return WATCHDOG_FAILED;
            }
            w->msg[w->ml] = 0;
            w->payload[w->ol] = 0;
        }
    }
    if (w->deadline > 0 && now() >= w->deadline) return worker_failed(w, 1, err, errlen);
    return WATCHDOG_PENDING;
}

void watchdog_abandon(watchdog *w)
{
    if (!w->path) return;
    worker_stop(w, 1);
    job_end(w);
}

int watchdog_run(watchdog *w, const char *path, watchdog_out *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (got_signal) {
        snprintf(err, errlen, "interrupted by signal %d", (int)got_signal);
        return -1;
    }
    if (w->timeout <= 0 && !w->opts.isolate) {
        w->evals++;
        out->res = w->opts.job(w->opts.job_ctx, w->r, path, runner_eval, &out->status);
        return 0;
    }
#ifdef __EMSCRIPTEN__
    w->evals++;
    return watchdog_web_run(w->r, &w->opts, path, out, err, errlen);
#endif
    if (watchdog_start(w, path, err, errlen)) return -1;
    for (;;) {
        if (got_signal) {
            watchdog_abandon(w);
            snprintf(err, errlen, "interrupted by signal %d", (int)got_signal);
            return -1;
        }
        double left = w->deadline > 0 ? w->deadline - now() : 3600;
        int ms = left <= 0 ? 0 : left > 3600 ? 3600000 : (int)(left * 1000) + 1;
        struct pollfd pf[2] = {{w->fd, POLLIN, 0}, {wake_pipe[0], POLLIN, 0}};
        int pr = poll(pf, wake_pipe[0] >= 0 ? 2 : 1, ms);
        if (pr < 0 && errno != EINTR) {
            snprintf(err, errlen, "poll: %s", strerror(errno));
            watchdog_abandon(w);
            return -1;
        }
        if (pr > 0 && pf[1].revents) watchdog_drain_wake(); /* the loop checks the flag */
        int rc = watchdog_step(w, out, err, errlen);
        if (rc == WATCHDOG_PENDING) continue;
        /* the job's messages reach this process's stderr, as if it had run here */
        if (out->msg_len) fwrite(out->msg, 1, out->msg_len, stderr);
        free(out->msg);
        out->msg = NULL;
        out->msg_len = 0;
        return rc == WATCHDOG_DONE ? 0 : -1;
    }
}

int watchdog_note_interrupt(cJSON *doc, const char *const *files, int n, int english)
{
    int sig = (int)got_signal;
    cJSON *ne = cJSON_CreateArray();
    for (int i = 0; i < n; i++) { /* a name that is not UTF-8 is shown with \xHH */
        char *shown = utf8_show_name(files[i]);
        cJSON_AddItemToArray(ne, cJSON_CreateString(shown ? shown : ""));
        free(shown);
    }
    if (doc) cJSON_AddItemToObject(doc, "not_evaluated", ne);
    fprintf(stderr,
            english ? "kyojin: interrupted by signal %d; %d declaration(s) not evaluated:\n"
                    : "kyojin: シグナル %d により中断しました。評価していない申告 %d 件:\n",
            sig, n);
    for (int i = 0; i < n; i++) fprintf(stderr, "  %s\n", files[i]);
    if (!doc) cJSON_Delete(ne);
    return 128 + sig;
}
