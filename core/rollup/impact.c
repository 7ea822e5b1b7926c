/*
 * impact.c — `kyojin impact`: what a new edition of the policy pack changes, before it is
 * published.
 *
 * Every declaration is evaluated with both packs (the engine's own batch driver, batch_check,
 * with the two runners the command line made), a share of the inputs at a time, and the two
 * results of each declaration are compared at once and dropped: only the bodies whose result
 * changes are kept. Compared: the body's verdict (the runner's `compliant`, never recomputed
 * here, so a level that does not count towards compliance changes nothing) and, per policy,
 * the status; a policy's status change is listed with why (the pack's side: added, removed,
 * level changed, parameters changed; otherwise the check itself changed) and the findings of
 * the side that does not pass. Output: text, JSON ("kyojin/impact/v1", docs/rollup.md) or a
 * self-contained HTML page; deterministic (no clock, input order, policies by id).
 *
 * Exit codes: 0 no body's verdict changes, 1 some body's verdict changes, 2 usage or an input
 * that cannot be evaluated, 3 a pack could not be loaded or a policy raised an error,
 * 4 the output could not be written.
 */
#include "rollup/rollup.h"
#include "engine/runner.h"
#include "engine/watchdog.h"
#include "report/report.h"
#include "report/report_escape.h"
#include "util/atomic_out.h"
#include "util/cjson_cs.h"
#include "util/jsonout.h"

#include <stdlib.h>
#include <string.h>

#define EN        (im->en)
#define MSG(j, e) (im->en ? (e) : (j))

/* one policy id of either pack, with what the pack changes about it */
typedef struct {
    const char *id;
    const cJSON *old_m, *new_m; /* its metadata in each pack, or NULL */
    int level_changed;
    cJSON *params;              /* [{name, old, new}] parameters whose value differs */
    long bodies, worse, better; /* bodies whose status changed; to a worse / better one */
} pol;

typedef struct {
    const impact_args *a;
    int en;
    const char *lang;
    cJSON *old_meta, *new_meta, *old_params, *new_params;
    pol *p;
    size_t np;
    const cJSON **oe, **ne; /* per policy: the entry of the body being compared */
    cJSON *bodies;          /* the bodies that change, in input order */
    cJSON *errors;          /* [{file, message}] */
    long evaluated, to_fail, to_pass;
    int policy_error, bad_input;
} impact;

static int cmp_pol(const void *x, const void *y)
{
    return strcmp(((const pol *)x)->id, ((const pol *)y)->id);
}

static pol *find_pol(impact *im, const char *id)
{
    pol key = {0};
    key.id = id;
    return id ? bsearch(&key, im->p, im->np, sizeof *im->p, cmp_pol) : NULL;
}

static int not_passing(const char *s)
{
    return s && (strcmp(s, "fail") == 0 || strcmp(s, "warn") == 0 || strcmp(s, "error") == 0);
}

/* How bad a status is: 0 passes (or absent, not applicable, waived, info), 1 warn, 2 fail or
 * error. A change to a higher value is worse. */
static int severity(const char *s)
{
    return !not_passing(s) ? 0 : strcmp(s, "warn") == 0 ? 1 : 2;
}

/* The parameters "ID.name" of policy id in the map of runner_parameters, as name → value. */
static void param_changes(pol *p, const cJSON *old_params, const cJSON *new_params)
{
    size_t n = strlen(p->id);
    const cJSON *side[2] = {old_params, new_params}, *it;
    for (int s = 0; s < 2; s++)
        cJSON_ArrayForEach(it, side[s]) {
            if (strncmp(it->string, p->id, n) != 0 || it->string[n] != '.') continue;
            const cJSON *o = cJSON_GetObjectItemCaseSensitive(old_params, it->string),
                        *w = cJSON_GetObjectItemCaseSensitive(new_params, it->string);
            if (s == 1 && o) continue; /* seen from the old side */
            if (o && w && cJSON_Compare(o, w, 1)) continue;
            if (!p->params) p->params = cJSON_CreateArray();
            cJSON *c = cJSON_CreateObject();
            cJSON_AddStringToObject(c, "name", it->string + n + 1);
            cJSON_AddItemToObject(c, "old", o ? cJSON_Duplicate(o, 1) : cJSON_CreateNull());
            cJSON_AddItemToObject(c, "new", w ? cJSON_Duplicate(w, 1) : cJSON_CreateNull());
            cJSON_AddItemToArray(p->params, c);
        }
}

/* The union of both packs' policies, sorted by id, with what changed in the pack. */
static int index_policies(impact *im)
{
    size_t n = (size_t)cJSON_GetArraySize(im->old_meta) + (size_t)cJSON_GetArraySize(im->new_meta);
    im->p = calloc(n ? n : 1, sizeof *im->p);
    if (!im->p) return -1;
    const cJSON *m;
    cJSON_ArrayForEach(m, im->old_meta)
        if (json_str(m, "id")) {
            im->p[im->np].id = json_str(m, "id");
            im->p[im->np++].old_m = m;
        }
    qsort(im->p, im->np, sizeof *im->p, cmp_pol);
    size_t nold = im->np;
    cJSON_ArrayForEach(m, im->new_meta) {
        const char *id = json_str(m, "id");
        pol key = {0}, *q;
        key.id = id;
        if (!id) continue;
        if ((q = bsearch(&key, im->p, nold, sizeof *im->p, cmp_pol)))
            q->new_m = m;
        else {
            im->p[im->np].id = id;
            im->p[im->np++].new_m = m;
        }
    }
    qsort(im->p, im->np, sizeof *im->p, cmp_pol);
    for (size_t i = 0; i < im->np; i++) {
        pol *p = &im->p[i];
        if (p->old_m && p->new_m) {
            const char *ol = json_str(p->old_m, "level"), *nl = json_str(p->new_m, "level");
            p->level_changed = !ol || !nl || strcmp(ol, nl) != 0;
        }
        param_changes(p, im->old_params, im->new_params);
    }
    im->oe = calloc(im->np ? im->np : 1, sizeof *im->oe);
    im->ne = calloc(im->np ? im->np : 1, sizeof *im->ne);
    return im->oe && im->ne ? 0 : -1;
}

/* Why a policy's results differ, from the pack's side (JSON array of codes). */
static cJSON *reasons(const pol *p)
{
    cJSON *a = cJSON_CreateArray();
    if (!p->old_m) cJSON_AddItemToArray(a, cJSON_CreateString("added"));
    if (!p->new_m) cJSON_AddItemToArray(a, cJSON_CreateString("removed"));
    if (p->level_changed) cJSON_AddItemToArray(a, cJSON_CreateString("level_changed"));
    if (p->params) cJSON_AddItemToArray(a, cJSON_CreateString("parameters_changed"));
    if (!cJSON_GetArraySize(a)) cJSON_AddItemToArray(a, cJSON_CreateString("check_changed"));
    return a;
}

/* The findings of a policy entry that do not pass: {status, pointer, line, message}. */
static cJSON *findings_of(const cJSON *e)
{
    cJSON *a = cJSON_CreateArray();
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(e, "findings")) {
        if (!not_passing(json_str(f, "status"))) continue;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "status", json_str_or(f, "status", ""));
        if (json_str(f, "pointer")) cJSON_AddStringToObject(o, "pointer", json_str(f, "pointer"));
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(f, "line");
        if (cJSON_IsNumber(line)) cJSON_AddNumberToObject(o, "line", line->valuedouble);
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(f, "message");
        if (msg) cJSON_AddItemToObject(o, "message", cJSON_Duplicate(msg, 1));
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

static void add_status(cJSON *o, const char *key, const char *status)
{
    if (status)
        cJSON_AddStringToObject(o, key, status);
    else
        cJSON_AddNullToObject(o, key);
}

/* Compare the two results of one declaration; a body that changes joins im->bodies. */
static void compare(impact *im, const cJSON *o, const cJSON *n)
{
    memset(im->oe, 0, im->np * sizeof *im->oe);
    memset(im->ne, 0, im->np * sizeof *im->ne);
    const cJSON *e;
    pol *p;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(o, "policies"))
        if ((p = find_pol(im, json_str(e, "id")))) im->oe[p - im->p] = e;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(n, "policies"))
        if ((p = find_pol(im, json_str(e, "id")))) im->ne[p - im->p] = e;
    int oc = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "compliant")),
        nc = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(n, "compliant"));
    cJSON *changes = cJSON_CreateArray();
    for (size_t i = 0; i < im->np; i++) {
        const char *os = json_str(im->oe[i], "status"), *ns = json_str(im->ne[i], "status");
        int listed;
        if (os && ns) /* a status that differs, or a level change that weighs differently */
            listed = strcmp(os, ns) != 0 || (im->p[i].level_changed && not_passing(ns));
        else /* a policy in one pack only: when it does not pass there */
            listed = not_passing(os) || not_passing(ns);
        if (!listed) continue;
        pol *q = &im->p[i];
        q->bodies++;
        q->worse += severity(ns) > severity(os);
        q->better += severity(ns) < severity(os);
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "id", q->id);
        add_status(c, "old_status", os);
        add_status(c, "new_status", ns);
        cJSON_AddItemToObject(c, "reasons", reasons(q));
        cJSON_AddItemToObject(c, "findings",
                              findings_of(severity(ns) >= severity(os) ? im->ne[i] : im->oe[i]));
        cJSON_AddItemToArray(changes, c);
    }
    if (oc == nc && !cJSON_GetArraySize(changes)) {
        cJSON_Delete(changes);
        return;
    }
    im->to_fail += oc && !nc;
    im->to_pass += !oc && nc;
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(n, "body");
    cJSON *d = cJSON_CreateObject(), *body = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "file", json_str_or(n, "file", ""));
    static const char *const keys[] = {"name", "code", "prefecture", "model"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
        if (json_str(b, keys[k])) cJSON_AddStringToObject(body, keys[k], json_str(b, keys[k]));
    cJSON_AddItemToObject(d, "body", body);
    cJSON_AddBoolToObject(d, "old_compliant", oc);
    cJSON_AddBoolToObject(d, "new_compliant", nc);
    cJSON_AddItemToObject(d, "policies", changes);
    cJSON_AddItemToArray(im->bodies, d);
}

/* ---- evaluation, a share of the inputs at a time ------------------------ */

typedef struct {
    cJSON **res;
    int *failed;
} slots;

static int take(void *ctx, size_t index, batch_item *it)
{
    slots *s = ctx;
    s->res[index] = it->res;
    s->failed[index] = it->failed || !it->res;
    free(it->text);
    return 0;
}

static void note_error(impact *im, const cJSON *res, const char *file)
{
    const cJSON *err = cJSON_GetObjectItemCaseSensitive(res, "error");
    const char *t =
        cJSON_IsString(err) ? err->valuestring : rollup_text(json_get(err, "message"), im->lang);
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "file", file);
    cJSON_AddStringToObject(
        e, "message",
        t && *t ? t : MSG("申告を評価できませんでした", "the declaration could not be evaluated"));
    cJSON_AddItemToArray(im->errors, e);
}

static int run_chunk(impact *im, struct runner *r, char **files, size_t n, cJSON **res, int *failed)
{
    const impact_args *a = im->a;
    decl_limits lim = {0, 0};
    batch_opts bo = {a->jobs > 1 ? a->jobs : 1,
                     0,
                     NULL,
                     im->lang,
                     &lim,
                     NULL,
                     NULL,
                     a->timeout,
                     NULL,
                     NULL,
                     NULL,
                     NULL,
                     0};
    slots s = {res, failed};
    batch_status st;
    memset(&st, 0, sizeof st);
    if (batch_check(r, files, n, &bo, take, &s, &st)) return -1;
    im->policy_error |= st.policy_error;
    im->bad_input |= st.bad_input;
    return 0;
}

static int evaluate(impact *im, char **paths, size_t npaths)
{
    /* 8 declarations a worker at a time: two results of each in memory at the most (with 32,
     * peak memory over 300 generated bodies went from 20 to 48 MiB for no gain in time) */
    size_t chunk = (size_t)(im->a->jobs > 1 ? im->a->jobs : 1) * 8;
    cJSON **ro = calloc(chunk, sizeof *ro), **rn = calloc(chunk, sizeof *rn);
    int *fo = calloc(chunk, sizeof *fo), *fn = calloc(chunk, sizeof *fn);
    char **ok = calloc(chunk, sizeof *ok);
    size_t *at = calloc(chunk, sizeof *at);
    int rc = ro && rn && fo && fn && ok && at ? 0 : -1;
    for (size_t base = 0; rc == 0 && base < npaths && !watchdog_interrupted(); base += chunk) {
        size_t n = npaths - base < chunk ? npaths - base : chunk, nok = 0;
        memset(fo, 0, chunk * sizeof *fo);
        memset(fn, 0, chunk * sizeof *fn);
        if (run_chunk(im, im->a->old_runner, paths + base, n, ro, fo)) rc = -1;
        /* what the old pack evaluated goes to the new one (an unreadable input once) */
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (fo[i]) {
                note_error(im, ro[i], paths[base + i]);
                continue;
            }
            at[nok] = i;
            ok[nok++] = paths[base + i];
        }
        if (rc == 0 && nok && run_chunk(im, im->a->new_runner, ok, nok, rn, fn)) rc = -1;
        for (size_t k = 0; rc == 0 && k < nok; k++) {
            if (fn[k])
                note_error(im, rn[k], ok[k]);
            else {
                im->evaluated++;
                compare(im, ro[at[k]], rn[k]);
            }
        }
        for (size_t i = 0; i < chunk; i++) {
            cJSON_Delete(ro[i]);
            cJSON_Delete(rn[i]);
            ro[i] = rn[i] = NULL;
        }
    }
    free(ro);
    free(rn);
    free(fo);
    free(fn);
    free(ok);
    free(at);
    return rc;
}

/* ---- the document ------------------------------------------------------- */

static cJSON *pack(struct runner *r, const char *dir, const cJSON *meta)
{
    cJSON *o = cJSON_CreateObject();
    if (dir)
        cJSON_AddStringToObject(o, "policies_dir", dir);
    else
        cJSON_AddNullToObject(o, "policies_dir"); /* the installed (or bundled) pack */
    cJSON_AddStringToObject(o, "sha256", runner_policy_set_sha256(r));
    cJSON_AddNumberToObject(o, "policies", cJSON_GetArraySize(meta));
    const cJSON *ed = runner_edition(r);
    if (ed) {
        cJSON_AddStringToObject(o, "edition", json_str_or(ed, "edition", ""));
        cJSON_AddStringToObject(o, "date", json_str_or(ed, "date", ""));
        cJSON_AddItemToObject(o, "title", cJSON_Duplicate(json_get(ed, "title"), 1));
    } else
        cJSON_AddNullToObject(o, "edition");
    return o;
}

static cJSON *document(impact *im)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "schema", "kyojin/impact/v1");
    cJSON_AddItemToObject(doc, "old", pack(im->a->old_runner, im->a->old_dir, im->old_meta));
    cJSON_AddItemToObject(doc, "new", pack(im->a->new_runner, im->a->new_dir, im->new_meta));
    cJSON *s = cJSON_AddObjectToObject(doc, "summary");
    cJSON_AddNumberToObject(s, "bodies", (double)im->evaluated);
    cJSON_AddNumberToObject(s, "flipped", (double)(im->to_fail + im->to_pass));
    cJSON_AddNumberToObject(s, "to_non_compliant", (double)im->to_fail);
    cJSON_AddNumberToObject(s, "to_compliant", (double)im->to_pass);
    cJSON_AddNumberToObject(s, "changed", cJSON_GetArraySize(im->bodies));
    cJSON_AddNumberToObject(s, "errors", cJSON_GetArraySize(im->errors));
    cJSON *pa = cJSON_AddArrayToObject(doc, "policies");
    for (size_t i = 0; i < im->np; i++) {
        pol *p = &im->p[i];
        if (!p->bodies && p->old_m && p->new_m && !p->level_changed && !p->params) continue;
        const cJSON *m = p->new_m ? p->new_m : p->old_m;
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "id", p->id);
        cJSON_AddItemToObject(o, "title", cJSON_Duplicate(json_get(m, "title"), 1));
        cJSON_AddItemToObject(o, "reasons", reasons(p));
        add_status(o, "old_level", json_str(p->old_m, "level"));
        add_status(o, "new_level", json_str(p->new_m, "level"));
        cJSON_AddItemToObject(o, "parameters",
                              p->params ? cJSON_Duplicate(p->params, 1) : cJSON_CreateArray());
        cJSON_AddNumberToObject(o, "bodies", (double)p->bodies);
        cJSON_AddNumberToObject(o, "worse", (double)p->worse);
        cJSON_AddNumberToObject(o, "better", (double)p->better);
        cJSON_AddItemToArray(pa, o);
    }
    cJSON_AddItemReferenceToObject(doc, "bodies", im->bodies);
    cJSON_AddItemReferenceToObject(doc, "errors", im->errors);
    return doc;
}

/* ---- words -------------------------------------------------------------- */

static const char *reason_word(const impact *im, const char *code)
{
    static const char *const w[][3] = {
        {"added", "ポリシーの追加", "policy added"},
        {"removed", "ポリシーの削除", "policy removed"},
        {"level_changed", "水準の変更", "level changed"},
        {"parameters_changed", "パラメータの変更", "parameters changed"},
        {"check_changed", "判定内容の変更", "check changed"},
    };
    for (size_t i = 0; i < sizeof w / sizeof *w; i++)
        if (strcmp(w[i][0], code) == 0) return w[i][im->en ? 2 : 1];
    return code;
}

static const char *status_word(const impact *im, const cJSON *o, const char *key)
{
    const char *s = json_str(o, key);
    return s ? rollup_status_word(s, im->lang) : MSG("（ポリシーなし）", "(no such policy)");
}

static const char *verdict(const impact *im, int compliant)
{
    return compliant ? MSG("準拠", "compliant") : MSG("非準拠", "not compliant");
}

static const char *level_word(const impact *im, const char *level)
{
    return level ? rollup_level_word(level, im->lang) : MSG("（なし）", "(none)");
}

/* the value of a parameter as JSON text (caller frees) */
static char *value_text(const cJSON *v)
{
    return cJSON_PrintUnformatted(v);
}

/* "reason, reason (level: old → new; name: old → new)" */
typedef void (*put_fn)(FILE *out, const char *s);

static void put_reasons(const impact *im, FILE *out, put_fn put, const cJSON *p, const pol *q)
{
    const cJSON *r;
    int first = 1;
    cJSON_ArrayForEach(r, json_get(p, "reasons")) {
        put(out, first ? "" : MSG("、", ", "));
        put(out, reason_word(im, r->valuestring));
        first = 0;
    }
    if (!q) return;
    if (q->level_changed) {
        put(out, MSG("（", " ("));
        put(out, level_word(im, json_str(q->old_m, "level")));
        put(out, " → ");
        put(out, level_word(im, json_str(q->new_m, "level")));
        put(out, MSG("）", ")"));
    }
    const cJSON *c;
    cJSON_ArrayForEach(c, q->params) {
        char *o = value_text(json_get(c, "old")), *n = value_text(json_get(c, "new"));
        put(out, MSG("（", " ("));
        put(out, json_str_or(c, "name", ""));
        put(out, ": ");
        put(out, o ? o : "");
        put(out, " → ");
        put(out, n ? n : "");
        put(out, MSG("）", ")"));
        free(o);
        free(n);
    }
}

static void body_label(const impact *im, FILE *out, put_fn put, const cJSON *d)
{
    const cJSON *b = json_get(d, "body");
    put(out, json_str_or(b, "name", MSG("（団体名なし）", "(no name)")));
    put(out, MSG("（", " ("));
    put(out, MSG("団体コード ", "code "));
    put(out, json_str_or(b, "code", "-"));
    put(out, ", ");
    put(out, json_str_or(d, "file", ""));
    put(out, MSG("）", ")"));
}

/* ---- text and HTML: one walk over the document, two layouts ------------- */

/* The pieces each layout puts around the values (put escapes the values for the format). */
typedef struct {
    put_fn put;
    /* the policies: p_list_open (may be NULL), each P_OPEN id P_SEP title P_WHY reasons
     * P_COUNTS(bodies, worse, better), P_LIST_CLOSE; P_NONE instead when there is none */
    void (*p_list_open)(const impact *im, FILE *out);
    const char *p_open, *p_sep, *p_why, *p_counts, *p_list_close, *p_none;
    /* a section: H_OPEN heading H_CLOSE, or NONE when it is empty */
    const char *h_open, *h_close, *none;
    /* a body's policy: C_OPEN id C_SEP old C_ARROW new C_WHY reasons C_FINDINGS findings C_CLOSE */
    const char *c_open, *c_sep, *c_arrow, *c_why, *c_findings, *c_close;
    /* a finding: F_OPEN pointer F_PTR_END (line) F_MSG message F_CLOSE */
    const char *f_open, *f_ptr_end, *f_msg, *f_close;
    /* an input not evaluated: E_OPEN file E_SEP message E_CLOSE, the list in L_OPEN … L_CLOSE */
    const char *e_open, *e_sep, *e_close, *l_open, *l_close;
    void (*body_open)(const impact *im, FILE *out, const cJSON *d, int oc, int nc);
    const char *body_close;
} layout;

static void put_changes(const impact *im, FILE *out, const layout *L, const cJSON *d)
{
    const cJSON *c, *f;
    cJSON_ArrayForEach(c, json_get(d, "policies")) {
        fputs(L->c_open, out);
        L->put(out, json_str_or(c, "id", ""));
        fputs(L->c_sep, out);
        L->put(out, status_word(im, c, "old_status"));
        fputs(L->c_arrow, out);
        L->put(out, status_word(im, c, "new_status"));
        fputs(L->c_why, out);
        put_reasons(im, out, L->put, c, NULL);
        fputs(L->c_findings, out);
        cJSON_ArrayForEach(f, json_get(c, "findings")) {
            fputs(L->f_open, out);
            L->put(out, json_str_or(f, "pointer", ""));
            fputs(L->f_ptr_end, out);
            const cJSON *line = json_get(f, "line");
            if (cJSON_IsNumber(line))
                fprintf(out, MSG("（%.0f 行）", " (line %.0f)"), line->valuedouble);
            fputs(L->f_msg, out);
            L->put(out, rollup_text(json_get(f, "message"), im->lang));
            fputs(L->f_close, out);
        }
        fputs(L->c_close, out);
    }
}

static void heading(FILE *out, const layout *L, const char *text)
{
    fputs(L->h_open, out);
    L->put(out, text);
    fputs(L->h_close, out);
}

/* Everything after the packs and the counts: the policies, the bodies in two sections (verdict
 * changes, then the others), the inputs not evaluated. */
static void put_document(impact *im, FILE *out, const layout *L, const cJSON *doc)
{
    const cJSON *p, *d;
    heading(out, L, MSG("ポリシーごとの変化", "Changes by policy"));
    if (!cJSON_GetArraySize(json_get(doc, "policies")))
        fputs(L->p_none, out);
    else if (L->p_list_open)
        L->p_list_open(im, out);
    cJSON_ArrayForEach(p, json_get(doc, "policies")) {
        fputs(L->p_open, out);
        L->put(out, json_str_or(p, "id", ""));
        fputs(L->p_sep, out);
        L->put(out, rollup_text(json_get(p, "title"), im->lang));
        fputs(L->p_why, out);
        put_reasons(im, out, L->put, p, find_pol(im, json_str(p, "id")));
        fprintf(out, L->p_counts, json_num(p, "bodies", 0), json_num(p, "worse", 0),
                json_num(p, "better", 0));
    }
    if (cJSON_GetArraySize(json_get(doc, "policies"))) fputs(L->p_list_close, out);
    for (int flip = 1; flip >= 0; flip--) {
        heading(out, L,
                flip ? MSG("判定が変わる団体", "Bodies whose verdict changes")
                     : MSG("判定は変わらず結果が変わる団体",
                           "Bodies whose results change, verdict unchanged"));
        int any = 0;
        cJSON_ArrayForEach(d, json_get(doc, "bodies")) {
            int oc = cJSON_IsTrue(json_get(d, "old_compliant")),
                nc = cJSON_IsTrue(json_get(d, "new_compliant"));
            if ((oc != nc) != flip) continue;
            any = 1;
            L->body_open(im, out, d, oc, nc);
            put_changes(im, out, L, d);
            fputs(L->body_close, out);
        }
        if (!any) fputs(L->none, out);
    }
    if (!cJSON_GetArraySize(json_get(doc, "errors"))) return;
    heading(out, L, MSG("評価できない申告", "Declarations not evaluated"));
    fputs(L->l_open, out);
    cJSON_ArrayForEach(d, json_get(doc, "errors")) {
        fputs(L->e_open, out);
        L->put(out, json_str_or(d, "file", ""));
        fputs(L->e_sep, out);
        L->put(out, json_str_or(d, "message", ""));
        fputs(L->e_close, out);
    }
    fputs(L->l_close, out);
}

/* ---- text --------------------------------------------------------------- */

static void tput(FILE *out, const char *s)
{
    term_puts(out, s);
}

static void text_pack(const impact *im, FILE *out, const char *label, const cJSON *pk)
{
    fputs(label, out);
    tput(out, json_str_or(pk, "policies_dir", MSG("（同梱のポリシー）", "(installed policies)")));
    fputs(MSG("（版 ", " (edition "), out);
    tput(out, json_str_or(pk, "edition", MSG("未設定", "not set")));
    fprintf(out, MSG("、ポリシー数 %.0f）\n", ", %.0f policies)\n"), json_num(pk, "policies", 0));
}

static void text_body(const impact *im, FILE *out, const cJSON *d, int oc, int nc)
{
    fputs("  ", out);
    body_label(im, out, tput, d);
    fputs(": ", out);
    fputs(verdict(im, oc), out);
    if (oc != nc) {
        fputs(" → ", out);
        fputs(verdict(im, nc), out);
    }
    fputc('\n', out);
}

static void write_text(impact *im, const cJSON *doc, FILE *out)
{
    const cJSON *s = json_get(doc, "summary");
    fputs(MSG("kyojin — ポリシーパック改定の影響\n\n",
              "kyojin — impact of a policy-pack revision\n\n"),
          out);
    text_pack(im, out, MSG("旧: ", "old: "), json_get(doc, "old"));
    text_pack(im, out, MSG("新: ", "new: "), json_get(doc, "new"));
    fprintf(out,
            MSG("\n評価した団体 %.0f、判定が変わる団体 %.0f（準拠→非準拠 %.0f、非準拠→準拠 %.0f）、"
                "結果が変わる団体 %.0f、評価できない申告 %.0f\n",
                "\nbodies evaluated %.0f, verdict changes %.0f (compliant → not compliant %.0f, "
                "not compliant → compliant %.0f), bodies with changes %.0f, declarations not "
                "evaluated %.0f\n"),
            json_num(s, "bodies", 0), json_num(s, "flipped", 0), json_num(s, "to_non_compliant", 0),
            json_num(s, "to_compliant", 0), json_num(s, "changed", 0), json_num(s, "errors", 0));
    const char *none = MSG("  なし\n", "  none\n");
    layout L = {tput,
                NULL,
                "  ",
                " ",
                MSG("（", " ("),
                MSG("）: 変わる団体 %.0f（悪化 %.0f、改善 %.0f）\n",
                    "): bodies changing %.0f (worse %.0f, better %.0f)\n"),
                "",
                none,
                "\n■ ",
                "\n",
                none,
                "    ",
                ": ",
                " → ",
                MSG("（理由: ", " (why: "),
                MSG("）\n", ")\n"),
                "",
                "      ",
                "",
                " — ",
                "\n",
                "  ",
                ": ",
                "\n",
                "",
                "",
                text_body,
                ""};
    put_document(im, out, &L, doc);
}

/* ---- HTML --------------------------------------------------------------- */

static void hput(FILE *out, const char *s)
{
    html_escape(out, s);
}

static void html_pack(const impact *im, FILE *out, const char *label, const cJSON *pk)
{
    fputs("<tr><th>", out);
    hput(out, label);
    fputs("</th><td>", out);
    hput(out, json_str_or(pk, "edition", MSG("未設定", "not set")));
    if (json_str(pk, "date")) {
        fputs(" (", out);
        hput(out, json_str(pk, "date"));
        fputc(')', out);
    }
    if (json_get(pk, "title")) {
        fputs("<br>", out);
        hput(out, rollup_text(json_get(pk, "title"), im->lang));
    }
    fputs("</td><td><code>", out);
    hput(out, json_str_or(pk, "policies_dir", MSG("（同梱のポリシー）", "(installed policies)")));
    fputs("</code></td><td class=\"n\">", out);
    fprintf(out, "%.0f", json_num(pk, "policies", 0));
    fputs("</td><td><code>", out);
    hput(out, json_str_or(pk, "sha256", ""));
    fputs("</code></td></tr>\n", out);
}

/* "<thead><tr><th>A</th><th>B</th>…</tr></thead><tbody>\n" with the words in the language */
static void html_head(const impact *im, FILE *out, const char *const (*words)[2], size_t n)
{
    fputs("<thead><tr>", out);
    for (size_t i = 0; i < n; i++) {
        fputs("<th>", out);
        hput(out, words[i][im->en]);
        fputs("</th>", out);
    }
    fputs("</tr></thead><tbody>\n", out);
}

static void html_body(const impact *im, FILE *out, const cJSON *d, int oc, int nc)
{
    static const char *const heads[][2] = {{"ポリシー", "Policy"},
                                           {"旧", "Old"},
                                           {"新", "New"},
                                           {"理由", "Why"},
                                           {"指摘", "Findings"}};
    fputs("<section class=\"body\"><h3>", out);
    body_label(im, out, hput, d);
    fprintf(out, " <span class=\"v %s\">", oc ? "ok" : "ng");
    hput(out, verdict(im, oc));
    fputs("</span>", out);
    if (oc != nc) {
        fprintf(out, " → <span class=\"v %s\">", nc ? "ok" : "ng");
        hput(out, verdict(im, nc));
        fputs("</span>", out);
    }
    fputs("</h3>\n<table>", out);
    html_head(im, out, heads, sizeof heads / sizeof *heads);
}

static void html_policies(const impact *im, FILE *out)
{
    static const char *const heads[][2] = {{"ID", "ID"},      {"要件", "Requirement"},
                                           {"理由", "Why"},   {"変わる団体", "Bodies changing"},
                                           {"悪化", "Worse"}, {"改善", "Better"}};
    fputs("<table>", out);
    html_head(im, out, heads, sizeof heads / sizeof *heads);
}

static void write_html(impact *im, const cJSON *doc, FILE *out)
{
    const cJSON *s = json_get(doc, "summary");
    const char *title = MSG("ポリシーパック改定の影響", "Impact of a policy-pack revision");
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
            im->en ? "en" : "ja");
    hput(out, title);
    fputs("</title>\n<style>\n"
          "body{font-family:'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif;margin:24px;"
          "color:#222;line-height:1.5}\n"
          "table{border-collapse:collapse;margin:8px 0 16px}th,td{border:1px solid #bbb;"
          "padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef2f6}\n"
          "td.n{text-align:right}code{font-size:90%;word-break:break-all}ul{margin:0;"
          "padding-left:18px}\n"
          ".cards{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #bbb;"
          "border-radius:6px;padding:8px 16px;min-width:140px}.card b{display:block;font-size:"
          "28px}\n.v{padding:1px 6px;border-radius:4px}.ok{background:#dcefdc}"
          ".ng{background:#f6d6d6}.body h3{font-size:16px;margin:16px 0 4px}\n"
          "th{white-space:nowrap}.body td:nth-child(-n+4){white-space:nowrap}\n"
          "</style>\n</head>\n<body>\n<h1>",
          out);
    hput(out, title);
    fputs("</h1>\n<table>", out);
    static const char *const packs[][2] = {
        {"", ""},
        {"版", "Edition"},
        {"ポリシーのディレクトリ", "Policy directory"},
        {"ポリシー数", "Policies"},
        {"ポリシーセットのSHA-256", "SHA-256 of the policy set"}};
    html_head(im, out, packs, sizeof packs / sizeof *packs);
    html_pack(im, out, MSG("旧", "Old"), json_get(doc, "old"));
    html_pack(im, out, MSG("新", "New"), json_get(doc, "new"));
    fputs("</tbody></table>\n<div class=\"cards\">\n", out);
    static const char *const cards[][3] = {
        {"bodies", "評価した団体", "Bodies evaluated"},
        {"to_non_compliant", "準拠 → 非準拠", "Compliant → not compliant"},
        {"to_compliant", "非準拠 → 準拠", "Not compliant → compliant"},
        {"changed", "結果が変わる団体", "Bodies with changes"},
        {"errors", "評価できない申告", "Not evaluated"},
    };
    for (size_t i = 0; i < sizeof cards / sizeof *cards; i++) {
        fputs("<div class=\"card\">", out);
        hput(out, cards[i][im->en ? 2 : 1]);
        fprintf(out, "<b>%.0f</b></div>\n", json_num(s, cards[i][0], 0));
    }
    fputs("</div>\n", out);
    char none[96];
    snprintf(none, sizeof none, "<p>%s</p>\n", MSG("なし", "None"));
    layout L = {hput,
                html_policies,
                "<tr><td>",
                "</td><td>",
                "</td><td>",
                "</td><td class=\"n\">%.0f</td><td class=\"n\">%.0f</td><td "
                "class=\"n\">%.0f</td></tr>\n",
                "</tbody></table>\n",
                none,
                "<h2>",
                "</h2>\n",
                none,
                "<tr><td>",
                "</td><td>",
                "</td><td>",
                "</td><td>",
                "</td><td><ul>",
                "</ul></td></tr>\n",
                "<li><code>",
                "</code>",
                " ",
                "</li>",
                "<li><code>",
                "</code> ",
                "</li>\n",
                "<ul>\n",
                "</ul>\n",
                html_body,
                "</tbody></table></section>\n"};
    put_document(im, out, &L, doc);
    fputs("</body>\n</html>\n", out);
}

/* ---- the command -------------------------------------------------------- */

int cmd_impact(const impact_args *a)
{
    impact imv, *im = &imv;
    memset(im, 0, sizeof *im);
    im->a = a;
    im->lang = a->lang && strcmp(a->lang, "en") == 0 ? "en" : "ja";
    im->en = im->lang[0] == 'e';
    const char *format = a->format ? a->format : "text";
    if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "html")) {
        fprintf(stderr,
                MSG("kyojin impact: --format は text・json・html のいずれかです: %s\n",
                    "kyojin impact: --format must be text, json or html: %s\n"),
                format);
        return ROLLUP_EXIT_USAGE;
    }
    char **paths = NULL;
    size_t npaths = 0;
    char err[1024];
    if (batch_collect((int)a->ninputs, a->inputs, &paths, &npaths, err, sizeof err) != 0 ||
        npaths == 0) {
        if (npaths == 0 && !paths)
            fprintf(stderr, "kyojin impact: %s\n", err);
        else
            fprintf(stderr, "kyojin impact: %s\n",
                    MSG("申告ファイル（*.json）が見つかりません", "no declaration (*.json) found"));
        batch_free_paths(paths, npaths);
        return ROLLUP_EXIT_USAGE;
    }
    im->old_meta = runner_metadata(a->old_runner);
    im->new_meta = runner_metadata(a->new_runner);
    im->old_params = runner_parameters(a->old_runner);
    im->new_params = runner_parameters(a->new_runner);
    im->bodies = cJSON_CreateArray();
    im->errors = cJSON_CreateArray();
    int rc = ROLLUP_EXIT_OK;
    cJSON *doc = NULL;
    watchdog_catch_signals();
    if (!im->old_meta || !im->new_meta || !im->old_params || !im->new_params || !im->bodies ||
        !im->errors || index_policies(im) != 0 || evaluate(im, paths, npaths) != 0 ||
        !(doc = document(im))) {
        fprintf(stderr, "kyojin impact: %s\n",
                MSG("評価を始められません（メモリ・一時ディレクトリ）",
                    "the evaluation could not be run (memory, temporary directory)"));
        rc = ROLLUP_EXIT_INPUT;
    } else if (watchdog_interrupted()) {
        fprintf(stderr, "kyojin impact: %s\n", MSG("中断しました", "interrupted"));
        rc = 130;
    } else {
        atomic_out o;
        if (atomic_out_open(&o, a->output, err, sizeof err) != 0) {
            fprintf(stderr, "kyojin impact: %s\n", err);
            rc = ROLLUP_EXIT_OUTPUT;
        } else {
            if (strcmp(format, "json") == 0) {
                json_write(o.fp, doc, 1, 0); /* a write error shows at commit */
                fputc('\n', o.fp);
            } else if (strcmp(format, "html") == 0)
                write_html(im, doc, o.fp);
            else
                write_text(im, doc, o.fp);
            if (atomic_out_commit(&o, err, sizeof err) != 0) {
                fprintf(stderr, "kyojin impact: %s\n", err);
                rc = ROLLUP_EXIT_OUTPUT;
            }
        }
        if (rc == ROLLUP_EXIT_OK)
            rc = im->policy_error                                  ? ROLLUP_EXIT_INPUT
                 : im->bad_input || cJSON_GetArraySize(im->errors) ? ROLLUP_EXIT_USAGE
                 : im->to_fail + im->to_pass                       ? ROLLUP_EXIT_FINDINGS
                                                                   : ROLLUP_EXIT_OK;
    }
    cJSON_Delete(doc);
    for (size_t i = 0; i < im->np; i++) cJSON_Delete(im->p[i].params);
    free(im->p);
    free(im->oe);
    free(im->ne);
    cJSON_Delete(im->old_meta);
    cJSON_Delete(im->new_meta);
    cJSON_Delete(im->old_params);
    cJSON_Delete(im->new_params);
    cJSON_Delete(im->bodies);
    cJSON_Delete(im->errors);
    batch_free_paths(paths, npaths);
    return rc;
}
