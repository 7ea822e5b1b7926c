/*
 * summary.c — `kyojin summary RESULTS…|DIR…`: the national roll-up.
 *
 * Streams every declaration of any number of result documents (§5, schema v1 or v2; folders
 * give their *.json files) and keeps, per body, only what the tables need: its name, code,
 * prefecture, model, file, verdict, risk counts and one status byte per policy. From these it
 * writes, nationally, per model and per prefecture: how many bodies each requirement applies
 * to and how many of them do not meet it (the not-met rate), the bodies behind every number
 * (drill-down), the distribution of risk values, the date of the roll-up, the policy set(s)
 * and edition(s) the results came from, and warnings for mixed policy sets, missing or
 * repeated shards (`check --shard`) and bodies given twice (counted once). Formats: text
 * (aligned for Japanese character width), JSON, CSV and a self-contained HTML page (SVG
 * charts, tables sortable by a small inline script and readable without it).
 *
 * The output depends only on the bodies read, never on the order or split of the inputs or on
 * the clock: a national run split into shards and merged gives the bytes of a single run.
 * It reads result documents only and never re-evaluates a declaration.
 */
#define _POSIX_C_SOURCE 200809L

#include "rollup/rollup.h"
#include "report/report_vocab.h"
#include "util/atomic_out.h"
#include "util/cjson_cs.h"
#include "util/dirlist.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { S_PASS, S_FAIL, S_WARN, S_WAIVED, S_NA, S_ERROR, S_N, S_NONE = 255 };
static const char *const status_keys[S_N] = {"pass",   "fail",           "warn",
                                             "waived", "not_applicable", "error"};

#define RISK_N 5 /* A … E */

typedef struct {
    long n[S_N];
} scount;

/* not met = fail (required) + warn (recommended not met, or a warning); applicable = every
 * body the requirement was evaluated for, less those it does not apply to */
static long not_met(const scount *c)
{
    return c->n[S_FAIL] + c->n[S_WARN];
}
static long applicable(const scount *c)
{
    long t = 0;
    for (int i = 0; i < S_N; i++) t += c->n[i];
    return t - c->n[S_NA];
}

typedef struct {
    char *id, *level;
    cJSON *title, *requirements;
} pol_rec;

typedef struct {
    char *name, *code, *model, *file, *failed; /* failed: the required policies not met */
    const char *input;                         /* the result file it was read from */
    size_t pref, set;                          /* prefecture and policy-set indices */
    int compliant, error;
    long risk[RISK_N];
    int worst;         /* 0 = A … 4 = E, -1 none */
    unsigned char *st; /* status per policy index (S_NONE: not evaluated) */
    size_t nst;
} body_rec;

typedef struct {
    char *name;
    int code; /* 1…47 from the body codes, 99 when unknown */
} pref_rec;

typedef struct {
    char *sha256, *edition; /* edition NULL when the results do not state it */
    long bodies;
} set_rec;

typedef struct {
    char *code, *name, *first, *second; /* the body; the result it was counted from, the other */
} dup_rec;

typedef struct {
    pol_rec *pol;
    size_t npol, cappol;
    body_rec *body;
    size_t nbody, capbody;
    pref_rec *pref;
    size_t npref, cappref;
    set_rec *set;
    size_t nset, capset;
    dup_rec *dup;
    size_t ndup, capdup;
    size_t *hash; /* open addressing over body keys: body index + 1, 0 = empty */
    size_t caphash;
    char *date;         /* the newest report.date / as_of of the inputs */
    long shard_n;       /* the N of check --shard I/N (0: none seen) */
    long *shard_seen;   /* how often each shard 1…N came */
    int shard_mismatch; /* inputs of different N, or shards mixed with whole runs */
    int whole_runs;     /* inputs without a shard */
    /* the input being read */
    const char *input;
    cJSON *head;
    const char **level; /* per policy index: its level in this input (NULL: not looked up) */
    size_t nlevel;
    size_t cur_set;
    int oom;
} summary;

static void *grow(void *arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) return arr;
    size_t nc = *cap ? *cap * 2 : 16;
    while (nc < need) nc *= 2;
    void *na = realloc(arr, nc * elem);
    if (na) *cap = nc;
    return na;
}

static int digits2(const char *code)
{
    return strlen(code) == 6 && code[0] >= '0' && code[0] <= '9' && code[1] >= '0' && code[1] <= '9'
               ? (code[0] - '0') * 10 + (code[1] - '0')
               : 99;
}

static size_t pref_index(summary *s, const char *name, const char *code)
{
    for (size_t i = 0; i < s->npref; i++)
        if (strcmp(s->pref[i].name, name) == 0) {
            if (s->pref[i].code == 99) s->pref[i].code = digits2(code);
            return i;
        }
    pref_rec *np = grow(s->pref, &s->cappref, s->npref + 1, sizeof *np);
    if (!np || !(name = str_dup(name))) {
        s->oom = 1;
        return (size_t)-1;
    }
    s->pref = np;
    s->pref[s->npref].name = (char *)name;
    s->pref[s->npref].code = digits2(code);
    return s->npref++;
}

static size_t policy_index(summary *s, const cJSON *p, size_t hint)
{
    const char *id = json_str_or(p, "id", "");
    if (hint < s->npol && strcmp(s->pol[hint].id, id) == 0) return hint;
    for (size_t k = 0; k < s->npol; k++)
        if (strcmp(s->pol[k].id, id) == 0) return k;
    pol_rec *np = grow(s->pol, &s->cappol, s->npol + 1, sizeof *np);
    if (!np) {
        s->oom = 1;
        return (size_t)-1;
    }
    s->pol = np;
    pol_rec *a = &s->pol[s->npol];
    a->id = str_dup(id);
    a->level = str_dup(rollup_policy_meta_str(s->head, p, "level", ""));
    const cJSON *t = rollup_policy_meta(s->head, p, "title");
    a->title = t ? cJSON_Duplicate(t, 1) : cJSON_CreateNull();
    const cJSON *r = rollup_policy_meta(s->head, p, "requirements");
    a->requirements = r ? cJSON_Duplicate(r, 1) : cJSON_CreateArray();
    if (!a->id || !a->level || !a->title || !a->requirements) {
        s->oom = 1;
        return (size_t)-1;
    }
    return s->npol++;
}

/* The level of policy entry p (policy index pi) in the input being read: the entry's own, else
 * the document's catalog (looked up once per input and policy). NULL when out of memory. */
static const char *policy_level(summary *s, const cJSON *p, size_t pi)
{
    const char *own = json_str(p, "level");
    if (own) return own;
    if (pi >= s->nlevel) {
        const char **nl = realloc(s->level, (pi + 1) * sizeof *nl);
        if (!nl) return NULL;
        for (size_t i = s->nlevel; i <= pi; i++) nl[i] = NULL;
        s->level = nl;
        s->nlevel = pi + 1;
    }
    if (!s->level[pi]) s->level[pi] = rollup_policy_meta_str(s->head, p, "level", "");
    return s->level[pi];
}

/* Effective status of one policy (at level) for one body. */
static int policy_status(const cJSON *p, const char *level)
{
    const char *st = json_str_or(p, "status", "");
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

/* ---- bodies by key (body.code; the file for a body without a code) -------- */

static size_t key_hash(const char *k)
{
    size_t h = 5381;
    for (; *k; k++) h = h * 33 + (unsigned char)*k;
    return h;
}

static const char *body_key(const body_rec *b)
{
    return b->code[0] ? b->code : b->file;
}

/* The index of the body counted under key, or (size_t)-1. */
static size_t body_find(const summary *s, const char *key)
{
    if (!s->caphash) return (size_t)-1;
    for (size_t i = key_hash(key) & (s->caphash - 1);; i = (i + 1) & (s->caphash - 1)) {
        if (!s->hash[i]) return (size_t)-1;
        if (strcmp(body_key(&s->body[s->hash[i] - 1]), key) == 0) return s->hash[i] - 1;
    }
}

static int body_remember(summary *s, size_t bi)
{
    if ((s->nbody + 1) * 2 > s->caphash) {
        size_t nc = s->caphash ? s->caphash * 2 : 1024;
        size_t *nh = calloc(nc, sizeof *nh);
        if (!nh) return -1;
        for (size_t j = 0; j < s->caphash; j++)
            if (s->hash[j]) {
                size_t i = key_hash(body_key(&s->body[s->hash[j] - 1])) & (nc - 1);
                while (nh[i]) i = (i + 1) & (nc - 1);
                nh[i] = s->hash[j];
            }
        free(s->hash);
        s->hash = nh;
        s->caphash = nc;
    }
    size_t i = key_hash(body_key(&s->body[bi])) & (s->caphash - 1);
    while (s->hash[i]) i = (i + 1) & (s->caphash - 1);
    s->hash[i] = bi + 1;
    return 0;
}

/* ---- reading ------------------------------------------------------------- */

/* The members before the declarations of one input: its policy set, date and shard. */
static int add_head(const cJSON *head, void *ctx)
{
    summary *s = ctx;
    cJSON_Delete(s->head);
    for (size_t i = 0; i < s->nlevel; i++) s->level[i] = NULL; /* they pointed into the head */
    if (!(s->head = cJSON_Duplicate(head, 1))) goto oom;
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(head, "policy_set");
    const char *sha = json_str_or(ps, "sha256", ""), *ed = json_str(ps, "edition");
    size_t k;
    for (k = 0; k < s->nset; k++)
        if (!strcmp(s->set[k].sha256, sha) &&
            (ed && s->set[k].edition ? !strcmp(ed, s->set[k].edition) : !ed == !s->set[k].edition))
            break;
    if (k == s->nset) {
        set_rec *ns = grow(s->set, &s->capset, s->nset + 1, sizeof *ns);
        if (!ns) goto oom;
        s->set = ns;
        ns[k].sha256 = str_dup(sha);
        ns[k].edition = ed ? str_dup(ed) : NULL;
        ns[k].bodies = 0;
        s->nset++;
        if (!ns[k].sha256 || (ed && !ns[k].edition)) goto oom;
    }
    s->cur_set = k;
    const char *date = json_str(cJSON_GetObjectItemCaseSensitive(head, "report"), "date");
    if (!date) date = json_str(head, "as_of");
    if (date && str_valid_date(date) && (!s->date || strcmp(date, s->date) > 0)) {
        free(s->date);
        if (!(s->date = str_dup(date))) goto oom;
    }
    const cJSON *sh = cJSON_GetObjectItemCaseSensitive(head, "shard");
    double si = json_num(sh, "index", 0), sn = json_num(sh, "count", 0);
    if (!sh) {
        s->whole_runs++;
    } else if (sn < 1 || sn > 100000 || si < 1 || si > sn || si != (long)si || sn != (long)sn) {
        s->shard_mismatch = 1;
    } else if (s->shard_n && s->shard_n != (long)sn) {
        s->shard_mismatch = 1;
    } else {
        if (!s->shard_n) {
            s->shard_n = (long)sn;
            if (!(s->shard_seen = calloc((size_t)sn, sizeof *s->shard_seen))) goto oom;
        }
        s->shard_seen[(long)si - 1]++;
    }
    return 0;
oom:
    s->oom = 1;
    return 1;
}

static int add_duplicate(summary *s, size_t first, const body_rec *b)
{
    dup_rec *nd = grow(s->dup, &s->capdup, s->ndup + 1, sizeof *nd);
    if (!nd) return -1;
    s->dup = nd;
    dup_rec *d = &s->dup[s->ndup++];
    d->code = str_dup(body_key(b));
    d->name = str_dup(b->name);
    d->first = str_dup(s->body[first].input);
    d->second = str_dup(s->input);
    return d->code && d->name && d->first && d->second ? 0 : -1;
}

static void body_free(body_rec *b)
{
    free(b->name);
    free(b->code);
    free(b->model);
    free(b->file);
    free(b->failed);
    free(b->st);
}

static int add_decl(const cJSON *d, void *ctx)
{
    summary *s = ctx;
    body_rec *nb = grow(s->body, &s->capbody, s->nbody + 1, sizeof *nb);
    if (!nb) goto oom;
    s->body = nb;
    body_rec *b = &s->body[s->nbody];
    memset(b, 0, sizeof *b);
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(d, "body");
    const char *pref = json_str_or(body, "prefecture", "");
    b->name = str_dup(json_str_or(body, "name", ""));
    b->code = str_dup(json_str_or(body, "code", ""));
    b->model = str_dup(json_str_or(body, "model", ""));
    b->file = str_dup(json_str_or(d, "file", ""));
    if (!b->name || !b->code || !b->model || !b->file) goto oom_body;
    size_t first = body_find(s, body_key(b));
    if (first != (size_t)-1) { /* given twice: reported, counted once */
        int rc = add_duplicate(s, first, b);
        body_free(b);
        if (rc) goto oom;
        return 0;
    }
    const cJSON *derr = cJSON_GetObjectItemCaseSensitive(d, "error");
    b->error = derr && !cJSON_IsNull(derr);
    b->compliant = !b->error && json_true(d, "compliant");
    b->worst = -1;
    b->set = s->cur_set;
    b->input = s->input;
    if ((b->pref = pref_index(s, pref[0] ? pref : "(不明)", b->code)) == (size_t)-1) goto oom_body;

    size_t k = 0;
    const cJSON *p;
    strvec failed = {0};
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        size_t pi = policy_index(s, p, k++);
        if (pi == (size_t)-1) {
            strvec_free(&failed);
            goto oom_body;
        }
        if (pi >= b->nst) {
            size_t nn = s->npol > pi + 1 ? s->npol : pi + 1;
            unsigned char *ns = realloc(b->st, nn);
            if (!ns) {
                strvec_free(&failed);
                goto oom_body;
            }
            memset(ns + b->nst, S_NONE, nn - b->nst);
            b->st = ns;
            b->nst = nn;
        }
        const char *level = policy_level(s, p, pi);
        if (!level) {
            strvec_free(&failed);
            goto oom_body;
        }
        int st = policy_status(p, level);
        b->st[pi] = (unsigned char)st;
        if ((st == S_FAIL || st == S_ERROR) && strcmp(s->pol[pi].level, "required") == 0 &&
            strvec_push(&failed, s->pol[pi].id) != 0) {
            strvec_free(&failed);
            goto oom_body;
        }
    }
    { /* the required policies not met, in id order, space-separated */
        strvec_sort(&failed, 0);
        size_t n = 1;
        for (size_t i = 0; i < failed.n; i++) n += strlen(failed.v[i]) + 1;
        b->failed = malloc(n);
        if (b->failed) {
            b->failed[0] = '\0';
            for (size_t i = 0; i < failed.n; i++) {
                if (i) strcat(b->failed, " ");
                strcat(b->failed, failed.v[i]);
            }
        }
        strvec_free(&failed);
        if (!b->failed) goto oom_body;
    }

    const cJSON *counts =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "risk"), "counts");
    for (int r = 0; r < RISK_N; r++) {
        char key[2] = {(char)('A' + r), 0};
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(counts, key);
        b->risk[r] = cJSON_IsNumber(c) && c->valuedouble > 0 ? (long)c->valuedouble : 0;
        if (b->risk[r] > 0 && b->worst < 0) b->worst = r;
    }
    if (body_remember(s, s->nbody) != 0) goto oom_body;
    s->set[b->set].bodies++;
    s->nbody++;
    return 0;
oom_body:
    body_free(b);
oom:
    s->oom = 1;
    return 1;
}

/* ---- the tables ------------------------------------------------------------ */

/* A group of bodies: the nation, a model or a prefecture. */
typedef struct {
    const char *id;   /* model id / prefecture name */
    const char *word; /* what a reader sees */
    long bodies, compliant, errors;
    long risk[RISK_N], worst[RISK_N + 1]; /* worst: last = no risk rows */
    scount *per;                          /* per policy (in output order) */
    size_t *members;                      /* body indices, in output order */
    size_t nmembers;
} group;

typedef struct {
    size_t *pol;  /* policy indices in id order */
    size_t *body; /* body indices by code */
    group nation;
    group *model, *pref;
    size_t nmodel, npref;
    char **model_ids; /* owned copies of the model ids (the bodies' strings) */
    int en;
    const char *lang;
} tables;

static const summary *cmp_ctx;

static int cmp_pol(const void *a, const void *b)
{
    return strcmp(cmp_ctx->pol[*(const size_t *)a].id, cmp_ctx->pol[*(const size_t *)b].id);
}

static int cmp_body(const void *a, const void *b)
{
    const body_rec *x = &cmp_ctx->body[*(const size_t *)a], *y = &cmp_ctx->body[*(const size_t *)b];
    int c = strcmp(x->code, y->code);
    if (!c) c = strcmp(x->name, y->name);
    if (!c) c = strcmp(x->file, y->file);
    return c;
}

static int cmp_pref(const void *a, const void *b)
{
    const pref_rec *x = &cmp_ctx->pref[*(const size_t *)a], *y = &cmp_ctx->pref[*(const size_t *)b];
    return x->code != y->code ? (x->code > y->code) - (x->code < y->code)
                              : strcmp(x->name, y->name);
}

/* Models in the vocabulary's order (kyojin.vocab), unknown ones after, by id. */
static long model_rank(const char *id)
{
    rv_list l = report_vocab_list(RV_MODEL);
    for (size_t i = 0; i < l.n; i++)
        if (!strcmp(l.w[i].id, id)) return (long)i;
    return (long)l.n;
}

static int cmp_model(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    long rx = model_rank(x), ry = model_rank(y);
    return rx != ry ? (rx > ry) - (rx < ry) : strcmp(x, y);
}

static int group_add(group *g, const summary *s, const size_t *pol, size_t bi)
{
    const body_rec *b = &s->body[bi];
    g->bodies++;
    if (b->compliant) g->compliant++;
    if (b->error) g->errors++;
    for (int r = 0; r < RISK_N; r++) g->risk[r] += b->risk[r];
    g->worst[b->worst < 0 ? RISK_N : b->worst]++;
    for (size_t k = 0; k < s->npol; k++) {
        size_t pi = pol[k];
        if (pi < b->nst && b->st[pi] != S_NONE) g->per[k].n[b->st[pi]]++;
    }
    if (!b->compliant) {
        size_t *nm = realloc(g->members, (g->nmembers + 1) * sizeof *nm);
        if (!nm) return -1;
        g->members = nm;
        g->members[g->nmembers++] = bi;
    }
    return 0;
}

static void tables_free(tables *t)
{
    free(t->pol);
    free(t->body);
    free(t->nation.per);
    free(t->nation.members);
    for (size_t i = 0; i < t->nmodel; i++) {
        free(t->model[i].per);
        free(t->model[i].members);
    }
    for (size_t i = 0; i < t->npref; i++) {
        free(t->pref[i].per);
        free(t->pref[i].members);
    }
    free(t->model);
    free(t->pref);
    free(t->model_ids);
}

static int tables_make(tables *t, const summary *s, const char *lang)
{
    memset(t, 0, sizeof *t);
    t->lang = lang;
    t->en = strcmp(lang, "en") == 0;
    size_t np = s->npol ? s->npol : 1, nb = s->nbody ? s->nbody : 1;
    t->pol = malloc(np * sizeof *t->pol);
    t->body = malloc(nb * sizeof *t->body);
    t->model_ids = malloc(nb * sizeof *t->model_ids);
    size_t *porder = malloc((s->npref ? s->npref : 1) * sizeof *porder);
    if (!t->pol || !t->body || !t->model_ids || !porder) goto oom;
    cmp_ctx = s;
    for (size_t k = 0; k < s->npol; k++) t->pol[k] = k;
    qsort(t->pol, s->npol, sizeof *t->pol, cmp_pol);
    for (size_t i = 0; i < s->nbody; i++) t->body[i] = i;
    qsort(t->body, s->nbody, sizeof *t->body, cmp_body);
    for (size_t i = 0; i < s->npref; i++) porder[i] = i;
    qsort(porder, s->npref, sizeof *porder, cmp_pref);
    /* the models: distinct ids of the bodies */
    for (size_t i = 0; i < s->nbody; i++) {
        size_t m;
        for (m = 0; m < t->nmodel; m++)
            if (!strcmp(t->model_ids[m], s->body[i].model)) break;
        if (m == t->nmodel) t->model_ids[t->nmodel++] = s->body[i].model;
    }
    qsort(t->model_ids, t->nmodel, sizeof *t->model_ids, cmp_model);
    t->model = calloc(t->nmodel ? t->nmodel : 1, sizeof *t->model);
    t->pref = calloc(s->npref ? s->npref : 1, sizeof *t->pref);
    if (!t->model || !t->pref || !(t->nation.per = calloc(np, sizeof(scount)))) goto oom;
    t->npref = s->npref;
    for (size_t m = 0; m < t->nmodel; m++) {
        group *g = &t->model[m];
        g->id = t->model_ids[m];
        const rv_word *w = report_vocab_find(RV_MODEL, g->id);
        g->word = w && w->symbol ? w->symbol : g->id[0] ? g->id : "?";
        if (!(g->per = calloc(np, sizeof(scount)))) goto oom;
    }
    size_t *prefpos = malloc((s->npref ? s->npref : 1) * sizeof *prefpos);
    if (!prefpos) goto oom;
    for (size_t i = 0; i < s->npref; i++) {
        group *g = &t->pref[i];
        g->id = g->word = s->pref[porder[i]].name;
        prefpos[porder[i]] = i;
        if (!(g->per = calloc(np, sizeof(scount)))) {
            free(prefpos);
            goto oom;
        }
    }
    for (size_t j = 0; j < s->nbody; j++) {
        size_t bi = t->body[j], m;
        const body_rec *b = &s->body[bi];
        for (m = 0; m < t->nmodel; m++)
            if (!strcmp(t->model_ids[m], b->model)) break;
        if (group_add(&t->nation, s, t->pol, bi) || group_add(&t->model[m], s, t->pol, bi) ||
            group_add(&t->pref[prefpos[b->pref]], s, t->pol, bi)) {
            free(prefpos);
            goto oom;
        }
    }
    free(prefpos);
    free(porder);
    return 0;
oom:
    free(porder);
    tables_free(t);
    return -1;
}

/* The policy of output position k. */
static const pol_rec *tpol(const tables *t, const summary *s, size_t k)
{
    return &s->pol[t->pol[k]];
}

static int is_required(const pol_rec *p)
{
    return strcmp(p->level, "required") == 0;
}

/* The bodies of output position k that fail (or error on) a required policy, in code order. */
#define FOR_FAILING(t, s, k, b)                                                                    \
    for (size_t fj_ = 0; fj_ < (s)->nbody; fj_++)                                                  \
        for (const body_rec *b = &(s)->body[(t)->body[fj_]]; b; b = NULL)                          \
            if (t->pol[k] < b->nst && (b->st[t->pol[k]] == S_FAIL || b->st[t->pol[k]] == S_ERROR))

static long failing_count(const tables *t, size_t k)
{
    return t->nation.per[k].n[S_FAIL] + t->nation.per[k].n[S_ERROR];
}

/* A rate as text: "34.5%" (per mille rounded half up), or `none` when den is 0. */
static const char *rate_text(char *buf, size_t n, long num, long den, const char *none)
{
    if (den <= 0) return none;
    long pm = (num * 1000 + den / 2) / den;
    snprintf(buf, n, "%ld.%ld%%", pm / 10, pm % 10);
    return buf;
}

/* The rate as a number for JSON (three decimals), or null. */
static cJSON *rate_json(long num, long den)
{
    if (den <= 0) return cJSON_CreateNull();
    long pm = (num * 1000 + den / 2) / den;
    return cJSON_CreateNumber((double)pm / 1000.0);
}

/* Sort output positions of the policies by not-met rate (highest first), then id. */
static const tables *rank_ctx;
static int cmp_rank(const void *a, const void *b)
{
    const scount *x = &rank_ctx->nation.per[*(const size_t *)a],
                 *y = &rank_ctx->nation.per[*(const size_t *)b];
    long ax = applicable(x), ay = applicable(y);
    /* x/ax > y/ay  <=>  x*ay > y*ax (no applicable body: last) */
    long lx = ax ? not_met(x) * (ay ? ay : 1) : -1, ly = ay ? not_met(y) * (ax ? ax : 1) : -1;
    if (lx != ly) return lx > ly ? -1 : 1;
    return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

static size_t *ranked(const tables *t, const summary *s)
{
    size_t *r = malloc((s->npol ? s->npol : 1) * sizeof *r);
    if (!r) return NULL;
    for (size_t k = 0; k < s->npol; k++) r[k] = k;
    rank_ctx = t;
    qsort(r, s->npol, sizeof *r, cmp_rank);
    return r;
}

/* ---- warnings -------------------------------------------------------------- */

/* The shards missing (missing=1) or given more than once, as "2, 4" in buf; 0 when none. */
static int shard_list(const summary *s, int missing, char *buf, size_t n)
{
    size_t o = 0;
    int any = 0;
    buf[0] = '\0';
    for (long i = 0; i < s->shard_n; i++)
        if (missing ? s->shard_seen[i] == 0 : s->shard_seen[i] > 1) {
            if (o + 24 >= n) break;
            o += (size_t)snprintf(buf + o, n - o, "%s%ld", any ? ", " : "", i + 1);
            any = 1;
        }
    return any;
}

/* Every warning of the roll-up as one line each, in lang (NULL entries skipped). */
static int warnings(const summary *s, int en, strvec *w)
{
    char list[512];
    int rc = 0;
    if (s->nset > 1)
        rc |= strvec_push_owned(
            w, str_printf(en ? "The results come from %zu different policy sets: the numbers "
                               "mix different rules."
                             : "結果が %zu 種類の異なるポリシー集から作られています。"
                               "異なる基準の結果が混ざっています。",
                          s->nset));
    if (s->shard_n && shard_list(s, 1, list, sizeof list))
        rc |=
            strvec_push_owned(w, en ? str_printf("Shards missing: %s of %ld (check --shard I/%ld).",
                                                 list, s->shard_n, s->shard_n)
                                    : str_printf("分割実行の結果が欠けています: %ld 分割のうち %s"
                                                 "（check --shard I/%ld）。",
                                                 s->shard_n, list, s->shard_n));
    if (s->shard_n && shard_list(s, 0, list, sizeof list))
        rc |= strvec_push_owned(
            w,
            en ? str_printf("Shards given more than once: %s of %ld.", list, s->shard_n)
               : str_printf("同じ分割の結果が複数あります: %ld 分割のうち %s。", s->shard_n, list));
    if (s->shard_mismatch || (s->shard_n && s->whole_runs))
        rc |= strvec_push_owned(
            w, str_printf("%s", en ? "The inputs mix results of different splits (--shard)."
                                   : "分割数の異なる結果、または分割した結果と分割しない結果が"
                                     "混ざっています。"));
    if (s->ndup)
        rc |= strvec_push_owned(
            w, str_printf(en ? "%zu declaration results repeat a body already read (same body "
                               "code): each body is counted once, from the first."
                             : "すでに読んだ団体と同じ団体コードの結果が %zu 件ありました。"
                               "団体ごとに最初の 1 件だけを数えました。",
                          s->ndup));
    return rc;
}

/* ---- JSON ------------------------------------------------------------------ */

static cJSON *counts_json(const scount *c)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < S_N; i++) cJSON_AddNumberToObject(o, status_keys[i], (double)c->n[i]);
    cJSON_AddNumberToObject(o, "applicable", (double)applicable(c));
    cJSON_AddNumberToObject(o, "not_met", (double)not_met(c));
    cJSON_AddItemToObject(o, "not_met_rate", rate_json(not_met(c), applicable(c)));
    return o;
}

static cJSON *risk_json(const long *r, int with_none)
{
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < RISK_N; i++) {
        char k[2] = {(char)('A' + i), 0};
        cJSON_AddNumberToObject(o, k, (double)r[i]);
    }
    if (with_none) cJSON_AddNumberToObject(o, "none", (double)r[RISK_N]);
    return o;
}

static cJSON *body_json(const body_rec *b, const summary *s, int with_failed)
{
    cJSON *y = cJSON_CreateObject();
    cJSON_AddStringToObject(y, "code", b->code);
    cJSON_AddStringToObject(y, "name", b->name);
    cJSON_AddStringToObject(y, "prefecture", s->pref[b->pref].name);
    cJSON_AddStringToObject(y, "model", b->model);
    cJSON_AddStringToObject(y, "file", b->file);
    if (with_failed) {
        cJSON_AddBoolToObject(y, "error", b->error);
        cJSON *f = cJSON_AddArrayToObject(y, "failed");
        char *dup = str_dup(b->failed);
        for (char *save = NULL, *tok = dup ? strtok_r(dup, " ", &save) : NULL; tok;
             tok = strtok_r(NULL, " ", &save))
            cJSON_AddItemToArray(f, cJSON_CreateString(tok));
        free(dup);
    }
    return y;
}

static cJSON *group_json(const group *g, const summary *s, const char *idkey)
{
    cJSON *x = cJSON_CreateObject();
    cJSON_AddStringToObject(x, idkey, g->id);
    cJSON_AddNumberToObject(x, "bodies", (double)g->bodies);
    cJSON_AddNumberToObject(x, "compliant", (double)g->compliant);
    cJSON_AddNumberToObject(x, "not_compliant", (double)(g->bodies - g->compliant - g->errors));
    cJSON_AddNumberToObject(x, "errors", (double)g->errors);
    cJSON_AddItemToObject(x, "not_compliant_rate", rate_json(g->bodies - g->compliant, g->bodies));
    cJSON_AddItemToObject(x, "risk_counts", risk_json(g->risk, 0));
    cJSON_AddItemToObject(x, "bodies_by_worst_risk", risk_json(g->worst, 1));
    cJSON *l = cJSON_AddArrayToObject(x, "not_compliant_bodies");
    for (size_t j = 0; j < g->nmembers; j++)
        cJSON_AddItemToArray(l, body_json(&s->body[g->members[j]], s, 1));
    return x;
}

static cJSON *summary_json(const summary *s, const tables *t, const strvec *warn)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "schema", "kyojin/summary/v2");
    if (s->date)
        cJSON_AddStringToObject(o, "date", s->date);
    else
        cJSON_AddNullToObject(o, "date");
    cJSON *sets = cJSON_AddArrayToObject(o, "policy_sets");
    for (size_t k = 0; k < s->nset; k++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "sha256", s->set[k].sha256);
        if (s->set[k].edition)
            cJSON_AddStringToObject(x, "edition", s->set[k].edition);
        else
            cJSON_AddNullToObject(x, "edition");
        cJSON_AddNumberToObject(x, "bodies", (double)s->set[k].bodies);
        cJSON_AddItemToArray(sets, x);
    }
    cJSON *w = cJSON_AddArrayToObject(o, "warnings");
    for (size_t i = 0; i < warn->n; i++) cJSON_AddItemToArray(w, cJSON_CreateString(warn->v[i]));
    const group *n = &t->nation;
    cJSON *tot = cJSON_AddObjectToObject(o, "totals");
    cJSON_AddNumberToObject(tot, "bodies", (double)n->bodies);
    cJSON_AddNumberToObject(tot, "compliant", (double)n->compliant);
    cJSON_AddNumberToObject(tot, "not_compliant", (double)(n->bodies - n->compliant - n->errors));
    cJSON_AddNumberToObject(tot, "errors", (double)n->errors);
    cJSON_AddNumberToObject(tot, "duplicates", (double)s->ndup);
    cJSON *risk = cJSON_AddObjectToObject(o, "risk");
    cJSON_AddItemToObject(risk, "counts", risk_json(n->risk, 0));
    cJSON_AddItemToObject(risk, "bodies_by_worst", risk_json(n->worst, 1));
    cJSON *models = cJSON_AddArrayToObject(o, "models");
    for (size_t m = 0; m < t->nmodel; m++)
        cJSON_AddItemToArray(models, group_json(&t->model[m], s, "model"));
    cJSON *prefs = cJSON_AddArrayToObject(o, "prefectures");
    for (size_t i = 0; i < t->npref; i++)
        cJSON_AddItemToArray(prefs, group_json(&t->pref[i], s, "name"));

    cJSON *pols = cJSON_AddArrayToObject(o, "policies");
    for (size_t k = 0; k < s->npol; k++) {
        const pol_rec *a = tpol(t, s, k);
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", a->id);
        cJSON_AddStringToObject(x, "level", a->level);
        cJSON_AddItemToObject(x, "title", cJSON_Duplicate(a->title, 1));
        cJSON_AddItemToObject(x, "requirements", cJSON_Duplicate(a->requirements, 1));
        cJSON_AddItemToObject(x, "counts", counts_json(&n->per[k]));
        cJSON *bm = cJSON_AddObjectToObject(x, "by_model");
        for (size_t m = 0; m < t->nmodel; m++)
            cJSON_AddItemToObject(bm, t->model[m].id, counts_json(&t->model[m].per[k]));
        cJSON *bp = cJSON_AddObjectToObject(x, "by_prefecture");
        for (size_t i = 0; i < t->npref; i++)
            cJSON_AddItemToObject(bp, t->pref[i].id, counts_json(&t->pref[i].per[k]));
        cJSON *fb = cJSON_AddArrayToObject(x, "failing_bodies");
        if (is_required(a)) FOR_FAILING(t, s, k, b)
        cJSON_AddItemToArray(fb, body_json(b, s, 0));
        cJSON_AddItemToArray(pols, x);
    }
    cJSON *dups = cJSON_AddArrayToObject(o, "duplicates");
    for (size_t i = 0; i < s->ndup; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "code", s->dup[i].code);
        cJSON_AddStringToObject(x, "name", s->dup[i].name);
        cJSON_AddStringToObject(x, "counted_from", s->dup[i].first);
        cJSON_AddStringToObject(x, "also_in", s->dup[i].second);
        cJSON_AddItemToArray(dups, x);
    }
    return o;
}

/* ---- text ------------------------------------------------------------------ */

/* A text table: cells row by row, columns padded to their widest cell in display cells
 * (a Japanese character takes two), left- or right-aligned as `align` says ('l' / 'r'). */
typedef struct {
    const char *align;
    size_t ncols;
    strvec cells;
    int oom;
} ttable;

static void tt_cell(ttable *t, const char *v)
{
    if (strvec_push(&t->cells, v ? v : "")) t->oom = 1;
}

static void tt_num(ttable *t, long v)
{
    char b[32];
    snprintf(b, sizeof b, "%ld", v);
    tt_cell(t, b);
}

static void tt_print(FILE *out, ttable *t, const char *indent)
{
    size_t *w = calloc(t->ncols, sizeof *w);
    if (!w) return;
    for (size_t i = 0; i < t->cells.n; i++) {
        size_t cw = utf8_width(t->cells.v[i]);
        if (cw > w[i % t->ncols]) w[i % t->ncols] = cw;
    }
    for (size_t i = 0; i < t->cells.n; i++) {
        size_t c = i % t->ncols, cw = utf8_width(t->cells.v[i]);
        if (c == 0) fputs(indent, out);
        int last = c + 1 == t->ncols || i + 1 == t->cells.n;
        if (t->align[c] == 'r')
            for (size_t k = cw; k < w[c]; k++) fputc(' ', out);
        fputs(t->cells.v[i], out);
        if (t->align[c] != 'r' && !last)
            for (size_t k = cw; k < w[c]; k++) fputc(' ', out);
        fputs(last ? "\n" : "  ", out);
    }
    free(w);
    strvec_free(&t->cells);
}

/* The lines naming the roll-up: date, policy set(s) and edition(s), warnings. */
static void text_head(FILE *out, const summary *s, const strvec *warn, int en)
{
    fprintf(out, "%s\n", en ? "kyojin national summary" : "kyojin 全国集計");
    fprintf(out, "%s: %s\n", en ? "Date" : "集計日",
            s->date ? s->date
            : en    ? "not stated in the results (give --date)"
                    : "結果に記載なし（--date で指定できます）");
    for (size_t k = 0; k < s->nset; k++)
        fprintf(out, "%s: sha256 %s  %s: %s  (%ld %s)\n", en ? "Policy set" : "ポリシー集",
                s->set[k].sha256, en ? "edition" : "版",
                s->set[k].edition ? s->set[k].edition
                : en              ? "not stated"
                                  : "版の記載なし",
                s->set[k].bodies, en ? "bodies" : "団体");
    for (size_t i = 0; i < warn->n; i++)
        fprintf(out, "%s %s\n", en ? "WARNING:" : "【注意】", warn->v[i]);
}

/* The table of groups (models or prefectures): counts, not-compliant rate, risk values. */
static void text_groups(FILE *out, const group *gs, size_t n, const char *first, int en)
{
    char rb[32];
    ttable tp = {"lrrrrrrrrrr", 11, {0}, 0};
    const char *ja[] = {first, "団体数", "準拠", "非準拠", "評価エラー", "非準拠率",
                        "A",   "B",      "C",    "D",      "E"};
    const char *en_[] = {first, "bodies", "compliant", "not compliant", "errors", "rate", "A", "B",
                         "C",   "D",      "E"};
    for (int i = 0; i < 11; i++) tt_cell(&tp, en ? en_[i] : ja[i]);
    for (size_t i = 0; i < n; i++) {
        const group *g = &gs[i];
        tt_cell(&tp, g->word);
        tt_num(&tp, g->bodies);
        tt_num(&tp, g->compliant);
        tt_num(&tp, g->bodies - g->compliant - g->errors);
        tt_num(&tp, g->errors);
        tt_cell(&tp, rate_text(rb, sizeof rb, g->bodies - g->compliant, g->bodies, "-"));
        for (int r = 0; r < RISK_N; r++) tt_num(&tp, g->risk[r]);
    }
    tt_print(out, &tp, "  ");
}

static void write_text(FILE *out, const summary *s, const tables *t, const strvec *warn)
{
    int en = t->en;
    const char *lang = t->lang;
    const group *n = &t->nation;
    char rb[32];
    const char *none = "-";
    text_head(out, s, warn, en);
    fprintf(out, "%s: %ld  %s: %ld  %s: %ld  %s: %ld\n\n", en ? "bodies" : "団体数", n->bodies,
            en ? "compliant" : "準拠", n->compliant, en ? "not compliant" : "非準拠",
            n->bodies - n->compliant - n->errors, en ? "errors" : "評価エラー", n->errors);

    fprintf(out, "%s\n",
            en ? "Requirements by not-met rate (not met = failed or recommended not met; rate "
                 "among the bodies it applies to)"
               : "要件別の未達率（未達 = 不適合と推奨未達。率は対象外を除いた団体に対する割合）");
    size_t *rank = ranked(t, s);
    /* the status columns carry the status words of kyojin.vocab, as the HTML does */
    static const int cols[] = {S_FAIL, S_WARN, S_ERROR, S_WAIVED, S_NA};
    ttable tt = {"llrrrrrrrrl", 11, {0}, 0};
    tt_cell(&tt, en ? "policy" : "ポリシー");
    tt_cell(&tt, en ? "level" : "水準");
    tt_cell(&tt, en ? "applicable" : "対象");
    tt_cell(&tt, en ? "not met" : "未達");
    tt_cell(&tt, en ? "rate" : "未達率");
    for (int i = 0; i < 5; i++) tt_cell(&tt, rollup_status_word(status_keys[cols[i]], lang));
    tt_cell(&tt, en ? "title" : "名称");
    for (size_t r = 0; rank && r < s->npol; r++) {
        size_t k = rank[r];
        const pol_rec *a = tpol(t, s, k);
        const scount *c = &n->per[k];
        tt_cell(&tt, a->id);
        tt_cell(&tt, rollup_level_word(a->level, lang));
        tt_num(&tt, applicable(c));
        tt_num(&tt, not_met(c));
        tt_cell(&tt, rate_text(rb, sizeof rb, not_met(c), applicable(c), none));
        for (int i = 0; i < 5; i++) tt_num(&tt, c->n[cols[i]]);
        tt_cell(&tt, rollup_text(a->title, lang));
    }
    tt_print(out, &tt, "  ");
    free(rank);
    fputc('\n', out);

    fprintf(out, "%s\n", en ? "By model" : "モデル別");
    text_groups(out, t->model, t->nmodel, en ? "model" : "モデル", en);
    fputc('\n', out);

    fprintf(out, "%s\n",
            en ? "Not-met rate by model (not met / applicable)" : "モデル別の未達率（未達／対象）");
    {
        size_t nc = 1 + t->nmodel;
        char *al = malloc(nc + 1);
        if (al) {
            al[0] = 'l';
            memset(al + 1, 'r', t->nmodel);
            al[nc] = '\0';
            ttable tr = {al, nc, {0}, 0};
            tt_cell(&tr, en ? "policy" : "ポリシー");
            for (size_t m = 0; m < t->nmodel; m++) tt_cell(&tr, t->model[m].word);
            for (size_t k = 0; k < s->npol; k++) {
                tt_cell(&tr, tpol(t, s, k)->id);
                for (size_t m = 0; m < t->nmodel; m++) {
                    const scount *c = &t->model[m].per[k];
                    char cell[64];
                    if (applicable(c))
                        snprintf(cell, sizeof cell, "%ld/%ld %s", not_met(c), applicable(c),
                                 rate_text(rb, sizeof rb, not_met(c), applicable(c), none));
                    else
                        snprintf(cell, sizeof cell, "%s", none);
                    tt_cell(&tr, cell);
                }
            }
            tt_print(out, &tr, "  ");
            free(al);
        }
    }
    fputc('\n', out);

    fprintf(out, "%s\n", en ? "By prefecture" : "都道府県別");
    text_groups(out, t->pref, t->npref, en ? "prefecture" : "都道府県", en);
    fputc('\n', out);

    fprintf(out, "%s: A %ld  B %ld  C %ld  D %ld  E %ld\n",
            en ? "Risk values (national)" : "リスク値の分布（全国）", n->risk[0], n->risk[1],
            n->risk[2], n->risk[3], n->risk[4]);
    fprintf(out, "%s: A %ld  B %ld  C %ld  D %ld  E %ld  %s %ld\n\n",
            en ? "Bodies by worst risk value" : "最も高いリスク値別の団体数", n->worst[0],
            n->worst[1], n->worst[2], n->worst[3], n->worst[4], en ? "none" : "なし", n->worst[5]);

    fprintf(out, "%s\n", en ? "Bodies failing required requirements" : "必須要件に不適合の団体");
    for (size_t k = 0; k < s->npol; k++) {
        const pol_rec *a = tpol(t, s, k);
        long nf = failing_count(t, k);
        if (!is_required(a) || !nf) continue;
        fprintf(out, "  %s %s (%ld)\n", a->id, rollup_text(a->title, lang), nf);
        ttable tb = {"llll", 4, {0}, 0};
        FOR_FAILING(t, s, k, b)
        {
            tt_cell(&tb, b->code);
            tt_cell(&tb, s->pref[b->pref].name);
            tt_cell(&tb, b->name);
            tt_cell(&tb, b->file);
        }
        tt_print(out, &tb, "    ");
    }
    fputc('\n', out);

    fprintf(out, "%s\n",
            en ? "Bodies not compliant, by prefecture (the required requirements not met)"
               : "都道府県別の非準拠の団体（満たしていない必須要件）");
    for (size_t i = 0; i < t->npref; i++) {
        const group *g = &t->pref[i];
        if (!g->nmembers) continue;
        fprintf(out, "  %s (%zu)\n", g->word, g->nmembers);
        ttable tb = {"lllll", 5, {0}, 0};
        for (size_t j = 0; j < g->nmembers; j++) {
            const body_rec *b = &s->body[g->members[j]];
            const rv_word *w = report_vocab_find(RV_MODEL, b->model);
            tt_cell(&tb, b->code);
            tt_cell(&tb, b->name);
            tt_cell(&tb, w && w->symbol ? w->symbol : b->model);
            tt_cell(&tb, b->error ? (en ? "(evaluation error)" : "（評価エラー）") : b->failed);
            tt_cell(&tb, b->file);
        }
        tt_print(out, &tb, "    ");
    }
    if (s->ndup) {
        fprintf(out, "\n%s\n",
                en ? "Bodies given more than once (counted once, from the first result)"
                   : "複数の入力に含まれる団体（最初の結果から 1 回だけ数えました）");
        ttable tb = {"llll", 4, {0}, 0};
        for (size_t i = 0; i < s->ndup; i++) {
            tt_cell(&tb, s->dup[i].code);
            tt_cell(&tb, s->dup[i].name);
            tt_cell(&tb, s->dup[i].first);
            tt_cell(&tb, s->dup[i].second);
        }
        tt_print(out, &tb, "  ");
    }
}

/* ---- CSV ------------------------------------------------------------------- */

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

/* One row; NULL / negative leave a column empty. */
typedef struct {
    const char *section, *group, *policy, *level;
    const group *g; /* bodies, compliant, not compliant */
    const scount *c;
    const long *risk;
    const body_rec *b;
    const char *model, *detail;
} csv_row_t;

static void csv_row(FILE *out, const csv_row_t *r)
{
    const char *first[4] = {r->section, r->group, r->policy, r->level};
    for (int i = 0; i < 4; i++) {
        if (i) fputc(',', out);
        csv_field(out, first[i] ? first[i] : "");
    }
    if (r->g)
        fprintf(out, ",%ld,%ld,%ld", r->g->bodies, r->g->compliant,
                r->g->bodies - r->g->compliant - r->g->errors);
    else
        fputs(",,,", out);
    for (int i = 0; i < S_N; i++) {
        fputc(',', out);
        if (r->c) fprintf(out, "%ld", r->c->n[i]);
    }
    char rb[32];
    if (r->c)
        fprintf(out, ",%ld,%ld,%s", applicable(r->c), not_met(r->c),
                rate_text(rb, sizeof rb, not_met(r->c), applicable(r->c), ""));
    else
        fputs(",,,", out);
    for (int i = 0; i < RISK_N; i++) {
        fputc(',', out);
        if (r->risk) fprintf(out, "%ld", r->risk[i]);
    }
    const char *last[5] = {r->b ? r->b->code : "", r->b ? r->b->name : "", r->model ? r->model : "",
                           r->b ? r->b->file : "", r->detail ? r->detail : ""};
    for (int i = 0; i < 5; i++) {
        fputc(',', out);
        csv_field(out, last[i]);
    }
    fputs("\r\n", out);
}

static void write_csv(FILE *out, const summary *s, const tables *t, const strvec *warn)
{
    fputs("section,group,policy,level,bodies,compliant,not_compliant,pass,fail,warn,waived,"
          "not_applicable,error,applicable,not_met,not_met_rate,risk_A,risk_B,risk_C,risk_D,"
          "risk_E,body_code,body_name,model,file,detail\r\n",
          out);
    csv_row(out, &(csv_row_t){"meta", "date", .detail = s->date ? s->date : ""});
    for (size_t k = 0; k < s->nset; k++) {
        csv_row(out, &(csv_row_t){"meta", "policy_set", .detail = s->set[k].sha256});
        csv_row(out, &(csv_row_t){"meta", "edition",
                                  .detail = s->set[k].edition ? s->set[k].edition : ""});
    }
    for (size_t i = 0; i < warn->n; i++)
        csv_row(out, &(csv_row_t){"meta", "warning", .detail = warn->v[i]});
    csv_row(out, &(csv_row_t){"bodies", "national", .g = &t->nation, .risk = t->nation.risk});
    for (size_t m = 0; m < t->nmodel; m++)
        csv_row(out, &(csv_row_t){"bodies_by_model", t->model[m].id, .g = &t->model[m],
                                  .risk = t->model[m].risk});
    for (size_t i = 0; i < t->npref; i++)
        csv_row(out, &(csv_row_t){"bodies_by_prefecture", t->pref[i].id, .g = &t->pref[i],
                                  .risk = t->pref[i].risk});
    csv_row(out, &(csv_row_t){"bodies_by_worst_risk", "national", .risk = t->nation.worst});
    for (size_t i = 0; i < t->npref; i++)
        csv_row(out, &(csv_row_t){"bodies_by_worst_risk", t->pref[i].id, .risk = t->pref[i].worst});
    for (size_t k = 0; k < s->npol; k++) {
        const pol_rec *a = tpol(t, s, k);
        csv_row(out,
                &(csv_row_t){"requirement", "national", a->id, a->level, .c = &t->nation.per[k]});
        for (size_t m = 0; m < t->nmodel; m++)
            csv_row(out, &(csv_row_t){"requirement_by_model", t->model[m].id, a->id, a->level,
                                      .c = &t->model[m].per[k]});
        for (size_t i = 0; i < t->npref; i++)
            csv_row(out, &(csv_row_t){"requirement_by_prefecture", t->pref[i].id, a->id, a->level,
                                      .c = &t->pref[i].per[k]});
    }
    for (size_t k = 0; k < s->npol; k++) {
        const pol_rec *a = tpol(t, s, k);
        if (!is_required(a)) continue;
        FOR_FAILING(t, s, k, b)
        csv_row(out, &(csv_row_t){"failing_body", s->pref[b->pref].name, a->id, a->level, .b = b,
                                  .model = b->model});
    }
    for (size_t i = 0; i < t->npref; i++)
        for (size_t j = 0; j < t->pref[i].nmembers; j++) {
            const body_rec *b = &s->body[t->pref[i].members[j]];
            csv_row(out, &(csv_row_t){"not_compliant_body", t->pref[i].id, .b = b,
                                      .model = b->model, .detail = b->error ? "error" : b->failed});
        }
    for (size_t i = 0; i < s->ndup; i++) {
        body_rec fake = {.code = s->dup[i].code, .name = s->dup[i].name, .file = ""};
        char *d = str_printf("%s %s", s->dup[i].first, s->dup[i].second);
        csv_row(out, &(csv_row_t){"duplicate_body", "", .b = &fake, .detail = d ? d : ""});
        free(d);
    }
}

/* ---- HTML ------------------------------------------------------------------ */

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

/* An id attribute / fragment made of s: letters, digits and '-' kept, other bytes as hex. */
static void h_id(FILE *out, const char *prefix, const char *s)
{
    fputs(prefix, out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-')
            fputc(*p, out);
        else
            fprintf(out, "_%02x", *p);
    }
}

static const char *const status_colour[S_N] = {"#a5d6a7", "#c62828", "#ef6c00",
                                               "#1565c0", "#9e9e9e", "#6a1b9a"};
static const char *const risk_colour[RISK_N + 1] = {"#b71c1c", "#e65100", "#f9a825",
                                                    "#7cb342", "#2e7d32", "#bdbdbd"};
static const char *const model_colour[] = {"#1565c0", "#00897b", "#f9a825", "#d84315",
                                           "#8e24aa", "#6d4c41", "#9e9e9e"};
#define N_MODEL_COLOUR (sizeof model_colour / sizeof *model_colour)

/* A horizontal stacked bar chart: one row per label, segments per value. With `share`, every
 * row is its own 100 % and `notes[r]` is written after it; otherwise rows scale to the
 * largest total, which is written after each. */
static void svg_stacked(FILE *out, const char *title, size_t rows, const char *const *labels,
                        const long *values /* rows × nseg */, int nseg,
                        const char *const *seg_names, const char *const *colours, int share,
                        const char *const *notes)
{
    const int label_w = 200, bar_w = 700, row_h = 18, top = 34, legend_h = 24;
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
            label_w + bar_w + 150, height, label_w + bar_w + 150, height);
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
        for (int k = 0; k < nseg; k++) t += values[r * (size_t)nseg + (size_t)k];
        long scale = share ? (t ? t : 1) : max;
        for (int k = 0; k < nseg; k++) {
            long v = values[r * (size_t)nseg + (size_t)k];
            if (!v) continue;
            double w = (double)bar_w * (double)v / (double)scale;
            fprintf(out,
                    "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>", x,
                    y + 2, w, row_h - 4, colours[k]);
            h(out, labels[r]);
            fprintf(out, " %s: %ld</title></rect>\n", seg_names[k], v);
            x += w;
        }
        fprintf(out, "<text x=\"%.1f\" y=\"%d\" fill=\"#333\">",
                share ? label_w + bar_w + 4.0 : x + 4, y + 13);
        if (share)
            h(out, notes[r]);
        else
            fprintf(out, "%ld", t);
        fputs("</text>\n", out);
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
        lx += 16 + 7 * (int)utf8_width(seg_names[k]) + 24;
    }
    fputs("</svg>\n", out);
}

/* The script that sorts a table.sortable by the column whose header is clicked (or gets
 * Enter); numbers sort by their data-v. Without it the tables read as they are. */
static const char sort_script[] =
    "<script>\n"
    "document.querySelectorAll('table.sortable').forEach(function(t){\n"
    " t.querySelectorAll('thead th').forEach(function(th,i){\n"
    "  th.tabIndex=0;th.classList.add('s');\n"
    "  function go(){var b=t.tBodies[0],r=Array.prototype.slice.call(b.rows),"
    "d=th.getAttribute('aria-sort')==='descending'?1:-1;\n"
    "   t.querySelectorAll('thead th').forEach(function(x){x.removeAttribute('aria-sort');});\n"
    "   th.setAttribute('aria-sort',d>0?'ascending':'descending');\n"
    "   r.sort(function(x,y){var a=x.cells[i],c=y.cells[i],u=a.getAttribute('data-v'),"
    "v=c.getAttribute('data-v');\n"
    "    var k=u!==null&&v!==null?parseFloat(u)-parseFloat(v):"
    "a.textContent.localeCompare(c.textContent,'ja');return d*k;});\n"
    "   r.forEach(function(e){b.appendChild(e);});}\n"
    "  th.addEventListener('click',go);\n"
    "  th.addEventListener('keydown',function(e){if(e.key==='Enter')go();});\n"
    " });\n"
    "});\n"
    "</script>\n";

static void td_num(FILE *out, long v)
{
    fprintf(out, "<td data-v=\"%ld\">%ld</td>", v, v);
}

/* A rate cell: the rate, shaded by it, its value for sorting (-1: nothing applicable). */
static void td_rate(FILE *out, long num, long den, int detail)
{
    char rb[32];
    if (den <= 0) {
        fputs("<td data-v=\"-1\" class=\"na\">—</td>", out);
        return;
    }
    long pm = (num * 1000 + den / 2) / den;
    int shade = 255 - (int)(pm * 150 / 1000);
    fprintf(out, "<td data-v=\"%ld\" style=\"background:rgb(255,%d,%d)\">", pm, shade, shade);
    if (detail) fprintf(out, "%ld/%ld ", num, den);
    fprintf(out, "<b>%s</b></td>", rate_text(rb, sizeof rb, num, den, ""));
}

static void th_row(FILE *out, const char *const *cols, size_t n)
{
    fputs("<thead><tr>", out);
    for (size_t i = 0; i < n; i++) {
        fputs(i < 2 ? "<th class=\"l\">" : "<th>", out);
        h(out, cols[i]);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
}

/* One body as a table row: code, name, prefecture, model, `detail`, file. */
static void html_body_row(FILE *out, const summary *s, const body_rec *b, const char *detail)
{
    const rv_word *w = report_vocab_find(RV_MODEL, b->model);
    const char *cells[6] = {
        b->code, b->name, s->pref[b->pref].name, w && w->symbol ? w->symbol : b->model,
        detail,  b->file};
    fputs("<tr>", out);
    for (int i = 0; i < 6; i++) {
        fputs("<td class=\"l\">", out);
        h(out, cells[i]);
        fputs("</td>", out);
    }
    fputs("</tr>\n", out);
}

/* The bodies of a group (not compliant) as a table in a <details>. */
static void html_members(FILE *out, const summary *s, const group *g, const char *idprefix, int en)
{
    fputs("<details id=\"", out);
    h_id(out, idprefix, g->id);
    fputs("\"><summary>", out);
    h(out, g->word);
    fprintf(out, " — %zu %s</summary>\n", g->nmembers, en ? "bodies" : "団体");
    fprintf(out,
            "<table><thead><tr><th class=\"l\">%s</th><th class=\"l\">%s</th><th class=\"l\">%s"
            "</th><th class=\"l\">%s</th><th class=\"l\">%s</th><th class=\"l\">%s</th></tr>"
            "</thead><tbody>\n",
            en ? "code" : "団体コード", en ? "body" : "団体名", en ? "prefecture" : "都道府県",
            en ? "model" : "モデル",
            en ? "required requirements not met" : "満たしていない必須要件",
            en ? "file" : "ファイル");
    for (size_t j = 0; j < g->nmembers; j++) {
        const body_rec *b = &s->body[g->members[j]];
        html_body_row(out, s, b,
                      b->error ? (en ? "(evaluation error)" : "（評価エラー）") : b->failed);
    }
    fputs("</tbody></table></details>\n", out);
}

/* The table of groups (models or prefectures): counts, not-compliant rate, risk values. */
static void html_groups(FILE *out, const group *gs, size_t n, const char *idprefix,
                        const char *first, int en)
{
    const char *cols[] = {first,
                          en ? "bodies" : "団体数",
                          en ? "compliant" : "準拠",
                          en ? "not compliant" : "非準拠",
                          en ? "errors" : "評価エラー",
                          en ? "not compliant (incl. errors) / bodies"
                             : "非準拠率（評価エラーを含む）",
                          "A",
                          "B",
                          "C",
                          "D",
                          "E"};
    fputs("<table class=\"sortable\">\n", out);
    th_row(out, cols, sizeof cols / sizeof *cols);
    for (size_t i = 0; i < n; i++) {
        const group *g = &gs[i];
        fputs("<tr><td class=\"l\">", out);
        if (g->nmembers) {
            fputs("<a href=\"#", out);
            h_id(out, idprefix, g->id);
            fputs("\">", out);
            h(out, g->word);
            fputs("</a>", out);
        } else {
            h(out, g->word);
        }
        fputs("</td>", out);
        td_num(out, g->bodies);
        td_num(out, g->compliant);
        td_num(out, g->bodies - g->compliant - g->errors);
        td_num(out, g->errors);
        td_rate(out, g->bodies - g->compliant, g->bodies, 0);
        for (int r = 0; r < RISK_N; r++) td_num(out, g->risk[r]);
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

static void write_html(FILE *out, const summary *s, const tables *t, const strvec *warn)
{
    int en = t->en;
    const char *lang = t->lang;
    const group *n = &t->nation;
    char rb[32];
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<title>%s</title>\n<style>\n",
            en ? "en" : "ja", en ? "kyojin — national summary" : "kyojin — 全国集計");
    fputs(
        "body{font-family:'Noto Sans CJK JP','Hiragino Sans','Yu Gothic',sans-serif;margin:24px;"
        "color:#222;max-width:1200px}\n"
        "h1{font-size:22px}h2{font-size:17px;border-bottom:2px solid #ddd;padding-bottom:4px;"
        "margin-top:32px}h3{font-size:15px}\n"
        ".meta td,.meta th{border:none;text-align:left;padding:1px 12px 1px 0}\n"
        ".warn{border:3px solid #c62828;background:#ffebee;padding:8px 16px;font-weight:bold;"
        "color:#b71c1c}\n"
        ".cards{display:flex;gap:12px}.card{border:1px solid #ccc;border-radius:6px;padding:10px 16px}"
        ".card b{display:block;font-size:24px}\n"
        "table{border-collapse:collapse;font-size:12px;margin:6px 0}td,th{border:1px solid #ccc;"
        "padding:2px 6px;text-align:right;vertical-align:top}th{background:#f3f3f3}"
        "td.l,th.l{text-align:left}td.na{color:#999}td[data-v]{white-space:nowrap}\n"
        "th.s{cursor:pointer}th.s:after{content:' \\2195';color:#999}"
        "th[aria-sort=ascending]:after{content:' \\25B2'}"
        "th[aria-sort=descending]:after{content:' \\25BC'}\n"
        "details{margin:4px 0}summary{cursor:pointer}p.note{color:#555;font-size:12px}\n"
        "@media print{details{page-break-inside:avoid}th.s:after{content:''}}\n"
        "</style>\n</head>\n<body>\n",
        out);
    fprintf(out, "<h1>%s</h1>\n<table class=\"meta\">\n",
            en ? "kyojin — national summary" : "kyojin 全国集計");
    fprintf(out, "<tr><th>%s</th><td>", en ? "Date" : "集計日");
    h(out, s->date ? s->date : en ? "not stated in the results" : "結果に記載なし");
    fputs("</td></tr>\n", out);
    for (size_t k = 0; k < s->nset; k++) {
        fprintf(out, "<tr><th>%s</th><td><code>",
                en ? "Policy set (SHA-256)" : "ポリシー集（SHA-256）");
        h(out, s->set[k].sha256);
        fprintf(out, "</code></td><th>%s</th><td>", en ? "edition" : "版");
        h(out, s->set[k].edition ? s->set[k].edition : en ? "not stated" : "版の記載なし");
        fprintf(out, "</td><td>%ld %s</td></tr>\n", s->set[k].bodies, en ? "bodies" : "団体");
    }
    fputs("</table>\n", out);
    if (warn->n) {
        fputs("<div class=\"warn\" role=\"alert\">\n", out);
        for (size_t i = 0; i < warn->n; i++) {
            fprintf(out, "<p>%s ", en ? "Warning:" : "注意:");
            h(out, warn->v[i]);
            fputs("</p>\n", out);
        }
        fputs("</div>\n", out);
    }
    fprintf(out,
            "<div class=\"cards\"><div class=\"card\">%s<b>%ld</b></div>"
            "<div class=\"card\">%s<b>%ld</b></div><div class=\"card\">%s<b>%ld</b></div>"
            "<div class=\"card\">%s<b>%ld</b></div></div>\n",
            en ? "bodies" : "団体数", n->bodies, en ? "compliant" : "準拠", n->compliant,
            en ? "not compliant" : "非準拠", n->bodies - n->compliant - n->errors,
            en ? "errors" : "評価エラー", n->errors);

    /* requirements by not-met rate */
    fprintf(out, "<h2 id=\"requirements\">%s</h2>\n",
            en ? "Requirements by not-met rate" : "要件別の未達率");
    fprintf(out, "<p class=\"note\">%s</p>\n",
            en ? "Not met = failed (required) or not met (recommended). The rate is among the "
                 "bodies a requirement applies to (all bodies less those it does not apply to); "
                 "evaluation errors are counted as applicable but not as not met."
               : "未達 = 不適合（必須）と推奨未達（推奨）。率は、その要件の対象になる団体"
                 "（対象外を除く全団体）に対する割合です。評価エラーは対象に含め、未達には"
                 "含めません。");
    size_t *rank = ranked(t, s);
    {
        size_t np = s->npol ? s->npol : 1, nr = 0;
        const char **labels = malloc(np * sizeof *labels);
        const char **notes = malloc(np * sizeof *notes);
        char **buf = calloc(np, sizeof *buf);
        long *vals = malloc(np * 5 * sizeof *vals);
        if (rank && labels && notes && buf && vals) {
            for (size_t r = 0; r < s->npol; r++) {
                const scount *c = &n->per[rank[r]];
                if (!not_met(c) && !c->n[S_ERROR]) continue; /* the table lists them */
                const pol_rec *a = tpol(t, s, rank[r]);
                buf[nr] = str_printf("%s（%s）", a->id, rollup_level_word(a->level, lang));
                labels[nr] = buf[nr] ? buf[nr] : a->id;
                char *note = str_printf("%s (%ld/%ld)",
                                        rate_text(rb, sizeof rb, not_met(c), applicable(c), ""),
                                        not_met(c), applicable(c));
                notes[nr] = note ? note : "";
                long *v = &vals[nr * 5];
                v[0] = c->n[S_FAIL];
                v[1] = c->n[S_WARN];
                v[2] = c->n[S_ERROR];
                v[3] = c->n[S_WAIVED];
                v[4] = c->n[S_PASS];
                nr++;
            }
            const char *seg[5] = {
                rollup_status_word("fail", lang), rollup_status_word("warn", lang),
                rollup_status_word("error", lang), rollup_status_word("waived", lang),
                rollup_status_word("pass", lang)};
            const char *col[5] = {status_colour[S_FAIL], status_colour[S_WARN],
                                  status_colour[S_ERROR], status_colour[S_WAIVED],
                                  status_colour[S_PASS]};
            if (nr)
                svg_stacked(out,
                            en ? "Share of the applicable bodies, by requirement (highest "
                                 "not-met rate first)"
                               : "対象の団体に占める割合（要件別、未達率の高い順）",
                            nr, labels, vals, 5, seg, col, 1, notes);
            fprintf(out, "<p class=\"note\">%s %zu</p>\n",
                    en ? "Requirements without a body not meeting them or erroring (in the table "
                         "below):"
                       : "未達・評価エラーの団体がない要件（下の表にあります）:",
                    s->npol - nr);
            for (size_t i = 0; i < nr; i++) {
                free(buf[i]);
                if (notes[i][0]) free((char *)notes[i]);
            }
        }
        free(labels);
        free(notes);
        free(buf);
        free(vals);
    }
    {
        const char *cols[] = {en ? "policy" : "ポリシー",
                              en ? "title" : "名称",
                              en ? "level" : "水準",
                              en ? "applicable" : "対象",
                              en ? "not met" : "未達",
                              en ? "not-met rate" : "未達率",
                              rollup_status_word("fail", lang),
                              rollup_status_word("warn", lang),
                              rollup_status_word("error", lang),
                              rollup_status_word("waived", lang),
                              rollup_status_word("not_applicable", lang)};
        fputs("<table class=\"sortable\">\n", out);
        th_row(out, cols, sizeof cols / sizeof *cols);
        for (size_t r = 0; rank && r < s->npol; r++) {
            size_t k = rank[r];
            const pol_rec *a = tpol(t, s, k);
            const scount *c = &n->per[k];
            fputs("<tr><td class=\"l\">", out);
            if (is_required(a) && failing_count(t, k)) {
                fputs("<a href=\"#", out);
                h_id(out, "req-", a->id);
                fputs("\">", out);
                h(out, a->id);
                fputs("</a>", out);
            } else {
                h(out, a->id);
            }
            fputs("</td><td class=\"l\">", out);
            h(out, rollup_text(a->title, lang));
            fputs("</td><td class=\"l\">", out);
            h(out, rollup_level_word(a->level, lang));
            fputs("</td>", out);
            td_num(out, applicable(c));
            td_num(out, not_met(c));
            td_rate(out, not_met(c), applicable(c), 0);
            td_num(out, c->n[S_FAIL]);
            td_num(out, c->n[S_WARN]);
            td_num(out, c->n[S_ERROR]);
            td_num(out, c->n[S_WAIVED]);
            td_num(out, c->n[S_NA]);
            fputs("</tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
    }
    free(rank);

    /* models */
    fprintf(out, "<h2 id=\"models\">%s</h2>\n", en ? "By model" : "モデル別");
    html_groups(out, t->model, t->nmodel, "model-", en ? "model" : "モデル", en);
    fprintf(out, "<h3>%s</h3>\n",
            en ? "Not-met rate by model (not met / applicable)" : "モデル別の未達率（未達／対象）");
    fputs("<table class=\"sortable\">\n<thead><tr>", out);
    fprintf(out, "<th class=\"l\">%s</th><th class=\"l\">%s</th>", en ? "policy" : "ポリシー",
            en ? "title" : "名称");
    for (size_t m = 0; m < t->nmodel; m++) {
        fputs("<th>", out);
        h(out, t->model[m].word);
        fprintf(out, "<br>(%ld)</th>", t->model[m].bodies);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t k = 0; k < s->npol; k++) {
        const pol_rec *a = tpol(t, s, k);
        fputs("<tr><td class=\"l\">", out);
        h(out, a->id);
        fputs("</td><td class=\"l\">", out);
        h(out, rollup_text(a->title, lang));
        fputs("</td>", out);
        for (size_t m = 0; m < t->nmodel; m++) {
            const scount *c = &t->model[m].per[k];
            td_rate(out, not_met(c), applicable(c), 1);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    {
        size_t nr = 0;
        size_t *idx = malloc((s->npol ? s->npol : 1) * sizeof *idx);
        const char **labels = malloc((s->npol ? s->npol : 1) * sizeof *labels);
        size_t nm = t->nmodel ? t->nmodel : 1;
        long *vals = malloc((s->npol ? s->npol : 1) * nm * sizeof *vals);
        const char **mw = malloc(nm * sizeof *mw), **mc = malloc(nm * sizeof *mc);
        if (idx && labels && vals && mw && mc) {
            for (size_t k = 0; k < s->npol; k++)
                if (is_required(tpol(t, s, k)) && failing_count(t, k) > 0) idx[nr++] = k;
            for (size_t i = 1; i < nr; i++) { /* by failing bodies, descending; stable */
                size_t v = idx[i], j = i;
                while (j > 0 && failing_count(t, idx[j - 1]) < failing_count(t, v)) {
                    idx[j] = idx[j - 1];
                    j--;
                }
                idx[j] = v;
            }
            for (size_t m = 0; m < t->nmodel; m++) {
                mw[m] = t->model[m].word;
                mc[m] = model_colour[m < N_MODEL_COLOUR ? m : N_MODEL_COLOUR - 1];
            }
            for (size_t i = 0; i < nr; i++) {
                labels[i] = tpol(t, s, idx[i])->id;
                for (size_t m = 0; m < t->nmodel; m++)
                    vals[i * t->nmodel + m] =
                        t->model[m].per[idx[i]].n[S_FAIL] + t->model[m].per[idx[i]].n[S_ERROR];
            }
            if (nr)
                svg_stacked(out,
                            en ? "Bodies failing (or erroring on) each required requirement, by "
                                 "model"
                               : "必須要件ごとの不適合・評価エラーの団体数（モデル別）",
                            nr, labels, vals, (int)t->nmodel, mw, mc, 0, NULL);
        }
        free(idx);
        free(labels);
        free(vals);
        free(mw);
        free(mc);
    }

    /* prefectures */
    fprintf(out, "<h2 id=\"prefectures\">%s</h2>\n", en ? "By prefecture" : "都道府県別");
    html_groups(out, t->pref, t->npref, "pref-", en ? "prefecture" : "都道府県", en);

    /* risk */
    fprintf(out, "<h2 id=\"risk\">%s</h2>\n", en ? "Risk values" : "リスク値の分布");
    {
        const char *const rn[RISK_N + 1] = {"A", "B", "C", "D", "E", en ? "none" : "なし"};
        const char *nat_label[1] = {en ? "national" : "全国"};
        svg_stacked(out,
                    en ? "Risk values (all assessment rows), national"
                       : "リスク値の件数（全国、全評価行）",
                    1, nat_label, n->risk, RISK_N, rn, risk_colour, 0, NULL);
        const char **labels = malloc((t->npref ? t->npref : 1) * sizeof *labels);
        long *vals = malloc((t->npref ? t->npref : 1) * (RISK_N + 1) * sizeof *vals);
        if (labels && vals) {
            for (size_t i = 0; i < t->npref; i++) {
                labels[i] = t->pref[i].word;
                for (int r = 0; r <= RISK_N; r++)
                    vals[i * (RISK_N + 1) + (size_t)r] = t->pref[i].worst[r];
            }
            svg_stacked(out,
                        en ? "Bodies by their worst risk value, per prefecture"
                           : "都道府県別・最も高いリスク値別の団体数",
                        t->npref, labels, vals, RISK_N + 1, rn, risk_colour, 0, NULL);
        }
        free(labels);
        free(vals);
    }

    /* drill-down */
    fprintf(out, "<h2 id=\"bodies\">%s</h2>\n",
            en ? "The bodies behind the numbers" : "団体の内訳");
    fprintf(out, "<h3 id=\"failing\">%s</h3>\n",
            en ? "Bodies failing each required requirement"
               : "必須要件ごとの不適合・評価エラーの団体");
    int any = 0;
    for (size_t k = 0; k < s->npol; k++) {
        const pol_rec *a = tpol(t, s, k);
        if (!is_required(a) || !failing_count(t, k)) continue;
        any = 1;
        fputs("<details id=\"", out);
        h_id(out, "req-", a->id);
        fputs("\"><summary>", out);
        h(out, a->id);
        fputs(" ", out);
        h(out, rollup_text(a->title, lang));
        fprintf(out,
                " — %ld</summary>\n<table><thead><tr><th class=\"l\">%s</th><th class=\"l\">%s</th>"
                "<th class=\"l\">%s</th><th class=\"l\">%s</th><th class=\"l\">%s</th>"
                "<th class=\"l\">%s</th></tr></thead><tbody>\n",
                failing_count(t, k), en ? "code" : "団体コード", en ? "body" : "団体名",
                en ? "prefecture" : "都道府県", en ? "model" : "モデル", en ? "status" : "結果",
                en ? "file" : "ファイル");
        FOR_FAILING(t, s, k, b)
        {
            html_body_row(out, s, b,
                          rollup_status_word(b->st[t->pol[k]] == S_FAIL ? "fail" : "error", lang));
        }
        fputs("</tbody></table></details>\n", out);
    }
    if (!any) fprintf(out, "<p>%s</p>\n", en ? "None." : "該当なし。");
    fprintf(out, "<h3>%s</h3>\n", en ? "Bodies not compliant, by model" : "モデル別の非準拠の団体");
    any = 0;
    for (size_t m = 0; m < t->nmodel; m++)
        if (t->model[m].nmembers) {
            any = 1;
            html_members(out, s, &t->model[m], "model-", en);
        }
    if (!any) fprintf(out, "<p>%s</p>\n", en ? "None." : "該当なし。");
    fprintf(out, "<h3>%s</h3>\n",
            en ? "Bodies not compliant, by prefecture" : "都道府県別の非準拠の団体");
    any = 0;
    for (size_t i = 0; i < t->npref; i++)
        if (t->pref[i].nmembers) {
            any = 1;
            html_members(out, s, &t->pref[i], "pref-", en);
        }
    if (!any) fprintf(out, "<p>%s</p>\n", en ? "None." : "該当なし。");
    if (s->ndup) {
        fprintf(out, "<h3 id=\"duplicates\">%s</h3>\n<table><thead><tr>",
                en ? "Bodies given more than once (counted once, from the first result)"
                   : "複数の入力に含まれる団体（最初の結果から 1 回だけ数えました）");
        fprintf(out,
                "<th class=\"l\">%s</th><th class=\"l\">%s</th><th class=\"l\">%s</th>"
                "<th class=\"l\">%s</th></tr></thead><tbody>\n",
                en ? "code" : "団体コード", en ? "body" : "団体名",
                en ? "counted from" : "数えた結果", en ? "also in" : "重複していた結果");
        for (size_t i = 0; i < s->ndup; i++) {
            const char *c[4] = {s->dup[i].code, s->dup[i].name, s->dup[i].first, s->dup[i].second};
            fputs("<tr>", out);
            for (int j = 0; j < 4; j++) {
                fputs("<td class=\"l\">", out);
                h(out, c[j]);
                fputs("</td>", out);
            }
            fputs("</tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
    }
    fputs(sort_script, out);
    fputs("</body>\n</html>\n", out);
}

/* ---- command --------------------------------------------------------------- */

/* Add the input (a result file, or a directory of its *.json files, sorted) to the list. */
static int collect(const char *path, int en, strvec *l)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr,
                en ? "kyojin summary: %s: no such file or directory\n"
                   : "kyojin summary: %s: ファイルまたはディレクトリがありません\n",
                path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) return strvec_push(l, path);
    size_t before = l->n;
    if (dirlist_suffix(path, ".json", l) != 0) {
        if (errno != ENOMEM)
            fprintf(stderr,
                    en ? "kyojin summary: %s: cannot open directory\n"
                       : "kyojin summary: %s: ディレクトリを開けません\n",
                    path);
        return -1;
    }
    if (l->n == before) {
        fprintf(stderr,
                en ? "kyojin summary: %s: no result (*.json) in this directory\n"
                   : "kyojin summary: %s: このディレクトリに結果（*.json）がありません\n",
                path);
        return -1;
    }
    return 0;
}

static int cmp_dup(const void *a, const void *b)
{
    const dup_rec *x = a, *y = b;
    int c = strcmp(x->code, y->code);
    if (!c) c = strcmp(x->first, y->first);
    if (!c) c = strcmp(x->second, y->second);
    return c;
}

static void summary_free(summary *s)
{
    for (size_t k = 0; k < s->npol; k++) {
        free(s->pol[k].id);
        free(s->pol[k].level);
        cJSON_Delete(s->pol[k].title);
        cJSON_Delete(s->pol[k].requirements);
    }
    free(s->pol);
    for (size_t b = 0; b < s->nbody; b++) body_free(&s->body[b]);
    free(s->body);
    for (size_t i = 0; i < s->npref; i++) free(s->pref[i].name);
    free(s->pref);
    for (size_t k = 0; k < s->nset; k++) {
        free(s->set[k].sha256);
        free(s->set[k].edition);
    }
    free(s->set);
    for (size_t i = 0; i < s->ndup; i++) {
        free(s->dup[i].code);
        free(s->dup[i].name);
        free(s->dup[i].first);
        free(s->dup[i].second);
    }
    free(s->dup);
    free(s->hash);
    free(s->date);
    free(s->shard_seen);
    free(s->level);
    cJSON_Delete(s->head);
}

int cmd_summary(const rollup_args *a)
{
    return cmd_summary_dated(a, NULL);
}

int cmd_summary_dated(const rollup_args *a, const char *date)
{
    const char *format = a->format ? a->format : "text", *lang = a->lang ? a->lang : "ja";
    int en = strcmp(lang, "en") == 0;
    strvec files = {0}, warn = {0};
    int rc = ROLLUP_EXIT_USAGE, have_tables = 0;
    summary s;
    tables t;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < a->ninputs; i++)
        if (collect(a->inputs[i], en, &files) != 0) {
            rc = ROLLUP_EXIT_INPUT;
            goto done;
        }
    if (!files.n) {
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
    if (date && !str_valid_date(date)) {
        fprintf(stderr,
                en ? "kyojin summary: --date must be a real calendar date YYYY-MM-DD: %s\n"
                   : "kyojin summary: --date は実在する日付（YYYY-MM-DD）です: %s\n",
                date);
        goto done;
    }

    char err[512];
    /* what the roll-up does not read: the risk rows and trees, the fields each policy read */
    static const char *const unused[] = {"risk/asset_rows", "risk/attack_trees", "risk/delta",
                                         "risk/matrix",     "risk/rules",        NULL};
    for (size_t i = 0; i < files.n; i++) {
        s.input = files.v[i];
        if (rollup_stream(files.v[i], add_head, add_decl, unused, &s, NULL, lang, err,
                          sizeof err) != 0) {
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
    if (date) {
        free(s.date);
        s.date = str_dup(date);
    }
    if (s.ndup) qsort(s.dup, s.ndup, sizeof *s.dup, cmp_dup);
    if (s.oom || (date && !s.date) || tables_make(&t, &s, lang) != 0 ||
        warnings(&s, en, &warn) != 0) {
        fputs(en ? "kyojin summary: out of memory\n" : "kyojin summary: メモリが不足しています\n",
              stderr);
        rc = ROLLUP_EXIT_INPUT;
        goto done;
    }
    have_tables = 1;
    for (size_t i = 0; i < warn.n; i++)
        fprintf(stderr, "kyojin summary: %s %s\n", en ? "warning:" : "注意:", warn.v[i]);

    atomic_out o;
    if (atomic_out_open(&o, a->output, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin summary: %s\n", err);
        rc = ROLLUP_EXIT_OUTPUT;
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        cJSON *j = summary_json(&s, &t, &warn);
        char *txt = j ? cJSON_Print(j) : NULL;
        cJSON_Delete(j);
        if (!txt) {
            atomic_out_abort(&o);
            fputs(en ? "kyojin summary: out of memory\n"
                     : "kyojin summary: メモリが不足しています\n",
                  stderr);
            rc = ROLLUP_EXIT_OUTPUT;
            goto done;
        }
        fputs(txt, o.fp);
        fputc('\n', o.fp);
        free(txt);
    } else if (strcmp(format, "csv") == 0) {
        write_csv(o.fp, &s, &t, &warn);
    } else if (strcmp(format, "html") == 0) {
        write_html(o.fp, &s, &t, &warn);
    } else {
        write_text(o.fp, &s, &t, &warn);
    }
    if (atomic_out_commit(&o, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin summary: %s\n", err);
        rc = ROLLUP_EXIT_OUTPUT;
        goto done;
    }
    rc = ROLLUP_EXIT_OK;
done:
    if (have_tables) tables_free(&t);
    summary_free(&s);
    strvec_free(&files);
    strvec_free(&warn);
    return rc;
}
