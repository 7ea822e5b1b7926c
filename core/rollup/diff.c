/*
 * diff.c — `kyojin diff OLD.json NEW.json`: what changed between two results.
 *
 * Bodies are matched by their 団体コード (body.code); a declaration without a code (an
 * older result, or an entry that could not be read) falls back to its file, taken relative
 * to the folder all the declarations of its result share, so two years' folders match file
 * by file. A code that appears twice in one result is listed and its declarations are
 * matched by file only. Findings are matched by (policy id, JSON pointer) within a body;
 * risk values by (asset, threat) row and by attack-tree scenario.
 *
 * Reported: newly failing findings (fail, warn, error), fixed findings, newly waived
 * findings, expired waivers (waived before, failing now), risk values that moved, bodies
 * whose compliance changed, declarations that no longer evaluate, bodies added, removed or
 * moved to another file, and duplicated codes. Exit 1 when anything got worse (a newly
 * failing finding of a policy not at level preview, an expired waiver, a worse risk value, lost compliance, a declaration
 * that does not evaluate) or a code is duplicated (which body is which is then unclear),
 * so CI can gate on it.
 *
 * Risk in a result of schema v2 with risk.detail "summary" keeps only the A and B rows: a
 * row present before as A or B and absent now is below B now ("C or lower"), a row absent
 * before and A or B now was below B before, and the values below B are compared by the
 * per-letter counts (risk.counts, risk.tree_counts).
 *
 * Both documents are streamed one declaration at a time (rollup_stream) and
 * reduced to small digests, so national results are compared in bounded memory.
 */
#include "rollup/rollup.h"
#include "util/cjson_cs.h"
#include "util/atomic_out.h"
#include "util/strutil.h"

#include <stdlib.h>
#include <string.h>

/* ---- digests ------------------------------------------------------------- */

enum { RISK_ROWS, RISK_TREES, RISK_KINDS };

/* The risk values of one declaration, "<key>\0<value>\0" with key "a\x1f<asset>\x1f<threat>"
 * or "t\x1f<scenario>", in one buffer (a national result has some 450,000 rows): `order` in
 * document order, `sorted` by key for lookup; a repeated key keeps its first value. */
typedef struct {
    char *buf;
    size_t len, cap;
    size_t *offs; /* while being filled */
    size_t n, ocap;
    const char **order, **sorted;
} rowset;

static int rowset_add(rowset *rs, const char *kind, const char *a, const char *b, const char *value)
{
    size_t need = strlen(kind) + strlen(a) + (b ? strlen(b) + 1 : 0) + strlen(value) + 4;
    if (rs->len + need > rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 1024;
        while (cap < rs->len + need) cap *= 2;
        char *nb = realloc(rs->buf, cap);
        if (!nb) return -1;
        rs->buf = nb;
        rs->cap = cap;
    }
    if (rs->n == rs->ocap) {
        size_t cap = rs->ocap ? rs->ocap * 2 : 64;
        size_t *no = realloc(rs->offs, cap * sizeof *no);
        if (!no) return -1;
        rs->offs = no;
        rs->ocap = cap;
    }
    rs->offs[rs->n++] = rs->len;
    char *p = rs->buf + rs->len;
    int w = b ? sprintf(p, "%s\x1f%s\x1f%s", kind, a, b) : sprintf(p, "%s\x1f%s", kind, a);
    w += 1 + sprintf(p + w + 1, "%s", value);
    rs->len += (size_t)w + 1;
    return 0;
}

static int by_key_then_place(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    int c = strcmp(x, y);
    return c ? c : (x > y) - (x < y);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Done filling: the entries as pointers, in both orders, without repeated keys. */
static int rowset_seal(rowset *rs)
{
    size_t n = rs->n;
    rs->order = malloc((n ? n : 1) * sizeof *rs->order);
    rs->sorted = malloc((n ? n : 1) * sizeof *rs->sorted);
    if (!rs->order || !rs->sorted) return -1;
    for (size_t i = 0; i < n; i++) rs->order[i] = rs->sorted[i] = rs->buf + rs->offs[i];
    free(rs->offs);
    rs->offs = NULL;
    qsort(rs->sorted, n, sizeof *rs->sorted, by_key_then_place);
    size_t m = 0, dropped = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && strcmp(rs->sorted[m - 1], rs->sorted[i]) == 0) {
            /* a later row with the same key: drop it from the document order too */
            for (size_t k = 0; k < n; k++)
                if (rs->order[k] == rs->sorted[i]) rs->order[k] = NULL;
            dropped++;
            continue;
        }
        rs->sorted[m++] = rs->sorted[i];
    }
    if (dropped) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (rs->order[i]) rs->order[k++] = rs->order[i];
    }
    rs->n = m;
    return 0;
}

/* The value of key in rs, or NULL. */
static const char *rowset_get(const rowset *rs, const char *key)
{
    const char *const *hit =
        rs->n ? bsearch(&key, rs->sorted, rs->n, sizeof *rs->sorted, by_key) : NULL;
    return hit ? *hit + strlen(*hit) + 1 : NULL;
}

static const char *row_value(const char *entry)
{
    return entry + strlen(entry) + 1;
}

static void rowset_free(rowset *rs)
{
    free(rs->buf);
    free(rs->offs);
    free(rs->order);
    free(rs->sorted);
}

/* What the comparison needs of one declaration result. */
typedef struct {
    char *file, *name, *code; /* code "" when the result names none */
    const char *rel;          /* file without the folder its result's files share */
    size_t idx;               /* position in its document */
    int compliant, error;
    int risk_summary;           /* risk.detail "summary": only the A and B rows are present */
    int has_counts[RISK_KINDS]; /* risk.counts / risk.tree_counts present */
    int counts[RISK_KINDS][5];  /* per letter A … E */
    /* "<policy>\x1f<pointer>" -> {status, policy, level, pointer, line, column, message, waiver} */
    cJSON *f;
    rowset r;   /* the risk values */
    int dup;    /* its code appears more than once in its result */
    long match; /* index of the matched digest in the other result, -1 */
} digest;

typedef struct {
    digest *v;
    size_t n, cap;
    cJSON *header; /* the document without its declarations (policy catalog of v2) */
    int oom;
} digest_set;

static void digest_set_free(digest_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].file);
        free(s->v[i].name);
        free(s->v[i].code);
        cJSON_Delete(s->v[i].f);
        rowset_free(&s->v[i].r);
    }
    free(s->v);
    cJSON_Delete(s->header);
    memset(s, 0, sizeof *s);
}

static int non_passing(const char *s)
{
    return strcmp(s, "fail") == 0 || strcmp(s, "warn") == 0 || strcmp(s, "error") == 0;
}

static char *join(const char *a, const char *b, const char *c)
{
    size_t l = strlen(a) + strlen(b) + (c ? strlen(c) + 1 : 0) + 2;
    char *k = malloc(l);
    if (!k) return NULL;
    if (c)
        snprintf(k, l, "%s\x1f%s\x1f%s", a, b, c);
    else
        snprintf(k, l, "%s\x1f%s", a, b);
    return k;
}

/* Record a non-passing or waived finding (f NULL: a policy that errored without findings). */
static int add_finding(const cJSON *header, cJSON *fmap, const cJSON *p, const cJSON *f,
                       const char *status)
{
    const char *id = json_str_or(p, "id", "");
    const char *ptr = f ? json_str_or(f, "pointer", "") : "";
    char *key = join(id, ptr, NULL);
    if (!key) return -1;
    if (cJSON_GetObjectItemCaseSensitive(fmap, key)) {
        free(key);
        return 0;
    }
    cJSON *e = cJSON_CreateObject();
    if (!e) {
        free(key);
        return -1;
    }
    cJSON_AddItemToObject(fmap, key, e);
    free(key);
    add_str(e, "status", status);
    add_str(e, "policy", id);
    add_str(e, "level", rollup_policy_meta_str(header, p, "level", ""));
    add_str(e, "pointer", ptr);
    const cJSON *line = json_get(f, "line"), *col = json_get(f, "column");
    if (cJSON_IsNumber(line)) add_num(e, "line", line->valuedouble);
    if (cJSON_IsNumber(col)) add_num(e, "column", col->valuedouble);
    const cJSON *msg = f ? json_get(f, "message") : json_get(p, "reason");
    if (!msg || cJSON_IsNull(msg)) msg = rollup_policy_meta(header, p, "title");
    add_cs(e, "message", msg ? cJSON_Duplicate(msg, 1) : cJSON_CreateNull());
    const cJSON *w = json_get(f, "waiver");
    if (w && !cJSON_IsNull(w)) add_cs(e, "waiver", cJSON_Duplicate(w, 1));
    return 0;
}

static void read_counts(const cJSON *c, int *has, int *counts)
{
    static const char *const letters[] = {"A", "B", "C", "D", "E"};
    *has = cJSON_IsObject(c);
    for (int i = 0; i < 5; i++) counts[i] = json_int(c, letters[i], 0);
}

/* The members before "declarations" (the v2 catalog), which every declaration is read with. */
static int digest_head(const cJSON *head, void *ctx)
{
    digest_set *set = ctx;
    cJSON_Delete(set->header);
    if ((set->header = cJSON_Duplicate(head, 1))) return 0;
    set->oom = 1;
    return -1;
}

static int digest_fill(digest *g, const cJSON *d, const cJSON *header)
{
    const cJSON *body = json_get(d, "body");
    g->file = str_dup(json_str_or(d, "file", ""));
    g->name = str_dup(json_str_or(body, "name", ""));
    g->code = str_dup(json_str_or(body, "code", ""));
    g->f = cJSON_CreateObject();
    g->match = -1;
    if (!g->file || !g->name || !g->code || !g->f) return -1;
    g->compliant = json_true(d, "compliant");
    const cJSON *derr = json_get(d, "error");
    g->error = derr && !cJSON_IsNull(derr);
    const cJSON *p, *f;
    cJSON_ArrayForEach(p, json_get(d, "policies")) {
        int any = 0;
        const char *level = rollup_policy_meta_str(header, p, "level", "");
        cJSON_ArrayForEach(f, json_get(p, "findings")) {
            const char *s = json_str_or(f, "status", "");
            if (strcmp(s, "fail") == 0 && strcmp(level, "recommended") == 0) s = "warn";
            if (non_passing(s) || strcmp(s, "waived") == 0) {
                if (add_finding(header, g->f, p, f, s) != 0) return -1;
                any = 1;
            }
        }
        if (!any && strcmp(json_str_or(p, "status", ""), "error") == 0)
            if (add_finding(header, g->f, p, NULL, "error") != 0) return -1;
    }
    const cJSON *risk = json_get(d, "risk");
    g->risk_summary = strcmp(json_str_or(risk, "detail", "full"), "summary") == 0;
    read_counts(json_get(risk, "counts"), &g->has_counts[RISK_ROWS], g->counts[RISK_ROWS]);
    read_counts(json_get(risk, "tree_counts"), &g->has_counts[RISK_TREES], g->counts[RISK_TREES]);
    const cJSON *row;
    cJSON_ArrayForEach(row, json_get(risk, "asset_rows")) {
        const char *v = json_str(row, "risk_value");
        if (v && v[0] &&
            rowset_add(&g->r, "a", json_str_or(row, "asset", ""), json_str_or(row, "threat", ""),
                       v) != 0)
            return -1;
    }
    cJSON_ArrayForEach(row, json_get(risk, "attack_trees")) {
        const char *v = json_str(row, "risk_value");
        if (v && v[0] && rowset_add(&g->r, "t", json_str_or(row, "scenario", ""), NULL, v) != 0)
            return -1;
    }
    return rowset_seal(&g->r);
}

static int digest_decl(const cJSON *d, void *ctx)
{
    digest_set *set = ctx;
    if (set->n == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        digest *v = realloc(set->v, cap * sizeof *v);
        if (!v) {
            set->oom = 1;
            return 1;
        }
        set->v = v;
        set->cap = cap;
    }
    digest *g = &set->v[set->n];
    memset(g, 0, sizeof *g);
    g->idx = set->n++;
    if (digest_fill(g, d, set->header) != 0) {
        set->oom = 1;
        return 1;
    }
    return 0;
}

/* ---- matching ------------------------------------------------------------- */

/* Each file without the longest folder prefix ("dir/") all files of the set share. */
static void set_relative_paths(digest_set *s)
{
    size_t keep = 0;
    for (size_t i = 0; i < s->n; i++) {
        const char *f = s->v[i].file;
        if (i == 0) {
            const char *slash = strrchr(f, '/');
            keep = slash ? (size_t)(slash - f) + 1 : 0;
            continue;
        }
        size_t j = 0;
        while (j < keep && f[j] == s->v[0].file[j]) j++;
        while (j > 0 && s->v[0].file[j - 1] != '/') j--;
        keep = j;
    }
    for (size_t i = 0; i < s->n; i++) s->v[i].rel = s->v[i].file + keep;
}

static int by_code(const void *a, const void *b)
{
    const digest *x = *(digest *const *)a, *y = *(digest *const *)b;
    int c = strcmp(x->code, y->code);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

static int by_rel(const void *a, const void *b)
{
    const digest *x = *(digest *const *)a, *y = *(digest *const *)b;
    int c = strcmp(x->rel, y->rel);
    return c ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* The digests of s with a code (sorted by code) or all of them (sorted by relative file). */
static digest **sorted(const digest_set *s, int code, size_t *n)
{
    digest **v = malloc((s->n ? s->n : 1) * sizeof *v);
    if (!v) return NULL;
    *n = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!code || s->v[i].code[0]) v[(*n)++] = &s->v[i];
    qsort(v, *n, sizeof *v, code ? by_code : by_rel);
    return v;
}

/* The first position in v[0..n) (sorted by cmp's field) whose field equals key, or n. */
static size_t lower_bound(digest *const *v, size_t n, const char *key, int code)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(code ? v[mid]->code : v[mid]->rel, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Mark the codes of s that appear more than once and list them in dups. */
static void mark_duplicates(digest *const *v, size_t n, const char *side, cJSON *dups)
{
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(v[j]->code, v[i]->code) == 0) j++;
        if (j - i > 1) {
            cJSON *x = cJSON_CreateObject();
            add_str(x, "code", v[i]->code);
            add_str(x, "body", v[i]->name);
            add_str(x, "result", side);
            cJSON *files = add_arr(x, "files");
            for (size_t k = i; k < j; k++) {
                v[k]->dup = 1;
                cJSON_AddItemToArray(files, cJSON_CreateString(v[k]->file));
            }
            cJSON_AddItemToArray(dups, x);
        }
        i = j;
    }
}

/* Match new against old: by unique code, then by relative file where no code contradicts. */
static int match_sets(digest_set *os, digest_set *ns, cJSON *dups)
{
    size_t noc, nnc, nor;
    digest **oc = sorted(os, 1, &noc), **nc = sorted(ns, 1, &nnc), **orl = sorted(os, 0, &nor);
    int rc = -1;
    if (!oc || !nc || !orl) goto done;
    mark_duplicates(oc, noc, "old", dups);
    mark_duplicates(nc, nnc, "new", dups);
    for (size_t i = 0; i < ns->n; i++) {
        digest *g = &ns->v[i];
        if (!g->code[0] || g->dup) continue;
        size_t k = lower_bound(oc, noc, g->code, 1);
        if (k < noc && strcmp(oc[k]->code, g->code) == 0 && !oc[k]->dup) {
            g->match = (long)oc[k]->idx;
            oc[k]->match = (long)g->idx;
        }
    }
    for (size_t i = 0; i < ns->n; i++) {
        digest *g = &ns->v[i];
        if (g->match >= 0) continue;
        for (size_t k = lower_bound(orl, nor, g->rel, 0); k < nor && !strcmp(orl[k]->rel, g->rel);
             k++) {
            digest *o = orl[k];
            if (o->match >= 0) continue;
            if (o->code[0] && g->code[0] && strcmp(o->code, g->code) != 0) continue;
            g->match = (long)o->idx;
            o->match = (long)g->idx;
            break;
        }
    }
    rc = 0;
done:
    free(oc);
    free(nc);
    free(orl);
    return rc;
}

/* ---- comparison ----------------------------------------------------------- */

/* Risk values A (worst) … E (best) → 5 … 1; 0 when unknown. */
static int risk_rank(const char *v)
{
    if (v[0] >= 'A' && v[0] <= 'E' && v[1] == '\0') return 5 - (v[0] - 'A');
    return 0;
}

/* The value of a row absent from a result whose risk detail is "summary". */
#define BELOW_B "below_B"

static cJSON *body_entry(const digest *g)
{
    cJSON *x = cJSON_CreateObject();
    add_str(x, "file", g->file);
    add_str(x, "body", g->name);
    add_str(x, "code", g->code);
    return x;
}

static cJSON *entry(const digest *g, const cJSON *e, const char *old_status, const char *new_status)
{
    cJSON *x = body_entry(g);
    add_str(x, "policy", json_str_or(e, "policy", ""));
    add_str(x, "level", json_str_or(e, "level", ""));
    add_str(x, "pointer", json_str_or(e, "pointer", ""));
    add_cs(x, "old_status", old_status ? cJSON_CreateString(old_status) : cJSON_CreateNull());
    add_cs(x, "new_status", new_status ? cJSON_CreateString(new_status) : cJSON_CreateNull());
    const cJSON *line = json_get(e, "line"), *col = json_get(e, "column");
    if (cJSON_IsNumber(line)) add_num(x, "line", line->valuedouble);
    if (cJSON_IsNumber(col)) add_num(x, "column", col->valuedouble);
    const cJSON *m = json_get(e, "message");
    add_cs(x, "message", m ? cJSON_Duplicate(m, 1) : cJSON_CreateNull());
    const cJSON *w = json_get(e, "waiver");
    if (w) add_cs(x, "waiver", cJSON_Duplicate(w, 1));
    return x;
}

static cJSON *list(cJSON *out, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(out, name);
}

/* One moved risk value: key "a\x1fasset\x1fthreat" or "t\x1fscenario". */
static void risk_row(cJSON *out, const digest *g, const char *key, const char *from, const char *to,
                     const char *direction)
{
    cJSON *x = body_entry(g);
    const char *a = key + 2, *sep = strchr(a, '\x1f');
    size_t alen = sep ? (size_t)(sep - a) : strlen(a);
    char *first = malloc(alen + 1);
    if (first) {
        memcpy(first, a, alen);
        first[alen] = '\0';
    }
    if (key[0] == 'a') {
        add_str(x, "kind", "asset");
        add_str(x, "asset", first ? first : "");
        add_str(x, "threat", sep ? sep + 1 : "");
    } else {
        add_str(x, "kind", "attack_tree");
        add_str(x, "scenario", first ? first : "");
    }
    free(first);
    add_str(x, "from", from);
    add_str(x, "to", to);
    add_str(x, "direction", direction);
    cJSON_AddItemToArray(list(out, "risk"), x);
}

static cJSON *counts_json(const int *c)
{
    static const char *const letters[] = {"A", "B", "C", "D", "E"};
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < 5; i++) add_num(o, letters[i], c[i]);
    return o;
}

/* The values below B of a body compared by the per-letter counts, when one side keeps only
 * the A and B rows. W(t) = the rows at t or worse. Worse when W(C) or W(D) grew by more than
 * the rows added and the rows seen rising from below B to A or B (`up`, each of which may add
 * one); otherwise, when rows crossed B (`crossed`: told row by row already), nothing more;
 * better when no row was added or removed and no W(t) grew; changed when rows came and went
 * (the direction cannot be told). */
static void risk_counts(cJSON *out, const digest *og, const digest *ng, int kind, int up,
                        int crossed)
{
    const int *o = og->counts[kind], *n = ng->counts[kind];
    if (!og->has_counts[kind] || !ng->has_counts[kind]) return;
    if (o[2] == n[2] && o[3] == n[3] && o[4] == n[4]) return;
    int to = 0, tn = 0, wo[5], wn[5];
    for (int i = 0; i < 5; i++) {
        to += o[i];
        tn += n[i];
        wo[i] = to;
        wn[i] = tn;
    }
    int added = tn > to ? tn - to : 0;
    int worse = wn[2] - wo[2] > added + up || wn[3] - wo[3] > added + up;
    if (!worse && crossed) return;
    int grew = 0;
    for (int i = 0; i < 4; i++) grew |= wn[i] > wo[i];
    const char *dir = worse ? "worse" : (to == tn && !grew) ? "better" : "changed";
    cJSON *x = body_entry(ng);
    add_str(x, "kind", kind == RISK_ROWS ? "asset_counts" : "tree_counts");
    add_cs(x, "from", counts_json(o));
    add_cs(x, "to", counts_json(n));
    add_str(x, "direction", dir);
    cJSON_AddItemToArray(list(out, "risk"), x);
}

static void compare_risk(cJSON *out, const digest *og, const digest *ng)
{
    int up[RISK_KINDS] = {0}, crossed[RISK_KINDS] = {0};
    for (size_t i = 0; i < ng->r.n; i++) {
        const char *key = ng->r.order[i], *nv = row_value(key);
        const char *ov = rowset_get(&og->r, key);
        int k = key[0] == 'a' ? RISK_ROWS : RISK_TREES;
        if (ov) {
            if (strcmp(ov, nv) != 0)
                risk_row(out, ng, key, ov, nv, risk_rank(nv) > risk_rank(ov) ? "worse" : "better");
        } else if (og->risk_summary && risk_rank(nv) >= 4) {
            risk_row(out, ng, key, BELOW_B, nv, "worse");
            up[k]++;
            crossed[k] = 1;
        }
    }
    for (size_t i = 0; ng->risk_summary && i < og->r.n; i++) {
        const char *key = og->r.order[i], *ov = row_value(key);
        if (rowset_get(&ng->r, key) || risk_rank(ov) < 4) continue;
        risk_row(out, ng, key, ov, BELOW_B, "better");
        crossed[key[0] == 'a' ? RISK_ROWS : RISK_TREES] = 1;
    }
    if (og->risk_summary || ng->risk_summary)
        for (int k = 0; k < RISK_KINDS; k++) risk_counts(out, og, ng, k, up[k], crossed[k]);
}

static void compare_decl(const digest *og, const digest *ng, cJSON *out)
{
    cJSON *newly = list(out, "newly_failing"), *fixed = list(out, "fixed");
    cJSON *waived = list(out, "newly_waived"), *expired = list(out, "expired_waivers");
    const cJSON *e;

    if (strcmp(og->rel, ng->rel) != 0) {
        cJSON *x = body_entry(ng);
        add_str(x, "old_file", og->file);
        cJSON_AddItemToArray(list(out, "moved"), x);
    }
    if (ng->error && !og->error) { /* the new entry names no body: say which one it was */
        cJSON *x = body_entry(og);
        cJSON_ReplaceItemInObjectCaseSensitive(x, "file", cJSON_CreateString(ng->file));
        cJSON_AddItemToArray(list(out, "declaration_errors"), x);
    }
    if (og->error || ng->error) return; /* nothing to compare finding by finding */

    cJSON_ArrayForEach(e, ng->f) {
        const char *ns = json_str_or(e, "status", "");
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(og->f, e->string);
        const char *os = o ? json_str_or(o, "status", "") : NULL;
        if (non_passing(ns)) {
            if (os && strcmp(os, "waived") == 0)
                cJSON_AddItemToArray(expired, entry(ng, o, os, ns));
            else if (!os)
                cJSON_AddItemToArray(newly, entry(ng, e, NULL, ns));
        } else if (strcmp(ns, "waived") == 0) {
            if (!os || strcmp(os, "waived") != 0)
                cJSON_AddItemToArray(waived, entry(ng, e, os, ns));
        }
    }
    cJSON_ArrayForEach(e, og->f) {
        const char *os = json_str_or(e, "status", "");
        if (!non_passing(os)) continue;
        if (!cJSON_GetObjectItemCaseSensitive(ng->f, e->string))
            cJSON_AddItemToArray(fixed, entry(ng, e, os, NULL));
    }

    compare_risk(out, og, ng);

    if (og->compliant != ng->compliant) {
        cJSON *x = body_entry(ng);
        add_bool(x, "from", og->compliant);
        add_bool(x, "to", ng->compliant);
        cJSON_AddItemToArray(list(out, "compliance"), x);
    }
}

static int count_dir(const cJSON *arr, const char *key, const char *want)
{
    int n = 0;
    const cJSON *x;
    cJSON_ArrayForEach(x, arr) {
        const cJSON *v = json_get(x, key);
        if (cJSON_IsString(v)
                ? strcmp(v->valuestring, want) == 0
                : (cJSON_IsBool(v) && (cJSON_IsTrue(v) == (strcmp(want, "true") == 0))))
            n++;
    }
    return n;
}

static const char *const diff_lists[] = {
    "newly_failing", "fixed",      "newly_waived",       "expired_waivers",
    "risk",          "compliance", "declaration_errors", "added",
    "removed",       "moved",      "duplicate_codes"};

/* Compare two digest sets into a diff document (kyojin/diff/v2); NULL when out of memory. */
static cJSON *diff_digests(digest_set *os, digest_set *ns, const char *old_path,
                           const char *new_path)
{
    cJSON *out = cJSON_CreateObject();
    if (!out) return NULL;
    add_str(out, "schema", "kyojin/diff/v2");
    add_str(out, "old", old_path);
    add_str(out, "new", new_path);
    cJSON *counts = add_obj(out, "counts");
    for (size_t i = 0; i < sizeof diff_lists / sizeof diff_lists[0]; i++)
        add_arr(out, diff_lists[i]);
    set_relative_paths(os);
    set_relative_paths(ns);
    if (match_sets(os, ns, list(out, "duplicate_codes")) != 0) {
        cJSON_Delete(out);
        return NULL;
    }

    for (size_t i = 0; i < ns->n; i++) {
        const digest *g = &ns->v[i];
        if (g->match >= 0) {
            compare_decl(&os->v[g->match], g, out);
            continue;
        }
        cJSON_AddItemToArray(list(out, "added"), body_entry(g));
        /* a declaration that does not evaluate is no better for being new */
        if (g->error) cJSON_AddItemToArray(list(out, "declaration_errors"), body_entry(g));
    }
    for (size_t i = 0; i < os->n; i++)
        if (os->v[i].match < 0) cJSON_AddItemToArray(list(out, "removed"), body_entry(&os->v[i]));

    /* a policy of level preview is being rolled out and decides nothing: its new findings are
     * listed, never a regression */
    int n_preview = count_dir(list(out, "newly_failing"), "level", "preview");
    int n_new = cJSON_GetArraySize(list(out, "newly_failing")) - n_preview;
    int n_exp = cJSON_GetArraySize(list(out, "expired_waivers"));
    int n_err = cJSON_GetArraySize(list(out, "declaration_errors"));
    int n_dup = cJSON_GetArraySize(list(out, "duplicate_codes"));
    const cJSON *risk = list(out, "risk"), *comp = list(out, "compliance");
    int r_worse = count_dir(risk, "direction", "worse");
    int c_lost = count_dir(comp, "to", "false");
    add_num(counts, "newly_failing", n_new + n_preview);
    add_num(counts, "newly_failing_preview", n_preview);
    add_num(counts, "fixed", cJSON_GetArraySize(list(out, "fixed")));
    add_num(counts, "newly_waived", cJSON_GetArraySize(list(out, "newly_waived")));
    add_num(counts, "expired_waivers", n_exp);
    add_num(counts, "risk_worse", r_worse);
    add_num(counts, "risk_better", count_dir(risk, "direction", "better"));
    add_num(counts, "risk_changed", count_dir(risk, "direction", "changed"));
    add_num(counts, "compliance_lost", c_lost);
    add_num(counts, "compliance_gained", cJSON_GetArraySize(comp) - c_lost);
    add_num(counts, "declaration_errors", n_err);
    add_num(counts, "added", cJSON_GetArraySize(list(out, "added")));
    add_num(counts, "removed", cJSON_GetArraySize(list(out, "removed")));
    add_num(counts, "moved", cJSON_GetArraySize(list(out, "moved")));
    add_num(counts, "duplicate_codes", n_dup);
    add_bool(out, "worse", n_new || n_exp || n_err || r_worse || c_lost || n_dup);
    return out;
}

/* ---- text output ------------------------------------------------------------ */

static const char *tr(const char *lang, const char *ja, const char *en)
{
    return lang && strcmp(lang, "en") == 0 ? en : ja;
}

static void text_findings(FILE *out, const char *heading, const cJSON *arr, const char *lang)
{
    fprintf(out, "%s: %d\n", heading, cJSON_GetArraySize(arr));
    const cJSON *x;
    cJSON_ArrayForEach(x, arr) {
        const char *os = json_str_or(x, "old_status", ""), *ns = json_str_or(x, "new_status", "");
        const char *ptr = json_str_or(x, "pointer", "");
        fprintf(out, "  %s  %s %s", json_str_or(x, "file", ""), json_str_or(x, "policy", ""),
                ptr[0] ? ptr : "/");
        const cJSON *line = json_get(x, "line"), *col = json_get(x, "column");
        if (cJSON_IsNumber(line))
            fprintf(out, " (%d:%d)", line->valueint, cJSON_IsNumber(col) ? col->valueint : 1);
        fprintf(out, "  %s → %s", os[0] ? rollup_status_word(os, lang) : "-",
                ns[0] ? rollup_status_word(ns, lang) : "-");
        const char *m = rollup_text(json_get(x, "message"), lang);
        if (m[0]) fprintf(out, "  %s", m);
        fputc('\n', out);
    }
}

static const char *risk_word(const char *v, const char *lang)
{
    return strcmp(v, BELOW_B) == 0 ? tr(lang, "C 以下", "C or lower") : v;
}

static const char *direction_word(const char *d, const char *lang)
{
    if (strcmp(d, "worse") == 0) return tr(lang, "悪化", "worse");
    if (strcmp(d, "better") == 0) return tr(lang, "改善", "better");
    return tr(lang, "行の増減があり上下は不明", "rows came and went, direction unknown");
}

/* "code name  " of a body, or nothing when the result names no code */
static void text_body(FILE *out, const cJSON *x)
{
    const char *code = json_str_or(x, "code", ""), *name = json_str_or(x, "body", "");
    if (code[0]) fprintf(out, "%s %s  ", code, name);
}

static void text_risk(FILE *out, const cJSON *risk, const cJSON *c, const char *lang)
{
    fprintf(out, "%s: %d (%s %d, %s %d", tr(lang, "リスク値の変化", "Risk values moved"),
            cJSON_GetArraySize(risk), tr(lang, "悪化", "worse"), json_int(c, "risk_worse", 0),
            tr(lang, "改善", "better"), json_int(c, "risk_better", 0));
    if (json_int(c, "risk_changed", 0))
        fprintf(out, ", %s %d", tr(lang, "上下不明", "direction unknown"),
                json_int(c, "risk_changed", 0));
    fputs(")\n", out);
    const cJSON *x;
    cJSON_ArrayForEach(x, risk) {
        const char *kind = json_str_or(x, "kind", "");
        fprintf(out, "  %s  ", json_str_or(x, "file", ""));
        if (strcmp(kind, "asset") == 0 || strcmp(kind, "attack_tree") == 0) {
            if (strcmp(kind, "asset") == 0)
                fprintf(out, "%s / %s", json_str_or(x, "asset", ""), json_str_or(x, "threat", ""));
            else
                fprintf(out, "%s %s", tr(lang, "攻撃ツリー", "attack tree"),
                        json_str_or(x, "scenario", ""));
            fprintf(out, "  %s → %s\n", risk_word(json_str_or(x, "from", ""), lang),
                    risk_word(json_str_or(x, "to", ""), lang));
            continue;
        }
        /* per-letter counts of the values below B */
        fprintf(out, "%s C/D/E  ",
                strcmp(kind, "tree_counts") == 0
                    ? tr(lang, "攻撃ツリーのリスク値の件数", "attack trees per risk value")
                    : tr(lang, "資産のリスク値の件数", "asset rows per risk value"));
        const cJSON *f = json_get(x, "from"), *t = json_get(x, "to");
        fprintf(out, "%d/%d/%d → %d/%d/%d  (%s)\n", json_int(f, "C", 0), json_int(f, "D", 0),
                json_int(f, "E", 0), json_int(t, "C", 0), json_int(t, "D", 0), json_int(t, "E", 0),
                direction_word(json_str_or(x, "direction", ""), lang));
    }
}

static void text_bodies(FILE *out, const char *heading, const cJSON *arr)
{
    fprintf(out, "%s: %d\n", heading, cJSON_GetArraySize(arr));
    const cJSON *x;
    cJSON_ArrayForEach(x, arr) {
        fputs("  ", out);
        text_body(out, x);
        const char *old = json_str(x, "old_file");
        if (old) fprintf(out, "%s → ", old);
        fprintf(out, "%s\n", json_str_or(x, "file", ""));
    }
}

static void write_text(FILE *out, const cJSON *d, const char *lang)
{
    const cJSON *c = json_get(d, "counts"), *x;
    fprintf(out, "%s: %s → %s\n", tr(lang, "比較", "Comparing"), json_str_or(d, "old", ""),
            json_str_or(d, "new", ""));
    text_findings(out, tr(lang, "新たな不適合・推奨未達・評価エラー", "Newly failing"),
                  json_get(d, "newly_failing"), lang);
    text_findings(out, tr(lang, "解消", "Fixed"), json_get(d, "fixed"), lang);
    text_findings(out, tr(lang, "新たな例外承認", "Newly waived"), json_get(d, "newly_waived"),
                  lang);
    text_findings(out, tr(lang, "期限切れ・取消しの例外承認", "Expired waivers"),
                  json_get(d, "expired_waivers"), lang);
    text_risk(out, json_get(d, "risk"), c, lang);
    const cJSON *comp = json_get(d, "compliance");
    fprintf(out, "%s: %d\n", tr(lang, "準拠の変化", "Compliance changed"),
            cJSON_GetArraySize(comp));
    cJSON_ArrayForEach(x, comp) {
        fputs("  ", out);
        text_body(out, x);
        fprintf(out, "%s  %s → %s\n", json_str_or(x, "file", ""),
                json_true(x, "from") ? tr(lang, "準拠", "compliant")
                                     : tr(lang, "非準拠", "not compliant"),
                json_true(x, "to") ? tr(lang, "準拠", "compliant")
                                   : tr(lang, "非準拠", "not compliant"));
    }
    const cJSON *errs = json_get(d, "declaration_errors");
    if (cJSON_GetArraySize(errs))
        text_bodies(out, tr(lang, "評価できなくなった申告", "Declarations no longer evaluated"),
                    errs);
    text_bodies(out, tr(lang, "追加された申告", "Declarations added"), json_get(d, "added"));
    text_bodies(out, tr(lang, "削除された申告", "Declarations removed"), json_get(d, "removed"));
    text_bodies(out, tr(lang, "別のファイルに移った団体", "Bodies moved to another file"),
                json_get(d, "moved"));
    const cJSON *dups = json_get(d, "duplicate_codes");
    if (cJSON_GetArraySize(dups)) {
        fprintf(out, "%s: %d\n",
                tr(lang, "団体コードの重複（ファイル名で照合しました）",
                   "Duplicated body codes (matched by file name)"),
                cJSON_GetArraySize(dups));
        cJSON_ArrayForEach(x, dups) {
            int old = strcmp(json_str_or(x, "result", ""), "old") == 0;
            fprintf(out, "  %s  %s %s ", old ? tr(lang, "旧", "old") : tr(lang, "新", "new"),
                    json_str_or(x, "code", ""), json_str_or(x, "body", ""));
            const cJSON *f;
            int first = 1;
            cJSON_ArrayForEach(f, json_get(x, "files")) {
                fprintf(out, "%s%s", first ? " " : ", ", cJSON_IsString(f) ? f->valuestring : "");
                first = 0;
            }
            fputc('\n', out);
        }
    }
    fprintf(out, "%s\n",
            json_true(d, "worse") ? tr(lang, "判定: 悪化あり", "Result: something got worse")
                                  : tr(lang, "判定: 悪化なし", "Result: nothing got worse"));
}

/* ---- command ---------------------------------------------------------------- */

int cmd_diff(const rollup_args *a)
{
    const char *format = a->format ? a->format : "text", *lang = a->lang ? a->lang : "ja";
    int en = strcmp(lang, "en") == 0;
    if (a->ninputs != 2) {
        fputs(en ? "kyojin diff: expects exactly two result files (OLD.json NEW.json)\n"
                   "(see kyojin diff --help)\n"
                 : "kyojin diff: 結果ファイルをちょうど二つ（旧.json 新.json）指定してください\n"
                   "（kyojin diff --help を参照）\n",
              stderr);
        return ROLLUP_EXIT_USAGE;
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr,
                en ? "kyojin diff: unknown format \"%s\" (text, json)\n"
                   : "kyojin diff: 不明な出力形式です: %s（使える形式: text, json）\n",
                format);
        return ROLLUP_EXIT_USAGE;
    }

    char err[512];
    digest_set sets[2] = {{0}, {0}};
    int rc = ROLLUP_EXIT_INPUT;
    cJSON *out = NULL;
    for (int i = 0; i < 2; i++) {
        int r = rollup_stream(a->inputs[i], digest_head, digest_decl, NULL, &sets[i], NULL, lang,
                              err, sizeof err);
        if (r != 0 || sets[i].oom) {
            if (sets[i].oom)
                snprintf(err, sizeof err, "%s: %s", a->inputs[i],
                         tr(lang, "メモリが不足しています", "out of memory"));
            fprintf(stderr, "kyojin diff: %s\n", err);
            goto done;
        }
    }
    out = diff_digests(&sets[0], &sets[1], a->inputs[0], a->inputs[1]);
    if (!out) {
        fprintf(stderr, "kyojin diff: %s\n", tr(lang, "メモリが不足しています", "out of memory"));
        goto done;
    }
    atomic_out o;
    if (atomic_out_open(&o, a->output, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin diff: %s\n", err);
        rc = ROLLUP_EXIT_OUTPUT;
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        char *s = cJSON_Print(out);
        if (s) {
            fputs(s, o.fp);
            fputc('\n', o.fp);
            free(s);
        }
    } else {
        write_text(o.fp, out, lang);
    }
    if (atomic_out_commit(&o, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin diff: %s\n", err);
        rc = ROLLUP_EXIT_OUTPUT;
        goto done;
    }
    rc = json_true(out, "worse") ? ROLLUP_EXIT_FINDINGS : ROLLUP_EXIT_OK;
done:
    cJSON_Delete(out);
    digest_set_free(&sets[0]);
    digest_set_free(&sets[1]);
    return rc;
}
