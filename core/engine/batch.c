/*
 * batch.c — `kyojin check` over many declarations: directories as inputs,
 * `--jobs N` worker processes, and the progress indicator.
 *
 * The policy set is prepared once (runner_new) before any worker starts;
 * workers are fork()ed from it and share it copy-on-write. Worker k takes the
 * declarations k, k+N, k+2N, … and writes, per declaration, its result
 * (unformatted JSON) and the messages it would have printed into a private
 * temporary directory; the parent merges them in input order, so output and
 * messages are identical to --jobs 1. A bad declaration is reported and
 * skipped; it never stops the batch. An interrupt (SIGINT, SIGTERM, SIGHUP) does, at
 * once: the parent forwards it to the workers, each abandons the declaration in its
 * watchdog worker and ends, and every input without a result gets an "interrupted" entry. Progress (count, rate, ETA) goes to
 * stderr only when stderr is a terminal, unless forced on or off.
 *
 * Each declaration goes through one pipeline (read, validate, evaluate, the
 * after_eval step: risk) — in a watchdog worker process when a timeout is set
 * (core/watchdog.c: the worker runs the whole pipeline, so the declaration is
 * parsed once), otherwise in-process. With a renderer, results are rendered in
 * the output format where they were evaluated, and only bytes travel between
 * processes. The result document's envelope stays with main.c.
 */
#define _POSIX_C_SOURCE 200809L

#include "rollup/rollup.h"
#include "util/cjson_cs.h"

#include "input/decl.h"
#include "util/fileio.h"
#include "engine/runner.h"
#include "engine/sandbox.h"
#include "engine/watchdog.h"
#include "util/dirlist.h"
#include "util/jsonout.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- inputs ---------------------------------------------------------------- */

int batch_collect(int n, char *const *inputs, char ***paths, size_t *npaths, char *err,
                  size_t errlen)
{
    strvec out = {0};
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (stat(inputs[i], &st) != 0 || !S_ISDIR(st.st_mode)) {
            /* files (and missing paths: the loader reports them) as given */
            if (strvec_push(&out, inputs[i]) != 0) goto oom;
            continue;
        }
        /* declarations: JSON files and Excel workbooks, in name order together */
        size_t from = out.n;
        if (dirlist_suffix(inputs[i], ".json", &out) != 0 ||
            dirlist_suffix(inputs[i], ".xlsx", &out) != 0) {
            if (errno == ENOMEM) goto oom;
            snprintf(err, errlen, "%s: %s", inputs[i], strerror(errno));
            strvec_free(&out);
            return -1;
        }
        strvec_sort(&out, from);
    }
    *paths = out.v;
    *npaths = out.n;
    return 0;
oom:
    strvec_free(&out);
    snprintf(err, errlen, "out of memory");
    return -1;
}

void batch_free_paths(char **paths, size_t npaths)
{
    for (size_t i = 0; i < npaths; i++) free(paths[i]);
    free(paths);
}

/* ---- progress ---------------------------------------------------------------- */

typedef struct {
    int on;
    size_t total, done;
    struct timespec start, last;
} progress;

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress_draw(progress *p, int final)
{
    if (!p->on) return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!final && p->done < p->total && since(&p->last, &now) < 0.1) return;
    p->last = now;
    double t = since(&p->start, &now);
    double rate = t > 0 ? (double)p->done / t : 0;
    long eta = rate > 0 ? (long)((double)(p->total - p->done) / rate + 0.5) : 0;
    int width = 30,
        fill = p->total ? (int)((double)width * (double)p->done / (double)p->total) : width;
    char bar[64];
    for (int i = 0; i < width; i++) bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu %3d%%  %.0f/s  ETA %ld:%02ld ", bar, p->done, p->total,
            p->total ? (int)(100.0 * (double)p->done / (double)p->total) : 100, rate, eta / 60,
            eta % 60);
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

/* ---- evaluating one declaration ------------------------------------------------ */

/* B_NO_EVAL: the result is an entry for an input without an evaluation (failed_decl) */
enum { B_BAD_INPUT = 1, B_NOT_COMPLIANT = 2, B_POLICY_ERROR = 4, B_NO_EVAL = 8 };

/* A declaration result for an input that produced none (docs/result-schema.md,
 * "Inputs without a result"): the file, no hash or body, not compliant, no policies, and
 * an "error" saying what became of it — so that every input appears in the report. */
static cJSON *failed_decl(const char *path, const char *kind, const char *ja, const char *en,
                          int line, int column, const char *pointer)
{
    static const char *const bkeys[] = {"name", "code", "prefecture", "model", "as_of", "contact"};
    cJSON *res = cJSON_CreateObject();
    /* a name that is not UTF-8 shown with \xHH, as runner_eval names an evaluated one */
    char *file = utf8_show_name(path);
    if (!res || !file) {
        cJSON_Delete(res);
        free(file);
        return NULL;
    }
    cJSON_AddStringToObject(res, "file", file);
    free(file);
    cJSON_AddNullToObject(res, "sha256");
    cJSON *b = cJSON_AddObjectToObject(res, "body");
    for (size_t i = 0; b && i < sizeof bkeys / sizeof *bkeys; i++)
        cJSON_AddNullToObject(b, bkeys[i]);
    cJSON_AddFalseToObject(res, "compliant");
    cJSON *counts = cJSON_AddObjectToObject(res, "counts");
    for (int i = 0; counts && i < 7; i++)
        cJSON_AddNumberToObject(counts, status_name((policy_status)i), 0);
    cJSON_AddArrayToObject(res, "policies");
    cJSON *e = cJSON_AddObjectToObject(res, "error");
    if (e) {
        cJSON_AddStringToObject(e, "kind", kind);
        cJSON *m = cJSON_AddObjectToObject(e, "message");
        if (m) {
            cJSON_AddStringToObject(m, "ja", ja);
            cJSON_AddStringToObject(m, "en", en);
        }
        if (line > 0) {
            cJSON_AddNumberToObject(e, "line", line);
            cJSON_AddNumberToObject(e, "column", column);
        }
        if (pointer) cJSON_AddStringToObject(e, "pointer", pointer);
    }
    if (!b || !counts || !e || !cJSON_GetObjectItemCaseSensitive(e, "message")) {
        cJSON_Delete(res);
        return NULL;
    }
    return res;
}

/* The same for an evaluation that failed with the (English) reason `why`: the Japanese
 * message explains the failure and labels the raw text as the detail, which is also kept
 * alone as "detail" (docs/result-schema.md, "Errors"). */
static cJSON *failed_eval(const char *path, const char *why)
{
    char *ja = str_printf("%s詳細（原文）: %s", sandbox_failure_ja(SANDBOX_OK, why), why);
    cJSON *res = ja ? failed_decl(path, strstr(why, "wall-clock limit") ? "timeout" : "error", ja,
                                  why, 0, 0, NULL)
                    : NULL;
    free(ja);
    cJSON *e = res ? cJSON_GetObjectItemCaseSensitive(res, "error") : NULL;
    if (e && !cJSON_AddStringToObject(e, "detail", why)) {
        cJSON_Delete(res);
        res = NULL;
    }
    return res;
}

/* The entry of an input left without a result by an interrupt (SIGINT, SIGTERM, SIGHUP). */
static int emit_interrupted(batch_emit_fn emit, void *ectx, char *const *files, size_t i)
{
    batch_item it = {NULL, NULL, 0, 0, 1, 1};
    it.res = failed_decl(files[i], "interrupted", "中断されたため評価していません",
                         "not evaluated: the run was interrupted", 0, 0, NULL);
    return it.res ? emit(ectx, i, &it) : -1;
}

/* Load the declaration at `path`, or from the source batch_opts maps it to (kept under the
 * name `path`). */
static int load_decl(const char *path, const batch_opts *o, decl_doc **d, decl_error *e)
{
    for (size_t k = 0; k < o->nsources; k++)
        if (strcmp(o->names[k], path) == 0) {
            size_t max =
                o->limits && o->limits->max_input ? o->limits->max_input : DECL_DEFAULT_MAX_INPUT;
            fileio_error fe;
            size_t len;
            char *buf = fileio_read_file(o->sources[k], max + 1, FILEIO_REGULAR, &len, &fe);
            if (!buf) break; /* the loader says why, under the source's own name */
            int rc = decl_load_buffer(path, buf, len, o->limits, d, e);
            free(buf);
            return rc;
        }
    return decl_load_file(path, o->limits, d, e);
}

/* The pipeline for one declaration file; messages go to `msg`. Returns the declaration
 * result — for an input that could not be read, was invalid or could not be evaluated,
 * one with an "error" (failed_decl) — or NULL when interrupted or out of memory, and ORs
 * status bits into *flags. */
static cJSON *pipeline(runner *r, const char *path, const batch_opts *o, watchdog_eval_fn eval,
                       FILE *msg, int *flags)
{
    decl_doc *d;
    decl_error e;
    if (load_decl(path, o, &d, &e)) {
        decl_error_print(msg, &e, o->lang);
        /* positional or schema errors: invalid content; otherwise the file itself */
        cJSON *res = failed_decl(path, e.line > 0 || e.pointer ? "invalid" : "unreadable",
                                 e.msg_ja ? e.msg_ja : "", e.msg_en ? e.msg_en : "", e.line,
                                 e.column, e.pointer);
        decl_error_clear(&e);
        *flags |= B_BAD_INPUT | B_NO_EVAL;
        return res;
    }
    char err[2048];
    cJSON *verrs = runner_validate(r, d, err, sizeof err);
    if (!verrs) {
        fprintf(msg, "kyojin: %s: %s\n", path, err);
        decl_free(d);
        *flags |= B_BAD_INPUT | B_NO_EVAL;
        return failed_decl(path, "invalid", err, err, 0, 0, NULL);
    }
    if (cJSON_GetArraySize(verrs) > 0) {
        const cJSON *v;
        char *ja = NULL, *en = NULL; /* every message, one per line */
        size_t jalen = 0, enlen = 0;
        FILE *jaf = open_memstream(&ja, &jalen), *enf = open_memstream(&en, &enlen);
        int line = 0, column = 0;
        char *pointer = NULL;
        cJSON_ArrayForEach(v, verrs) {
            const cJSON *m = cJSON_GetObjectItemCaseSensitive(v, "message");
            decl_error de;
            memset(&de, 0, sizeof de);
            decl_error_at(d, json_str_or(v, "pointer", ""),
                          rollup_text(cJSON_GetObjectItemCaseSensitive(m, "ja"), "ja"),
                          rollup_text(cJSON_GetObjectItemCaseSensitive(m, "en"), "en"), &de);
            decl_error_print(msg, &de, o->lang);
            if (v == verrs->child) { /* the first error locates the entry */
                line = de.line;
                column = de.column;
                pointer = de.pointer ? strdup(de.pointer) : NULL;
            }
            if (jaf)
                fprintf(jaf, "%s%s", v == verrs->child ? "" : "\n", de.msg_ja ? de.msg_ja : "");
            if (enf)
                fprintf(enf, "%s%s", v == verrs->child ? "" : "\n", de.msg_en ? de.msg_en : "");
            decl_error_clear(&de);
        }
        cJSON_Delete(verrs);
        decl_free(d);
        *flags |= B_BAD_INPUT | B_NO_EVAL;
        int bad = !jaf || fclose(jaf) != 0;
        if (!enf || fclose(enf) != 0) bad = 1;
        cJSON *res = bad ? NULL : failed_decl(path, "invalid", ja, en, line, column, pointer);
        free(ja);
        free(en);
        free(pointer);
        return res;
    }
    cJSON_Delete(verrs);
    int any_error = 0;
    cJSON *res = eval(r, d, o->as_of, &any_error, err, sizeof err);
    if (res && o->after_eval && o->after_eval(o->after_ctx, res, decl_root(d), path))
        *flags |= B_BAD_INPUT;
    decl_free(d);
    if (!res) {
        *flags |= B_POLICY_ERROR;
        if (watchdog_interrupted()) return NULL;
        fprintf(msg, "kyojin: %s: %s\n", path, err);
        *flags |= B_NO_EVAL;
        return failed_eval(path, err);
    }
    if (any_error) *flags |= B_POLICY_ERROR;
    if (!json_true(res, "compliant")) *flags |= B_NOT_COMPLIANT;
    return res;
}

/* The pipeline as a watchdog job (run in the worker process, messages to its stderr). */
static cJSON *pipeline_job(void *ctx, runner *r, const char *path, watchdog_eval_fn eval,
                           int *status)
{
    return pipeline(r, path, ctx, eval, stderr, status);
}

/* This process's watchdog (batch workers are forked processes: each starts its own). */
static watchdog *own_wd;
static pid_t own_pid;

static watchdog *process_watchdog(runner *r, const batch_opts *o)
{
    if (own_pid != getpid()) {
        watchdog_opts wo = {o->timeout, 0, pipeline_job, (void *)o, o->render, o->render_ctx};
        own_wd = watchdog_new(r, &wo); /* the parent's copy, if any, is not ours to free */
        own_pid = getpid();
    }
    return own_wd;
}

/* Evaluate one declaration file: in the watchdog worker when a timeout is set, otherwise
 * in-process. Messages go to `msg`. Fills *item (res, or text already rendered, or nothing
 * when the declaration was skipped) and ORs status bits into *flags. */
static void eval_one(runner *r, const char *path, const batch_opts *o, FILE *msg, int *flags,
                     batch_item *item)
{
    int f = 0; /* this declaration's bits */
    memset(item, 0, sizeof *item);
    if (o->timeout <= 0) {
        item->res = pipeline(r, path, o, runner_eval, msg, &f);
    } else {
        watchdog *w = process_watchdog(r, o);
        watchdog_out out;
        char err[2048];
        fflush(stderr);
        if (!w) {
            fprintf(msg, "kyojin: %s: out of memory\n", path);
            f |= B_POLICY_ERROR;
        } else if (watchdog_run(w, path, &out, err, sizeof err)) {
            f |= B_POLICY_ERROR;
            if (!watchdog_interrupted()) {
                fprintf(msg, "kyojin: %s: %s\n", path, err);
                item->res = failed_eval(path, err);
                f |= B_NO_EVAL;
            }
        } else {
            f |= out.status;
            item->res = out.res;
            item->text = out.text;
            item->len = out.len;
        }
    }
    *flags |= f;
    item->compliant = (item->res || item->text) && !(f & B_NOT_COMPLIANT);
    item->failed = (item->res || item->text) && (f & B_NO_EVAL);
}

/* ---- workers ------------------------------------------------------------------- */

static char *tmp_path(const char *dir, size_t i, const char *ext)
{
    size_t l = strlen(dir) + 32;
    char *p = malloc(l);
    if (p) snprintf(p, l, "%s/%zu.%s", dir, i, ext);
    return p;
}

/* Write a whole buffer to a new file; 0 or -1. */
static int write_file(const char *path, const char *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int bad = fwrite(buf, 1, len, f) != len;
    if (fclose(f) != 0) bad = 1;
    return bad ? -1 : 0;
}

/* The body of worker k: evaluate its share. Per declaration: the result
 * (N.json), everything written to stderr meanwhile (N.msg: loader, schema,
 * policy and risk messages alike) and the status bits (N.log); then its index
 * on the pipe (progress, and the parent merges every finished prefix). */
static void worker(runner *r, char *const *files, size_t n, size_t k, size_t jobs,
                   const batch_opts *o, const char *dir, int pipe_fd)
{
    for (size_t i = k; i < n && !watchdog_interrupted(); i += jobs) {
        char *mp = tmp_path(dir, i, "msg"), *rp = tmp_path(dir, i, "json"),
             *lp = tmp_path(dir, i, "log");
        if (!mp || !rp || !lp) _exit(3);
        int fd = open(mp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd < 0) _exit(3);
        fflush(stderr);
        int saved = dup(2);
        dup2(fd, 2);
        close(fd);
        int flags = 0;
        batch_item it;
        eval_one(r, files[i], o, stderr, &flags, &it);
        int ok = 1;
        if (it.res && o->render) { /* evaluated in this process: render here */
            it.text = watchdog_render_mem(o->render, o->render_ctx, it.res, &it.len);
            if (!it.text) ok = 0;
            cJSON_Delete(it.res);
            it.res = NULL;
        }
        fflush(stderr);
        dup2(saved, 2);
        close(saved);
        if (!it.res && !it.text && watchdog_interrupted()) {
            /* abandoned: no files, no index; the parent makes its "interrupted" entry */
            unlink(mp);
            free(mp);
            free(rp);
            free(lp);
            break;
        }
        if (it.res) {
            size_t tlen = 0;
            char *text = json_print(it.res, 0, &tlen);
            ok = ok && text && write_file(rp, text, tlen) == 0;
            free(text);
            cJSON_Delete(it.res);
        } else if (it.text) {
            ok = ok && write_file(rp, it.text, it.len) == 0;
            free(it.text);
        }
        char st[16];
        int w = snprintf(st, sizeof st, "%d\n", flags);
        if (write_file(lp, st, (size_t)w) != 0) ok = 0;
        free(mp);
        free(rp);
        free(lp);
        if (!ok) _exit(3);
        uint32_t done = (uint32_t)i; /* 4 bytes: one write up to PIPE_BUF is atomic */
        while (write(pipe_fd, &done, sizeof done) < 0 && errno == EINTR)
            ;
    }
}

static void remove_tree(const char *dir, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *p = tmp_path(dir, i, "json");
        if (p) unlink(p);
        free(p);
        p = tmp_path(dir, i, "log");
        if (p) unlink(p);
        free(p);
        p = tmp_path(dir, i, "msg");
        if (p) unlink(p);
        free(p);
    }
    rmdir(dir);
}

/* Hand declaration i's files to the caller: its messages to stderr, its result to
 * emit (unless emitting already failed), its status bits to *flags; then remove them. */
static void merge_one(const char *dir, char *const *files, size_t i, const batch_opts *o,
                      batch_emit_fn emit, void *ectx, int *flags, int *emit_failed)
{
    char *lp = tmp_path(dir, i, "log"), *rp = tmp_path(dir, i, "json"),
         *mp = tmp_path(dir, i, "msg");
    size_t len = 0;
    char *msg = mp ? fileio_read(mp, (size_t)1 << 30, &len) : NULL;
    if (msg && len) fwrite(msg, 1, len, stderr);
    free(msg);
    char *log = lp ? fileio_read(lp, (size_t)1 << 30, &len) : NULL;
    if (!log) {
        fprintf(stderr,
                o->lang && strcmp(o->lang, "en") == 0
                    ? "kyojin: %s: not evaluated (a worker process failed)\n"
                    : "kyojin: %s: 評価されませんでした（ワーカープロセスが異常終了しました）\n",
                files[i]);
        *flags |= B_POLICY_ERROR;
    } else {
        int f = atoi(log);
        *flags |= f;
        free(log);
        size_t rl = 0;
        char *text = rp ? fileio_read(rp, (size_t)1 << 30, &rl) : NULL;
        if (text) {
            batch_item it = {NULL, NULL, 0, !(f & B_NOT_COMPLIANT), (f & B_NO_EVAL) != 0, 0};
            if (o->render) {
                it.text = text;
                it.len = rl;
            } else {
                it.res = cJSON_ParseWithLength(text, rl);
                free(text);
                if (!it.res) {
                    fprintf(stderr, "kyojin: %s: worker result unreadable\n", files[i]);
                    *flags |= B_POLICY_ERROR;
                }
            }
            if (it.res || it.text) {
                if (*emit_failed) {
                    cJSON_Delete(it.res);
                    free(it.text);
                } else if (emit(ectx, i, &it)) {
                    *emit_failed = 1;
                }
            }
        }
    }
    for (char **p = (char *[]){lp, rp, mp}, **e = p + 3; p < e; p++) {
        if (*p) unlink(*p);
        free(*p);
    }
}

static int run_workers(runner *r, char *const *files, size_t n, const batch_opts *o,
                       batch_emit_fn emit, void *ectx, int *flags, progress *pg)
{
    size_t jobs = (size_t)o->jobs;
    if (jobs > n) jobs = n;
    const char *tmpdir = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/kyojin-batch-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(dir)) {
        fprintf(stderr, "kyojin: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    int fds[2];
    unsigned char *done = calloc(n, 1);
    if (!done || pipe(fds) != 0) {
        fprintf(stderr, "kyojin: pipe: %s\n", done ? strerror(errno) : "out of memory");
        free(done);
        rmdir(dir);
        return -1;
    }
    fflush(NULL);
    pid_t *pids = calloc(jobs, sizeof *pids);
    if (!pids) {
        close(fds[0]);
        close(fds[1]);
        free(done);
        rmdir(dir);
        return -1;
    }
    size_t started = 0;
    for (size_t k = 0; k < jobs; k++) {
        pid_t pid = fork();
        if (pid == 0) {
            kyojin_child_start();
            close(fds[0]);
            watchdog_catch_signals(); /* a wake-up pipe of its own */
            worker(r, files, n, k, jobs, o, dir, fds[1]);
            close(fds[1]);
            if (own_wd && own_pid == getpid()) watchdog_free(own_wd); /* stops its worker */
            _exit(0);
        }
        if (pid < 0) {
            fprintf(stderr, "kyojin: fork: %s\n", strerror(errno));
            break;
        }
        pids[started++] = pid;
    }
    close(fds[1]);
    /* Each finished declaration sends its index. Every finished prefix is merged at
     * once, in input order, so results are written (and their files removed) while
     * the workers go on. */
    size_t next = 0;
    int emit_failed = 0;
    union {
        uint32_t v[64];
        char c[256];
    } buf;
    size_t have = 0;
    int forwarded = 0;
    for (;;) {
        if (watchdog_interrupted() && !forwarded) {
            /* stop at once: each worker abandons its declaration and ends */
            for (size_t k = 0; k < started; k++) kill(pids[k], watchdog_interrupted());
            forwarded = 1;
        }
        struct pollfd pf[2] = {{fds[0], POLLIN, 0}, {watchdog_wake_fd(), POLLIN, 0}};
        int pr = poll(pf, !forwarded && pf[1].fd >= 0 ? 2 : 1, -1);
        if (pr < 0 && errno == EINTR) continue;
        if (pr > 0 && pf[1].revents) watchdog_drain_wake();
        if (pr > 0 && !pf[0].revents) continue;
        ssize_t got = read(fds[0], buf.c + have, sizeof buf - have);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        have += (size_t)got;
        size_t whole = have / sizeof(uint32_t);
        for (size_t j = 0; j < whole; j++)
            if (buf.v[j] < n && !done[buf.v[j]]) {
                done[buf.v[j]] = 1;
                pg->done++;
            }
        memmove(buf.c, buf.c + whole * sizeof(uint32_t), have - whole * sizeof(uint32_t));
        have -= whole * sizeof(uint32_t);
        progress_draw(pg, 0);
        while (next < n && done[next])
            merge_one(dir, files, next++, o, emit, ectx, flags, &emit_failed);
    }
    close(fds[0]);
    int worker_failed = started < jobs;
    for (size_t k = 0; k < started; k++) {
        int status = 0;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR)
            ;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) worker_failed = 1;
    }
    free(pids);
    progress_draw(pg, 1);
    /* what is left: after an interrupt, those finished and an "interrupted" entry for each
     * other; otherwise declarations of a worker that failed (reported as such) */
    for (; next < n; next++) {
        if (watchdog_interrupted() && !done[next]) {
            if (!emit_failed && emit_interrupted(emit, ectx, files, next)) emit_failed = 1;
        } else {
            merge_one(dir, files, next, o, emit, ectx, flags, &emit_failed);
        }
    }
    free(done);
    if (worker_failed) *flags |= B_POLICY_ERROR;
    remove_tree(dir, n);
    return 0;
}

int batch_check(runner *r, char *const *files, size_t n, const batch_opts *o, batch_emit_fn emit,
                void *emit_ctx, batch_status *st)
{
    memset(st, 0, sizeof *st);
    progress pg;
    memset(&pg, 0, sizeof pg);
    pg.total = n;
    pg.on = o->progress < 0 ? isatty(STDERR_FILENO) : o->progress;
    clock_gettime(CLOCK_MONOTONIC, &pg.start);
    pg.last = pg.start;
    pg.last.tv_sec -= 1;
    int flags = 0;
    int rc = 0;
    if (o->jobs > 1 && n > 1) {
        rc = run_workers(r, files, n, o, emit, emit_ctx, &flags, &pg);
    } else {
        int emit_failed = 0;
        size_t i = 0;
        for (; i < n && !emit_failed; i++) {
            if (watchdog_interrupted()) break;
            FILE *cap = pg.on ? tmpfile() : NULL;
            batch_item it;
            if (cap) {
                /* keep every message (ours, the risk step's) from tearing the bar */
                fflush(stderr);
                int saved = dup(2);
                dup2(fileno(cap), 2);
                eval_one(r, files[i], o, stderr, &flags, &it);
                fflush(stderr);
                dup2(saved, 2);
                close(saved);
                long len = ftell(cap);
                if (len > 0) {
                    char buf[4096];
                    size_t got;
                    rewind(cap);
                    fputs("\r\033[K", stderr);
                    while ((got = fread(buf, 1, sizeof buf, cap)) > 0) fwrite(buf, 1, got, stderr);
                }
                fclose(cap);
            } else {
                eval_one(r, files[i], o, stderr, &flags, &it);
            }
            if (!it.res && !it.text && watchdog_interrupted()) break; /* abandoned */
            if ((it.res || it.text) && emit(emit_ctx, i, &it)) emit_failed = 1;
            pg.done++;
            progress_draw(&pg, 0);
        }
        progress_draw(&pg, 1);
        /* interrupted: an entry for each input not evaluated */
        for (; i < n && !emit_failed && watchdog_interrupted(); i++)
            if (emit_interrupted(emit, emit_ctx, files, i)) emit_failed = 1;
    }
    if (own_wd && own_pid == getpid()) {
        watchdog_free(own_wd); /* stops the worker */
        own_wd = NULL;
        own_pid = 0;
    }
    st->bad_input = (flags & B_BAD_INPUT) != 0;
    st->not_compliant = (flags & B_NOT_COMPLIANT) != 0;
    st->policy_error = (flags & B_POLICY_ERROR) != 0;
    return rc;
}
