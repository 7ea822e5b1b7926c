/*
 * batch.c — `kyojin check` over many declarations: directories as inputs,
 * `--jobs N` evaluator processes, and the progress indicator.
 *
 * The policy set is prepared once (runner_new) before any evaluator starts;
 * evaluators are the watchdog's worker processes (core/engine/watchdog.c), fork()ed
 * from it and sharing it copy-on-write. With --jobs N this process drives N of them
 * itself: each idle one is sent the next input, their replies are read as they come
 * (poll), and results are handed over in input order, so output and messages are
 * identical to --jobs 1. A result that waits for an earlier one is held in memory
 * (bounded: past HOLD_MAX bytes no further declaration is started); there are no
 * temporary files and no intermediate processes, so nothing can be left behind: on an
 * interrupt (SIGINT, SIGTERM, SIGHUP) the evaluators are killed and waited for at once,
 * a crashed evaluator is handled by the watchdog like a crashed policy (its declaration
 * is reported, a new one takes over), and evaluators die with this process
 * (PR_SET_PDEATHSIG). Every input without a result after an interrupt gets an
 * "interrupted" entry. A bad declaration is reported and skipped; it never stops the
 * batch. Progress (count, rate, ETA) goes to stderr only when stderr is a terminal,
 * unless forced on or off.
 *
 * Each declaration goes through one pipeline (read, validate, evaluate, the
 * after_eval step: risk) — in an evaluator process when a timeout is set or with
 * --jobs N (then --timeout 0 means no wall-clock limit), otherwise in-process. With a
 * renderer, results are rendered in the output format where they were evaluated, and
 * only those bytes travel to this process, once. The result document's envelope stays
 * with main.c.
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
#include "util/strutil.h"
#include "util/utf8.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
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

/* The watchdog of a batch evaluated one declaration at a time (--jobs 1). */
static watchdog *own_wd;

static watchdog *process_watchdog(runner *r, const batch_opts *o)
{
    if (!own_wd) {
        watchdog_opts wo = {o->timeout, 0, pipeline_job, (void *)o, o->render, o->render_ctx, 0};
        own_wd = watchdog_new(r, &wo);
    }
    return own_wd;
}

/* An item's bits from the status bits `f` of its declaration. */
static void item_bits(batch_item *it, int f)
{
    it->compliant = (it->res || it->text) && !(f & B_NOT_COMPLIANT);
    it->failed = (it->res || it->text) && (f & B_NO_EVAL);
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
    item_bits(item, f);
}

/* ---- several evaluators at once (--jobs N) ---------------------------------------- */

/* What a result waiting for an earlier one may hold in memory, in rendered bytes: past it,
 * no further declaration is started until the earlier one is done. */
#define HOLD_MAX ((size_t)32 << 20)

typedef struct {
    unsigned char state; /* 0 not started, 1 being evaluated, 2 done */
    int flags;           /* its status bits */
    batch_item it;
    char *msg; /* its messages, in the order they were written */
    size_t msg_len;
} slot;

/* Declaration i is done: the evaluator's reply (rc WATCHDOG_DONE) or a failure (err). */
static void slot_finish(slot *s, const char *path, int rc, watchdog_out *out, const char *err)
{
    int f = 0;
    s->msg = out->msg;
    s->msg_len = out->msg_len;
    if (rc == WATCHDOG_DONE) {
        f = out->status;
        s->it.res = out->res;
        s->it.text = out->text;
        s->it.len = out->len;
    } else {
        f = B_POLICY_ERROR | B_NO_EVAL;
        char *line =
            str_printf("%.*skyojin: %s: %s\n", (int)s->msg_len, s->msg ? s->msg : "", path, err);
        if (line) {
            free(s->msg);
            s->msg = line;
            s->msg_len = strlen(line);
        }
        s->it.res = failed_eval(path, err);
    }
    item_bits(&s->it, f);
    s->flags = f;
    s->state = 2;
}

static size_t slot_bytes(const slot *s)
{
    return s->msg_len + (s->it.text ? s->it.len : 0);
}

/* Hand a finished declaration over: its messages to stderr, its bits to *flags, its result to
 * emit (dropped once emitting has failed). */
static void slot_emit(slot *s, size_t i, const progress *pg, batch_emit_fn emit, void *ectx,
                      int *flags, int *emit_failed)
{
    if (s->msg_len) {
        if (pg->on) fputs("\r\033[K", stderr); /* not torn by the progress bar */
        fwrite(s->msg, 1, s->msg_len, stderr);
    }
    free(s->msg);
    s->msg = NULL;
    *flags |= s->flags;
    if (s->it.res || s->it.text) {
        if (*emit_failed) {
            cJSON_Delete(s->it.res);
            free(s->it.text);
        } else if (emit(ectx, i, &s->it)) {
            *emit_failed = 1;
        }
    }
    s->it.res = NULL;
    s->it.text = NULL;
}

/* The batch over `jobs` evaluator processes (watchdog workers) driven from this process:
 * each idle one takes the next input; replies are read as they come (poll) and handed over
 * in input order. Only the reply's bytes cross between processes, once. */
static int run_parallel(runner *r, char *const *files, size_t n, const batch_opts *o,
                        batch_emit_fn emit, void *ectx, int *flags, progress *pg)
{
    size_t jobs = (size_t)o->jobs < n ? (size_t)o->jobs : n;
    watchdog_opts wo = {o->timeout, 0, pipeline_job, (void *)o, o->render, o->render_ctx, 1};
    watchdog **wd = calloc(jobs, sizeof *wd);
    size_t *at = calloc(jobs, sizeof *at); /* the input each evaluates, or n: idle */
    slot *sl = calloc(n, sizeof *sl);
    struct pollfd *pf = calloc(jobs + 1, sizeof *pf);
    int ok = wd && at && sl && pf;
    for (size_t k = 0; ok && k < jobs; k++) {
        at[k] = n;
        ok = (wd[k] = watchdog_new(r, &wo)) != NULL;
    }
    if (!ok) {
        fprintf(stderr, "kyojin: out of memory\n");
        for (size_t k = 0; wd && k < jobs; k++) watchdog_free(wd[k]);
        free(wd);
        free(at);
        free(sl);
        free(pf);
        return -1;
    }
    size_t next = 0, out = 0, held = 0;
    int emit_failed = 0;
    while (out < n && !emit_failed && !watchdog_interrupted()) {
        for (size_t k = 0; k < jobs && next < n && held < HOLD_MAX; k++) {
            if (at[k] != n) continue;
            char err[2048];
            if (watchdog_start(wd[k], files[next], err, sizeof err) == 0) {
                at[k] = next;
                sl[next].state = 1;
            } else { /* no evaluator could be started: this input fails, the next may not */
                watchdog_out none;
                memset(&none, 0, sizeof none);
                slot_finish(&sl[next], files[next], WATCHDOG_FAILED, &none, err);
                held += slot_bytes(&sl[next]);
                pg->done++;
            }
            next++;
        }
        while (out < n && sl[out].state == 2) {
            held -= slot_bytes(&sl[out]);
            slot_emit(&sl[out], out, pg, emit, ectx, flags, &emit_failed);
            out++;
        }
        if (out >= n || emit_failed) break;
        /* wait for a reply, a deadline or a signal */
        nfds_t nf = 0;
        double deadline = 0;
        for (size_t k = 0; k < jobs; k++) {
            if (at[k] == n) continue;
            pf[nf++] = (struct pollfd){watchdog_fd(wd[k]), POLLIN, 0};
            double d = watchdog_deadline(wd[k]);
            if (d > 0 && (deadline == 0 || d < deadline)) deadline = d;
        }
        if (nf == 0) break; /* cannot happen: with none busy, the next input is started */
        if (watchdog_wake_fd() >= 0) pf[nf++] = (struct pollfd){watchdog_wake_fd(), POLLIN, 0};
        int ms = -1;
        if (deadline > 0) {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            double left = deadline - ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
            ms = left <= 0 ? 0 : left > 3600 ? 3600000 : (int)(left * 1000) + 1;
        }
        if (poll(pf, nf, ms) < 0 && errno != EINTR) {
            fprintf(stderr, "kyojin: poll: %s\n", strerror(errno));
            break;
        }
        if (watchdog_wake_fd() >= 0 && pf[nf - 1].revents) watchdog_drain_wake();
        if (watchdog_interrupted()) break;
        for (size_t k = 0; k < jobs; k++) {
            if (at[k] == n) continue;
            watchdog_out wout;
            char err[2048];
            memset(&wout, 0, sizeof wout);
            int rc = watchdog_step(wd[k], &wout, err, sizeof err);
            if (rc == WATCHDOG_PENDING) continue;
            slot_finish(&sl[at[k]], files[at[k]], rc, &wout, err);
            held += slot_bytes(&sl[at[k]]);
            at[k] = n;
            pg->done++;
            progress_draw(pg, 0);
        }
    }
    /* an interrupt (or an output that cannot be written): the declarations being evaluated
     * are abandoned; then every evaluator is stopped and waited for */
    for (size_t k = 0; k < jobs; k++) {
        watchdog_abandon(wd[k]);
        watchdog_free(wd[k]);
    }
    free(wd);
    free(at);
    free(pf);
    progress_draw(pg, 1);
    /* what is left: the finished ones, and after an interrupt an "interrupted" entry for
     * each other */
    for (; out < n; out++) {
        if (sl[out].state == 2)
            slot_emit(&sl[out], out, pg, emit, ectx, flags, &emit_failed);
        else if (!emit_failed && watchdog_interrupted() && emit_interrupted(emit, ectx, files, out))
            emit_failed = 1;
    }
    free(sl);
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
#ifdef __EMSCRIPTEN__
    int parallel = 0; /* WebAssembly cannot fork: one declaration at a time */
#else
    int parallel = o->jobs > 1 && n > 1;
#endif
    if (parallel) {
        rc = run_parallel(r, files, n, o, emit, emit_ctx, &flags, &pg);
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
    watchdog_free(own_wd); /* stops the worker */
    own_wd = NULL;
    st->bad_input = (flags & B_BAD_INPUT) != 0;
    st->not_compliant = (flags & B_NOT_COMPLIANT) != 0;
    st->policy_error = (flags & B_POLICY_ERROR) != 0;
    return rc;
}
