/* xlsx_read.c — reading a declaration workbook (untrusted input) into the cJSON tree the JSON
 * reader makes, with the JSON pointer → "sheet!cell" map that positions every later error.
 *
 * Owns: the parts of an XLSX package a declaration needs (workbook.xml and its relations, the
 * shared strings, the worksheets) parsed with expat under limits — no DTD (so no entity
 * expansion), a nesting depth, a cell count, input forced to UTF-8 — and the conversion of
 * cells to JSON by the column specs of each data sheet's hidden second row (shared and inline
 * strings, numbers stored as text and text as numbers, date serials, はい/いいえ/TRUE/FALSE),
 * the evidence sheet, and the errors: every problem found, each naming its sheet and cell.
 * Merged cells in the data area and formulas are refused by name. expat is Debian's
 * well-kept streaming parser (libexpat1-dev): it has no network access, no XInclude, and the
 * DTD can be refused outright, which is all an XLSX part needs.
 * Does not own: the zip container (xlsx_zip.c), what the values mean (the schema and its
 * validator run on the tree afterwards), the layout (lua/kyojin/workbook.lua). */
#define _POSIX_C_SOURCE 200809L
#include "input/xlsx.h"
#include "input/xlsx_zip.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <expat.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XML_MAX_DEPTH 64
#define MAX_CELLS     500000
#define MAX_STRINGS   200000
#define MAX_SHEETS    256
#define MAX_ROW       1048576u
#define MAX_COL       16384u
#define MAX_ERRORS    100
#define MAX_CELL_TEXT 32767

/* ------------------------------------------------------------------ errors */

typedef struct {
    FILE *ja, *en;
    char *ja_buf, *en_buf;
    size_t ja_len, en_len;
    int n;
    int oom;
} errs;

/* Text from the workbook shown in a message: tabs, line breaks and C1 controls (U+0080 to
 * U+009F, which some terminals obey) become '?', in place; expat hands over valid UTF-8 and
 * no C0 control but these three. */
static void tame(char *s)
{
    for (unsigned char *p = (unsigned char *)s; *p; p++)
        if (*p == '\t' || *p == '\n' || *p == '\r')
            *p = '?';
        else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            p[0] = p[1] = '?';
}

#define MSG_MAX 1000 /* bytes of one message; longer ones are cut (a cell's text in it) */

/* One problem, "where: text", in both languages (texts finished). */
static void err_text(errs *e, const char *where, const char *mja, const char *men)
{
    if (e->n >= MAX_ERRORS) {
        if (e->n++ == MAX_ERRORS) {
            fprintf(e->ja, "\n誤りが多すぎるため、ここで読むのをやめます");
            fprintf(e->en, "\ntoo many errors; reading stopped here");
        }
        return;
    }
    if (!mja || !men) e->oom = 1;
    const char *sep = e->n ? "\n" : "";
    for (int k = 0; k < 2; k++) {
        const char *m = k ? (men ? men : "out of memory") : (mja ? mja : "メモリが不足しています");
        char *line = where && *where ? str_printf("%s: %s", where, m) : str_dup(m);
        if (!line) {
            e->oom = 1;
            continue;
        }
        tame(line);
        size_t n = strlen(line), cut = utf8_cut(line, n, MSG_MAX);
        fprintf(k ? e->en : e->ja, "%s%.*s%s", sep, (int)cut, line, cut < n ? "…" : "");
        free(line);
    }
    e->n++;
}

/* The same with printf formats; both formats take the same arguments in the same order. */
static void err_add(errs *e, const char *where, const char *ja, const char *en, ...)
{
    va_list ap, ap2;
    va_start(ap, en);
    va_copy(ap2, ap);
    char *mja = str_vprintf(ja, ap), *men = str_vprintf(en, ap2);
    va_end(ap2);
    va_end(ap);
    err_text(e, where, mja, men);
    free(mja);
    free(men);
}

/* A reason of the container or the XML parser (static texts) about one part. */
static void err_part(errs *e, const char *where, const char *why_ja, const char *why_en,
                     const char *part)
{
    char *mja = part ? str_printf("%s（%s）", why_ja, part) : str_dup(why_ja);
    char *men = part ? str_printf("%s (%s)", why_en, part) : str_dup(why_en);
    err_text(e, where, mja, men);
    free(mja);
    free(men);
}

/* ------------------------------------------------------------------ the grid */

typedef struct {
    uint32_t row, col;
    char
        type; /* 's' shared string, 'i' inline, 'n' number, 'b' boolean, 'e' error, 't' text, 'd' date */
    int formula; /* an <f> element */
    char *text;  /* value as written (shared strings resolved) */
} cellv;

typedef struct {
    uint32_t r1, c1, r2, c2;
} range;

typedef struct {
    char *name, *part;
    cellv *cells;
    size_t n, cap;
    range *merges;
    size_t nmerges, capm;
    int hidden;
} sheet;

typedef struct {
    errs *e;
    xlsx_zip *z;
    sheet *sheets;
    size_t nsheets;
    char **strings;
    size_t nstrings, capstrings;
    int date1904;
    size_t total_cells;
} book;

/* ------------------------------------------------------------------ XML with limits */

typedef struct xml_ctx xml_ctx;
typedef void (*start_fn)(xml_ctx *x, const char *name, const char **atts);
typedef void (*end_fn)(xml_ctx *x, const char *name);

struct xml_ctx {
    XML_Parser p;
    int depth;
    const char *why_ja, *why_en; /* a limit or rule broken, set before stopping */
    start_fn start;
    end_fn end;
    void *u;
    /* character data being collected (NULL when not collecting) */
    char *text;
    size_t tlen, tcap;
    int collect;
};

static void x_stop(xml_ctx *x, const char *ja, const char *en)
{
    if (!x->why_ja) {
        x->why_ja = ja;
        x->why_en = en;
    }
    XML_StopParser(x->p, XML_FALSE);
}

static const char *local_name(const char *n)
{
    const char *c = strrchr(n, ':');
    return c ? c + 1 : n;
}

static void XMLCALL x_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xml_ctx *x = ud;
    if (++x->depth > XML_MAX_DEPTH) {
        x_stop(x, "XML の入れ子が深すぎます", "XML nested too deeply");
        return;
    }
    if (x->start) x->start(x, local_name(name), atts);
}

static void XMLCALL x_end(void *ud, const XML_Char *name)
{
    xml_ctx *x = ud;
    if (x->end) x->end(x, local_name(name));
    x->depth--;
}

static void XMLCALL x_chars(void *ud, const XML_Char *s, int len)
{
    xml_ctx *x = ud;
    if (!x->collect || len <= 0) return;
    if (x->tlen + (size_t)len > MAX_CELL_TEXT * 4) {
        x_stop(x, "セルの文字列が長すぎます", "a cell's text is too long");
        return;
    }
    if (x->tlen + (size_t)len + 1 > x->tcap) {
        size_t nc = (x->tlen + (size_t)len + 1) * 2;
        char *t = realloc(x->text, nc);
        if (!t) {
            x_stop(x, "メモリが不足しています", "out of memory");
            return;
        }
        x->text = t;
        x->tcap = nc;
    }
    memcpy(x->text + x->tlen, s, (size_t)len);
    x->tlen += (size_t)len;
    x->text[x->tlen] = 0;
}

static void XMLCALL x_doctype(void *ud, const XML_Char *n, const XML_Char *s, const XML_Char *p,
                              int internal)
{
    (void)n;
    (void)s;
    (void)p;
    (void)internal;
    x_stop(ud, "XML に DTD があります（エンティティ展開の攻撃を防ぐため読みません）",
           "the XML has a DTD (refused: entity expansion attacks)");
}

static void XMLCALL x_entity(void *ud, const XML_Char *n, int pe, const XML_Char *v, int vl,
                             const XML_Char *b, const XML_Char *s, const XML_Char *pu,
                             const XML_Char *no)
{
    (void)n;
    (void)pe;
    (void)v;
    (void)vl;
    (void)b;
    (void)s;
    (void)pu;
    (void)no;
    x_stop(ud, "XML にエンティティ宣言があります", "the XML declares entities");
}

static void text_reset(xml_ctx *x)
{
    x->tlen = 0;
    if (x->text) x->text[0] = 0;
}

/* Parse one part; errors go to e with the part's name. 0 or -1. */
static int xml_parse(book *b, const char *part, const char *where, start_fn st, end_fn en, void *u)
{
    const char *wja, *wen;
    size_t len;
    char *data = xlsx_zip_read(b->z, part, &len, &wja, &wen);
    if (!data) {
        err_part(b->e, where, wja, wen, part);
        return -1;
    }
    xml_ctx x;
    memset(&x, 0, sizeof x);
    /* the encoding is UTF-8 whatever the document declares */
    x.p = XML_ParserCreate("UTF-8");
    if (!x.p) {
        free(data);
        err_add(b->e, where, "メモリが不足しています", "out of memory");
        return -1;
    }
    x.start = st;
    x.end = en;
    x.u = u;
    XML_SetUserData(x.p, &x);
    XML_SetElementHandler(x.p, x_start, x_end);
    XML_SetCharacterDataHandler(x.p, x_chars);
    XML_SetStartDoctypeDeclHandler(x.p, x_doctype);
    XML_SetEntityDeclHandler(x.p, x_entity);
    XML_SetParamEntityParsing(x.p, XML_PARAM_ENTITY_PARSING_NEVER);
    int rc = 0;
    if (len > (size_t)INT32_MAX || XML_Parse(x.p, data, (int)len, 1) != XML_STATUS_OK) {
        if (x.why_ja)
            err_part(b->e, where, x.why_ja, x.why_en, part);
        else
            err_add(b->e, where, "XML として読めません（%s の %lu 行目: %s）",
                    "not well-formed XML (%s line %lu: %s)", part,
                    (unsigned long)XML_GetCurrentLineNumber(x.p),
                    XML_ErrorString(XML_GetErrorCode(x.p)));
        rc = -1;
    }
    XML_ParserFree(x.p);
    free(x.text);
    free(data);
    return rc;
}

static const char *att(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (!strcmp(local_name(atts[i]), name)) return atts[i + 1];
    return NULL;
}

/* ------------------------------------------------------------------ workbook.xml and rels */

typedef struct {
    book *b;
    char **rid; /* relation id of each sheet */
    char **ids, **targets;
    size_t nrel;
    char *shared;
} wb_state;

static void wb_start(xml_ctx *x, const char *name, const char **atts)
{
    wb_state *w = x->u;
    book *b = w->b;
    if (!strcmp(name, "sheet")) {
        const char *n = att(atts, "name"), *id = att(atts, "id"), *st = att(atts, "state");
        if (!n || !id) return;
        if (b->nsheets >= MAX_SHEETS) {
            x_stop(x, "シートが多すぎます", "too many sheets");
            return;
        }
        sheet *s = &b->sheets[b->nsheets];
        memset(s, 0, sizeof *s);
        s->name = str_dup(n);
        if (s->name) tame(s->name);
        w->rid[b->nsheets] = str_dup(id);
        s->hidden = st && strcmp(st, "visible") != 0;
        b->nsheets++;
        if (!s->name || !w->rid[b->nsheets - 1])
            x_stop(x, "メモリが不足しています", "out of memory");
    } else if (!strcmp(name, "workbookPr")) {
        const char *d = att(atts, "date1904");
        b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
    }
}

static void rel_start(xml_ctx *x, const char *name, const char **atts)
{
    wb_state *w = x->u;
    if (strcmp(name, "Relationship") != 0) return;
    const char *id = att(atts, "Id"), *t = att(atts, "Target"), *ty = att(atts, "Type");
    if (!id || !t) return;
    if (w->nrel >= MAX_SHEETS * 2) {
        x_stop(x, "関係（rels）が多すぎます", "too many relationships");
        return;
    }
    w->ids[w->nrel] = str_dup(id);
    /* targets are relative to xl/ unless absolute */
    w->targets[w->nrel] = t[0] == '/' ? str_dup(t + 1) : str_printf("xl/%s", t);
    if (!w->ids[w->nrel] || !w->targets[w->nrel]) {
        x_stop(x, "メモリが不足しています", "out of memory");
        return;
    }
    if (ty && strlen(ty) >= 13 && !strcmp(ty + strlen(ty) - 13, "sharedStrings") && !w->shared)
        w->shared = str_dup(w->targets[w->nrel]);
    w->nrel++;
}

/* ------------------------------------------------------------------ shared strings */

typedef struct {
    book *b;
    int in_si, in_t, in_rph;
    char *acc;
    size_t alen;
} sst_state;

static void sst_start(xml_ctx *x, const char *name, const char **atts)
{
    sst_state *s = x->u;
    (void)atts;
    if (!strcmp(name, "si")) {
        s->in_si = 1;
        text_reset(x);
    } else if (!strcmp(name, "rPh"))
        s->in_rph = 1; /* phonetic reading (furigana): not part of the text */
    else if (!strcmp(name, "t") && s->in_si && !s->in_rph)
        x->collect = 1;
}

static void sst_end(xml_ctx *x, const char *name)
{
    sst_state *s = x->u;
    book *b = s->b;
    if (!strcmp(name, "t"))
        x->collect = 0;
    else if (!strcmp(name, "rPh"))
        s->in_rph = 0;
    else if (!strcmp(name, "si")) {
        s->in_si = 0;
        if (b->nstrings >= MAX_STRINGS) {
            x_stop(x, "共有文字列が多すぎます", "too many shared strings");
            return;
        }
        if (b->nstrings == b->capstrings) {
            size_t nc = b->capstrings ? b->capstrings * 2 : 256;
            char **p = realloc(b->strings, nc * sizeof *p);
            if (!p) {
                x_stop(x, "メモリが不足しています", "out of memory");
                return;
            }
            b->strings = p;
            b->capstrings = nc;
        }
        b->strings[b->nstrings] = str_dup(x->text ? x->text : "");
        if (!b->strings[b->nstrings]) {
            x_stop(x, "メモリが不足しています", "out of memory");
            return;
        }
        b->nstrings++;
        text_reset(x);
    }
}

/* ------------------------------------------------------------------ worksheets */

typedef struct {
    book *b;
    sheet *s;
    uint32_t row, col; /* current row (0-based) and the next column */
    int in_c, in_v, in_is, in_rph;
    cellv cur;
    int has_value;
} ws_state;

/* "D7" → col 3, row 6; 0, or -1 when malformed or out of range. */
static int parse_ref(const char *r, uint32_t *col, uint32_t *row)
{
    uint32_t c = 0, n = 0;
    const char *p = r;
    while (*p >= 'A' && *p <= 'Z') {
        c = c * 26 + (uint32_t)(*p - 'A' + 1);
        if (c > MAX_COL) return -1;
        p++;
    }
    if (p == r || !*p) return -1;
    while (*p >= '0' && *p <= '9') {
        n = n * 10 + (uint32_t)(*p - '0');
        if (n > MAX_ROW) return -1;
        p++;
    }
    if (*p || n == 0 || c == 0) return -1;
    *col = c - 1;
    *row = n - 1;
    return 0;
}

static void ws_start(xml_ctx *x, const char *name, const char **atts)
{
    ws_state *w = x->u;
    if (!strcmp(name, "row")) {
        const char *r = att(atts, "r");
        if (r) {
            long v = strtol(r, NULL, 10);
            if (v < 1 || v > (long)MAX_ROW) {
                x_stop(x, "行番号が範囲外です", "a row number is out of range");
                return;
            }
            w->row = (uint32_t)v - 1;
        } else if (w->in_c == 0 && w->s->n)
            w->row++;
        w->col = 0;
    } else if (!strcmp(name, "c")) {
        const char *r = att(atts, "r"), *t = att(atts, "t");
        memset(&w->cur, 0, sizeof w->cur);
        w->cur.row = w->row;
        w->cur.col = w->col;
        if (r && parse_ref(r, &w->cur.col, &w->cur.row)) {
            x_stop(x, "セル番地が不正です", "a cell reference is malformed");
            return;
        }
        w->col = w->cur.col + 1;
        w->cur.type = !t                        ? 'n'
                      : !strcmp(t, "s")         ? 's'
                      : !strcmp(t, "inlineStr") ? 'i'
                      : !strcmp(t, "b")         ? 'b'
                      : !strcmp(t, "e")         ? 'e'
                      : !strcmp(t, "str")       ? 't'
                      : !strcmp(t, "d")         ? 'd'
                      : !strcmp(t, "n")         ? 'n'
                                                : 'x';
        w->in_c = 1;
        w->has_value = 0;
        text_reset(x);
    } else if (w->in_c && !strcmp(name, "v")) {
        w->in_v = 1;
        w->has_value = 1;
        x->collect = 1;
    } else if (w->in_c && !strcmp(name, "f"))
        w->cur.formula = 1;
    else if (w->in_c && !strcmp(name, "is")) {
        w->in_is = 1;
        w->has_value = 1;
    } else if (w->in_is && !strcmp(name, "rPh"))
        w->in_rph = 1;
    else if (w->in_is && !w->in_rph && !strcmp(name, "t"))
        x->collect = 1;
    else if (!strcmp(name, "mergeCell")) {
        const char *ref = att(atts, "ref");
        char a[32], bb[32];
        const char *colon = ref ? strchr(ref, ':') : NULL;
        range g;
        if (!ref || !colon || (size_t)(colon - ref) >= sizeof a || strlen(colon + 1) >= sizeof bb)
            return;
        memcpy(a, ref, (size_t)(colon - ref));
        a[colon - ref] = 0;
        strcpy(bb, colon + 1);
        if (parse_ref(a, &g.c1, &g.r1) || parse_ref(bb, &g.c2, &g.r2)) return;
        sheet *s = w->s;
        if (s->nmerges == s->capm) {
            size_t nc = s->capm ? s->capm * 2 : 16;
            if (nc > MAX_CELLS) {
                x_stop(x, "結合セルが多すぎます", "too many merged cells");
                return;
            }
            range *m = realloc(s->merges, nc * sizeof *m);
            if (!m) {
                x_stop(x, "メモリが不足しています", "out of memory");
                return;
            }
            s->merges = m;
            s->capm = nc;
        }
        s->merges[s->nmerges++] = g;
    }
}

static void ws_end(xml_ctx *x, const char *name)
{
    ws_state *w = x->u;
    if (!strcmp(name, "v")) {
        w->in_v = 0;
        x->collect = 0;
    } else if (!strcmp(name, "t"))
        x->collect = 0;
    else if (!strcmp(name, "rPh"))
        w->in_rph = 0;
    else if (!strcmp(name, "is"))
        w->in_is = 0;
    else if (!strcmp(name, "c")) {
        w->in_c = 0;
        x->collect = 0;
        if (!w->has_value && !w->cur.formula) return; /* a styled empty cell */
        book *b = w->b;
        sheet *s = w->s;
        if (++b->total_cells > MAX_CELLS) {
            x_stop(x, "セルが多すぎます", "too many cells");
            return;
        }
        if (s->n == s->cap) {
            size_t nc = s->cap ? s->cap * 2 : 64;
            cellv *c = realloc(s->cells, nc * sizeof *c);
            if (!c) {
                x_stop(x, "メモリが不足しています", "out of memory");
                return;
            }
            s->cells = c;
            s->cap = nc;
        }
        w->cur.text = str_dup(x->text ? x->text : "");
        if (!w->cur.text) {
            x_stop(x, "メモリが不足しています", "out of memory");
            return;
        }
        if (w->cur.type == 's') {
            char *end;
            unsigned long k = strtoul(w->cur.text, &end, 10);
            int bad = *end || end == w->cur.text || k >= b->nstrings;
            free(w->cur.text);
            w->cur.text = NULL;
            if (bad) {
                x_stop(x, "共有文字列の番号が範囲外です", "a shared-string index is out of range");
                return;
            }
            w->cur.text = str_dup(b->strings[k]);
            if (!w->cur.text) {
                x_stop(x, "メモリが不足しています", "out of memory");
                return;
            }
        }
        s->cells[s->n++] = w->cur;
        text_reset(x);
    }
}

/* ------------------------------------------------------------------ package */

static int cmp_cells(const void *a, const void *b)
{
    const cellv *x = a, *y = b;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return 0;
}

static void book_free(book *b)
{
    for (size_t i = 0; i < b->nsheets; i++) {
        sheet *s = &b->sheets[i];
        for (size_t k = 0; k < s->n; k++) free(s->cells[k].text);
        free(s->cells);
        free(s->merges);
        free(s->name);
        free(s->part);
    }
    free(b->sheets);
    for (size_t i = 0; i < b->nstrings; i++) free(b->strings[i]);
    free(b->strings);
}

static int load_book(book *b)
{
    wb_state w;
    memset(&w, 0, sizeof w);
    w.b = b;
    b->sheets = calloc(MAX_SHEETS, sizeof *b->sheets);
    w.rid = calloc(MAX_SHEETS, sizeof *w.rid);
    w.ids = calloc(MAX_SHEETS * 2, sizeof *w.ids);
    w.targets = calloc(MAX_SHEETS * 2, sizeof *w.targets);
    int rc = -1;
    if (!b->sheets || !w.rid || !w.ids || !w.targets) {
        err_add(b->e, NULL, "メモリが不足しています", "out of memory");
        goto done;
    }
    if (!xlsx_zip_has(b->z, "xl/workbook.xml")) {
        err_add(b->e, NULL, "Excel のブック（xl/workbook.xml）ではありません",
                "not an Excel workbook (no xl/workbook.xml)");
        goto done;
    }
    if (xml_parse(b, "xl/workbook.xml", NULL, wb_start, NULL, &w)) goto done;
    if (xml_parse(b, "xl/_rels/workbook.xml.rels", NULL, rel_start, NULL, &w)) goto done;
    for (size_t i = 0; i < b->nsheets; i++)
        for (size_t k = 0; k < w.nrel; k++)
            if (!strcmp(w.rid[i], w.ids[k])) {
                b->sheets[i].part = str_dup(w.targets[k]);
                break;
            }
    const char *sst = w.shared ? w.shared : "xl/sharedStrings.xml";
    if (xlsx_zip_has(b->z, sst)) {
        sst_state s;
        memset(&s, 0, sizeof s);
        s.b = b;
        if (xml_parse(b, sst, NULL, sst_start, sst_end, &s)) goto done;
    }
    rc = 0;
    for (size_t i = 0; i < b->nsheets; i++) {
        sheet *s = &b->sheets[i];
        if (!s->part || !xlsx_zip_has(b->z, s->part)) continue; /* a chart sheet, say */
        ws_state ws;
        memset(&ws, 0, sizeof ws);
        ws.b = b;
        ws.s = s;
        if (xml_parse(b, s->part, s->name, ws_start, ws_end, &ws)) {
            rc = -1;
            continue;
        }
        if (s->n) qsort(s->cells, s->n, sizeof *s->cells, cmp_cells);
    }
done:
    for (size_t i = 0; i < MAX_SHEETS && w.rid; i++) free(w.rid[i]);
    for (size_t i = 0; i < w.nrel; i++) {
        free(w.ids[i]);
        free(w.targets[i]);
    }
    free(w.rid);
    free(w.ids);
    free(w.targets);
    free(w.shared);
    return rc;
}

/* ------------------------------------------------------------------ cells → JSON */

typedef struct {
    xlsx_spec spec;
    uint32_t col;
} column;

typedef struct {
    char *name; /* enum name */
    char **labels, **values;
    size_t n;
} choice;

typedef struct {
    book *b;
    errs *e;
    cJSON *root;
    xlsx_cells *cells;
    choice *choices;
    size_t nchoices;
    char **facts; /* pointers of values read from fact columns */
    size_t nfacts, capfacts;
} conv;

/* "'資産'!D7" style name of a cell (quotes left out: the sheet names are shown as they are). */
static void where(const sheet *s, uint32_t col, uint32_t row, char *buf, size_t cap)
{
    char c[16];
    xlsx_cell_name(col, row, c);
    utf8_snprintf(buf, cap, "%s!%s", s->name, c);
}

/* The row 2 specs of a sheet; n = 0 when it is not a data sheet. */
static column *sheet_columns(conv *cv, sheet *s, size_t *n)
{
    *n = 0;
    size_t cnt = 0;
    for (size_t i = 0; i < s->n && s->cells[i].row <= 1; i++)
        if (s->cells[i].row == 1) cnt++;
    if (!cnt) return NULL;
    column *cols = calloc(cnt, sizeof *cols);
    if (!cols) {
        err_add(cv->e, s->name, "メモリが不足しています", "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < s->n && s->cells[i].row <= 1; i++) {
        const cellv *c = &s->cells[i];
        if (c->row != 1 || !c->text[0]) continue;
        if ((c->text[0] != '/' && c->text[0] != '#') || !strncmp(c->text, "#enum|", 6)) continue;
        char w[512];
        where(s, c->col, c->row, w, sizeof w);
        if (xlsx_spec_parse(c->text, &cols[*n].spec)) {
            err_add(cv->e, w, "2 行目（非表示）の列の指定が壊れています: %s",
                    "the column spec of row 2 (hidden) is damaged: %s", c->text);
            continue;
        }
        cols[*n].col = c->col;
        (*n)++;
    }
    if (!*n) {
        free(cols);
        return NULL;
    }
    return cols;
}

static void columns_free(column *c, size_t n)
{
    for (size_t i = 0; i < n; i++) xlsx_spec_free(&c[i].spec);
    free(c);
}

/* A cell's text for the conversion; NULL for an empty cell. */
static const cellv *cell_at(const sheet *s, size_t from, size_t to, uint32_t col)
{
    for (size_t i = from; i < to; i++)
        if (s->cells[i].col == col) return &s->cells[i];
    return NULL;
}

static int blank(const char *t)
{
    for (; *t; t++)
        if (*t != ' ' && *t != '\t' && *t != '\r' && *t != '\n') {
            if ((unsigned char)t[0] == 0xE3 && (unsigned char)t[1] == 0x80 &&
                (unsigned char)t[2] == 0x80) { /* U+3000 ideographic space */
                t += 2;
                continue;
            }
            return 0;
        }
    return 1;
}

static int cell_empty(const cellv *c)
{
    return !c || (!c->formula && blank(c->text));
}

/* The text of a number as a person wrote it: 12 not 12.0. */
static char *number_text(const char *v)
{
    char *end;
    double d = strtod(v, &end);
    if (*end || end == v || !isfinite(d)) return str_dup(v);
    if (d == floor(d) && fabs(d) < 1e15) return str_printf("%.0f", d);
    return str_printf("%.15g", d);
}

static int is_word(const char *t, const char *const *words)
{
    for (; *words; words++)
        if (!strcmp(t, *words)) return 1;
    return 0;
}

static const char *const yes_words[] = {"はい", "Yes",  "yes", "YES", "TRUE",
                                        "true", "True", "○",   NULL};
static const char *const no_words[] = {"いいえ", "No",    "no", "NO", "FALSE",
                                       "false",  "False", "×",  NULL};
static const char *const null_words[] = {"不明", "Unknown", "unknown", "null", NULL};
static const char *const none_words[] = {"（なし）", "(none)", NULL};

/* Days since 1970-01-01 → "YYYY-MM-DD" (civil from days, H. Hinnant). */
static void civil(long z, char *buf, size_t cap)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned d = doy - (153 * mp + 2) / 5 + 1;
    unsigned m = mp < 10 ? mp + 3 : mp - 9;
    snprintf(buf, cap, "%04ld-%02u-%02u", y + (m <= 2), m, d);
}

static const choice *find_choice(const conv *cv, const char *name)
{
    for (size_t i = 0; name && i < cv->nchoices; i++)
        if (!strcmp(cv->choices[i].name, name)) return &cv->choices[i];
    return NULL;
}

/* label or value of an enumeration → its value; else the text itself */
static const char *choice_value(const conv *cv, const char *name, const char *t)
{
    const choice *c = find_choice(cv, name);
    for (size_t i = 0; c && i < c->n; i++)
        if (!strcmp(c->labels[i], t) || !strcmp(c->values[i], t)) return c->values[i];
    return t;
}

static char *trim_dup(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t' || *s == '\r')) s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    char *o = malloc(n + 1);
    if (o) {
        memcpy(o, s, n);
        o[n] = 0;
    }
    return o;
}

/* The JSON value of a non-empty cell under a spec; NULL out of memory or when the cell
 * cannot be read (an error is added). */
static cJSON *cell_json(conv *cv, const xlsx_spec *sp, const cellv *c, const char *w)
{
    const char *t = c->text;
    if (c->formula) {
        err_add(cv->e, w, "数式は使えません。値を直接書いてください",
                "formulas are not accepted; write the value itself");
        return NULL;
    }
    if (c->type == 'e') {
        err_add(cv->e, w, "セルがエラー値（%s）です", "the cell holds an error value (%s)", t);
        return NULL;
    }
    if (c->type == 'x') {
        err_add(cv->e, w, "セルの型が不明です", "unknown cell type");
        return NULL;
    }
    if (sp->nullable && c->type != 'n' && c->type != 'b' && is_word(t, null_words))
        return cJSON_CreateNull();
    switch (sp->kind) {
    case 'b':
    case 'f':
        if (c->type == 'b' || c->type == 'n') {
            if (!strcmp(t, "1")) return cJSON_CreateTrue();
            if (!strcmp(t, "0")) return cJSON_CreateFalse();
        }
        if (is_word(t, yes_words)) return cJSON_CreateTrue();
        if (is_word(t, no_words)) return cJSON_CreateFalse();
        return cJSON_CreateString(t); /* the validator says what is expected, at this cell */
    case 'i':
    case 'n': {
        char *end;
        double d = strtod(t, &end);
        if (c->type == 'b') return cJSON_CreateString(!strcmp(t, "1") ? "TRUE" : "FALSE");
        if (end != t && !*end && isfinite(d)) return cJSON_CreateNumber(d);
        return cJSON_CreateString(t);
    }
    case 'd': {
        if (c->type == 'n') {
            char *end;
            double d = strtod(t, &end);
            if (end != t && !*end && d >= 1 && d < 2958466) {
                long serial = (long)floor(d);
                char buf[16];
                /* 1904 system: serial 0 = 1904-01-01; 1900 system: 25569 = 1970-01-01 (right
                 * from March 1900, after the fictitious 1900-02-29) */
                civil(cv->b->date1904 ? serial - 24107 : serial - 25569, buf, sizeof buf);
                return cJSON_CreateString(buf);
            }
        }
        if (c->type == 'd' && strlen(t) >= 10) {
            char buf[11];
            memcpy(buf, t, 10);
            buf[10] = 0;
            return cJSON_CreateString(buf);
        }
        int y, m, d, n = 0;
        if (sscanf(t, "%d/%d/%d%n", &y, &m, &d, &n) == 3 && !t[n] && y >= 1000 && y <= 9999 &&
            m >= 1 && m <= 12 && d >= 1 && d <= 31) {
            char buf[16];
            snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
            return cJSON_CreateString(buf);
        }
        return cJSON_CreateString(t);
    }
    case 'c':
        if (c->type == 'n' && sp->digits) {
            char *end;
            double d = strtod(t, &end);
            if (end != t && !*end && d >= 0 && d == floor(d) && d < 1e15) {
                char buf[32];
                snprintf(buf, sizeof buf, "%0*.0f", sp->digits, d);
                return cJSON_CreateString(buf);
            }
        }
        /* fall through */
    case 's':
    case 'p':
    case 't': {
        if (c->type == 'n') {
            char *s = number_text(t);
            cJSON *j = s ? cJSON_CreateString(s) : NULL;
            free(s);
            return j;
        }
        if (c->type == 'b') return cJSON_CreateString(!strcmp(t, "1") ? "TRUE" : "FALSE");
        return cJSON_CreateString(t);
    }
    case 'e':
        if (c->type == 'n') {
            char *s = number_text(t);
            cJSON *j = s ? cJSON_CreateString(choice_value(cv, sp->enumname, s)) : NULL;
            free(s);
            return j;
        }
        return cJSON_CreateString(choice_value(cv, sp->enumname, t));
    case 'l': {
        cJSON *a = cJSON_CreateArray();
        if (!a) return NULL;
        if (is_word(t, none_words)) return a;
        char *num = c->type == 'n' ? number_text(t) : NULL;
        const char *p = num ? num : t;
        while (*p) {
            const char *nl = strchr(p, '\n');
            size_t n = nl ? (size_t)(nl - p) : strlen(p);
            char *item = trim_dup(p, n);
            if (!item) {
                free(num);
                cJSON_Delete(a);
                return NULL;
            }
            if (*item)
                cJSON_AddItemToArray(a, cJSON_CreateString(choice_value(cv, sp->enumname, item)));
            free(item);
            p += n;
            if (*p) p++;
        }
        free(num);
        return a;
    }
    default: return NULL;
    }
}

/* ------------------------------------------------------------------ building the tree */

/* The node at the pointer template with stars replaced by idx[], creating what is missing
 * (objects, or arrays before a "*"); `leaf` is set at the end (when not NULL) and returned.
 * NULL with an error when the tree has another shape there. */
static cJSON *place(conv *cv, const char *tmpl, const int *idx, int nidx, cJSON *leaf,
                    const char *w, int replace)
{
    cJSON *cur = cv->root;
    const char *p = tmpl;
    int k = 0;
    if (*p != '/') goto shape;
    while (*p == '/') {
        p++;
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int last = !e;
        const char *next = e ? e + 1 : NULL;
        int next_star = next && next[0] == '*' && (next[1] == '/' || !next[1]);
        if (n == 1 && p[0] == '*') {
            if (!cJSON_IsArray(cur) || k >= nidx) goto shape;
            int i = idx[k++], size = cJSON_GetArraySize(cur);
            cJSON *item;
            if (i < size)
                item = cJSON_GetArrayItem(cur, i);
            else if (i == size) {
                item = last && leaf ? leaf : next_star ? cJSON_CreateArray() : cJSON_CreateObject();
                if (!item) return NULL;
                cJSON_AddItemToArray(cur, item);
                if (last) return item;
            } else
                goto shape;
            if (last) {
                if (leaf) goto shape;
                return item;
            }
            cur = item;
        } else {
            if (!cJSON_IsObject(cur)) goto shape;
            char key[256];
            if (xlsx_pointer_key(p, n, key, sizeof key)) goto shape;
            cJSON *item = cJSON_GetObjectItemCaseSensitive(cur, key);
            if (last) {
                if (!leaf) {
                    if (!item) {
                        item = cJSON_CreateObject();
                        if (!item) return NULL;
                        cJSON_AddItemToObject(cur, key, item);
                    }
                    return item;
                }
                if (item) {
                    if (!replace) {
                        err_add(cv->e, w, "同じ項目の列が 2 つあります（2 行目の指定: %s）",
                                "two columns hold the same field (row 2: %s)", tmpl);
                        cJSON_Delete(leaf);
                        return NULL;
                    }
                    cJSON_ReplaceItemInObjectCaseSensitive(cur, key, leaf);
                } else
                    cJSON_AddItemToObject(cur, key, leaf);
                return leaf;
            }
            if (!item) {
                item = next_star ? cJSON_CreateArray() : cJSON_CreateObject();
                if (!item) return NULL;
                cJSON_AddItemToObject(cur, key, item);
            }
            cur = item;
        }
        p += n;
    }
shape:
    err_add(cv->e, w, "2 行目（非表示）の列の指定が他の列と合いません: %s",
            "the column spec of row 2 (hidden) does not fit the other columns: %s", tmpl);
    cJSON_Delete(leaf);
    return NULL;
}

/* Concrete pointer of a template. */
static char *concrete(const char *tmpl, const int *idx, int nidx)
{
    size_t cap = strlen(tmpl) + 16 * (size_t)(nidx + 1) + 1;
    char *o = malloc(cap);
    if (!o) return NULL;
    size_t n = 0;
    int k = 0;
    for (const char *p = tmpl; *p;) {
        if (p[0] == '/' && p[1] == '*' && (p[2] == '/' || !p[2]) && k < nidx) {
            n += (size_t)snprintf(o + n, cap - n, "/%d", idx[k++]);
            p += 2;
        } else
            o[n++] = *p++;
    }
    o[n] = 0;
    return o;
}

static void record(conv *cv, const char *tmpl, const int *idx, int nidx, const char *cell)
{
    char *p = concrete(tmpl, idx, nidx);
    if (!p || xlsx_cells_add(cv->cells, p, cell)) cv->e->oom = 1;
    free(p);
}

static void note_fact(conv *cv, const char *tmpl, const int *idx, int nidx)
{
    char *p = concrete(tmpl, idx, nidx);
    if (!p) {
        cv->e->oom = 1;
        return;
    }
    if (cv->nfacts == cv->capfacts) {
        size_t nc = cv->capfacts ? cv->capfacts * 2 : 64;
        char **f = realloc(cv->facts, nc * sizeof *f);
        if (!f) {
            free(p);
            cv->e->oom = 1;
            return;
        }
        cv->facts = f;
        cv->capfacts = nc;
    }
    cv->facts[cv->nfacts++] = p;
}

/* The rows [from, to) of sheet s hold row number `row`. */
static size_t row_end(const sheet *s, size_t from)
{
    size_t to = from;
    while (to < s->n && s->cells[to].row == s->cells[from].row) to++;
    return to;
}

static int row_has_data(const sheet *s, size_t from, size_t to, const column *cols, size_t nc)
{
    for (size_t k = 0; k < nc; k++) {
        if (cols[k].spec.kind == 'o' || cols[k].spec.kind == 'a') continue;
        const cellv *c = cell_at(s, from, to, cols[k].col);
        if (!cell_empty(c)) return 1;
    }
    return 0;
}

/* the first visible (data) column after column k, for positions of created objects */
static uint32_t shown_col(const column *cols, size_t nc, size_t k)
{
    for (size_t j = k; j < nc; j++)
        if (cols[j].spec.kind != 'o' && cols[j].spec.kind != 'a') return cols[j].col;
    return cols[k].col;
}

/* One row of a data sheet: every column's value placed at its pointer. */
static void read_row(conv *cv, sheet *s, size_t from, size_t to, uint32_t row, const column *cols,
                     size_t nc, const int *idx, int nidx)
{
    char w[512];
    for (size_t k = 0; k < nc; k++) {
        const xlsx_spec *sp = &cols[k].spec;
        if (sp->kind == 'p' || sp->kind == 'a') continue;
        where(s, sp->kind == 'o' ? shown_col(cols, nc, k) : cols[k].col, row, w, sizeof w);
        record(cv, sp->ptr, idx, nidx, w);
        if (sp->kind == 'o') {
            if (sp->bang) place(cv, sp->ptr, idx, nidx, NULL, w, 0);
            continue;
        }
        const cellv *c = cell_at(s, from, to, cols[k].col);
        cJSON *v = NULL;
        if (cell_empty(c)) {
            if (sp->kind == 'l' && sp->bang) v = cJSON_CreateArray();
            if (!v) continue;
        } else if (!(v = cell_json(cv, sp, c, w)))
            continue;
        if (place(cv, sp->ptr, idx, nidx, v, w, 0) && sp->kind == 'f')
            note_fact(cv, sp->ptr, idx, nidx);
    }
}

/* Merged cells touching the spec row or the data rows. */
static void check_merges(conv *cv, const sheet *s)
{
    for (size_t i = 0; i < s->nmerges; i++) {
        const range *g = &s->merges[i];
        if (g->r2 < 1) continue;
        char w[512];
        where(s, g->c1, g->r1 < 1 ? 1 : g->r1, w, sizeof w);
        err_add(cv->e, w, "結合されたセルは読めません。結合を解除してください",
                "merged cells cannot be read; unmerge them");
    }
}

/* The lists of choices: columns "#enum|NAME|label" and "#enum|NAME|value". */
static void read_choices(conv *cv, const sheet *s)
{
    for (size_t i = 0; i < s->n && s->cells[i].row <= 1; i++) {
        const cellv *h = &s->cells[i];
        if (h->row != 1 || strncmp(h->text, "#enum|", 6) != 0) continue;
        const char *name = h->text + 6, *bar = strchr(name, '|');
        if (!bar || strcmp(bar, "|label") != 0) continue;
        /* the value column: the same name with |value */
        uint32_t vcol = UINT32_MAX;
        size_t nlen = (size_t)(bar - name);
        for (size_t j = 0; j < s->n && s->cells[j].row <= 1; j++) {
            const cellv *v = &s->cells[j];
            if (v->row == 1 && !strncmp(v->text, "#enum|", 6) &&
                !strncmp(v->text + 6, name, nlen) && !strcmp(v->text + 6 + nlen, "|value"))
                vcol = v->col;
        }
        if (vcol == UINT32_MAX) continue;
        choice *nc = realloc(cv->choices, (cv->nchoices + 1) * sizeof *nc);
        if (!nc) {
            cv->e->oom = 1;
            return;
        }
        cv->choices = nc;
        choice *c = &cv->choices[cv->nchoices++];
        memset(c, 0, sizeof *c);
        c->name = malloc(nlen + 1);
        if (c->name) {
            memcpy(c->name, name, nlen);
            c->name[nlen] = 0;
        }
        for (size_t r = 0; r < s->n; r++) {
            if (s->cells[r].row < 2 || s->cells[r].col != h->col) continue;
            const cellv *v = NULL;
            for (size_t q = r; q < s->n && s->cells[q].row == s->cells[r].row; q++)
                if (s->cells[q].col == vcol) v = &s->cells[q];
            if (!v) continue;
            char **l = realloc(c->labels, (c->n + 1) * sizeof *l);
            if (l) c->labels = l;
            char **vv = realloc(c->values, (c->n + 1) * sizeof *vv);
            if (vv) c->values = vv;
            if (!l || !vv) {
                cv->e->oom = 1;
                return;
            }
            c->labels[c->n] = str_dup(s->cells[r].text);
            c->values[c->n] = str_dup(v->text);
            if (!c->labels[c->n] || !c->values[c->n]) {
                free(c->labels[c->n]);
                free(c->values[c->n]);
                cv->e->oom = 1;
                return;
            }
            c->n++;
        }
    }
}

/* A data sheet (sheets with a parent column after those without). */
static void read_sheet(conv *cv, sheet *s, column *cols, size_t nc)
{
    int stars = 0;
    const column *parent = NULL;
    for (size_t k = 0; k < nc; k++) {
        if (cols[k].spec.kind == 'p') parent = &cols[k];
        if (cols[k].spec.kind == 'a') continue;
        if (cols[k].spec.stars > stars) stars = cols[k].spec.stars;
    }
    char w[512];
    if ((stars == 2 && !parent) || (parent && stars != 2) || (parent && parent->spec.stars != 1)) {
        where(s, cols[0].col, 1, w, sizeof w);
        err_add(cv->e, w, "2 行目（非表示）の列の指定が壊れています",
                "the column specs of row 2 (hidden) are damaged");
        return;
    }
    check_merges(cv, s);
    /* the parent array and its key, and a counter of children per parent */
    cJSON *parr = NULL;
    int *per = NULL;
    if (parent) {
        char *cont = str_dup(parent->spec.ptr);
        if (!cont) return;
        char *st = strstr(cont, "/*");
        if (st) *st = 0;
        /* the parent's array as read so far (parents are read first) */
        cJSON *cur = cv->root;
        for (char *p = cont + 1, *e; cur && *p; p = e ? e + 1 : p + strlen(p)) {
            e = strchr(p, '/');
            if (e) *e = 0;
            cur = cJSON_GetObjectItemCaseSensitive(cur, p);
            if (!e) break;
        }
        parr = cJSON_IsArray(cur) ? cur : NULL;
        free(cont);
        int np = parr ? cJSON_GetArraySize(parr) : 0;
        per = calloc((size_t)np + 1, sizeof *per);
        if (!per) {
            cv->e->oom = 1;
            return;
        }
    }
    /* the sheet's own array exists even when it has no rows (a required list) */
    for (size_t k = 0; k < nc; k++)
        if (cols[k].spec.kind == 'a' && cols[k].spec.bang && cols[k].spec.stars == 0) {
            cJSON *arr = cJSON_CreateArray();
            where(s, cols[k].col, 2, w, sizeof w);
            if (arr) {
                /* an array placed by an earlier sheet stays */
                const char *ptr = cols[k].spec.ptr;
                if (ptr[0] == '/' && !strchr(ptr + 1, '/') &&
                    cJSON_GetObjectItemCaseSensitive(cv->root, ptr + 1))
                    cJSON_Delete(arr);
                else
                    place(cv, ptr, NULL, 0, arr, w, 0);
            }
            record(cv, cols[k].spec.ptr, NULL, 0, w);
        }
    int item = 0, done_single = 0;
    if (stars == 0) {
        /* one data row (row 3): its objects exist even when it is empty */
        size_t from = 0;
        while (from < s->n && s->cells[from].row < 2) from++;
        size_t to = from < s->n && s->cells[from].row == 2 ? row_end(s, from) : from;
        read_row(cv, s, from, to, 2, cols, nc, NULL, 0);
        done_single = 1;
        for (size_t r = to; r < s->n; r = row_end(s, r))
            if (row_has_data(s, r, row_end(s, r), cols, nc)) {
                where(s, s->cells[r].col, s->cells[r].row, w, sizeof w);
                err_add(cv->e, w, "このシートは 3 行目だけに記入します",
                        "this sheet takes row 3 only");
            }
    }
    for (size_t r = 0; !done_single && r < s->n;) {
        size_t to = row_end(s, r);
        uint32_t row = s->cells[r].row;
        if (row < 2 || !row_has_data(s, r, to, cols, nc)) {
            r = to;
            continue;
        }
        int idx[2] = {item, 0};
        if (parent) {
            const cellv *c = cell_at(s, r, to, parent->col);
            where(s, parent->col, row, w, sizeof w);
            int found = -1;
            cJSON *key = NULL;
            if (!cell_empty(c) && (key = cell_json(cv, &parent->spec, c, w)) != NULL) {
                int i = 0;
                const cJSON *it;
                cJSON_ArrayForEach(it, parr) {
                    const cJSON *kv = cJSON_GetObjectItemCaseSensitive(it, parent->spec.key);
                    if (cJSON_IsString(kv) && !strcmp(kv->valuestring, key->valuestring)) {
                        found = i;
                        break;
                    }
                    i++;
                }
                if (found < 0)
                    err_add(cv->e, w, "「%s」にあたる行が親のシートにありません",
                            "no row of the parent sheet has \"%s\"", key->valuestring);
            } else if (cell_empty(c))
                err_add(cv->e, w, "親の行の ID（%s）を書いてください",
                        "write the id (%s) of the parent row", parent->spec.key);
            cJSON_Delete(key);
            if (found < 0) {
                r = to;
                continue;
            }
            idx[0] = found;
            idx[1] = per[found]++;
        } else
            item++;
        /* the item itself, positioned at the row's first cell */
        char *row_ptr = NULL;
        for (size_t k = 0; k < nc && !row_ptr; k++)
            if (cols[k].spec.stars == stars && cols[k].spec.kind != 'a') {
                /* the template up to the last star */
                const char *t = cols[k].spec.ptr;
                const char *last = NULL;
                for (const char *q = t; (q = strstr(q, "/*")) != NULL; q += 2)
                    if (q[2] == '/' || !q[2]) last = q;
                if (last) row_ptr = strndup(t, (size_t)(last - t) + 2);
            }
        if (row_ptr) {
            where(s, shown_col(cols, nc, 0), row, w, sizeof w);
            if (place(cv, row_ptr, idx, stars, NULL, w, 0)) record(cv, row_ptr, idx, stars, w);
            free(row_ptr);
        }
        read_row(cv, s, r, to, row, cols, nc, idx, stars);
        r = to;
    }
    free(per);
}

/* The evidence sheet: each row cites a fact cell (or pointer) and gives its evidence. */
static void read_evidence(conv *cv, sheet *s, column *cols, size_t nc)
{
    check_merges(cv, s);
    uint32_t ctarget = UINT32_MAX;
    for (size_t k = 0; k < nc; k++)
        if (!strcmp(cols[k].spec.ptr, "#evidence/target")) ctarget = cols[k].col;
    char w[512];
    for (size_t r = 0; r < s->n;) {
        size_t to = row_end(s, r);
        uint32_t row = s->cells[r].row;
        if (row < 2 || !row_has_data(s, r, to, cols, nc)) {
            r = to;
            continue;
        }
        const cellv *t = cell_at(s, r, to, ctarget);
        size_t from = r;
        where(s, ctarget, row, w, sizeof w);
        r = to;
        if (cell_empty(t)) {
            err_add(cv->e, w, "証跡が裏付けるセル（例: 組織!C3）を書いてください",
                    "write the cell the evidence supports (e.g. Organisation!C3)");
            continue;
        }
        const char *ptr = t->text[0] == '/' ? t->text : NULL;
        char *cellname = NULL;
        if (!ptr) {
            /* 'sheet'!D7 or sheet!D7, $ signs allowed */
            cellname = malloc(strlen(t->text) + 1);
            if (!cellname) {
                cv->e->oom = 1;
                return;
            }
            size_t o = 0;
            for (const char *p = t->text; *p; p++)
                if (*p != '\'' && *p != '$') cellname[o++] = *p;
            cellname[o] = 0;
            ptr = xlsx_cells_pointer(cv->cells, cellname);
        }
        size_t f = 0;
        while (ptr && f < cv->nfacts && strcmp(cv->facts[f], ptr) != 0) f++;
        if (!ptr || f == cv->nfacts) {
            err_add(cv->e, w,
                    "「%s」は「はい／いいえ」で答える手続・運用の項目のセルではありません",
                    "\"%s\" is not the cell of a Yes/No process fact", t->text);
            free(cellname);
            continue;
        }
        char *fact_ptr = str_dup(ptr);
        free(cellname);
        if (!fact_ptr) {
            cv->e->oom = 1;
            return;
        }
        /* the fact's value becomes { value, evidence } */
        cJSON *cur = cv->root;
        char *seg = fact_ptr + 1, *e;
        cJSON *parent = NULL;
        const char *key = NULL;
        for (;;) {
            e = strchr(seg, '/');
            if (e) *e = 0;
            parent = cur;
            key = seg;
            cur = cJSON_IsArray(cur) ? cJSON_GetArrayItem(cur, atoi(seg))
                                     : cJSON_GetObjectItemCaseSensitive(cur, seg);
            if (!cur || !e) break;
            *e = '/';
            seg = e + 1;
        }
        if (!cur || cJSON_IsObject(cur)) {
            err_add(cv->e, w, "この項目の証跡はすでに書かれているか、値がありません",
                    "this fact already has evidence, or no value");
            free(fact_ptr);
            continue;
        }
        cJSON *obj = cJSON_CreateObject(), *ev = cJSON_CreateObject();
        if (!obj || !ev) {
            cJSON_Delete(obj);
            cJSON_Delete(ev);
            free(fact_ptr);
            cv->e->oom = 1;
            return;
        }
        char *full = str_dup(ptr);
        cJSON *val = cJSON_DetachItemViaPointer(parent, cur);
        cJSON_AddItemToObject(obj, "value", val);
        cJSON_AddItemToObject(obj, "evidence", ev);
        if (cJSON_IsArray(parent))
            cJSON_InsertItemInArray(parent, atoi(key), obj);
        else
            cJSON_AddItemToObject(parent, key, obj);
        for (size_t k = 0; k < nc && full; k++) {
            const xlsx_spec *sp = &cols[k].spec;
            if (strncmp(sp->ptr, "#evidence/", 10) != 0 || !strcmp(sp->ptr, "#evidence/target"))
                continue;
            char cw[512];
            where(s, cols[k].col, row, cw, sizeof cw);
            char *p = str_printf("%s/evidence/%s", full, sp->ptr + 10);
            if (!p || xlsx_cells_add(cv->cells, p, cw)) cv->e->oom = 1;
            free(p);
            const cellv *c = cell_at(s, from, to, cols[k].col);
            if (cell_empty(c)) continue;
            cJSON *v = cell_json(cv, sp, c, cw);
            if (v) cJSON_AddItemToObject(ev, sp->ptr + 10, v);
        }
        char *vp = full ? str_printf("%s/value", full) : NULL;
        const char *fc = full ? xlsx_cells_find(cv->cells, full) : NULL;
        if (vp && fc) xlsx_cells_add(cv->cells, vp, fc);
        free(vp);
        free(full);
        free(fact_ptr);
    }
}

int xlsx_read_declaration(const unsigned char *buf, size_t len, size_t max_uncompressed,
                          cJSON **root, xlsx_cells **cells, char **msg_ja, char **msg_en)
{
    *root = NULL;
    *cells = NULL;
    *msg_ja = *msg_en = NULL;
    errs e;
    memset(&e, 0, sizeof e);
    e.ja = open_memstream(&e.ja_buf, &e.ja_len);
    e.en = open_memstream(&e.en_buf, &e.en_len);
    if (!e.ja || !e.en) {
        if (e.ja) fclose(e.ja);
        if (e.en) fclose(e.en);
        free(e.ja_buf);
        free(e.en_buf);
        *msg_ja = str_dup("メモリが不足しています");
        *msg_en = str_dup("out of memory");
        return -1;
    }
    book b;
    memset(&b, 0, sizeof b);
    b.e = &e;
    conv cv;
    memset(&cv, 0, sizeof cv);
    cv.b = &b;
    cv.e = &e;
    const char *wja, *wen;
    b.z = xlsx_zip_open(
        buf, len, max_uncompressed ? max_uncompressed : XLSX_DEFAULT_MAX_UNCOMPRESSED, &wja, &wen);
    if (!b.z) {
        err_part(&e, NULL, wja, wen, NULL);
        goto done;
    }
    if (load_book(&b)) goto done;
    cv.root = cJSON_CreateObject();
    cv.cells = xlsx_cells_new();
    if (!cv.root || !cv.cells) {
        e.oom = 1;
        goto done;
    }
    /* the columns of every sheet; the choices first, then sheets without a parent, then
     * child sheets, then the evidence */
    column *cols[MAX_SHEETS] = {0};
    size_t ncols[MAX_SHEETS] = {0};
    int data_sheets = 0;
    for (size_t i = 0; i < b.nsheets; i++) {
        sheet *s = &b.sheets[i];
        cols[i] = sheet_columns(&cv, s, &ncols[i]);
        for (size_t k = 0; k < s->n; k++)
            if (s->cells[k].row == 1 && !strncmp(s->cells[k].text, "#enum|", 6)) {
                read_choices(&cv, s);
                break;
            }
    }
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < b.nsheets; i++) {
            if (!ncols[i] || cols[i][0].spec.ptr[0] == '#') {
                if (pass == 2 && ncols[i] && !strncmp(cols[i][0].spec.ptr, "#evidence/", 10))
                    read_evidence(&cv, &b.sheets[i], cols[i], ncols[i]);
                continue;
            }
            int has_parent = 0;
            for (size_t k = 0; k < ncols[i]; k++)
                if (cols[i][k].spec.kind == 'p') has_parent = 1;
            if ((pass == 0 && !has_parent) || (pass == 1 && has_parent)) {
                read_sheet(&cv, &b.sheets[i], cols[i], ncols[i]);
                data_sheets++;
            }
        }
    for (size_t i = 0; i < b.nsheets; i++) columns_free(cols[i], ncols[i]);
    if (!data_sheets && !e.n)
        err_add(
            &e, NULL,
            "申告のブックではありません（kyojin template で作ったブックの 2 行目の指定がありません）",
            "not a declaration workbook (no column specs in row 2, as kyojin template writes)");
done:
    if (e.oom) err_add(&e, NULL, "メモリが不足しています", "out of memory");
    for (size_t i = 0; i < cv.nchoices; i++) {
        for (size_t k = 0; k < cv.choices[i].n; k++) {
            free(cv.choices[i].labels[k]);
            free(cv.choices[i].values[k]);
        }
        free(cv.choices[i].labels);
        free(cv.choices[i].values);
        free(cv.choices[i].name);
    }
    free(cv.choices);
    for (size_t i = 0; i < cv.nfacts; i++) free(cv.facts[i]);
    free(cv.facts);
    book_free(&b);
    xlsx_zip_close(b.z);
    int bad = e.n > 0;
    fclose(e.ja);
    fclose(e.en);
    if (bad) {
        *msg_ja = e.ja_buf;
        *msg_en = e.en_buf;
        cJSON_Delete(cv.root);
        xlsx_cells_free(cv.cells);
        return -1;
    }
    free(e.ja_buf);
    free(e.en_buf);
    *root = cv.root;
    *cells = cv.cells;
    return 0;
}
