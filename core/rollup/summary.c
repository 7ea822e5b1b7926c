/*
 * summary.c — `kyojin summary RESULTS…|DIR`: the national roll-up.
 *
 * Streams every declaration of one or more result documents (§5) and counts,
 * per policy (requirement): how many bodies pass, fail, warn, are waived, not
 * applicable or errored — nationally, by model and by prefecture; the bodies
 * failing each required policy; the distribution of risk values (sum of
 * risk.counts, and bodies by their worst risk value) nationally and per
 * prefecture. Writes text, JSON, CSV or a self-contained HTML page with SVG
 * bar charts.
 *
 * It reads result documents only and never re-evaluates a declaration.
 */
#define _POSIX_C_SOURCE 200809L

#include "rollup/rollup.h"
#include "util/cjson_cs.h"
#include "util/atomic_out.h"
#include "util/dirlist.h"
#include "util/strutil.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { S_PASS, S_FAIL, S_WARN, S_WAIVED, S_NA, S_ERROR, S_N };
static const char *const status_keys[S_N] = {"pass",   "fail",           "warn",
                                             "waived", "not_applicable", "error"};

enum { M_ALPHA, M_ALPHA_PRIME, M_BETA, M_BETA_PRIME, M_OTHER, M_N };
static const char *const model_keys[M_N] = {"alpha", "alpha_prime", "beta", "beta_prime", "other"};
static const char *const model_words[M_N] = {"α", "α′", "β", "β′", "?"};

#define RISK_N 5 /* A … E */

typedef struct {
    long n[S_N];
} scount;

typedef struct {
    char *id, *level;
    cJSON *title, *requirements;
    scount total, by_model[M_N];
    scount *by_pref; /* npref entries */
    size_t *failing; /* body indices (fail or error), in input order */
    size_t nfailing, capfailing;
} pol_agg;

typedef struct {
    char *name, *code, *pref, *model, *file;
    int compliant, error;
    long risk[RISK_N];
    int worst; /* 0 = A … 4 = E, -1 none */
} body_rec;

typedef struct {
    char *name;
    int code; /* 1…47 from the body codes, 99 when unknown */
    long bodies, compliant, errors;
    long by_model[M_N];
    long risk[RISK_N];
    long worst[RISK_N + 1]; /* by worst risk value; last = no risk rows */
} pref_rec;

typedef struct {
    pol_agg *pol;
    size_t npol, cappol;
    body_rec *body;
    size_t nbody, capbody;
    pref_rec *pref;
    size_t npref, cappref;
    long model_bodies[M_N], model_compliant[M_N];
    long risk[RISK_N], worst[RISK_N + 1];
    long compliant, errors;
    int oom;
    cJSON *doc; /* the header of the result being read: its catalog (rollup_policy_meta) */
} summary;

static int model_index(const char *m)
{
    for (int i = 0; i < M_OTHER; i++)
        if (strcmp(m, model_keys[i]) == 0) return i;
    return M_OTHER;
}

static void *grow(void *arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return arr;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc < need) nc *= 2;
    void *na = realloc(arr, nc * elem);
    if (na) *cap = nc;
    return na;
}

static size_t pref_index(summary *s, const char *name, const char *code)
{
    for (size_t i = 0; i < s->npref; i++)
        if (strcmp(s->pref[i].name, name) == 0) {
            if (s->pref[i].code == 99 && strlen(code) == 6)
                s->pref[i].code = (code[0] - '0') * 10 + (code[1] - '0');
            return i;
        }
    pref_rec *np = grow(s->pref, &s->cappref, s->npref + 1, sizeof *np);
    if (!np) {
        s->oom = 1;
        return (size_t)-1;
    }
    s->pref = np;
    pref_rec *p = &s->pref[s->npref];
    memset(p, 0, sizeof *p);
    p->name = str_dup(name);
    p->code = 99;
    if (strlen(code) == 6 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9')
        p->code = (code[0] - '0') * 10 + (code[1] - '0');
    /* every policy gets a counter for the new prefecture */
    for (size_t k = 0; k < s->npol; k++) {
        scount *nb = realloc(s->pol[k].by_pref, (s->npref + 1) * sizeof *nb);
        if (!nb) {
            s->oom = 1;
            return (size_t)-1;
        }
        memset(&nb[s->npref], 0, sizeof *nb);
        s->pol[k].by_pref = nb;
    }
    return s->npref++;
}

static pol_agg *policy_agg(summary *s, const cJSON *p, size_t hint)
{
    const char *id = json_str_or(p, "id", "");
    if (hint < s->npol && strcmp(s->pol[hint].id, id) == 0) return &s->pol[hint];
    for (size_t k = 0; k < s->npol; k++)
        if (strcmp(s->pol[k].id, id) == 0) return &s->pol[k];
    pol_agg *np = grow(s->pol, &s->cappol, s->npol + 1, sizeof *np);
    if (!np) {
        s->oom = 1;
        return NULL;
    }
    s->pol = np;
    pol_agg *a = &s->pol[s->npol];
    memset(a, 0, sizeof *a);
    a->id = str_dup(id);
    a->level = str_dup(rollup_policy_meta_str(s->doc, p, "level", ""));
    const cJSON *t = rollup_policy_meta(s->doc, p, "title");
    a->title = t ? cJSON_Duplicate(t, 1) : cJSON_CreateNull();
    const cJSON *r = rollup_policy_meta(s->doc, p, "requirements");
    a->requirements = r ? cJSON_Duplicate(r, 1) : cJSON_CreateArray();
    a->by_pref = calloc(s->npref ? s->npref : 1, sizeof *a->by_pref);
    if (!a->by_pref) {
        s->oom = 1;
        return NULL;
    }
    s->npol++;
    return a;
}

/* Effective status of one policy for one body. */
static int policy_status(const cJSON *doc, const cJSON *p)
{
    const char *st = json_str_or(p, "status", "");
    const char *level = rollup_policy_meta_str(doc, p, "level", "");
    if (strcmp(st, "fail") == 0) return strcmp(level, "recommended") == 0 ? S_WARN : S_FAIL;
    if (strcmp(st, "warn") == 0) return S_WARN;
    if (strcmp(st, "error") == 0) return S_ERROR;
    if (strcmp(st, "not_applicable") == 0) return S_NA;
    if (strcmp(st, "waived") == 0) return S_WAIVED;
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings"))
        if (strcmp(json_str_or(f, "status", ""), "waived") == 0) return S_WAIVED;
    return S_PASS;
}

static int add_decl(const cJSON *d, void *ctx)
{
    summary *s = ctx;
    body_rec *nb = grow(s->body, &s->capbody, s->nbody + 1, sizeof *nb);
    if (!nb) {
        s->oom = 1;
        return 1;
    }
    s->body = nb;
    size_t bi = s->nbody++;
    body_rec *b = &s->body[bi];
    memset(b, 0, sizeof *b);
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(d, "body");
    b->name = str_dup(json_str_or(body, "name", ""));
    b->code = str_dup(json_str_or(body, "code", ""));
    b->pref = str_dup(json_str_or(body, "prefecture", "")[0] ? json_str_or(body, "prefecture", "")
                                                             : "(不明)");
    b->model = str_dup(json_str_or(body, "model", ""));
    b->file = str_dup(json_str_or(d, "file", ""));
    const cJSON *derr = cJSON_GetObjectItemCaseSensitive(d, "error");
    b->error = derr && !cJSON_IsNull(derr);
    b->compliant = !b->error && json_true(d, "compliant");
    b->worst = -1;
    int m = model_index(b->model);
    size_t pi = pref_index(s, b->pref, b->code);
    if (pi == (size_t)-1) return 1;
    pref_rec *pr = &s->pref[pi];
    pr->bodies++;
    pr->by_model[m]++;
    s->model_bodies[m]++;
    if (b->compliant) {
        pr->compliant++;
        s->model_compliant[m]++;
        s->compliant++;
    }
    if (b->error) {
        pr->errors++;
        s->errors++;
    }

    size_t k = 0;
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        pol_agg *a = policy_agg(s, p, k++);
        if (!a) return 1;
        int st = policy_status(s->doc, p);
        a->total.n[st]++;
        a->by_model[m].n[st]++;
        a->by_pref[pi].n[st]++;
        if (st == S_FAIL || st == S_ERROR) {
            size_t *nf = grow(a->failing, &a->capfailing, a->nfailing + 1, sizeof *nf);
            if (!nf) {
                s->oom = 1;
                return 1;
            }
            a->failing = nf;
            a->failing[a->nfailing++] = bi;
        }
    }

    const cJSON *counts =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "risk"), "counts");
    for (int r = 0; r < RISK_N; r++) {
        char key[2] = {(char)('A' + r), 0};
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(counts, key);
        long v = cJSON_IsNumber(c) && c->valuedouble > 0 ? (long)c->valuedouble : 0;
        b->risk[r] = v;
        pr->risk[r] += v;
        s->risk[r] += v;
        if (v > 0 && b->worst < 0) b->worst = r;
    }
    int w = b->worst < 0 ? RISK_N : b->worst;
    pr->worst[w]++;
    s->worst[w]++;
    return 0;
}

static int cmp_pol(const void *a, const void *b)
{
    return strcmp(((const pol_agg *)a)->id, ((const pol_agg *)b)->id);
}

/* Sort prefectures by code (national order), keeping each policy's
 * by_pref counters aligned. */
static int sort_prefs(summary *s)
{
    size_t n = s->npref;
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!order) return -1;
    for (size_t i = 0; i < n; i++) order[i] = i;
    for (size_t i = 1; i < n; i++) { /* insertion sort: n ≤ ~50 */
        size_t v = order[i], j = i;
        while (j > 0) {
            const pref_rec *a = &s->pref[order[j - 1]], *b = &s->pref[v];
            int gt = a->code != b->code ? a->code > b->code : strcmp(a->name, b->name) > 0;
            if (!gt) break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
    pref_rec *np = malloc((n ? n : 1) * sizeof *np);
    if (!np) {
        free(order);
        return -1;
    }
    for (size_t i = 0; i < n; i++) np[i] = s->pref[order[i]];
    free(s->pref);
    s->pref = np;
    s->cappref = n;
    for (size_t k = 0; k < s->npol; k++) {
        scount *nb = malloc((n ? n : 1) * sizeof *nb);
        if (!nb) {
            free(order);
            return -1;
        }
        for (size_t i = 0; i < n; i++) nb[i] = s->pol[k].by_pref[order[i]];
        free(s->pol[k].by_pref);
        s->pol[k].by_pref = nb;
    }
    free(order);
    if (s->npol) qsort(s->pol, s->npol, sizeof *s->pol, cmp_pol);
    return 0;
}

static void summary_free(summary *s)
{
    for (size_t k = 0; k < s->npol; k++) {
        free(s->pol[k].id);
        free(s->pol[k].level);
        cJSON_Delete(s->pol[k].title);
        cJSON_Delete(s->pol[k].requirements);
        free(s->pol[k].by_pref);
        free(s->pol[k].failing);
    }
    free(s->pol);
    for (size_t b = 0; b < s->nbody; b++) {
        free(s->body[b].name);
        free(s->body[b].code);
        free(s->body[b].pref);
        free(s->body[b].model);
        free(s->body[b].file);
    }
    free(s->body);
    for (size_t i = 0; i < s->npref; i++) free(s->pref[i].name);
    free(s->pref);
}

static long applicable(const scount *c)
{
    return c->n[S_PASS] + c->n[S_FAIL] + c->n[S_WARN] + c->n[S_WAIVED] + c->n[S_ERROR];
}

/* ---- JSON ----------------------------------------------------------------- */

static cJSON *counts_json(const scount *c)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < S_N; i++) cJSON_AddNumberToObject(o, status_keys[i], (double)c->n[i]);
    return o;
}

static cJSON *risk_json(const long *r)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < RISK_N; i++) {
        char k[2] = {(char)('A' + i), 0};
        cJSON_AddNumberToObject(o, k, (double)r[i]);
    }
    return o;
}

static cJSON *worst_json(const long *w)
{
    cJSON *o = risk_json(w);
    cJSON_AddNumberToObject(o, "none", (double)w[RISK_N]);
    return o;
}

static cJSON *summary_json(const summary *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "schema", "kyojin/summary/v1");
    cJSON *tot = cJSON_AddObjectToObject(o, "totals");
    cJSON_AddNumberToObject(tot, "bodies", (double)s->nbody);
    cJSON_AddNumberToObject(tot, "compliant", (double)s->compliant);
    cJSON_AddNumberToObject(tot, "not_compliant", (double)(s->nbody - s->compliant - s->errors));
    cJSON_AddNumberToObject(tot, "errors", (double)s->errors);
    cJSON *models = cJSON_AddObjectToObject(o, "models");
    for (int m = 0; m < M_N; m++) {
        if (!s->model_bodies[m]) continue;
        cJSON *x = cJSON_AddObjectToObject(models, model_keys[m]);
        cJSON_AddNumberToObject(x, "bodies", (double)s->model_bodies[m]);
        cJSON_AddNumberToObject(x, "compliant", (double)s->model_compliant[m]);
    }
    cJSON *risk = cJSON_AddObjectToObject(o, "risk");
    cJSON_AddItemToObject(risk, "counts", risk_json(s->risk));
    cJSON_AddItemToObject(risk, "bodies_by_worst", worst_json(s->worst));

    cJSON *prefs = cJSON_AddArrayToObject(o, "prefectures");
    for (size_t i = 0; i < s->npref; i++) {
        const pref_rec *p = &s->pref[i];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "name", p->name);
        cJSON_AddNumberToObject(x, "bodies", (double)p->bodies);
        cJSON_AddNumberToObject(x, "compliant", (double)p->compliant);
        cJSON_AddNumberToObject(x, "errors", (double)p->errors);
        cJSON *pm = cJSON_AddObjectToObject(x, "models");
        for (int m = 0; m < M_N; m++)
            if (p->by_model[m]) cJSON_AddNumberToObject(pm, model_keys[m], (double)p->by_model[m]);
        cJSON_AddItemToObject(x, "risk_counts", risk_json(p->risk));
        cJSON_AddItemToObject(x, "bodies_by_worst_risk", worst_json(p->worst));
        cJSON_AddItemToArray(prefs, x);
    }

    cJSON *pols = cJSON_AddArrayToObject(o, "policies");
    for (size_t k = 0; k < s->npol; k++) {
        const pol_agg *a = &s->pol[k];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", a->id);
        cJSON_AddStringToObject(x, "level", a->level);
        cJSON_AddItemToObject(x, "title", cJSON_Duplicate(a->title, 1));
        cJSON_AddItemToObject(x, "requirements", cJSON_Duplicate(a->requirements, 1));
        cJSON_AddItemToObject(x, "counts", counts_json(&a->total));
        cJSON *bm = cJSON_AddObjectToObject(x, "by_model");
        for (int m = 0; m < M_N; m++)
            if (s->model_bodies[m])
                cJSON_AddItemToObject(bm, model_keys[m], counts_json(&a->by_model[m]));
        cJSON *bp = cJSON_AddObjectToObject(x, "by_prefecture");
        for (size_t i = 0; i < s->npref; i++)
            cJSON_AddItemToObject(bp, s->pref[i].name, counts_json(&a->by_pref[i]));
        cJSON *fb = cJSON_AddArrayToObject(x, "failing_bodies");
        if (strcmp(a->level, "required") == 0)
            for (size_t j = 0; j < a->nfailing; j++) {
                const body_rec *b = &s->body[a->failing[j]];
                cJSON *y = cJSON_CreateObject();
                cJSON_AddStringToObject(y, "name", b->name);
                cJSON_AddStringToObject(y, "code", b->code);
                cJSON_AddStringToObject(y, "prefecture", b->pref);
                cJSON_AddStringToObject(y, "model", b->model);
                cJSON_AddStringToObject(y, "file", b->file);
                cJSON_AddItemToArray(fb, y);
            }
        cJSON_AddItemToArray(pols, x);
    }
    return o;
}

/* ---- text ----------------------------------------------------------------- */

static void write_text(FILE *out, const summary *s, const char *lang)
{
    int en = strcmp(lang, "en") == 0;
    fprintf(out, "%s\n", en ? "kyojin summary" : "kyojin 集計");
    fprintf(out, "%s: %zu  %s: %ld  %s: %ld  %s: %ld\n\n", en ? "bodies" : "団体数", s->nbody,
            en ? "compliant" : "準拠", s->compliant, en ? "not compliant" : "非準拠",
            (long)s->nbody - s->compliant - s->errors, en ? "errors" : "評価エラー", s->errors);

    fprintf(out, "%s\n", en ? "By model" : "モデル別");
    for (int m = 0; m < M_N; m++)
        if (s->model_bodies[m])
            fprintf(out, "  %-12s %s %5ld  %s %5ld\n", model_keys[m], en ? "bodies" : "団体数",
                    s->model_bodies[m], en ? "compliant" : "準拠", s->model_compliant[m]);
    fputc('\n', out);

    fprintf(out, "%s\n", en ? "By requirement" : "要件別");
    fprintf(out, "  %-16s %-8s", en ? "policy" : "ポリシー", en ? "level" : "水準");
    for (int i = 0; i < S_N; i++) fprintf(out, " %8s", rollup_status_word(status_keys[i], lang));
    fputc('\n', out);
    for (size_t k = 0; k < s->npol; k++) {
        const pol_agg *a = &s->pol[k];
        fprintf(out, "  %-16s %-8s", a->id, rollup_level_word(a->level, lang));
        for (int i = 0; i < S_N; i++) fprintf(out, " %8ld", a->total.n[i]);
        fputc('\n', out);
    }
    fputc('\n', out);

    fprintf(out, "%s\n",
            en ? "Failing bodies by model (fail+warn+error / applicable)"
               : "モデル別の不適合・推奨未達・評価エラー（件数／評価対象）");
    fprintf(out, "  %-16s", en ? "policy" : "ポリシー");
    for (int m = 0; m < M_N; m++)
        if (s->model_bodies[m]) fprintf(out, " %14s", model_keys[m]);
    fputc('\n', out);
    for (size_t k = 0; k < s->npol; k++) {
        const pol_agg *a = &s->pol[k];
        fprintf(out, "  %-16s", a->id);
        for (int m = 0; m < M_N; m++)
            if (s->model_bodies[m]) {
                const scount *c = &a->by_model[m];
                char cell[32];
                snprintf(cell, sizeof cell, "%ld/%ld", c->n[S_FAIL] + c->n[S_WARN] + c->n[S_ERROR],
                         applicable(c));
                fprintf(out, " %14s", cell);
            }
        fputc('\n', out);
    }
    fputc('\n', out);

    fprintf(out, "%s\n", en ? "By prefecture" : "都道府県別");
    for (size_t i = 0; i < s->npref; i++) {
        const pref_rec *p = &s->pref[i];
        fprintf(out, "  %s  %s %ld  %s %ld  %s %ld  %s A%ld B%ld C%ld D%ld E%ld\n", p->name,
                en ? "bodies" : "団体数", p->bodies, en ? "compliant" : "準拠", p->compliant,
                en ? "not compliant" : "非準拠", p->bodies - p->compliant - p->errors,
                en ? "risk" : "リスク値", p->risk[0], p->risk[1], p->risk[2], p->risk[3],
                p->risk[4]);
    }
    fputc('\n', out);

    fprintf(out, "%s: A %ld  B %ld  C %ld  D %ld  E %ld\n",
            en ? "Risk values (national)" : "リスク値の分布（全国）", s->risk[0], s->risk[1],
            s->risk[2], s->risk[3], s->risk[4]);
    fprintf(out, "%s: A %ld  B %ld  C %ld  D %ld  E %ld  %s %ld\n\n",
            en ? "Bodies by worst risk value" : "最も高いリスク値別の団体数", s->worst[0],
            s->worst[1], s->worst[2], s->worst[3], s->worst[4], en ? "none" : "なし", s->worst[5]);

    fprintf(out, "%s\n", en ? "Bodies failing required requirements" : "必須要件に不適合の団体");
    for (size_t k = 0; k < s->npol; k++) {
        const pol_agg *a = &s->pol[k];
        if (strcmp(a->level, "required") != 0 || !a->nfailing) continue;
        fprintf(out, "  %s %s (%zu)\n", a->id, rollup_text(a->title, lang), a->nfailing);
        for (size_t j = 0; j < a->nfailing; j++) {
            const body_rec *b = &s->body[a->failing[j]];
            fprintf(out, "    %s %s %s  %s\n", b->code, b->pref, b->name, b->file);
        }
    }
}

/* ---- CSV ------------------------------------------------------------------ */

static void csv_field(FILE *out, const char *v)
{
    if (strpbrk(v, ",\"\r\n")) {
        fputc('"', out);
        for (const char *p = v; *p; p++) {
            if (*p == '"') fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        fputs(v, out);
    }
}

static void csv_row(FILE *out, const char *section, const char *group, const char *policy,
                    const char *level, long bodies, const scount *c, const long *risk,
                    const body_rec *b)
{
    csv_field(out, section);
    fputc(',', out);
    csv_field(out, group);
    fputc(',', out);
    csv_field(out, policy);
    fputc(',', out);
    csv_field(out, level);
    fputc(',', out);
    if (bodies >= 0) fprintf(out, "%ld", bodies);
    for (int i = 0; i < S_N; i++) {
        fputc(',', out);
        if (c) fprintf(out, "%ld", c->n[i]);
    }
    for (int i = 0; i < RISK_N; i++) {
        fputc(',', out);
        if (risk) fprintf(out, "%ld", risk[i]);
    }
    fputc(',', out);
    if (b) csv_field(out, b->code);
    fputc(',', out);
    if (b) csv_field(out, b->name);
    fputc(',', out);
    if (b) csv_field(out, b->file);
    fputs("\r\n", out);
}

static void write_csv(FILE *out, const summary *s)
{
    fputs("section,group,policy,level,bodies,pass,fail,warn,waived,not_applicable,error,"
          "risk_A,risk_B,risk_C,risk_D,risk_E,body_code,body_name,file\r\n",
          out);
    for (size_t k = 0; k < s->npol; k++) {
        const pol_agg *a = &s->pol[k];
        csv_row(out, "requirement", "national", a->id, a->level, -1, &a->total, NULL, NULL);
        for (int m = 0; m < M_N; m++)
            if (s->model_bodies[m])
                csv_row(out, "requirement_by_model", model_keys[m], a->id, a->level, -1,
                        &a->by_model[m], NULL, NULL);
        for (size_t i = 0; i < s->npref; i++)
            csv_row(out, "requirement_by_prefecture", s->pref[i].name, a->id, a->level, -1,
                    &a->by_pref[i], NULL, NULL);
    }
    csv_row(out, "risk", "national", "", "", (long)s->nbody, NULL, s->risk, NULL);
    for (size_t i = 0; i < s->npref; i++)
        csv_row(out, "risk", s->pref[i].name, "", "", s->pref[i].bodies, NULL, s->pref[i].risk,
                NULL);
    csv_row(out, "bodies_by_worst_risk", "national", "", "", (long)s->nbody, NULL, s->worst, NULL);
    for (size_t i = 0; i < s->npref; i++)
        csv_row(out, "bodies_by_worst_risk", s->pref[i].name, "", "", s->pref[i].bodies, NULL,
                s->pref[i].worst, NULL);
    for (size_t k = 0; k < s->npol; k++) {
        const pol_agg *a = &s->pol[k];
        if (strcmp(a->level, "required") != 0) continue;
        for (size_t j = 0; j < a->nfailing; j++) {
            const body_rec *b = &s->body[a->failing[j]];
            csv_row(out, "failing_body", b->pref, a->id, a->level, -1, NULL, NULL, b);
        }
    }
}

/* ---- HTML ----------------------------------------------------------------- */

static void h(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

static const char *const status_colour[S_N] = {"#2e7d32", "#c62828", "#ef6c00",
                                               "#1565c0", "#9e9e9e", "#6a1b9a"};
static const char *const risk_colour[RISK_N + 1] = {"#b71c1c", "#e65100", "#f9a825",
                                                    "#7cb342", "#2e7d32", "#bdbdbd"};

/* A horizontal stacked bar chart: one row per label, segments per value. */
static void svg_stacked(FILE *out, const char *title, size_t rows, const char *const *labels,
                        const long *values /* rows × nseg */, int nseg,
                        const char *const *seg_names, const char *const *colours)
{
    const int label_w = 200, bar_w = 760, row_h = 18, top = 34, legend_h = 24;
    long max = 0;
    for (size_t r = 0; r < rows; r++) {
        long t = 0;
        for (int k = 0; k < nseg; k++) t += values[r * (size_t)nseg + (size_t)k];
        if (t > max) max = t;
    }
    if (max == 0) max = 1;
    int height = top + (int)rows * row_h + legend_h + 8;
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" height=\"%d\" "
            "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
            label_w + bar_w + 70, height, label_w + bar_w + 70, height);
    fputs("<title>", out);
    h(out, title);
    fputs("</title>\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">", out);
    h(out, title);
    fputs("</text>\n", out);
    for (size_t r = 0; r < rows; r++) {
        int y = top + (int)r * row_h;
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label_w - 6, y + 13);
        h(out, labels[r]);
        fputs("</text>\n", out);
        double x = label_w;
        long t = 0;
        for (int k = 0; k < nseg; k++) {
            long v = values[r * (size_t)nseg + (size_t)k];
            t += v;
            if (!v) continue;
            double w = (double)bar_w * (double)v / (double)max;
            fprintf(out,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>", x,
                    y + 2, w, row_h - 4, colours[k]);
            h(out, labels[r]);
            fprintf(out, " %s: %ld</title></rect>\n", seg_names[k], v);
            x += w;
        }
        fprintf(out, "<text x=\"%.1f\" y=\"%d\" fill=\"#333\">%ld</text>\n", x + 4, y + 13, t);
    }
    int ly = top + (int)rows * row_h + 14, lx = label_w;
    for (int k = 0; k < nseg; k++) {
        long col = 0;
        for (size_t r = 0; r < rows; r++) col += values[r * (size_t)nseg + (size_t)k];
        if (col == 0) continue; /* no legend entry for an empty segment */
        fprintf(out,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                "<text x=\"%d\" y=\"%d\">",
                lx, ly - 2, colours[k], lx + 16, ly + 8);
        h(out, seg_names[k]);
        fputs("</text>\n", out);
        lx += 16 + 14 * (int)strlen(seg_names[k]) / 2 + 24;
    }
    fputs("</svg>\n", out);
}

static void write_html(FILE *out, const summary *s, const char *lang)
{
    int en = strcmp(lang, "en") == 0;
    const char *sw[S_N];
    for (int i = 0; i < S_N; i++) sw[i] = rollup_status_word(status_keys[i], lang);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>%s</title>\n<style>\n",
            en ? "en" : "ja", en ? "kyojin — national summary" : "kyojin — 全国集計");
    fputs(
        "body{font-family:'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif;margin:24px;"
        "color:#222;max-width:1100px}\n"
        "h1{font-size:22px}h2{font-size:17px;border-bottom:2px solid #ddd;padding-bottom:4px;"
        "margin-top:32px}\n"
        ".cards{display:flex;gap:12px}.card{border:1px solid #ccc;border-radius:6px;padding:10px 16px}"
        ".card b{display:block;font-size:24px}\n"
        "table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;"
        "text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}\n"
        "details{margin:4px 0}summary{cursor:pointer}\n"
        "@media print{details{page-break-inside:avoid}}\n</style>\n</head>\n<body>\n",
        out);
    fprintf(out, "<h1>%s</h1>\n", en ? "kyojin — national summary" : "kyojin 全国集計");
    long nc = (long)s->nbody - s->compliant - s->errors;
    fprintf(out,
            "<div class=\"cards\"><div class=\"card\">%s<b>%zu</b></div>"
            "<div class=\"card\">%s<b>%ld</b></div><div class=\"card\">%s<b>%ld</b></div>"
            "<div class=\"card\">%s<b>%ld</b></div></div>\n",
            en ? "bodies" : "団体数", s->nbody, en ? "compliant" : "準拠", s->compliant,
            en ? "not compliant" : "非準拠", nc, en ? "errors" : "評価エラー", s->errors);

    /* chart 1: per requirement */
    fprintf(out, "<h2 id=\"requirements\">%s</h2>\n",
            en ? "Results by requirement" : "要件別の評価結果");
    {
        const char **labels = malloc((s->npol ? s->npol : 1) * sizeof *labels);
        long *vals = malloc((s->npol ? s->npol : 1) * S_N * sizeof *vals);
        char **lbuf = malloc((s->npol ? s->npol : 1) * sizeof *lbuf);
        if (labels && vals && lbuf) {
            for (size_t k = 0; k < s->npol; k++) {
                const pol_agg *a = &s->pol[k];
                size_t l = strlen(a->id) + 32;
                lbuf[k] = malloc(l);
                if (lbuf[k])
                    snprintf(lbuf[k], l, "%s（%s）", a->id, rollup_level_word(a->level, lang));
                labels[k] = lbuf[k] ? lbuf[k] : a->id;
                for (int i = 0; i < S_N; i++) vals[k * S_N + (size_t)i] = a->total.n[i];
            }
            svg_stacked(out,
                        en ? "Bodies per status, by requirement" : "要件別・評価結果別の団体数",
                        s->npol, labels, vals, S_N, sw, status_colour);
            for (size_t k = 0; k < s->npol; k++) free(lbuf[k]);
        }
        free(labels);
        free(vals);
        free(lbuf);
    }

    /* chart 1b: required requirements ranked by failing bodies, split by model */
    fprintf(out, "<h2 id=\"ranking\">%s</h2>\n",
            en ? "Required requirements most often not met" : "不適合の多い必須要件");
    {
        size_t nr = 0;
        size_t *idx = malloc((s->npol ? s->npol : 1) * sizeof *idx);
        const char **labels = malloc((s->npol ? s->npol : 1) * sizeof *labels);
        long *vals = malloc((s->npol ? s->npol : 1) * M_N * sizeof *vals);
        if (idx && labels && vals) {
            for (size_t k = 0; k < s->npol; k++)
                if (strcmp(s->pol[k].level, "required") == 0 && s->pol[k].nfailing > 0)
                    idx[nr++] = k;
            for (size_t i = 1; i < nr; i++) { /* by failing bodies, descending; stable */
                size_t v = idx[i], j = i;
                while (j > 0 && s->pol[idx[j - 1]].nfailing < s->pol[v].nfailing) {
                    idx[j] = idx[j - 1];
                    j--;
                }
                idx[j] = v;
            }
            for (size_t i = 0; i < nr; i++) {
                const pol_agg *a = &s->pol[idx[i]];
                labels[i] = a->id;
                for (int m = 0; m < M_N; m++)
                    vals[i * M_N + (size_t)m] =
                        a->by_model[m].n[S_FAIL] + a->by_model[m].n[S_ERROR];
            }
            static const char *const mcol[M_N] = {"#1565c0", "#00897b", "#f9a825", "#d84315",
                                                  "#9e9e9e"};
            if (nr)
                svg_stacked(
                    out,
                    en ? "Bodies failing (or erroring on) each required requirement, by model"
                       : "必須要件ごとの不適合・評価エラーの団体数（モデル別）",
                    nr, labels, vals, M_N, model_words, mcol);
            else
                fprintf(out, "<p>%s</p>\n", en ? "None." : "該当なし。");
        }
        free(idx);
        free(labels);
        free(vals);
    }

    /* chart 2: national risk distribution + bodies by worst risk per prefecture */
    fprintf(out, "<h2 id=\"risk\">%s</h2>\n", en ? "Risk values" : "リスク値の分布");
    {
        const char *const rn[RISK_N + 1] = {"A", "B", "C", "D", "E", en ? "none" : "なし"};
        const char *nat_label[1] = {en ? "national" : "全国"};
        svg_stacked(out,
                    en ? "Risk values (all assessment rows), national"
                       : "リスク値の件数（全国、全評価行）",
                    1, nat_label, s->risk, RISK_N, rn, risk_colour);
        const char **labels = malloc((s->npref ? s->npref : 1) * sizeof *labels);
        long *vals = malloc((s->npref ? s->npref : 1) * (RISK_N + 1) * sizeof *vals);
        if (labels && vals) {
            for (size_t i = 0; i < s->npref; i++) {
                labels[i] = s->pref[i].name;
                for (int r = 0; r <= RISK_N; r++)
                    vals[i * (RISK_N + 1) + (size_t)r] = s->pref[i].worst[r];
            }
            svg_stacked(out,
                        en ? "Bodies by their worst risk value, per prefecture"
                           : "都道府県別・最も高いリスク値別の団体数",
                        s->npref, labels, vals, RISK_N + 1, rn, risk_colour);
        }
        free(labels);
        free(vals);
    }

    /* table: requirement × model */
    fprintf(out,
            "<h2 id=\"models\">%s</h2>\n<table><tr><th class=\"l\">%s</th><th class=\"l\">%s</th>",
            en ? "Not met, by model (bodies not met / applicable)"
               : "モデル別の未達（不適合・推奨未達・評価エラーの団体数／評価対象）",
            en ? "policy" : "ポリシー", en ? "title" : "名称");
    for (int m = 0; m < M_N; m++)
        if (s->model_bodies[m])
            fprintf(out, "<th>%s<br>(%ld)</th>", model_words[m], s->model_bodies[m]);
    fputs("</tr>\n", out);
    for (size_t k = 0; k < s->npol; k++) {
        const pol_agg *a = &s->pol[k];
        fputs("<tr><td class=\"l\">", out);
        h(out, a->id);
        fputs("</td><td class=\"l\">", out);
        h(out, rollup_text(a->title, lang));
        fputs("</td>", out);
        for (int m = 0; m < M_N; m++) {
            if (!s->model_bodies[m]) continue;
            const scount *c = &a->by_model[m];
            long bad = c->n[S_FAIL] + c->n[S_WARN] + c->n[S_ERROR], app = applicable(c);
            double share = app ? (double)bad / (double)app : 0.0;
            int shade = 255 - (int)(share * 140);
            fprintf(out, "<td style=\"background:rgb(255,%d,%d)\">%ld / %ld</td>", shade, shade,
                    bad, app);
        }
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);

    /* table: prefectures */
    fprintf(
        out,
        "<h2 id=\"prefectures\">%s</h2>\n<table><tr><th class=\"l\">%s</th><th>%s</th><th>%s</th><th>%s</th>"
        "<th>%s</th><th>α</th><th>α′</th><th>β</th><th>β′</th>"
        "<th>A</th><th>B</th><th>C</th><th>D</th><th>E</th></tr>\n",
        en ? "By prefecture" : "都道府県別", en ? "prefecture" : "都道府県",
        en ? "bodies" : "団体数", en ? "compliant" : "準拠", en ? "not compliant" : "非準拠",
        en ? "errors" : "評価エラー");
    for (size_t i = 0; i < s->npref; i++) {
        const pref_rec *p = &s->pref[i];
        fputs("<tr><td class=\"l\">", out);
        h(out, p->name);
        fprintf(out, "</td><td>%ld</td><td>%ld</td><td>%ld</td><td>%ld</td>", p->bodies,
                p->compliant, p->bodies - p->compliant - p->errors, p->errors);
        for (int m = 0; m < M_OTHER; m++) fprintf(out, "<td>%ld</td>", p->by_model[m]);
        for (int r = 0; r < RISK_N; r++) fprintf(out, "<td>%ld</td>", p->risk[r]);
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);

    /* failing bodies */
    fprintf(out, "<h2 id=\"failing\">%s</h2>\n",
            en ? "Bodies failing required requirements" : "必須要件に不適合の団体");
    int any = 0;
    for (size_t k = 0; k < s->npol; k++) {
        const pol_agg *a = &s->pol[k];
        if (strcmp(a->level, "required") != 0 || !a->nfailing) continue;
        any = 1;
        fputs("<details><summary>", out);
        h(out, a->id);
        fputs(" ", out);
        h(out, rollup_text(a->title, lang));
        fprintf(out,
                " — %zu</summary>\n<table><tr><th class=\"l\">%s</th><th class=\"l\">%s</th>"
                "<th class=\"l\">%s</th><th class=\"l\">%s</th></tr>\n",
                a->nfailing, en ? "code" : "団体コード", en ? "prefecture" : "都道府県",
                en ? "body" : "団体名", en ? "model" : "モデル");
        for (size_t j = 0; j < a->nfailing; j++) {
            const body_rec *b = &s->body[a->failing[j]];
            fputs("<tr><td class=\"l\">", out);
            h(out, b->code);
            fputs("</td><td class=\"l\">", out);
            h(out, b->pref);
            fputs("</td><td class=\"l\">", out);
            h(out, b->name);
            fputs("</td><td class=\"l\">", out);
            h(out, b->model);
            fputs("</td></tr>\n", out);
        }
        fputs("</table></details>\n", out);
    }
    if (!any) fprintf(out, "<p>%s</p>\n", en ? "None." : "該当なし。");
    fputs("</body>\n</html>\n", out);
}

/* ---- command -------------------------------------------------------------- */

/* Add the input (a result file, or a directory of its *.json files, sorted) to the list
 * (*list, *n of *cap: a strvec's fields). */
static int collect(const char *path, int en, char ***list, size_t *n, size_t *cap)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr,
                en ? "kyojin summary: %s: no such file or directory\n"
                   : "kyojin summary: %s: ファイルまたはディレクトリがありません\n",
                path);
        return -1;
    }
    strvec l = {*list, *n, *cap};
    int rc = 0;
    if (!S_ISDIR(st.st_mode)) {
        rc = strvec_push(&l, path);
    } else if (dirlist_suffix(path, ".json", &l) != 0) {
        if (errno != ENOMEM)
            fprintf(stderr,
                    en ? "kyojin summary: %s: cannot open directory\n"
                       : "kyojin summary: %s: ディレクトリを開けません\n",
                    path);
        rc = -1;
    }
    *list = l.v;
    *n = l.n;
    *cap = l.cap;
    return rc;
}

int cmd_summary(const rollup_args *a)
{
    const char *format = a->format ? a->format : "text", *lang = a->lang ? a->lang : "ja";
    const char *output = a->output;
    int en = strcmp(lang, "en") == 0;
    char **files = NULL;
    size_t nfiles = 0, capfiles = 0;
    int rc = ROLLUP_EXIT_USAGE;
    summary s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < a->ninputs; i++)
        if (collect(a->inputs[i], en, &files, &nfiles, &capfiles) != 0) {
            rc = ROLLUP_EXIT_INPUT;
            goto done;
        }
    if (!nfiles) {
        fputs(
            en ? "kyojin summary: give result files (RESULT.json...) or a directory of them\n"
                 "(see kyojin summary --help)\n"
               : "kyojin summary: 結果ファイル（結果.json...）かそのディレクトリを指定してください\n"
                 "（kyojin summary --help を参照）\n",
            stderr);
        goto done;
    }
    if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv") &&
        strcmp(format, "html")) {
        fprintf(
            stderr,
            en ? "kyojin summary: unknown format \"%s\" (text, json, csv, html)\n"
               : "kyojin summary: 不明な出力形式です: %s（使える形式: text, json, csv, html）\n",
            format);
        goto done;
    }

    char err[512];
    for (size_t i = 0; i < nfiles; i++) {
        int failed = rollup_each_declaration(files[i], add_decl, &s, &s.doc, lang, err, sizeof err);
        cJSON_Delete(s.doc);
        s.doc = NULL;
        if (failed != 0) {
            if (s.oom)
                fputs(en ? "kyojin summary: out of memory\n"
                         : "kyojin summary: メモリが不足しています\n",
                      stderr);
            else
                fprintf(stderr, "kyojin summary: %s\n", err);
            rc = ROLLUP_EXIT_INPUT;
            goto done;
        }
    }
    if (s.oom || sort_prefs(&s) != 0) {
        fputs(en ? "kyojin summary: out of memory\n" : "kyojin summary: メモリが不足しています\n",
              stderr);
        rc = ROLLUP_EXIT_INPUT;
        goto done;
    }

    atomic_out o;
    if (atomic_out_open(&o, output, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin summary: %s\n", err);
        rc = ROLLUP_EXIT_OUTPUT;
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        cJSON *j = summary_json(&s);
        char *t = cJSON_Print(j);
        cJSON_Delete(j);
        if (t) {
            fputs(t, o.fp);
            fputc('\n', o.fp);
            free(t);
        } else {
            fputs("", o.fp);
        }
    } else if (strcmp(format, "csv") == 0) {
        write_csv(o.fp, &s);
    } else if (strcmp(format, "html") == 0) {
        write_html(o.fp, &s, lang);
    } else {
        write_text(o.fp, &s, lang);
    }
    if (atomic_out_commit(&o, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin summary: %s\n", err);
        rc = ROLLUP_EXIT_OUTPUT;
        goto done;
    }
    rc = ROLLUP_EXIT_OK;
done:
    summary_free(&s);
    for (size_t i = 0; i < nfiles; i++) free(files[i]);
    free(files);
    return rc;
}
