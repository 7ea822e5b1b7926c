/* compare.c — where a report differs from the report its inputs give (kyojin verify).
 *
 * verify.c renders the report again and, when the bytes differ, asks this file where:
 * JSON and SARIF as parsed trees (JSON pointers, with the policy or rule id around them),
 * HTML, text and JUnit by line (section and policy, declaration and policy, testcase), CSV by
 * row and column, XLSX by unzipping both workbooks and comparing every sheet's cells (sheet
 * and A1 reference; shared strings resolved) and the other parts. Owns: the zip and CSV
 * readers verify needs. Does not own: rendering (core/cli through verify.h), the verdict. */
#define _POSIX_C_SOURCE 200809L
#include "audit/compare.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MEMBER_MAX ((size_t)256 << 20)

static int en;
#define MSG(ja, e) (en ? (e) : (ja))

/* ------------------------------------------------------------------ printing */

typedef struct {
    int found;
} tally;

/* At most 100 bytes of s[0..n) from `from` on stdout, cut at character boundaries, control
 * characters as '?' (a doctored report must not drive the terminal). */
static void excerpt(const char *s, size_t n, size_t from)
{
    while (from > 0 && from < n && ((unsigned char)s[from] & 0xC0) == 0x80) from--;
    if (from > n) from = n;
    size_t k = utf8_cut(s + from, n - from, 100);
    fputs(en ? "\"" : "「", stdout);
    fputs(from ? "…" : "", stdout);
    for (size_t i = from; i < from + k; i++) {
        unsigned char c = (unsigned char)s[i];
        putchar(c < 0x20 || c == 0x7f ? '?' : c);
    }
    fputs(from + k < n ? "…" : "", stdout);
    fputs(en ? "\"" : "」", stdout);
}

/* One difference: where, and the two values (NULL: absent). Counts it; prints the first
 * COMPARE_MAX_SHOWN. */
static void differ(tally *t, const char *where, const char *got, size_t gn, const char *want,
                   size_t wn)
{
    if (t->found++ >= COMPARE_MAX_SHOWN) return;
    size_t same = 0, from = 0; /* long values are shown from a little before they differ */
    while (got && want && same < gn && same < wn && got[same] == want[same]) same++;
    if (got && want && same > 40) from = same - 40;
    printf(MSG("  違い    %s\n", "  DIFFERS   %s\n"), where);
    fputs(MSG("            報告書:   ", "            report: "), stdout);
    if (got)
        excerpt(got, gn, from);
    else
        fputs(MSG("（ない）", "(absent)"), stdout);
    fputs(MSG("\n            入力から: ", "\n            inputs: "), stdout);
    if (want)
        excerpt(want, wn, from);
    else
        fputs(MSG("（ない）", "(absent)"), stdout);
    putchar('\n');
}

static int finish(tally *t)
{
    if (t->found > COMPARE_MAX_SHOWN)
        printf(MSG("  ほかに %d か所の違いがあります\n", "  and %d more differences\n"),
               t->found - COMPARE_MAX_SHOWN);
    return t->found;
}

/* ------------------------------------------------------------------ zip */

static uint32_t le32(const unsigned char *p)
{
    return p[0] | p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static unsigned le16(const unsigned char *p)
{
    return p[0] | p[1] << 8;
}

/* Calls f for each central directory entry (name, length, offset of the entry); stops when f
 * returns non-zero and returns that. -1 when the archive is damaged. */
static int zip_walk(const unsigned char *z, size_t n,
                    int (*f)(void *ctx, const unsigned char *z, size_t n, size_t off), void *ctx)
{
    size_t eocd = 0;
    if (n < 22) return -1;
    for (size_t i = n - 22 + 1; i-- > 0 && n - i <= 22 + 65535;)
        if (le32(z + i) == 0x06054b50) {
            eocd = i + 1;
            break;
        }
    if (!eocd--) return -1;
    size_t count = le16(z + eocd + 10), off = le32(z + eocd + 16);
    for (size_t k = 0; k < count; k++) {
        if (off + 46 > n || le32(z + off) != 0x02014b50) return -1;
        size_t fnl = le16(z + off + 28), xl = le16(z + off + 30), cl = le16(z + off + 32);
        if (off + 46 + fnl > n) return -1;
        int rc = f(ctx, z, n, off);
        if (rc) return rc;
        off += 46 + fnl + xl + cl;
    }
    return 0;
}

typedef struct {
    const char *name;
    char *out;
    size_t len;
    int bad;
} member_find;

static int inflate_entry(void *ctx, const unsigned char *z, size_t n, size_t off)
{
    member_find *m = ctx;
    size_t fnl = le16(z + off + 28), nl = strlen(m->name);
    if (fnl != nl || memcmp(z + off + 46, m->name, nl)) return 0;
    unsigned method = le16(z + off + 10);
    size_t csize = le32(z + off + 20), usize = le32(z + off + 24), lho = le32(z + off + 42);
    if (lho + 30 > n || le32(z + lho) != 0x04034b50) return -1;
    size_t data = lho + 30 + le16(z + lho + 26) + le16(z + lho + 28);
    if (data > n || csize > n - data || usize > MEMBER_MAX) return -1;
    char *out = malloc(usize + 1);
    if (!out) return -1;
    if (method == 0 && csize == usize)
        memcpy(out, z + data, usize);
    else if (method == 8) {
        z_stream s;
        memset(&s, 0, sizeof s);
        if (inflateInit2(&s, -15) != Z_OK) {
            free(out);
            return -1;
        }
        s.next_in = (unsigned char *)(z + data);
        s.avail_in = (uInt)csize;
        s.next_out = (unsigned char *)out;
        s.avail_out = (uInt)usize;
        int rc = inflate(&s, Z_FINISH);
        inflateEnd(&s);
        if (rc != Z_STREAM_END || s.total_out != usize) {
            free(out);
            return -1;
        }
    } else {
        free(out);
        return -1;
    }
    out[usize] = 0;
    m->out = out;
    m->len = usize;
    return 1;
}

char *zip_member(const unsigned char *z, size_t n, const char *name, size_t *len)
{
    member_find m = {name, NULL, 0, 0};
    if (zip_walk(z, n, inflate_entry, &m) != 1) return NULL;
    if (len) *len = m.len;
    return m.out;
}

static int add_name(void *ctx, const unsigned char *z, size_t n, size_t off)
{
    (void)n;
    strvec *v = ctx;
    size_t fnl = le16(z + off + 28);
    char *s = malloc(fnl + 1);
    if (!s) return -1;
    memcpy(s, z + off + 46, fnl);
    s[fnl] = 0;
    int rc = strvec_push(v, s);
    free(s);
    return rc ? -1 : 0;
}

/* ------------------------------------------------------------------ lines */

typedef struct {
    const char *p;
    size_t n;
} unit;

static size_t split_lines(const char *s, size_t n, unit **out)
{
    size_t cap = 64, k = 0;
    unit *u = malloc(cap * sizeof *u);
    for (size_t i = 0; u && i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - s) : n;
        if (k == cap) {
            unit *g = realloc(u, (cap *= 2) * sizeof *u);
            if (!g) {
                free(u);
                u = NULL;
                break;
            }
            u = g;
        }
        u[k++] = (unit){s + i, e - i};
        i = e + 1;
    }
    *out = u;
    return u ? k : 0;
}

static int unit_eq(unit a, unit b)
{
    return a.n == b.n && !memcmp(a.p, b.p, a.n);
}

/* The first line of s[0..n) containing needle, as a NUL-terminated copy of the text after
 * it up to `stop`, or NULL. */
static char *after(const char *s, size_t n, const char *needle, char stop)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (!memcmp(s + i, needle, k)) {
            size_t j = i + k;
            while (j < n && s[j] != stop) j++;
            char *r = malloc(j - i - k + 1);
            if (r) {
                memcpy(r, s + i + k, j - i - k);
                r[j - i - k] = 0;
            }
            return r;
        }
    return NULL;
}

static int has(unit u, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= u.n; i++)
        if (!memcmp(u.p + i, needle, k)) return 1;
    return 0;
}

/* Where line i of an HTML report is: its section (the nearest id= before it) and the policy
 * whose rows it is in (a findings table: the policy's heading row <tr class="ph …"> names it
 * in <b>, its rows follow until the next heading row or the table's end). */
static void where_html(const unit *l, size_t i, char *buf, size_t cap)
{
    char *section = NULL, *policy = NULL;
    int policy_closed = 0;
    for (size_t j = i + 1; j-- > 0 && !section;) {
        if (!policy && !policy_closed) {
            if (has(l[j], "<tr class=\"ph ")) {
                char *h = after(l[j].p, l[j].n, "<b>", '<');
                if (h) {
                    char *sp = strchr(h, ' ');
                    if (sp) *sp = 0;
                    policy = h;
                }
            } else if (j < i && (has(l[j], "</tbody>") || has(l[j], "<thead>")))
                policy_closed = 1;
        }
        section = after(l[j].p, l[j].n, " id=\"", '"');
    }
    if (!policy && (policy = after(l[i].p, l[i].n, "<tr><td>", '<')) &&
        !(policy[0] >= 'A' && policy[0] <= 'Z' && policy[1] >= 'A' && policy[1] <= 'Z' &&
          policy[2] == '-')) { /* a row of a table of policies names its policy first */
        free(policy);
        policy = NULL;
    }
    if (policy)
        snprintf(buf, cap,
                 MSG("%zu 行目（節 %s、ポリシー %s）", "line %zu (section %s, policy %s)"), i + 1,
                 section ? section : "-", policy);
    else
        snprintf(buf, cap, MSG("%zu 行目（節 %s）", "line %zu (section %s)"), i + 1,
                 section ? section : MSG("文書の先頭", "document head"));
    free(section);
    free(policy);
}

/* Line i of a text report: the declaration and the policy it belongs to. */
static void where_text(const unit *l, size_t i, char *buf, size_t cap)
{
    char *decl = NULL, *policy = NULL;
    int in_policy = 1;
    if (has(l[i], "# kyojin-report ")) {
        snprintf(buf, cap,
                 MSG("%zu 行目（末尾の記録 # kyojin-report）",
                     "line %zu (the trailing record # kyojin-report)"),
                 i + 1);
        return;
    }
    for (size_t j = i + 1; j-- > 0 && !decl;) {
        unit u = l[j];
        if (in_policy && !policy && u.n > 5 && u.p[0] == ' ' && u.p[1] == ' ' && u.p[2] >= 'A' &&
            u.p[2] <= 'Z' && u.p[3] >= 'A' && u.p[3] <= 'Z' && u.p[4] == '-') {
            policy = after(u.p, u.n, "  ", ' ');
        }
        if (u.n && u.p[0] != ' ') in_policy = 0;
        if (u.n > 8 &&
            (!memcmp(u.p, "申告: ", strlen("申告: ")) || !memcmp(u.p, "Declaration: ", 13)))
            decl = after(u.p, u.n, ": ", '\n');
    }
    if (decl) { /* up to the name's end: " (" or "（" */
        char *cut = strstr(decl, "（");
        if (cut) *cut = 0;
        if ((cut = strstr(decl, " ("))) *cut = 0;
    }
    if (policy)
        snprintf(buf, cap,
                 MSG("%zu 行目（申告 %s、ポリシー %s）", "line %zu (declaration %s, policy %s)"),
                 i + 1, decl ? decl : "-", policy);
    else
        snprintf(buf, cap, MSG("%zu 行目（申告 %s）", "line %zu (declaration %s)"), i + 1,
                 decl ? decl : "-");
    free(decl);
    free(policy);
}

/* Line i of a JUnit report: its testcase, or its testsuite. */
static void where_junit(const unit *l, size_t i, char *buf, size_t cap)
{
    char *tc = NULL, *cls = NULL, *suite = NULL;
    int closed = 0;
    for (size_t j = i + 1; j-- > 0 && !suite;) {
        if (!tc && !closed) {
            if (j < i && has(l[j], "</testcase>"))
                closed = 1;
            else if (has(l[j], "<testcase")) {
                tc = after(l[j].p, l[j].n, " name=\"", '"');
                cls = after(l[j].p, l[j].n, " classname=\"", '"');
            }
        }
        if (has(l[j], "<testsuite ")) suite = after(l[j].p, l[j].n, " name=\"", '"');
    }
    if (tc)
        snprintf(buf, cap, MSG("%zu 行目（testcase %s、%s）", "line %zu (testcase %s, %s)"), i + 1,
                 tc, cls ? cls : "-");
    else
        snprintf(buf, cap, MSG("%zu 行目（testsuite %s）", "line %zu (testsuite %s)"), i + 1,
                 suite ? suite : "-");
    free(tc);
    free(cls);
    free(suite);
}

static void json_walk(tally *t, char *ptr, size_t cap, const char *id, const cJSON *a,
                      const cJSON *b);

/* The HTML data block (<script ... id="kyojin-result">) of two lines, compared as JSON;
 * 0 when either is not one. */
static int embedded_json(tally *t, unit a, unit b)
{
    static const char open[] = "id=\"kyojin-result\">", close[] = "</script>";
    char *x = after(a.p, a.n, open, '\n'), *y = after(b.p, b.n, open, '\n');
    char *xe = x ? strstr(x, close) : NULL, *ye = y ? strstr(y, close) : NULL;
    cJSON *jx = xe ? cJSON_ParseWithLength(x, (size_t)(xe - x)) : NULL;
    cJSON *jy = ye ? cJSON_ParseWithLength(y, (size_t)(ye - y)) : NULL;
    int done = jx && jy;
    if (done) {
        char ptr[4096] = "kyojin-result";
        int before = t->found;
        json_walk(t, ptr, sizeof ptr, NULL, jx, jy);
        done = t->found > before;
    }
    cJSON_Delete(jx);
    cJSON_Delete(jy);
    free(x);
    free(y);
    return done;
}

/* The lines that differ between the common beginning and the common end of the two. */
static int compare_lines(const char *kind, const char *g, size_t gn, const char *w, size_t wn)
{
    unit *a, *b;
    size_t na = split_lines(g, gn, &a), nb = split_lines(w, wn, &b), pre = 0, suf = 0;
    tally t = {0};
    char where[1024];
    void (*where_fn)(const unit *, size_t, char *, size_t) = !strcmp(kind, "html")    ? where_html
                                                             : !strcmp(kind, "junit") ? where_junit
                                                                                      : where_text;
    if (!a || !b) {
        free(a);
        free(b);
        printf(MSG("  違い    （メモリ不足のため場所を示せません）\n",
                   "  DIFFERS   (out of memory locating it)\n"));
        return 1;
    }
    while (pre < na && pre < nb && unit_eq(a[pre], b[pre])) pre++;
    while (suf < na - pre && suf < nb - pre && unit_eq(a[na - 1 - suf], b[nb - 1 - suf])) suf++;
    size_t ra = na - pre - suf, rb = nb - pre - suf;
    if (ra == rb) {
        for (size_t i = pre; i < pre + ra; i++)
            if (!unit_eq(a[i], b[i])) {
                if (where_fn == where_html && embedded_json(&t, a[i], b[i])) continue;
                where_fn(a, i, where, sizeof where);
                differ(&t, where, a[i].p, a[i].n, b[i].p, b[i].n);
            }
    } else {
        size_t at = pre < na ? pre : na ? na - 1 : 0;
        char what[1200];
        if (na)
            where_fn(a, at, where, sizeof where);
        else
            snprintf(where, sizeof where, "-");
        snprintf(
            what, sizeof what,
            MSG("%s から: 報告書では %zu 行、入力からは %zu 行（行の削除・追加）",
                "%s on: %zu lines in the report, %zu from the inputs (lines removed or added)"),
            where, ra, rb);
        differ(&t, what, ra ? a[pre].p : NULL, ra ? a[pre].n : 0, rb ? b[pre].p : NULL,
               rb ? b[pre].n : 0);
    }
    if (!t.found) differ(&t, MSG("改行だけが違います", "only line ends differ"), NULL, 0, NULL, 0);
    free(a);
    free(b);
    return finish(&t);
}

/* ------------------------------------------------------------------ JSON */

static void ptr_push(char *ptr, size_t cap, const char *key)
{
    size_t n = strlen(ptr);
    if (n + 2 >= cap) return;
    ptr[n++] = '/';
    for (; *key && n + 3 < cap; key++) {
        if (*key == '~' || *key == '/') {
            ptr[n++] = '~';
            ptr[n++] = *key == '~' ? '0' : '1';
        } else
            ptr[n++] = *key;
    }
    ptr[n] = 0;
}

static void json_differ(tally *t, const char *ptr, const char *id, const cJSON *a, const cJSON *b)
{
    char where[2048];
    char *av = a ? cJSON_PrintUnformatted(a) : NULL, *bv = b ? cJSON_PrintUnformatted(b) : NULL;
    if (id)
        snprintf(where, sizeof where, MSG("%s（%s）", "%s (%s)"), ptr[0] ? ptr : "/", id);
    else
        snprintf(where, sizeof where, "%s", ptr[0] ? ptr : "/");
    differ(t, where, av, av ? strlen(av) : 0, bv, bv ? strlen(bv) : 0);
    cJSON_free(av);
    cJSON_free(bv);
}

/* The id a JSON object names itself by: a policy's "id", a SARIF result's "ruleId", a
 * declaration's "file". */
static const char *own_id(const cJSON *o, const char *inherited)
{
    static const char *const keys[] = {"id", "ruleId", "file"};
    for (size_t i = 0; cJSON_IsObject(o) && i < 3; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, keys[i]);
        if (cJSON_IsString(v)) return v->valuestring;
    }
    return inherited;
}

static void json_walk(tally *t, char *ptr, size_t cap, const char *id, const cJSON *a,
                      const cJSON *b)
{
    size_t mark = strlen(ptr);
    if ((a->type & 0xFF) != (b->type & 0xFF)) {
        json_differ(t, ptr, id, a, b);
        return;
    }
    if (cJSON_IsObject(a)) {
        const char *aid = own_id(a, id);
        const cJSON *x;
        cJSON_ArrayForEach(x, a) {
            const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, x->string);
            ptr_push(ptr, cap, x->string);
            if (!y)
                json_differ(t, ptr, aid, x, NULL);
            else
                json_walk(t, ptr, cap, aid, x, y);
            ptr[mark] = 0;
        }
        cJSON_ArrayForEach(x, b)
            if (!cJSON_GetObjectItemCaseSensitive(a, x->string)) {
                ptr_push(ptr, cap, x->string);
                json_differ(t, ptr, aid, NULL, x);
                ptr[mark] = 0;
            }
    } else if (cJSON_IsArray(a)) {
        int na = cJSON_GetArraySize(a), nb = cJSON_GetArraySize(b), i = 0;
        const cJSON *x = a->child, *y = b->child;
        for (; x && y; x = x->next, y = y->next, i++) {
            char idx[24];
            snprintf(idx, sizeof idx, "%d", i);
            ptr_push(ptr, cap, idx);
            json_walk(t, ptr, cap, id, x, y);
            ptr[mark] = 0;
        }
        if (na != nb) {
            char where[2048];
            snprintf(where, sizeof where,
                     MSG("%s: 要素の数が違います（報告書 %d、入力から %d）",
                         "%s: the number of elements differs (report %d, inputs %d)"),
                     ptr[0] ? ptr : "/", na, nb);
            const cJSON *extra = na > nb ? cJSON_GetArrayItem(a, nb) : cJSON_GetArrayItem(b, na);
            char *ev = cJSON_PrintUnformatted(extra);
            differ(t, where, na > nb ? ev : NULL, na > nb && ev ? strlen(ev) : 0,
                   na < nb ? ev : NULL, na < nb && ev ? strlen(ev) : 0);
            cJSON_free(ev);
        }
    } else if (!cJSON_Compare(a, b, 1))
        json_differ(t, ptr, id, a, b);
}

static int compare_json(const char *g, size_t gn, const char *w, size_t wn)
{
    tally t = {0};
    cJSON *a = cJSON_ParseWithLength(g, gn), *b = cJSON_ParseWithLength(w, wn);
    if (!a) {
        const char *e = cJSON_GetErrorPtr();
        char where[256];
        snprintf(where, sizeof where,
                 MSG("報告書が JSON として読めません（%zu バイト目付近）",
                     "the report is not valid JSON (near byte %zu)"),
                 e && e >= g && e <= g + gn ? (size_t)(e - g) + 1 : 0);
        differ(&t, where, NULL, 0, NULL, 0);
    } else if (b) {
        char ptr[4096] = "";
        json_walk(&t, ptr, sizeof ptr, NULL, a, b);
        if (!t.found)
            differ(&t,
                   MSG("内容は同じで、書式（空白・改行・順序）だけが違います",
                       "the content is the same; only the layout (spaces, lines, order) differs"),
                   NULL, 0, NULL, 0);
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    return finish(&t);
}

/* ------------------------------------------------------------------ CSV */

int csv_parse(const char *text, size_t n, char ****rows_out, size_t *nrows_out)
{
    const char *p = text, *end = text + n;
    char ***rows = NULL;
    size_t nrows = 0, cap = 0;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
    while (p < end) {
        strvec row = {0};
        for (;;) {
            size_t fcap = 16, k = 0;
            char *f = malloc(fcap);
            if (!f) goto oom_row;
            int quoted = p < end && *p == '"';
            if (quoted) p++;
            while (p < end) {
                if (quoted) {
                    if (*p == '"' && p + 1 < end && p[1] == '"')
                        p++;
                    else if (*p == '"') {
                        p++;
                        quoted = 0;
                        continue;
                    }
                } else if (*p == ',' || *p == '\r' || *p == '\n')
                    break;
                if (k + 2 > fcap) {
                    char *g = realloc(f, fcap *= 2);
                    if (!g) {
                        free(f);
                        goto oom_row;
                    }
                    f = g;
                }
                f[k++] = *p++;
            }
            f[k] = 0;
            if (strvec_push_owned(&row, f)) goto oom_row;
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            break;
        }
        if (p < end && *p == '\r') p++;
        if (p < end && *p == '\n') p++;
        if (nrows == cap) {
            char ***g = realloc(rows, (cap = cap ? cap * 2 : 64) * sizeof *rows);
            if (!g) goto oom_row;
            rows = g;
        }
        if (strvec_push(&row, "")) goto oom_row; /* then made the list's NULL end */
        free(row.v[row.n - 1]);
        row.v[row.n - 1] = NULL;
        rows[nrows++] = row.v;
        continue;
    oom_row:
        strvec_free(&row);
        csv_free(rows, nrows);
        return -1;
    }
    *rows_out = rows;
    *nrows_out = nrows;
    return 0;
}

void csv_free(char ***rows, size_t nrows)
{
    for (size_t r = 0; r < nrows; r++) {
        for (size_t f = 0; rows[r][f]; f++) free(rows[r][f]);
        free(rows[r]);
    }
    free(rows);
}

static int row_eq(char **a, char **b)
{
    size_t i = 0;
    for (; a[i] && b[i]; i++)
        if (strcmp(a[i], b[i])) return 0;
    return !a[i] && !b[i];
}

static void col_name(size_t c, char *buf)
{
    char tmp[8];
    int k = 0;
    for (c++; c && k < 7; c = (c - 1) / 26) tmp[k++] = (char)('A' + (c - 1) % 26);
    for (int i = 0; i < k; i++) buf[i] = tmp[k - 1 - i];
    buf[k] = 0;
}

/* A row's fields joined with " | " (malloc'd), to show a whole row. */
static char *joined(char **row)
{
    size_t n = 1;
    for (size_t f = 0; row[f]; f++) n += strlen(row[f]) + 3;
    char *s = malloc(n);
    if (!s) return NULL;
    s[0] = 0;
    for (size_t f = 0; row[f]; f++) {
        if (f) strcat(s, " | ");
        strcat(s, row[f]);
    }
    return s;
}

static int compare_csv(const char *g, size_t gn, const char *w, size_t wn)
{
    char ***a, ***b;
    size_t na, nb, pre = 0, suf = 0;
    tally t = {0};
    char where[1024];
    if (csv_parse(g, gn, &a, &na)) return compare_lines("text", g, gn, w, wn);
    if (csv_parse(w, wn, &b, &nb)) {
        csv_free(a, na);
        return compare_lines("text", g, gn, w, wn);
    }
    while (pre < na && pre < nb && row_eq(a[pre], b[pre])) pre++;
    while (suf < na - pre && suf < nb - pre && row_eq(a[na - 1 - suf], b[nb - 1 - suf])) suf++;
    size_t ra = na - pre - suf, rb = nb - pre - suf;
    for (size_t r = pre; ra == rb && r < pre + ra; r++)
        for (size_t c = 0; a[r][c] || b[r][c]; c++) {
            const char *x = a[r][c], *y = b[r][c];
            if (x && y && !strcmp(x, y)) continue;
            char col[8];
            const char *head = NULL;
            for (size_t k = 0; b[0][k] && !head; k++)
                if (k == c) head = b[0][k];
            col_name(c, col);
            snprintf(where, sizeof where, MSG("%zu 行目、%s 列「%s」", "row %zu, column %s \"%s\""),
                     r + 1, col, head ? head : "-");
            differ(&t, where, x, x ? strlen(x) : 0, y, y ? strlen(y) : 0);
            if (!x || !y) break;
        }
    if (ra != rb) {
        char *x = ra ? joined(a[pre]) : NULL, *y = rb ? joined(b[pre]) : NULL;
        snprintf(where, sizeof where,
                 MSG("%zu 行目から: 報告書では %zu 行、入力からは %zu 行（行の削除・追加）",
                     "row %zu on: %zu rows in the report, %zu from the inputs (rows removed or "
                     "added)"),
                 pre + 1, ra, rb);
        differ(&t, where, x, x ? strlen(x) : 0, y, y ? strlen(y) : 0);
        free(x);
        free(y);
    }
    csv_free(a, na);
    csv_free(b, nb);
    if (!t.found) return compare_lines("text", g, gn, w, wn);
    return finish(&t);
}

/* ------------------------------------------------------------------ XLSX */

char *xml_unescape(const char *s, size_t n)
{
    char *o = malloc(n + 1), *q = o;
    if (!o) return NULL;
    for (size_t i = 0; i < n;) {
        static const struct {
            const char *e;
            char c;
        } ents[] = {
            {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
        int done = 0;
        for (size_t k = 0; k < 5 && !done; k++) {
            size_t l = strlen(ents[k].e);
            if (n - i >= l && !memcmp(s + i, ents[k].e, l)) {
                *q++ = ents[k].c;
                i += l;
                done = 1;
            }
        }
        if (!done && n - i > 3 && s[i] == '&' && s[i + 1] == '#') {
            char *e;
            unsigned long cp =
                s[i + 2] == 'x' ? strtoul(s + i + 3, &e, 16) : strtoul(s + i + 2, &e, 10);
            if (*e == ';' && cp < 0x80) {
                *q++ = (char)cp;
                i = (size_t)(e - s) + 1;
                done = 1;
            }
        }
        if (!done) *q++ = s[i++];
    }
    *q = 0;
    return o;
}

/* The text of every <t ...>...</t> between s and e, joined (a shared string or an inline
 * string). */
static char *t_texts(const char *s, const char *e)
{
    strvec parts = {0};
    size_t total = 0;
    for (const char *p = s; p < e;) {
        const char *t = strstr(p, "<t");
        if (!t || t >= e) break;
        if (t[2] != '>' && t[2] != ' ') {
            p = t + 2;
            continue;
        }
        const char *gt = strchr(t, '>'), *close = gt ? strstr(gt, "</t>") : NULL;
        if (!gt || !close || close > e) break;
        char *x = gt[-1] == '/' ? str_dup("") : xml_unescape(gt + 1, (size_t)(close - gt - 1));
        if (x) {
            total += strlen(x);
            strvec_push(&parts, x);
            free(x);
        }
        p = close + 4;
    }
    char *out = malloc(total + 1);
    if (out) {
        out[0] = 0;
        for (size_t i = 0; i < parts.n; i++) strcat(out, parts.v[i]);
    }
    strvec_free(&parts);
    return out;
}

static void shared_strings(const char *xml, strvec *sst)
{
    for (const char *p = xml ? strstr(xml, "<si>") : NULL; p; p = strstr(p, "<si>")) {
        const char *e = strstr(p, "</si>");
        if (!e) break;
        char *s = t_texts(p + 4, e);
        strvec_push(sst, s ? s : "");
        free(s);
        p = e + 5;
    }
}

typedef struct {
    char ref[24];
    char *value;
    const char *raw; /* the <c> element, for formatting */
    size_t rawn;
} xcell;

/* The cells of a worksheet in document order: A1 reference and value (shared strings
 * resolved). */
static size_t sheet_cells(const char *xml, const strvec *sst, xcell **out)
{
    size_t n = 0, cap = 0;
    xcell *c = NULL;
    for (const char *p = xml ? strstr(xml, "<c ") : NULL; p; p = strstr(p, "<c ")) {
        const char *gt = strchr(p, '>');
        if (!gt) break;
        int empty = gt[-1] == '/';
        const char *end = empty ? gt + 1 : strstr(gt, "</c>");
        if (!end) break;
        if (!empty) end += 4;
        if (n == cap) {
            xcell *g = realloc(c, (cap = cap ? cap * 2 : 256) * sizeof *c);
            if (!g) break;
            c = g;
        }
        xcell *x = &c[n];
        memset(x, 0, sizeof *x);
        x->raw = p;
        x->rawn = (size_t)(end - p);
        char *ref = after(p, (size_t)(gt - p), " r=\"", '"');
        char *type = after(p, (size_t)(gt - p), " t=\"", '"');
        snprintf(x->ref, sizeof x->ref, "%s", ref ? ref : "?");
        if (!empty) {
            const char *v = strstr(gt, "<v>");
            if (type && !strcmp(type, "inlineStr"))
                x->value = t_texts(gt, end);
            else if (v && v < end) {
                const char *ve = strstr(v, "</v>");
                x->value = ve && ve < end ? xml_unescape(v + 3, (size_t)(ve - v - 3)) : NULL;
                if (x->value && type && !strcmp(type, "s")) {
                    size_t k = (size_t)strtoul(x->value, NULL, 10);
                    free(x->value);
                    x->value = str_dup(k < sst->n ? sst->v[k] : "?");
                }
            }
        }
        free(ref);
        free(type);
        n++;
        p = end;
    }
    *out = c;
    return n;
}

static void free_cells(xcell *c, size_t n)
{
    for (size_t i = 0; i < n; i++) free(c[i].value);
    free(c);
}

/* The name of worksheet k (1-based: xl/worksheets/sheetK.xml) from xl/workbook.xml. */
static char *sheet_name(const char *wb, int k)
{
    const char *p = wb;
    for (int i = 1; p && (p = strstr(p, "<sheet ")); i++, p++)
        if (i == k) {
            const char *gt = strchr(p, '>');
            char *raw = gt ? after(p, (size_t)(gt - p), " name=\"", '"') : NULL;
            char *name = raw ? xml_unescape(raw, strlen(raw)) : NULL;
            free(raw);
            return name;
        }
    return NULL;
}

static void compare_sheet(tally *t, const char *name, const char *ga, const char *wa,
                          const strvec *sa, const strvec *sb)
{
    xcell *a, *b;
    size_t na = sheet_cells(ga, sa, &a), nb = sheet_cells(wa, sb, &b), j = 0;
    char where[512];
    unsigned char *seen = calloc(nb ? nb : 1, 1);
    for (size_t i = 0; seen && i < na; i++) {
        size_t k = nb;
        for (size_t s = 0; s < nb; s++) { /* cells are in the same order: look near j */
            size_t q = (j + s) % nb;
            if (!strcmp(a[i].ref, b[q].ref)) {
                k = q;
                break;
            }
        }
        const char *x = a[i].value ? a[i].value : "";
        if (k == nb) {
            snprintf(where, sizeof where,
                     MSG("シート「%s」セル %s（入力からの報告書にないセル）",
                         "sheet \"%s\" cell %s (not in the report the inputs give)"),
                     name, a[i].ref);
            differ(t, where, x, strlen(x), NULL, 0);
            continue;
        }
        seen[k] = 1;
        j = k + 1;
        const char *y = b[k].value ? b[k].value : "";
        if (strcmp(x, y)) {
            snprintf(where, sizeof where, MSG("シート「%s」セル %s", "sheet \"%s\" cell %s"), name,
                     a[i].ref);
            differ(t, where, x, strlen(x), y, strlen(y));
        } else if (a[i].rawn != b[k].rawn || memcmp(a[i].raw, b[k].raw, a[i].rawn)) {
            snprintf(where, sizeof where,
                     MSG("シート「%s」セル %s の書式", "sheet \"%s\" cell %s: its format"), name,
                     a[i].ref);
            differ(t, where, a[i].raw, a[i].rawn, b[k].raw, b[k].rawn);
        }
    }
    for (size_t k = 0; seen && k < nb; k++)
        if (!seen[k]) {
            const char *y = b[k].value ? b[k].value : "";
            snprintf(where, sizeof where,
                     MSG("シート「%s」セル %s（報告書にないセル）",
                         "sheet \"%s\" cell %s (missing from the report)"),
                     name, b[k].ref);
            differ(t, where, NULL, 0, y, strlen(y));
        }
    free(seen);
    free_cells(a, na);
    free_cells(b, nb);
}

static int compare_xlsx(const unsigned char *g, size_t gn, const unsigned char *w, size_t wn)
{
    tally t = {0};
    strvec ga = {0}, wa = {0}, sa = {0}, sb = {0};
    char where[512];
    if (zip_walk(g, gn, add_name, &ga) < 0) {
        differ(
            &t,
            MSG("報告書を XLSX（ZIP）として読めません", "the report is not a readable XLSX (zip)"),
            NULL, 0, NULL, 0);
        strvec_free(&ga);
        return finish(&t);
    }
    zip_walk(w, wn, add_name, &wa);
    char *sst_a = zip_member(g, gn, "xl/sharedStrings.xml", NULL);
    char *sst_b = zip_member(w, wn, "xl/sharedStrings.xml", NULL);
    char *wb = zip_member(w, wn, "xl/workbook.xml", NULL);
    shared_strings(sst_a, &sa);
    shared_strings(sst_b, &sb);
    int cells_before, other = 0;
    cells_before = t.found;
    for (size_t i = 0; i < wa.n; i++) {
        const char *m = wa.v[i];
        size_t an, bn;
        char *x = zip_member(g, gn, m, &an), *y = zip_member(w, wn, m, &bn);
        int sheet = 0;
        if (!strncmp(m, "xl/worksheets/sheet", 19)) sheet = atoi(m + 19);
        if (!x) {
            snprintf(where, sizeof where,
                     MSG("部品 %s（報告書にない、または壊れている）",
                         "part %s (missing from the report, or damaged)"),
                     m);
            differ(&t, where, NULL, 0, NULL, 0);
        } else if (sheet > 0 && y) {
            char *name = sheet_name(wb, sheet);
            compare_sheet(&t, name ? name : m, x, y, &sa, &sb);
            free(name);
        } else if (y && (an != bn || memcmp(x, y, an)) && strcmp(m, "xl/sharedStrings.xml")) {
            snprintf(where, sizeof where, MSG("部品 %s", "part %s"), m);
            other = 1;
            differ(&t, where, x, an, y, bn);
        }
        free(x);
        free(y);
    }
    for (size_t i = 0; i < ga.n; i++) {
        int known = 0;
        for (size_t k = 0; k < wa.n && !known; k++) known = !strcmp(ga.v[i], wa.v[k]);
        if (!known) {
            snprintf(where, sizeof where,
                     MSG("部品 %s（報告書だけにある）", "part %s (only in the report)"), ga.v[i]);
            differ(&t, where, NULL, 0, NULL, 0);
        }
    }
    (void)other;
    if (t.found == cells_before && sa.n + sb.n && (!sst_a || !sst_b || strcmp(sst_a, sst_b)))
        differ(&t, MSG("部品 xl/sharedStrings.xml", "part xl/sharedStrings.xml"), NULL, 0, NULL, 0);
    if (!t.found)
        differ(&t,
               MSG("各シートの内容は同じで、ZIP の作り（圧縮・順序・日時）だけが違います",
                   "every sheet has the same content; only the zip packaging (compression, "
                   "order, times) differs"),
               NULL, 0, NULL, 0);
    free(sst_a);
    free(sst_b);
    free(wb);
    strvec_free(&ga);
    strvec_free(&wa);
    strvec_free(&sa);
    strvec_free(&sb);
    return finish(&t);
}

/* ------------------------------------------------------------------ dispatch */

int compare_report(const char *kind, const unsigned char *got, size_t gn, const unsigned char *want,
                   size_t wn, int english)
{
    en = english;
    if (gn == wn && !memcmp(got, want, gn)) return 0;
    const char *g = (const char *)got, *w = (const char *)want;
    if (!strcmp(kind, "xlsx")) return compare_xlsx(got, gn, want, wn);
    if (!strcmp(kind, "json") || !strcmp(kind, "sarif")) return compare_json(g, gn, w, wn);
    if (!strcmp(kind, "csv")) return compare_csv(g, gn, w, wn);
    return compare_lines(kind, g, gn, w, wn);
}
