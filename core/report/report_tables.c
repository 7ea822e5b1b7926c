/* report_tables.c — turns a result document into the tables the CSV and XLSX writers
 * print: findings (one row per finding, or per policy without findings), the asset-based
 * risk sheet and the business-damage-based sheet in the IPA column order of the seeds
 * (S000 §5/§6), and a meta table with the inputs' hashes. Owns the row and column
 * layout; escaping and file formats belong to the writers, the words and the order of the
 * countermeasure columns to kyojin.vocab (report_vocab.c). The tables are built one
 * declaration at a time (rt_begin, rt_add, rt_finish, rt_more) so that the writers stream;
 * also the spool files and the per-declaration summary those writers keep. */
#define _POSIX_C_SOURCE 200809L
#include "report/report_tables.h"
#include "report/report_formats.h"
#include "report/report_labels.h"
#include "util/cjson_cs.h"
#include "util/strutil.h"
#include "report/report_vocab.h"
#include "util/utf8.h"
#include "util/jsonout.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

const char *const rt_table_names[] = {"findings", "assets", "trees", "meta", NULL};

typedef struct {
    rt_table *t;
    int oom;    /* out of memory, or (2) a temporary file failed: t->spool_err says why */
    size_t col; /* next column of the current row */
} builder;

/* A column with a group heading above it (NULL: none). */
static void head_in(builder *b, const char *group, const char *name, double width)
{
    rt_table *t = b->t;
    char **h = realloc(t->head, (t->ncols + 1) * sizeof *h);
    if (h) t->head = h;
    char **g = h ? realloc(t->group, (t->ncols + 1) * sizeof *g) : NULL;
    if (g) t->group = g;
    double *w = g ? realloc(t->width, (t->ncols + 1) * sizeof *w) : NULL;
    if (w) t->width = w;
    if (!h || !g || !w || !(h[t->ncols] = str_dup(name ? name : ""))) {
        b->oom = 1;
        return;
    }
    g[t->ncols] = NULL;
    if (group && !(g[t->ncols] = str_dup(group))) {
        free(h[t->ncols]);
        b->oom = 1;
        return;
    }
    w[t->ncols++] = width;
}

static void head(builder *b, const char *name, double width)
{
    head_in(b, NULL, name, width);
}

static void row(builder *b, int style)
{
    rt_table *t = b->t;
    if (b->oom) return;
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        rt_cell *c = realloc(t->cells, cap * t->ncols * sizeof *c);
        int *rs = c ? realloc(t->row_style, cap * sizeof *rs) : NULL;
        if (c) t->cells = c;
        if (rs) t->row_style = rs;
        if (!c || !rs) {
            b->oom = 1;
            return;
        }
        t->cap = cap;
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(rt_cell));
    t->row_style[t->nrows++] = style;
    b->col = 0;
}

static rt_cell *next(builder *b)
{
    rt_table *t = b->t;
    if (b->oom || !t->nrows || b->col >= t->ncols) return NULL;
    return &t->cells[(t->nrows - 1) * t->ncols + b->col++];
}

static void text(builder *b, const char *s, int style)
{
    rt_cell *c = next(b);
    if (!c || !s) return;
    if (!(c->text = str_dup(s))) {
        b->oom = 1;
        return;
    }
    c->kind = RT_TEXT;
    c->style = style;
}

static void num(builder *b, const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    rt_cell *c = next(b);
    if (!c || !cJSON_IsNumber(v)) return;
    c->kind = RT_NUMBER;
    c->num = v->valuedouble;
}

static void skip(builder *b)
{
    (void)next(b);
}

/* Append s to a growing buffer. */
typedef struct {
    char *s;
    size_t n, cap;
    int oom;
} sbuf;
static void sb_add(sbuf *sb, const char *s)
{
    size_t k = strlen(s);
    if (sb->oom) return;
    if (sb->n + k + 1 > sb->cap) {
        size_t cap = (sb->n + k + 1) * 2;
        char *p = realloc(sb->s, cap);
        if (!p) {
            sb->oom = 1;
            return;
        }
        sb->s = p;
        sb->cap = cap;
    }
    memcpy(sb->s + sb->n, s, k + 1);
    sb->n += k;
}

static void head_findings(builder *b, int en)
{
    static const struct {
        const char *w;
        double width;
    } cols[] = {{"code", 10},
                {"body", 16},
                {"policy", 10},
                {"requirement", 10},
                {"requirement_text", 40},
                {"level", 8},
                {"status", 10},
                {"subject", 30},
                {"line", 6},
                {"message", 50},
                {"evidence", 10},
                {"source", 30},
                {"remediation", 50},
                {"justification", 40},
                {"approver", 18},
                {"expires", 12}};
    b->t->title = rl_word("findings_sheet", en);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        head(b, rl_word(cols[i].w, en), cols[i].width);
}

static void rows_findings(builder *b, const cJSON *d, int en)
{
    const cJSON *p, *f;
    const cJSON *derr = rl_decl_error(d);
    if (derr) { /* an input without an evaluation: one row saying what became of it */
        row(b, RT_ROW_PLAIN);
        skip(b);
        text(b, json_str(d, "file"), RT_PLAIN);
        for (int k = 0; k < 4; k++) skip(b);
        text(b, rl_status("error", en), RT_PLAIN);
        text(b, json_str(derr, "pointer"), RT_PTR);
        num(b, derr, "line");
        text(b, rl_decl_error_text(derr, en), RT_PLAIN);
        for (int k = 0; k < 6; k++) skip(b);
    }
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        const cJSON *fs = cJSON_GetObjectItemCaseSensitive(p, "findings");
        int n = cJSON_GetArraySize(fs);
        for (int i = 0; i < (n ? n : 1); i++) {
            f = n ? cJSON_GetArrayItem(fs, i) : NULL;
            const cJSON *w = cJSON_GetObjectItemCaseSensitive(f, "waiver");
            sbuf reqs = {0};
            const cJSON *q;
            cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(p, "requirements"))
                if (cJSON_IsString(q)) {
                    if (reqs.n) sb_add(&reqs, ", ");
                    sb_add(&reqs, q->valuestring);
                }
            if (reqs.oom) {
                b->oom = 1;
                free(reqs.s);
                return;
            }
            row(b, RT_ROW_PLAIN);
            text(b, json_str(json_get(d, "body"), "code"), RT_PLAIN);
            text(b, json_str(json_get(d, "body"), "name"), RT_PLAIN);
            text(b, json_str(p, "id"), RT_PLAIN);
            text(b, reqs.s ? reqs.s : "", RT_PLAIN);
            free(reqs.s);
            text(b, rl_text(cJSON_GetObjectItemCaseSensitive(p, "title"), en), RT_PLAIN);
            text(b, rl_level(json_str(p, "level"), en), RT_PLAIN);
            text(b, rl_status(f ? json_str(f, "status") : json_str(p, "status"), en), RT_PLAIN);
            text(b, f ? json_str(f, "pointer") : NULL, RT_PTR);
            if (f)
                num(b, f, "line");
            else
                skip(b);
            const char *msg = f ? rl_text(cJSON_GetObjectItemCaseSensitive(f, "message"), en)
                                : rl_text(cJSON_GetObjectItemCaseSensitive(p, "reason"), en);
            const cJSON *cl = cJSON_GetObjectItemCaseSensitive(f, "classification");
            char cbuf[64];
            if (!msg && cJSON_IsObject(cl)) {
                sbuf m = {0};
                sb_add(&m, rl_class_display(json_str(cl, "class"), cbuf, sizeof cbuf));
                if (rl_text(cl, en)) {
                    sb_add(&m, " ");
                    sb_add(&m, rl_text(cl, en));
                }
                text(b, m.s, RT_PLAIN);
                if (m.oom) b->oom = 1;
                free(m.s);
            } else
                text(b, msg, RT_PLAIN);
            text(b, f ? json_str(f, "evidence") : NULL, RT_PLAIN);
            text(b, json_str(p, "source"), RT_PLAIN);
            text(b, rl_text(cJSON_GetObjectItemCaseSensitive(p, "remediation"), en), RT_PLAIN);
            text(b, json_str(w, "justification"), RT_PLAIN);
            text(b, json_str(w, "approver"), RT_PLAIN);
            char ebuf[96];
            text(b, w ? rl_waiver_expiry(w, en, ebuf, sizeof ebuf) : NULL, RT_PLAIN);
        }
    }
}

/* Countermeasure columns of the asset sheet: every id used by some row, catalog order
 * first, then unknown ids in order of first appearance. */
typedef struct {
    const char *id;
    const char *name;
    size_t stage; /* index in kyojin.vocab's stages; after the last one when unknown */
} cm_col;

enum { MAXCM = 128 };

/* The asset sheet while declarations stream past: its columns depend on every declaration
 * (the countermeasures some row names) and the rows outside the analysis come after every
 * scored row, so each declaration's rows wait in a spool file (one JSON line each) until
 * rt_finish; only the countermeasure ids and names seen are kept in memory. */
struct rt_assets {
    char **seen; /* id, name pairs in order of first appearance (owned) */
    size_t nseen, cap;
    cm_col cols[MAXCM];
    size_t ncm;
    FILE *spool; /* report_spool_open */
    int pass;    /* rt_more: 0 the scored rows, 1 those outside the analysis, 2 done */
    char *line;
    size_t linecap;
    char err[512]; /* why the spool failed */
};

/* Stage order first (kyojin.vocab's stages: the IPA column groups), catalog order within. */
static int cm_col_cmp(const void *a, const void *b)
{
    const cm_col *x = a, *y = b;
    return x->stage != y->stage ? (x->stage < y->stage ? -1 : 1) : 0;
}

/* Remember countermeasure m (its id and name in the report language) when new. */
static void see_cm(builder *b, struct rt_assets *a, const cJSON *m, int en)
{
    const char *id = json_str(m, "id");
    if (!id) return;
    for (size_t i = 0; i < a->nseen; i++)
        if (!strcmp(a->seen[2 * i], id)) return;
    if (a->nseen == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        char **s = realloc(a->seen, 2 * cap * sizeof *s);
        if (!s) {
            b->oom = 1;
            return;
        }
        a->seen = s;
        a->cap = cap;
    }
    const char *name = rl_text(cJSON_GetObjectItemCaseSensitive(m, "name"), en);
    char *i = str_dup(id), *n = str_dup(name ? name : id);
    if (!i || !n) {
        free(i);
        free(n);
        b->oom = 1;
        return;
    }
    a->seen[2 * a->nseen] = i;
    a->seen[2 * a->nseen++ + 1] = n;
}

static void add_col(struct rt_assets *a, size_t k)
{
    if (a->ncm >= MAXCM) return;
    for (size_t i = 0; i < a->ncm; i++)
        if (!strcmp(a->cols[i].id, a->seen[2 * k])) return;
    const rv_word *w = report_vocab_find(RV_COUNTERMEASURE, a->seen[2 * k]);
    rv_list stages = report_vocab_list(RV_STAGE);
    size_t st = 0;
    while (st < stages.n && (!w || !w->stage || strcmp(stages.w[st].id, w->stage))) st++;
    a->cols[a->ncm].id = a->seen[2 * k];
    a->cols[a->ncm].name = a->seen[2 * k + 1];
    a->cols[a->ncm++].stage = st;
}

/* "(POLICY, POLICY)" after a countermeasure mark: the policies that invalidated it, if any. */
static void sb_add_invalidators(sbuf *s, const cJSON *inv)
{
    const cJSON *q;
    int k = 0;
    if (cJSON_GetArraySize(inv) <= 0) return;
    sb_add(s, "(");
    cJSON_ArrayForEach(q, inv)
        if (cJSON_IsString(q)) {
            if (k++) sb_add(s, ", ");
            sb_add(s, q->valuestring);
        }
    sb_add(s, ")");
}

static void cm_mark(builder *b, const cJSON *m)
{
    sbuf s = {0};
    const cJSON *inv = cJSON_GetObjectItemCaseSensitive(m, "invalidated_by");
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "effective"))) {
        text(b, "○", RT_PLAIN);
        return;
    }
    sb_add(&s, "×");
    sb_add_invalidators(&s, inv);
    if (s.oom) b->oom = 1;
    text(b, s.s, RT_PLAIN);
    free(s.s);
}

/* One declaration for the asset sheet: note its countermeasures and spool its rows. */
static void spool_assets(builder *b, struct rt_assets *a, const cJSON *d, int en)
{
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(d, "risk"), *x, *m;
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(risk, "asset_rows");
    const cJSON *oos = cJSON_GetObjectItemCaseSensitive(risk, "out_of_scope");
    cJSON_ArrayForEach(x, rows)
        for (int list = 0; list < 2; list++)
            cJSON_ArrayForEach(
                m, cJSON_GetObjectItemCaseSensitive(x, list ? "absent" : "countermeasures"))
                see_cm(b, a, m, en);
    if (cJSON_GetArraySize(rows) <= 0 && cJSON_GetArraySize(oos) <= 0) return;
    /* {"body":{"code":…},"risk":{"asset_rows":[…],"out_of_scope":[…]}}: what the rows read */
    cJSON *s = cJSON_CreateObject(), *sb = cJSON_AddObjectToObject(s, "body");
    cJSON *sr = cJSON_AddObjectToObject(s, "risk");
    const char *code = json_str(json_get(d, "body"), "code");
    if (!sb || !sr || (code && !cJSON_AddStringToObject(sb, "code", code)) ||
        (rows && !cJSON_AddItemReferenceToObject(sr, "asset_rows", (cJSON *)rows)) ||
        (oos && !cJSON_AddItemReferenceToObject(sr, "out_of_scope", (cJSON *)oos))) {
        cJSON_Delete(s);
        b->oom = 1;
        return;
    }
    if (!a->spool && !(a->spool = report_spool_open(a->err, sizeof a->err))) b->oom = 2;
    if (!b->oom && (json_write(a->spool, s, 0, 0) || fputc('\n', a->spool) == EOF)) {
        snprintf(a->err, sizeof a->err, "cannot write a temporary file: %s", strerror(errno));
        b->oom = 2;
    }
    cJSON_Delete(s);
}

static void head_assets(builder *b, struct rt_assets *a, int en)
{
    cm_col *cols = a->cols;
    /* catalog order (interfaces.md §7: kyojin.vocab) for the ids present, then the rest */
    rv_list cm_order = report_vocab_list(RV_COUNTERMEASURE);
    for (size_t k = 0; k < cm_order.n; k++)
        for (size_t i = 0; i < a->nseen; i++)
            if (!strcmp(a->seen[2 * i], cm_order.w[k].id)) add_col(a, i);
    for (size_t i = 0; i < a->nseen; i++) add_col(a, i);
    size_t ncm = a->ncm;
    head(b, rl_word("no", en), 6);
    head(b, rl_word("asset_kind", en), 16);
    head(b, rl_word("target", en), 24);
    head(b, rl_word("threat_level", en), 10);
    head(b, rl_word("vuln_level", en), 10);
    head(b, rl_word("importance", en), 10);
    head(b, rl_word("risk_value", en), 8);
    head(b, rl_word("threat", en), 30);
    head(b, rl_word("threat_examples", en), 40);
    /* grouped by stage (a stable sort: insertion, catalog order kept within a stage) */
    for (size_t i = 1; i < ncm; i++)
        for (size_t j = i; j > 0 && cm_col_cmp(&cols[j - 1], &cols[j]) > 0; j--) {
            cm_col tmp = cols[j];
            cols[j] = cols[j - 1];
            cols[j - 1] = tmp;
        }
    rv_list stages = report_vocab_list(RV_STAGE);
    for (size_t i = 0; i < ncm; i++) {
        char *h = str_printf("%s: %s", rl_word("countermeasure", en), cols[i].name);
        const rv_word *st = cols[i].stage < stages.n ? &stages.w[cols[i].stage] : NULL;
        if (!h) b->oom = 1;
        head_in(b, st ? (en ? st->en : st->ja) : rl_word("countermeasure", en), h, 12);
        free(h);
    }
    head(b, rl_word("cm_level", en), 10);
    head(b, rl_word("cm_work", en), 14);
    head(b, rl_word("unpatched", en), 12);
    head(b, rl_word("importance_reason", en), 40);
    head(b, rl_word("pointer", en), 14);
    head(b, rl_word("code", en), 10);
}

/* The scored rows of one (spooled) declaration. */
static void rows_assets(builder *b, const struct rt_assets *a, const cJSON *d, int en)
{
    const cm_col *cols = a->cols;
    size_t ncm = a->ncm;
    const cJSON *x, *m;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(
                              cJSON_GetObjectItemCaseSensitive(d, "risk"), "asset_rows")) {
        const char *tn = rl_text(cJSON_GetObjectItemCaseSensitive(x, "threat_name"), en);
        /* the whole asset name (up to 200 characters): no fixed buffer cuts it */
        char *target =
            str_printf("%s (%s)", json_str_or(x, "asset_name", ""), json_str_or(x, "asset", ""));
        if (!target) b->oom = 1;
        row(b, RT_ROW_PLAIN);
        num(b, x, "no");
        text(b, rl_asset_kind(json_str(x, "asset_kind"), en), RT_PLAIN);
        text(b, target, RT_PLAIN);
        free(target);
        num(b, x, "threat_level");
        num(b, x, "vulnerability_level");
        num(b, x, "importance");
        text(b, json_str(x, "risk_value"), RT_RISK);
        text(b, tn ? tn : json_str(x, "threat"), RT_PLAIN);
        text(b, rl_text(cJSON_GetObjectItemCaseSensitive(x, "threat_examples"), en), RT_PLAIN);
        for (size_t i = 0; i < ncm; i++) {
            const cJSON *hit = NULL, *absent = NULL;
            cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(x, "countermeasures"))
                if (json_str(m, "id") && !strcmp(json_str(m, "id"), cols[i].id)) hit = m;
            cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(x, "absent"))
                if (json_str(m, "id") && !strcmp(json_str(m, "id"), cols[i].id)) absent = m;
            if (hit)
                cm_mark(b, hit);
            else if (absent) /* a candidate against this threat that is not in place */
                text(b, rl_word("cm_absent", en), RT_PLAIN);
            else
                text(b, "—", RT_PLAIN); /* not a candidate against this threat */
        }
        num(b, x, "countermeasure_level");
        text(b,
             rl_word(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "countermeasures_work"))
                         ? "yes"
                         : "no_",
                     en),
             RT_PLAIN);
        text(b,
             rl_word(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "unpatched_override"))
                         ? "yes"
                         : "no_",
                     en),
             RT_PLAIN);
        text(b, rl_text(cJSON_GetObjectItemCaseSensitive(x, "importance_reason"), en), RT_PLAIN);
        text(b, json_str(x, "pointer"), RT_PTR);
        text(b, json_str(json_get(d, "body"), "code"), RT_PLAIN);
    }
}

/* Assets outside the analysis (the Government Cloud itself) of one (spooled) declaration:
 * listed after every scored row, not scored. */
static void rows_out_of_scope(builder *b, const struct rt_assets *a, const cJSON *d, int en)
{
    const cJSON *x;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(
                              cJSON_GetObjectItemCaseSensitive(d, "risk"), "out_of_scope")) {
        char *target =
            str_printf("%s (%s)", json_str_or(x, "asset_name", ""), json_str_or(x, "asset", ""));
        if (!target) b->oom = 1;
        row(b, RT_ROW_PLAIN);
        skip(b);
        text(b, rl_asset_kind(json_str(x, "asset_kind"), en), RT_PLAIN);
        text(b, target, RT_PLAIN);
        free(target);
        for (int k = 0; k < 3; k++) skip(b);
        text(b, rl_word("out_of_scope", en), RT_PLAIN);
        text(b, rl_text(cJSON_GetObjectItemCaseSensitive(x, "reason"), en), RT_PLAIN);
        for (size_t k = 0; k < a->ncm + 5; k++) skip(b);
        text(b, json_str(x, "pointer"), RT_PTR);
        text(b, json_str(json_get(d, "body"), "code"), RT_PLAIN);
    }
}

static void cm_joined(builder *b, const cJSON *cms, int en)
{
    sbuf s = {0};
    const cJSON *m;
    cJSON_ArrayForEach(m, cms) {
        const char *name = rl_text(cJSON_GetObjectItemCaseSensitive(m, "name"), en);
        const cJSON *inv = cJSON_GetObjectItemCaseSensitive(m, "invalidated_by");
        if (s.n) sb_add(&s, en ? "; " : "、");
        sb_add(&s, cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "effective")) ? "○" : "×");
        sb_add(&s, name ? name : (json_str(m, "id") ? json_str(m, "id") : ""));
        sb_add_invalidators(&s, inv);
    }
    if (s.oom) b->oom = 1;
    text(b, s.s, RT_PLAIN);
    free(s.s);
}

static void head_trees(builder *b, int en)
{
    b->t->title = rl_word("tree_sheet_name", en);
    head(b, rl_word("scenario", en), 12);
    head(b, rl_word("tree_step", en), 44);
    head(b, rl_word("threat_level", en), 10);
    head(b, rl_word("vuln_level", en), 10);
    head(b, rl_word("damage_level", en), 12);
    head(b, rl_word("risk_value", en), 8);
    head(b, rl_word("countermeasure", en), 44);
    head(b, rl_word("cm_level", en), 10);
    head(b, rl_word("entry", en), 10);
    head(b, rl_word("code", en), 10);
}

static void rows_trees(builder *b, const cJSON *d, int en)
{
    const cJSON *x, *s;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(
                              cJSON_GetObjectItemCaseSensitive(d, "risk"), "attack_trees")) {
        const char *dn = rl_text(cJSON_GetObjectItemCaseSensitive(x, "damage_name"), en);
        row(b, RT_ROW_GROUP);
        text(b, json_str(x, "scenario"), RT_PLAIN);
        text(b, dn ? dn : json_str(x, "damage"), RT_PLAIN);
        num(b, x, "threat_level");
        num(b, x, "vulnerability_level");
        num(b, x, "damage_level");
        text(b, json_str(x, "risk_value"), RT_RISK);
        skip(b);
        num(b, x, "countermeasure_level");
        text(b, json_str(x, "entry"), RT_PLAIN);
        text(b, json_str(json_get(d, "body"), "code"), RT_PLAIN);
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(x, "steps")) {
            row(b, RT_ROW_PLAIN);
            text(b, json_str(x, "scenario"), RT_PLAIN);
            text(b, json_str(s, "name"), RT_PLAIN);
            skip(b);
            skip(b);
            skip(b);
            skip(b);
            cm_joined(b, cJSON_GetObjectItemCaseSensitive(s, "countermeasures"), en);
            num(b, s, "countermeasure_level");
            skip(b);
            text(b, json_str(json_get(d, "body"), "code"), RT_PLAIN);
        }
    }
}

static void kv(builder *b, const char *k, const char *v)
{
    row(b, RT_ROW_PLAIN);
    text(b, k, RT_PLAIN);
    text(b, v, RT_PLAIN);
}

/* Inputs and their hashes, one key/value per row; keys are fixed ASCII so that
 * `kyojin verify` can read them back. The rows of the document's envelope: */
static void head_meta(builder *b, const cJSON *result, int en)
{
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(result, "tool");
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(result, "policy_set"), *p;
    char buf[128], hex[65];
    b->t->title = en ? "Inputs" : "入力と検証値";
    head(b, en ? "Key" : "項目", 36);
    head(b, rl_word("value", en), 70);
    kv(b, "schema", json_str(result, "schema"));
    kv(b, "tool.name", json_str(tool, "name"));
    kv(b, "tool.version", json_str(tool, "version"));
    kv(b, "policy_set.sha256", json_str(ps, "sha256"));
    if (json_str(ps, "version")) kv(b, "policy_set.version", json_str(ps, "version"));
    snprintf(buf, sizeof buf, "%.0f", json_num(ps, "policies", 0));
    kv(b, "policy_set.policies", buf);
    if (report_parameters_sha256(result, hex) != 0) {
        b->oom = 1;
        return;
    }
    kv(b, "parameters_sha256", hex);
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(result, "parameters")) {
        char *v = cJSON_PrintUnformatted(p);
        char *key = str_printf("parameters.%s", p->string ? p->string : "");
        if (!v || !key) {
            cJSON_free(v);
            free(key);
            b->oom = 1;
            return;
        }
        kv(b, key, cJSON_IsString(p) ? p->valuestring : v);
        cJSON_free(v);
        free(key);
    }
    kv(b, "as_of", json_str(result, "as_of"));
}

/* and those of the i-th declaration (from 1) */
static void rows_meta(builder *b, const cJSON *d, size_t i, int en)
{
    char key[64];
    snprintf(key, sizeof key, "declarations.%zu.file", i);
    kv(b, key, json_str(d, "file"));
    snprintf(key, sizeof key, "declarations.%zu.sha256", i);
    kv(b, key, json_str(d, "sha256"));
    snprintf(key, sizeof key, "declarations.%zu.code", i);
    kv(b, key, json_str(json_get(d, "body"), "code"));
    snprintf(key, sizeof key, "declarations.%zu.name", i);
    kv(b, key, json_str(json_get(d, "body"), "name"));
    snprintf(key, sizeof key, "declarations.%zu.compliant", i);
    kv(b, key, cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "compliant")) ? "true" : "false");
    const cJSON *derr = rl_decl_error(d);
    if (derr) { /* only for an input without an evaluation */
        snprintf(key, sizeof key, "declarations.%zu.error.kind", i);
        kv(b, key, json_str(derr, "kind"));
        snprintf(key, sizeof key, "declarations.%zu.error", i);
        kv(b, key, rl_decl_error_text(derr, en));
    }
}

static int oom_out(const rt_table *t, int oom, char *err, size_t errlen)
{
    if (!oom) return 0;
    if (oom == 2 && t->assets)
        snprintf(err, errlen, "the %s table: %s", t->name, t->assets->err);
    else
        snprintf(err, errlen, "out of memory while building the %s table", t->name);
    return -1;
}

int rt_begin(const cJSON *envelope, const char *name, int en, rt_table *t, char *err, size_t errlen)
{
    builder b = {t, 0, 0};
    memset(t, 0, sizeof *t);
    if (!name || !cJSON_IsObject(envelope)) {
        snprintf(err, errlen, "no table or no result");
        return -1;
    }
    for (size_t i = 0; rt_table_names[i]; i++)
        if (!strcmp(name, rt_table_names[i])) t->name = rt_table_names[i];
    if (!t->name) {
        snprintf(err, errlen, "unknown table '%.40s' (findings, assets, trees or meta)", name);
        return -1;
    }
    t->en = en;
    if (!strcmp(name, "findings"))
        head_findings(&b, en);
    else if (!strcmp(name, "trees"))
        head_trees(&b, en);
    else if (!strcmp(name, "meta"))
        head_meta(&b, envelope, en);
    else { /* assets: the headers at rt_finish */
        t->title = rl_word("asset_sheet_name", en);
        t->deferred = 1;
        if (!(t->assets = calloc(1, sizeof *t->assets))) b.oom = 1;
    }
    return oom_out(t, b.oom, err, errlen);
}

int rt_add(rt_table *t, const cJSON *decl, char *err, size_t errlen)
{
    builder b = {t, 0, 0};
    const char *n = t->name;
    t->ndecl++;
    if (!n)
        b.oom = 1;
    else if (!strcmp(n, "findings"))
        rows_findings(&b, decl, t->en);
    else if (!strcmp(n, "trees"))
        rows_trees(&b, decl, t->en);
    else if (!strcmp(n, "meta"))
        rows_meta(&b, decl, t->ndecl, t->en);
    else
        spool_assets(&b, t->assets, decl, t->en);
    return oom_out(t, b.oom, err, errlen);
}

int rt_finish(rt_table *t, char *err, size_t errlen)
{
    builder b = {t, 0, 0};
    if (!t->deferred) return 0;
    head_assets(&b, t->assets, t->en);
    t->deferred = 0;
    if (t->assets->spool && fseek(t->assets->spool, 0, SEEK_SET)) b.oom = 1;
    return oom_out(t, b.oom, err, errlen);
}

int rt_more(rt_table *t, char *err, size_t errlen)
{
    struct rt_assets *a = t->assets;
    builder b = {t, 0, 0};
    if (!a || !a->spool) return 0;
    while (a->pass < 2) {
        ssize_t n = getline(&a->line, &a->linecap, a->spool);
        if (n < 0) {
            if (ferror(a->spool) || fseek(a->spool, 0, SEEK_SET)) {
                snprintf(err, errlen, "cannot read back the %s table's temporary file", t->name);
                return -1;
            }
            a->pass++;
            continue;
        }
        cJSON *d = cJSON_ParseWithLength(a->line, (size_t)n);
        if (!d) {
            snprintf(err, errlen, "out of memory while building the %s table", t->name);
            return -1;
        }
        size_t before = t->nrows;
        if (a->pass == 0)
            rows_assets(&b, a, d, t->en);
        else
            rows_out_of_scope(&b, a, d, t->en);
        cJSON_Delete(d);
        if (b.oom) return oom_out(t, 1, err, errlen);
        if (t->nrows > before) return 1;
    }
    return 0;
}

void rt_drop_rows(rt_table *t)
{
    for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i].text);
    t->dropped += t->nrows;
    t->nrows = 0;
}

int rt_build(const cJSON *result, const char *name, int en, rt_table *t, char *err, size_t errlen)
{
    const cJSON *d;
    int k = 0;
    if (rt_begin(result, name, en, t, err, errlen)) return -1;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations"))
        if (rt_add(t, d, err, errlen)) return -1;
    if (rt_finish(t, err, errlen)) return -1;
    while ((k = rt_more(t, err, errlen)) > 0) {}
    return k;
}

void rt_free(rt_table *t)
{
    for (size_t i = 0; i < t->ncols; i++) {
        free(t->head[i]);
        free(t->group[i]);
    }
    free(t->group);
    for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i].text);
    free(t->head);
    free(t->width);
    free(t->cells);
    free(t->row_style);
    if (t->assets) {
        for (size_t i = 0; i < 2 * t->assets->nseen; i++) free(t->assets->seen[i]);
        free(t->assets->seen);
        if (t->assets->spool) fclose(t->assets->spool);
        free(t->assets->line);
        free(t->assets);
    }
    memset(t, 0, sizeof *t);
}

/* ---- what the writers that stream share -------------------------------------------- */

FILE *report_spool_open(char *err, size_t errlen)
{
    const char *env = getenv("TMPDIR"), *dir = env && *env ? env : "/tmp";
    char *name = str_printf("%s/kyojin-spool.XXXXXX", dir);
    int fd = name ? mkstemp(name) : -1;
    FILE *f = NULL;
    if (fd >= 0) {
        unlink(name); /* nothing to remove later, whatever ends the run */
        if (!(f = fdopen(fd, "w+"))) close(fd);
    }
    if (!f)
        snprintf(err, errlen, "cannot create a temporary file in %s: %s", dir,
                 name ? strerror(errno) : "out of memory");
    free(name);
    return f;
}

int report_spool_copy(FILE *spool, FILE *out)
{
    char buf[65536];
    size_t n;
    if (fflush(spool) || fseek(spool, 0, SEEK_SET)) return -1;
    while ((n = fread(buf, 1, sizeof buf, spool)) > 0 && fwrite(buf, 1, n, out) == n) {}
    return ferror(spool) ? -1 : 0;
}

cJSON *report_summary_new(const cJSON *envelope)
{
    cJSON *s = cJSON_CreateObject();
    const cJSON *m;
    cJSON_ArrayForEach(m, envelope)
        if (m->string && strcmp(m->string, "declarations") &&
            !cJSON_AddItemToObject(s, m->string, cJSON_Duplicate(m, 1))) {
            cJSON_Delete(s);
            return NULL;
        }
    if (!cJSON_AddArrayToObject(s, "declarations")) {
        cJSON_Delete(s);
        return NULL;
    }
    return s;
}

int report_summary_add(cJSON *summary, const cJSON *decl)
{
    static const char *const keep[] = {"file", "sha256", "compliant", "error", NULL};
    cJSON *e = cJSON_CreateObject(), *body = NULL;
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(decl, "body");
    if (!e || !cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(summary, "declarations"), e))
        goto oom;
    for (size_t i = 0; keep[i]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(decl, keep[i]);
        if (v && !cJSON_AddItemToObject(e, keep[i], cJSON_Duplicate(v, 1))) return -1;
    }
    if (b && !(body = cJSON_AddObjectToObject(e, "body"))) return -1;
    static const char *const bkeep[] = {"code", "name", "as_of", NULL};
    for (size_t i = 0; b && bkeep[i]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(b, bkeep[i]);
        if (v && !cJSON_AddItemToObject(body, bkeep[i], cJSON_Duplicate(v, 1))) return -1;
    }
    return 0;
oom:
    cJSON_Delete(e);
    return -1;
}
