/* report_tables.c — turns a result document into the tables the CSV and XLSX writers
 * print: findings (one row per finding, or per policy without findings), the asset-based
 * risk sheet and the business-damage-based sheet in the IPA column order of the seeds
 * (S000 §5/§6), and a meta table with the inputs' hashes. Owns the row and column
 * layout; escaping and file formats belong to the writers, the words and the order of the
 * countermeasure columns to kyojin.vocab (report_vocab.c). */
#include "report/report_tables.h"
#include "report/report_formats.h"
#include "report/report_labels.h"
#include "util/cjson_cs.h"
#include "util/strutil.h"
#include "report/report_vocab.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const rt_table_names[] = {"findings", "assets", "trees", "meta", NULL};

typedef struct {
    rt_table *t;
    int oom;
    size_t col; /* next column of the current row */
} builder;

static void head(builder *b, const char *name, double width)
{
    rt_table *t = b->t;
    char **h = realloc(t->head, (t->ncols + 1) * sizeof *h);
    double *w = h ? realloc(t->width, (t->ncols + 1) * sizeof *w) : NULL;
    if (h) t->head = h;
    if (w) t->width = w;
    if (!h || !w || !(h[t->ncols] = str_dup(name ? name : ""))) {
        b->oom = 1;
        return;
    }
    w[t->ncols++] = width;
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

static void build_findings(builder *b, const cJSON *result, int en)
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
    const cJSON *d, *p, *f;
    b->t->title = rl_word("findings_sheet", en);
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
        head(b, rl_word(cols[i].w, en), cols[i].width);
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
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
}

/* Countermeasure columns of the asset sheet: every id used by some row, catalog order
 * first, then unknown ids in order of first appearance. */
typedef struct {
    const char *id;
    const char *name;
} cm_col;

static void add_cm(cm_col *cols, size_t *n, size_t max, const cJSON *m, int en)
{
    const char *id = json_str(m, "id");
    if (!id) return;
    for (size_t i = 0; i < *n; i++)
        if (!strcmp(cols[i].id, id)) return;
    if (*n < max) {
        const char *name = rl_text(cJSON_GetObjectItemCaseSensitive(m, "name"), en);
        cols[*n].id = id;
        cols[*n].name = name ? name : id;
        (*n)++;
    }
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

static void build_assets(builder *b, const cJSON *result, int en)
{
    enum { MAXCM = 128 };
    cm_col cols[MAXCM];
    size_t ncm = 0;
    const cJSON *d, *x, *m;
    /* countermeasure catalog order (interfaces.md §7): kyojin.vocab */
    rv_list cm_order = report_vocab_list(RV_COUNTERMEASURE);
    b->t->title = rl_word("asset_sheet_name", en);
    /* collect: catalog ids present, then the rest */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; pass == 0 ? k < cm_order.n : k < 1; k++) {
            cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations"))
                cJSON_ArrayForEach(
                    x, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "risk"),
                                                        "asset_rows"))
                    for (int list = 0; list < 2; list++)
                        cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(
                                                  x, list ? "absent" : "countermeasures"))
                            if (pass == 1 ||
                                (json_str(m, "id") && !strcmp(json_str(m, "id"), cm_order.w[k].id)))
                                add_cm(cols, &ncm, MAXCM, m, en);
        }
    }
    head(b, rl_word("no", en), 6);
    head(b, rl_word("asset_kind", en), 16);
    head(b, rl_word("target", en), 24);
    head(b, rl_word("threat_level", en), 10);
    head(b, rl_word("vuln_level", en), 10);
    head(b, rl_word("importance", en), 10);
    head(b, rl_word("risk_value", en), 8);
    head(b, rl_word("threat", en), 30);
    head(b, rl_word("threat_examples", en), 40);
    for (size_t i = 0; i < ncm; i++) {
        char *h = str_printf("%s: %s", rl_word("countermeasure", en), cols[i].name);
        if (!h) b->oom = 1;
        head(b, h, 12);
        free(h);
    }
    head(b, rl_word("cm_level", en), 10);
    head(b, rl_word("cm_work", en), 14);
    head(b, rl_word("unpatched", en), 12);
    head(b, rl_word("importance_reason", en), 40);
    head(b, rl_word("pointer", en), 14);
    head(b, rl_word("code", en), 10);
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(
                                  cJSON_GetObjectItemCaseSensitive(d, "risk"), "asset_rows")) {
            const char *tn = rl_text(cJSON_GetObjectItemCaseSensitive(x, "threat_name"), en);
            /* the whole asset name (up to 200 characters): no fixed buffer cuts it */
            char *target = str_printf("%s (%s)", json_str_or(x, "asset_name", ""),
                                      json_str_or(x, "asset", ""));
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
            text(b, rl_text(cJSON_GetObjectItemCaseSensitive(x, "importance_reason"), en),
                 RT_PLAIN);
            text(b, json_str(x, "pointer"), RT_PTR);
            text(b, json_str(json_get(d, "body"), "code"), RT_PLAIN);
        }
    }
    /* assets outside the analysis (the Government Cloud itself): listed after every scored
       row, not scored */
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
        cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(
                                  cJSON_GetObjectItemCaseSensitive(d, "risk"), "out_of_scope")) {
            char *target = str_printf("%s (%s)", json_str_or(x, "asset_name", ""),
                                      json_str_or(x, "asset", ""));
            if (!target) b->oom = 1;
            row(b, RT_ROW_PLAIN);
            skip(b);
            text(b, rl_asset_kind(json_str(x, "asset_kind"), en), RT_PLAIN);
            text(b, target, RT_PLAIN);
            free(target);
            for (int k = 0; k < 3; k++) skip(b);
            text(b, rl_word("out_of_scope", en), RT_PLAIN);
            text(b, rl_text(cJSON_GetObjectItemCaseSensitive(x, "reason"), en), RT_PLAIN);
            for (size_t k = 0; k < ncm + 5; k++) skip(b);
            text(b, json_str(x, "pointer"), RT_PTR);
            text(b, json_str(json_get(d, "body"), "code"), RT_PLAIN);
        }
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

static void build_trees(builder *b, const cJSON *result, int en)
{
    const cJSON *d, *x, *s;
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
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
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
}

static void kv(builder *b, const char *k, const char *v)
{
    row(b, RT_ROW_PLAIN);
    text(b, k, RT_PLAIN);
    text(b, v, RT_PLAIN);
}

/* Inputs and their hashes, one key/value per row; keys are fixed ASCII so that
 * `kyojin verify` can read them back. */
static void build_meta(builder *b, const cJSON *result, int en)
{
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(result, "tool");
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(result, "policy_set"), *p, *d;
    char buf[128], hex[65];
    int i = 0;
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
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
        char key[64];
        i++;
        snprintf(key, sizeof key, "declarations.%d.file", i);
        kv(b, key, json_str(d, "file"));
        snprintf(key, sizeof key, "declarations.%d.sha256", i);
        kv(b, key, json_str(d, "sha256"));
        snprintf(key, sizeof key, "declarations.%d.code", i);
        kv(b, key, json_str(json_get(d, "body"), "code"));
        snprintf(key, sizeof key, "declarations.%d.name", i);
        kv(b, key, json_str(json_get(d, "body"), "name"));
        snprintf(key, sizeof key, "declarations.%d.compliant", i);
        kv(b, key,
           cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "compliant")) ? "true" : "false");
        const cJSON *derr = rl_decl_error(d);
        if (derr) { /* only for an input without an evaluation */
            snprintf(key, sizeof key, "declarations.%d.error.kind", i);
            kv(b, key, json_str(derr, "kind"));
            snprintf(key, sizeof key, "declarations.%d.error", i);
            kv(b, key, rl_decl_error_text(derr, en));
        }
    }
}

int rt_build(const cJSON *result, const char *name, int en, rt_table *t, char *err, size_t errlen)
{
    builder b = {t, 0, 0};
    memset(t, 0, sizeof *t);
    if (!name || !cJSON_IsObject(result)) {
        snprintf(err, errlen, "no table or no result");
        return -1;
    }
    if (!strcmp(name, "findings"))
        build_findings(&b, result, en);
    else if (!strcmp(name, "assets"))
        build_assets(&b, result, en);
    else if (!strcmp(name, "trees"))
        build_trees(&b, result, en);
    else if (!strcmp(name, "meta"))
        build_meta(&b, result, en);
    else {
        snprintf(err, errlen, "unknown table '%.40s' (findings, assets, trees or meta)", name);
        return -1;
    }
    t->name = name;
    if (b.oom) {
        snprintf(err, errlen, "out of memory while building the %s table", name);
        return -1;
    }
    return 0;
}

void rt_free(rt_table *t)
{
    for (size_t i = 0; i < t->ncols; i++) free(t->head[i]);
    for (size_t i = 0; i < t->nrows * t->ncols; i++) free(t->cells[i].text);
    free(t->head);
    free(t->width);
    free(t->cells);
    free(t->row_style);
    memset(t, 0, sizeof *t);
}
