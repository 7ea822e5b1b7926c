/* decl.c — reading a declaration (untrusted input).
 *
 * Owns: reading a file under a size cap, a strict pre-scan that rejects everything cJSON
 * would accept silently (invalid UTF-8 and encoded surrogates, raw control characters, NUL in
 * strings, leading zeros, numbers beyond double range, trailing data, excessive depth), the
 * cJSON parse, duplicate-key detection, and the JSON pointer → line:column index.
 * Does not own: what the fields mean (the schema, lua/kyojin/validate.lua) or the Lua view
 * (luaconv.c).
 *
 * The scan records, in document pre-order, the byte offset of every value (for object members
 * the offset of the key). cJSON keeps children in document order, so a pre-order walk of the
 * tree visits nodes in the same order; a node → index hash built lazily maps any node, and so
 * any pointer, to its offset. Offsets become line:column through a line-start table.
 *
 * A declaration may also be an Excel workbook (the bytes start as a zip archive): then
 * input/xlsx_read.c makes the same tree, and positions are cells ("資産!D7") from its pointer
 * → cell map instead of lines; the recorded hash is of the workbook's bytes.
 */
#include "input/decl.h"
#include "input/xlsx.h"
#include "util/fileio.h"
#include "util/sha256.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct decl_doc {
    char *path;
    char *text;
    size_t len;
    size_t bom;
    cJSON *root;
    size_t *lines; /* byte offset of each line start */
    size_t nlines;
    size_t *offs; /* pre-order value offsets */
    size_t noffs;
    /* node → pre-order index, open addressing, built lazily */
    const cJSON **hkeys;
    size_t *hvals;
    size_t hcap;
    char sha_hex[65];
    unsigned long serial; /* unique per loaded document in this process */
    xlsx_cells *cells;    /* a workbook: pointer → cell; NULL for JSON */
};

/* ---------------------------------------------------------------- errors */

/* Messages are allocated whole (a key or pointer of any length keeps the reason after it);
 * out of memory they are these constants, which decl_error_clear does not free. */
static char oom_ja[] = "メモリが不足しています", oom_en[] = "out of memory";

static void free_msgs(decl_error *e)
{
    if (e->msg_ja != oom_ja) free(e->msg_ja);
    if (e->msg_en != oom_en) free(e->msg_en);
    e->msg_ja = e->msg_en = NULL;
}

static void set_msg(decl_error *e, const char *fja, const char *fen, ...)
{
    va_list ap;
    va_start(ap, fen);
    va_list ap2;
    va_copy(ap2, ap);
    free_msgs(e);
    /* Both formats take the same arguments in the same order. */
    e->msg_ja = str_vprintf(fja, ap);
    e->msg_en = str_vprintf(fen, ap2);
    va_end(ap2);
    va_end(ap);
    if (!e->msg_ja || !e->msg_en) {
        free_msgs(e);
        e->msg_ja = oom_ja;
        e->msg_en = oom_en;
    }
}

/* The same for two finished texts. */
static void set_text(decl_error *e, const char *ja, const char *en)
{
    free_msgs(e);
    e->msg_ja = str_dup(ja);
    e->msg_en = str_dup(en);
    if (!e->msg_ja || !e->msg_en) {
        free_msgs(e);
        e->msg_ja = oom_ja;
        e->msg_en = oom_en;
    }
}

void decl_error_clear(decl_error *e)
{
    if (!e) return;
    free(e->file);
    free(e->pointer);
    free(e->source_line);
    free_msgs(e);
    memset(e, 0, sizeof *e);
}

/* Decode one UTF-8 sequence leniently (for display only). Returns its length (>= 1). */
static size_t utf8_peek(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80 || n < 2) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0) {
        *cp = (uint32_t)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3) {
        *cp = (uint32_t)(s[0] & 0x0F) << 12 | (uint32_t)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
        return 3;
    }
    if ((s[0] & 0xF8) == 0xF0 && n >= 4) {
        *cp = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3F) << 12 |
              (uint32_t)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
        return 4;
    }
    *cp = 0xFFFD;
    return 1;
}

/* Fill line, column and the source-line excerpt of an error at byte offset `off`.
 * Control bytes and invalid sequences in the excerpt are shown as '?', so the excerpt itself
 * cannot carry terminal escapes. Long lines are cut to a window around the column. */
static void position_error(const char *text, size_t len, size_t off, decl_error *e)
{
    if (off > len) off = len;
    size_t ls = off;
    while (ls > 0 && text[ls - 1] != '\n') ls--;
    int line = 1;
    for (size_t i = 0; i < ls; i++)
        if (text[i] == '\n') line++;
    size_t le = off;
    while (le < len && text[le] != '\n') le++;
    /* column in code points */
    int col = 1;
    for (size_t i = ls; i < off;) {
        uint32_t cp;
        i += utf8_peek((const unsigned char *)text + i, off - i, &cp);
        col++;
    }
    e->line = line;
    e->column = col;
    /* excerpt: at most ~70 display cells before the error and ~40 after */
    size_t from = ls;
    {
        int w = 0;
        size_t i = off;
        while (i > ls && w < 70) {
            i--;
            while (i > ls && ((unsigned char)text[i] & 0xC0) == 0x80) i--;
            uint32_t cp;
            utf8_peek((const unsigned char *)text + i, le - i, &cp);
            w += utf8_cp_width(cp);
        }
        from = i;
    }
    size_t cap = (le - from) * 1 + 16;
    if (cap > 600) cap = 600;
    char *out = malloc(cap);
    if (!out) return;
    size_t o = 0;
    int caret = 0, width_after = 0;
    if (from > ls && o + 3 < cap) {
        memcpy(out, "...", 3);
        o = 3;
        caret = 3;
    }
    for (size_t i = from; i < le;) {
        uint32_t cp;
        size_t n = utf8_peek((const unsigned char *)text + i, le - i, &cp);
        int wcp = utf8_cp_width(cp);
        if (i >= off) {
            width_after += wcp;
            if (width_after > 40) break;
        }
        if (o + n + 4 >= cap) break;
        if (cp < 0x20 || cp == 0x7F || cp == 0xFFFD || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 ||
            cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
            out[o++] = cp == '\t' ? ' ' : '?';
            wcp = 1;
        } else {
            memcpy(out + o, text + i, n);
            o += n;
        }
        if (i < off) caret += wcp;
        i += n;
    }
    out[o] = 0;
    free(e->source_line);
    e->source_line = out;
    e->caret = caret;
}

void decl_error_print(FILE *f, const decl_error *e, const char *lang)
{
    const char *msg = (lang && strcmp(lang, "en") == 0) ? e->msg_en : e->msg_ja;
    if (!msg) msg = (lang && strcmp(lang, "en") == 0) ? oom_en : oom_ja;
    if (e->line <= 0 && strchr(msg, '\n')) { /* a workbook's problems: one per line */
        for (const char *p = msg; *p;) {
            size_t n = strcspn(p, "\n");
            fprintf(f, "%s: %.*s\n", e->file ? e->file : "-", (int)n, p);
            p += n;
            if (*p) p++;
        }
        return;
    }
    if (e->line > 0)
        fprintf(f, "%s:%d:%d: %s\n", e->file ? e->file : "-", e->line, e->column, msg);
    else
        fprintf(f, "%s: %s\n", e->file ? e->file : "-", msg);
    if (e->source_line) { fprintf(f, "    %s\n    %*s^\n", e->source_line, e->caret, ""); }
}

/* ---------------------------------------------------------------- strict scanner */

typedef struct {
    const unsigned char *s;
    size_t n, i;
    int depth, max_depth;
    size_t *offs;
    size_t noffs, cap;
    decl_error *err;
    size_t err_off;
    int oom;
} scanner;

static int sc_fail(scanner *sc, size_t off, const char *ja, const char *en)
{
    if (sc->err) set_text(sc->err, ja, en);
    sc->err_off = off;
    return -1;
}

static int sc_record(scanner *sc, size_t off)
{
    if (sc->noffs == sc->cap) {
        size_t nc = sc->cap ? sc->cap * 2 : 256;
        size_t *p = realloc(sc->offs, nc * sizeof *p);
        if (!p) {
            sc->oom = 1;
            return sc_fail(sc, off, "メモリが不足しています", "out of memory");
        }
        sc->offs = p;
        sc->cap = nc;
    }
    sc->offs[sc->noffs++] = off;
    return 0;
}

static void sc_ws(scanner *sc)
{
    const unsigned char *s = sc->s;
    size_t i = sc->i, n = sc->n; /* locals: the compiler keeps them in registers */
    while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')) i++;
    sc->i = i;
}

static int sc_value(scanner *sc);

/* Validate one UTF-8 sequence at sc->i (first byte >= 0x80). Rejects overlong forms,
 * encoded surrogates (U+D800..DFFF) and code points beyond U+10FFFF. */
static int sc_utf8(scanner *sc)
{
    const unsigned char *s = sc->s + sc->i;
    uint32_t cp;
    size_t len = utf8_decode(s, sc->n - sc->i, &cp);
    if (cp == UTF8_INVALID && s[0] == 0xED && len == 1 && sc->n - sc->i >= 3 && s[1] >= 0xA0 &&
        s[1] <= 0xBF && (s[2] & 0xC0) == 0x80)
        return sc_fail(
            sc, sc->i,
            "UTF-8 でサロゲート (U+D800〜U+DFFF) が符号化されています。正しい UTF-8 で保存してください",
            "an encoded surrogate (U+D800..U+DFFF) is not valid UTF-8; save the file as proper UTF-8");
    if (cp == UTF8_INVALID) goto bad;
    sc->i += len;
    return 0;
bad:
    return sc_fail(
        sc, sc->i,
        "不正な UTF-8 バイト列です。ファイルを UTF-8 で保存してください（Shift_JIS などは使えません）",
        "invalid UTF-8 byte sequence; save the file as UTF-8 (Shift_JIS and other encodings are not accepted)");
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int sc_hex4(scanner *sc, size_t at, uint32_t *v)
{
    if (at + 4 > sc->n)
        return sc_fail(sc, at, "\\u の後に 16 進 4 桁が必要です",
                       "\\u must be followed by four hex digits");
    uint32_t r = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(sc->s[at + k]);
        if (h < 0)
            return sc_fail(sc, at + k, "\\u の後に 16 進 4 桁が必要です",
                           "\\u must be followed by four hex digits");
        r = r << 4 | (uint32_t)h;
    }
    *v = r;
    return 0;
}

static int sc_string(scanner *sc)
{
    size_t start = sc->i;
    sc->i++; /* opening quote */
    for (;;) {
        { /* the common case: a run of plain ASCII characters */
            const unsigned char *p = sc->s;
            size_t i = sc->i, n = sc->n;
            while (i < n && (unsigned char)(p[i] - 0x20) < 0x60 && p[i] != '"' && p[i] != '\\') i++;
            sc->i = i;
        }
        if (sc->i >= sc->n)
            return sc_fail(sc, start, "文字列が閉じられていません（\" が足りません）",
                           "unterminated string (missing closing \")");
        unsigned char c = sc->s[sc->i];
        if (c == '"') {
            sc->i++;
            return 0;
        }
        if (c < 0x20) {
            char ja[200], en[200];
            snprintf(
                ja, sizeof ja,
                "文字列に制御文字 U+%04X がそのまま含まれています。改行は \\n、タブは \\t と書いてください",
                c);
            snprintf(
                en, sizeof en,
                "raw control character U+%04X in a string; write a newline as \\n and a tab as \\t",
                c);
            return sc_fail(sc, sc->i, ja, en);
        }
        if (c == '\\') {
            if (sc->i + 1 >= sc->n)
                return sc_fail(sc, sc->i, "エスケープが途中で終わっています",
                               "incomplete escape sequence");
            unsigned char e = sc->s[sc->i + 1];
            if (e == 'u') {
                uint32_t v;
                if (sc_hex4(sc, sc->i + 2, &v)) return -1;
                if (v == 0)
                    return sc_fail(sc, sc->i, "文字列に NUL 文字 (\\u0000) は使えません",
                                   "NUL (\\u0000) is not allowed in strings");
                if (v >= 0xDC00 && v <= 0xDFFF)
                    return sc_fail(sc, sc->i, "対になっていない下位サロゲート \\u%04X です",
                                   "unpaired low surrogate escape");
                if (v >= 0xD800 && v <= 0xDBFF) {
                    uint32_t lo;
                    if (sc->i + 7 >= sc->n || sc->s[sc->i + 6] != '\\' || sc->s[sc->i + 7] != 'u')
                        return sc_fail(
                            sc, sc->i,
                            "上位サロゲートの後に下位サロゲート (\\uDC00〜\\uDFFF) が必要です",
                            "a high surrogate escape must be followed by a low surrogate escape");
                    if (sc_hex4(sc, sc->i + 8, &lo)) return -1;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return sc_fail(
                            sc, sc->i,
                            "上位サロゲートの後に下位サロゲート (\\uDC00〜\\uDFFF) が必要です",
                            "a high surrogate escape must be followed by a low surrogate escape");
                    sc->i += 12;
                } else {
                    sc->i += 6;
                }
                continue;
            }
            if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
                e == 't') {
                sc->i += 2;
                continue;
            }
            return sc_fail(
                sc, sc->i,
                "不正なエスケープ文字です（使えるのは \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX）",
                "invalid escape (allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
        if (c >= 0x80) {
            if (sc_utf8(sc)) return -1;
            continue;
        }
        sc->i++;
    }
}

static int sc_number(scanner *sc)
{
    size_t start = sc->i;
    if (sc->s[sc->i] == '-') sc->i++;
    if (sc->i >= sc->n || sc->s[sc->i] < '0' || sc->s[sc->i] > '9')
        return sc_fail(sc, sc->i, "数値が正しくありません", "malformed number");
    if (sc->s[sc->i] == '0' && sc->i + 1 < sc->n && sc->s[sc->i + 1] >= '0' &&
        sc->s[sc->i + 1] <= '9')
        return sc_fail(sc, sc->i, "数値の先頭に余分な 0 があります（例: 07 ではなく 7）",
                       "leading zeros are not allowed in numbers (write 7, not 07)");
    while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') sc->i++;
    if (sc->i < sc->n && sc->s[sc->i] == '.') {
        sc->i++;
        if (sc->i >= sc->n || sc->s[sc->i] < '0' || sc->s[sc->i] > '9')
            return sc_fail(sc, sc->i, "小数点の後に数字が必要です",
                           "a digit must follow the decimal point");
        while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') sc->i++;
    }
    if (sc->i < sc->n && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
        sc->i++;
        if (sc->i < sc->n && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-')) sc->i++;
        if (sc->i >= sc->n || sc->s[sc->i] < '0' || sc->s[sc->i] > '9')
            return sc_fail(sc, sc->i, "指数部に数字が必要です", "the exponent needs digits");
        while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9') sc->i++;
    }
    size_t n = sc->i - start;
    char buf[64], *tmp = buf;
    if (n >= sizeof buf) {
        tmp = malloc(n + 1);
        if (!tmp) {
            sc->oom = 1;
            return sc_fail(sc, start, "メモリが不足しています", "out of memory");
        }
    }
    memcpy(tmp, sc->s + start, n);
    tmp[n] = 0;
    errno = 0;
    double d = strtod(tmp, NULL);
    if (tmp != buf) free(tmp);
    if (!isfinite(d))
        return sc_fail(sc, start, "数値が大きすぎます（倍精度浮動小数点数の範囲を超えています）",
                       "number is out of range (not representable as a finite double)");
    return 0;
}

static int sc_literal(scanner *sc, const char *word)
{
    size_t n = strlen(word);
    if (sc->n - sc->i < n || memcmp(sc->s + sc->i, word, n) != 0)
        return sc_fail(
            sc, sc->i,
            "値が正しくありません（文字列は \"...\" で囲みます。true / false / null は小文字です）",
            "invalid value (strings need \"quotes\"; true, false and null are lowercase)");
    sc->i += n;
    return 0;
}

static int sc_depth_fail(scanner *sc)
{
    char ja[200], en[200];
    snprintf(ja, sizeof ja, "入れ子が深すぎます（上限 %d 段）", sc->max_depth);
    snprintf(en, sizeof en, "nesting is too deep (limit: %d levels)", sc->max_depth);
    return sc_fail(sc, sc->i, ja, en);
}

static int sc_object(scanner *sc)
{
    if (++sc->depth > sc->max_depth) return sc_depth_fail(sc);
    sc->i++;
    sc_ws(sc);
    if (sc->i < sc->n && sc->s[sc->i] == '}') {
        sc->i++;
        sc->depth--;
        return 0;
    }
    for (;;) {
        sc_ws(sc);
        if (sc->i >= sc->n)
            return sc_fail(sc, sc->i, "入力が途中で終わっています（} が足りません）",
                           "unexpected end of input (missing })");
        if (sc->s[sc->i] != '"')
            return sc_fail(
                sc, sc->i,
                "キーは \"...\" で囲んだ文字列でなければなりません（末尾の余分なカンマにも注意）",
                "expected a \"quoted\" key (check for a trailing comma)");
        if (sc_record(sc, sc->i)) return -1;
        if (sc_string(sc)) return -1;
        sc_ws(sc);
        if (sc->i >= sc->n || sc->s[sc->i] != ':')
            return sc_fail(sc, sc->i, "キーの後に : が必要です", "expected ':' after the key");
        sc->i++;
        sc_ws(sc);
        if (sc_value(sc)) return -1;
        sc_ws(sc);
        if (sc->i >= sc->n)
            return sc_fail(sc, sc->i, "入力が途中で終わっています（} が足りません）",
                           "unexpected end of input (missing })");
        if (sc->s[sc->i] == ',') {
            sc->i++;
            continue;
        }
        if (sc->s[sc->i] == '}') {
            sc->i++;
            sc->depth--;
            return 0;
        }
        return sc_fail(sc, sc->i, ", か } が必要です", "expected ',' or '}'");
    }
}

static int sc_array(scanner *sc)
{
    if (++sc->depth > sc->max_depth) return sc_depth_fail(sc);
    sc->i++;
    sc_ws(sc);
    if (sc->i < sc->n && sc->s[sc->i] == ']') {
        sc->i++;
        sc->depth--;
        return 0;
    }
    for (;;) {
        sc_ws(sc);
        if (sc->i >= sc->n)
            return sc_fail(sc, sc->i, "入力が途中で終わっています（] が足りません）",
                           "unexpected end of input (missing ])");
        if (sc_record(sc, sc->i)) return -1;
        if (sc_value(sc)) return -1;
        sc_ws(sc);
        if (sc->i >= sc->n)
            return sc_fail(sc, sc->i, "入力が途中で終わっています（] が足りません）",
                           "unexpected end of input (missing ])");
        if (sc->s[sc->i] == ',') {
            sc->i++;
            sc_ws(sc);
            if (sc->i < sc->n && sc->s[sc->i] == ']')
                return sc_fail(sc, sc->i, "配列の末尾に余分なカンマがあります",
                               "trailing comma in array");
            continue;
        }
        if (sc->s[sc->i] == ']') {
            sc->i++;
            sc->depth--;
            return 0;
        }
        return sc_fail(sc, sc->i, ", か ] が必要です", "expected ',' or ']'");
    }
}

static int sc_value(scanner *sc)
{
    if (sc->i >= sc->n)
        return sc_fail(sc, sc->i, "入力が途中で終わっています（値が必要です）",
                       "unexpected end of input (expected a value)");
    unsigned char c = sc->s[sc->i];
    switch (c) {
    case '{': return sc_object(sc);
    case '[': return sc_array(sc);
    case '"': return sc_string(sc);
    case 't': return sc_literal(sc, "true");
    case 'f': return sc_literal(sc, "false");
    case 'n': return sc_literal(sc, "null");
    default:
        if (c == '-' || (c >= '0' && c <= '9')) return sc_number(sc);
        if (c == '\'')
            return sc_fail(sc, sc->i, "文字列は ' ではなく \" で囲んでください",
                           "strings must be quoted with \", not '");
        return sc_fail(
            sc, sc->i,
            "値が正しくありません（文字列は \"...\" で囲みます。true / false / null は小文字です）",
            "invalid value (strings need \"quotes\"; true, false and null are lowercase)");
    }
}

/* ---------------------------------------------------------------- pointer index */

static size_t hash_ptr(const void *p, size_t cap)
{
    uintptr_t x = (uintptr_t)p;
    x ^= x >> 17;
    x *= (uintptr_t)0x9E3779B97F4A7C15ULL;
    x ^= x >> 29;
    return (size_t)x & (cap - 1);
}

static long index_of(decl_doc *d, const cJSON *n)
{
    if (!d->hkeys) return -1;
    size_t h = hash_ptr(n, d->hcap);
    while (d->hkeys[h]) {
        if (d->hkeys[h] == n) return (long)d->hvals[h];
        h = (h + 1) & (d->hcap - 1);
    }
    return -1;
}

/* Pre-order walk (explicit stack) giving each node its index into offs[]. */
static int build_index_full(decl_doc *d)
{
    if (d->hkeys) return 0;
    size_t cap = 16;
    while (cap < d->noffs * 2 + 2) cap <<= 1;
    d->hkeys = calloc(cap, sizeof *d->hkeys);
    d->hvals = malloc(cap * sizeof *d->hvals);
    const cJSON **stack = malloc(sizeof *stack * (DECL_DEFAULT_MAX_DEPTH * 4 + 8));
    size_t stack_cap = DECL_DEFAULT_MAX_DEPTH * 4 + 8, sp = 0;
    if (!d->hkeys || !d->hvals || !stack) {
        free(d->hkeys);
        free(d->hvals);
        free(stack);
        d->hkeys = NULL;
        d->hvals = NULL;
        return -1;
    }
    d->hcap = cap;
    size_t idx = 0;
    const cJSON *n = d->root;
    while (n) {
        size_t h = hash_ptr(n, cap);
        while (d->hkeys[h]) h = (h + 1) & (cap - 1);
        d->hkeys[h] = n;
        d->hvals[h] = idx++;
        if (n->child) {
            if (sp == stack_cap) {
                size_t nc = stack_cap * 2;
                const cJSON **ns = realloc(stack, nc * sizeof *ns);
                if (!ns) {
                    free(stack);
                    return -1;
                }
                stack = ns;
                stack_cap = nc;
            }
            stack[sp++] = n;
            n = n->child;
            continue;
        }
        while (n && !n->next) n = sp ? stack[--sp] : NULL;
        if (n) n = n->next;
    }
    free(stack);
    return 0;
}

size_t decl_pointer_escape(char *dst, size_t cap, const char *key)
{
    size_t o = 0;
    for (const char *p = key; *p; p++) {
        if (*p == '~' || *p == '/') {
            if (o + 2 < cap) {
                dst[o++] = '~';
                dst[o++] = *p == '~' ? '0' : '1';
            }
        } else if (o + 1 < cap) {
            dst[o++] = *p;
        }
    }
    if (cap) dst[o < cap ? o : cap - 1] = 0;
    return o;
}

/* Does the pointer segment s[0..n) (with ~0 for ~ and ~1 for /) name `key`? */
static int segment_is(const char *s, size_t n, const char *key)
{
    for (size_t i = 0; i < n;) {
        char c = s[i++];
        if (c == '~' && i < n && (s[i] == '0' || s[i] == '1')) c = s[i++] == '0' ? '~' : '/';
        if (*key++ != c) return 0;
    }
    return *key == 0;
}

/* Resolve a pointer; *last_ok receives the deepest node reached. */
static const cJSON *resolve(const cJSON *root, const char *ptr, const cJSON **last_ok)
{
    const cJSON *n = root;
    *last_ok = root;
    if (!ptr || !*ptr) return root;
    if (*ptr != '/') return NULL;
    const char *p = ptr + 1;
    for (;;) {
        /* the segment p[0..len) is compared in place: a key of any length resolves */
        size_t len = strcspn(p, "/");
        if (cJSON_IsArray(n)) {
            long k = 0;
            if (!len || (p[0] == '0' && len > 1) || len > 9) return NULL;
            for (size_t i = 0; i < len; i++) {
                if (p[i] < '0' || p[i] > '9') return NULL;
                k = k * 10 + (p[i] - '0');
            }
            n = cJSON_GetArrayItem(n, (int)k);
        } else if (cJSON_IsObject(n)) {
            const cJSON *c = n->child;
            while (c && (!c->string || !segment_is(p, len, c->string))) c = c->next;
            n = c;
        } else {
            return NULL;
        }
        if (!n) return NULL;
        *last_ok = n;
        if (!p[len]) return n;
        p += len + 1;
    }
}

const cJSON *decl_resolve(const decl_doc *d, const char *pointer)
{
    const cJSON *last;
    return resolve(d->root, pointer, &last);
}

static void offset_to_linecol(const decl_doc *d, size_t off, int *line, int *col)
{
    size_t lo = 0, hi = d->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = (int)lo + 1;
    int c = 1;
    for (size_t i = d->lines[lo]; i < off;) {
        uint32_t cp;
        i += utf8_peek((const unsigned char *)d->text + i, off - i, &cp);
        c++;
    }
    *col = c;
}

int decl_locate(decl_doc *d, const char *pointer, int *line, int *column)
{
    *line = 0;
    *column = 0;
    if (d->cells) return -1; /* a workbook has cells, not lines: decl_cell */
    if (build_index_full(d)) return -1;
    const cJSON *last;
    const cJSON *n = resolve(d->root, pointer, &last);
    const cJSON *at = n ? n : last;
    long k = index_of(d, at);
    if (k < 0 || (size_t)k >= d->noffs) return -1;
    offset_to_linecol(d, d->offs[k], line, column);
    return n ? 0 : -1;
}

void decl_error_at(decl_doc *d, const char *pointer, const char *ja, const char *en,
                   decl_error *err)
{
    decl_error_clear(err);
    err->file = str_dup(d->path);
    err->pointer = str_dup(pointer);
    const char *cell = decl_cell(d, pointer);
    if (cell) { /* a workbook: the cell first, as "資産!D7: …" */
        char *cja = str_printf("%s: %s", cell, ja), *cen = str_printf("%s: %s", cell, en);
        if (cja && cen)
            set_text(err, cja, cen);
        else
            set_msg(err, "メモリが不足しています", "out of memory");
        free(cja);
        free(cen);
        return;
    }
    set_text(err, ja, en);
    int line, col;
    decl_locate(d, pointer, &line, &col);
    if (line > 0) {
        size_t off = d->lines[line - 1];
        /* advance `col - 1` code points */
        for (int c = 1; c < col && off < d->len;) {
            uint32_t cp;
            off += utf8_peek((const unsigned char *)d->text + off, d->len - off, &cp);
            c++;
        }
        position_error(d->text, d->len, off, err);
    }
}

/* ---------------------------------------------------------------- duplicate keys */

static int cmp_names(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    int c = strcmp(x->string, y->string);
    if (c) return c;
    return x < y ? -1 : x > y; /* not document order; fixed below */
}

/* Find the first duplicate member (in document order of its second occurrence) of one object. */
static const cJSON *object_duplicate(const cJSON *obj)
{
    size_t n = 0;
    for (const cJSON *c = obj->child; c; c = c->next) n++;
    if (n < 2) return NULL;
    if (n <= 16) {
        for (const cJSON *c = obj->child; c; c = c->next)
            for (const cJSON *p = obj->child; p != c; p = p->next)
                if (strcmp(p->string, c->string) == 0) return c;
        return NULL;
    }
    const cJSON **v = malloc(n * sizeof *v);
    if (!v) return NULL;
    size_t k = 0;
    for (const cJSON *c = obj->child; c; c = c->next) v[k++] = c;
    qsort(v, n, sizeof *v, cmp_names);
    const cJSON *dup = NULL;
    for (size_t i = 1; i < n; i++) {
        if (strcmp(v[i - 1]->string, v[i]->string) == 0) {
            /* the later one in document order */
            const cJSON *a = v[i - 1], *b = v[i], *later = b;
            for (const cJSON *c = a->next; c; c = c->next)
                if (c == b) {
                    later = b;
                    break;
                }
            if (later == b) {
                int a_first = 0;
                for (const cJSON *c = obj->child; c; c = c->next) {
                    if (c == a) {
                        a_first = 1;
                        break;
                    }
                    if (c == b) break;
                }
                later = a_first ? b : a;
            }
            /* keep the earliest duplicate in document order */
            if (!dup)
                dup = later;
            else {
                for (const cJSON *c = obj->child; c; c = c->next) {
                    if (c == later) {
                        dup = later;
                        break;
                    }
                    if (c == dup) break;
                }
            }
        }
    }
    free(v);
    return dup;
}

/* Walk the tree in document order and report the first duplicate key. Recursion depth is
 * bounded by the scanner's depth limit. `path` holds the pointer of `node` (length plen). */
static int dup_walk(decl_doc *d, const cJSON *node, char **path, size_t *pcap, size_t plen,
                    decl_error *err)
{
    if (cJSON_IsObject(node)) {
        const cJSON *dup = object_duplicate(node);
        if (dup) {
            size_t need = plen + strlen(dup->string) * 2 + 2;
            char *p = malloc(need);
            if (!p) return -1;
            memcpy(p, *path, plen);
            p[plen] = '/';
            decl_pointer_escape(p + plen + 1, need - plen - 1, dup->string);
            /* the key shortened to whole characters; the pointer and the reason whole */
            size_t kl = strlen(dup->string), cut = 0;
            for (int k = 0; k < 57 && cut < kl; k++) {
                uint32_t cp;
                cut += utf8_decode((const unsigned char *)dup->string + cut, kl - cut, &cp);
            }
            const char *more = cut < kl ? "…" : "";
            char *ja = str_printf(
                "キー \"%.*s%s\" が重複しています (%s)。同じキーに 2 つの値があると申告があいまいになります",
                (int)cut, dup->string, more, p);
            char *en = str_printf(
                "duplicate key \"%.*s%s\" (%s): two values for one key make the declaration ambiguous",
                (int)cut, dup->string, more, p);
            decl_error_at(d, p, ja ? ja : oom_ja, en ? en : oom_en, err);
            free(ja);
            free(en);
            /* the pointer names the first occurrence; point at the duplicate itself */
            if (build_index_full(d) == 0) {
                long k = index_of(d, dup);
                if (k >= 0 && (size_t)k < d->noffs)
                    position_error(d->text, d->len, d->offs[k], err);
            }
            free(p);
            return -1;
        }
    }
    size_t i = 0;
    for (const cJSON *c = node->child; c; c = c->next, i++) {
        if (!c->child) continue;
        char ibuf[24];
        const char *key = c->string;
        if (!cJSON_IsObject(node)) {
            snprintf(ibuf, sizeof ibuf, "%zu", i);
            key = ibuf;
        }
        size_t need = plen + strlen(key) * 2 + 2;
        if (need > *pcap) {
            size_t nc = *pcap;
            while (need > nc) nc *= 2;
            char *np = realloc(*path, nc);
            if (!np) return -1;
            *path = np;
            *pcap = nc;
        }
        (*path)[plen] = '/';
        size_t sl = decl_pointer_escape(*path + plen + 1, *pcap - plen - 1, key);
        if (dup_walk(d, c, path, pcap, plen + 1 + sl, err)) return -1;
    }
    return 0;
}

static int check_duplicates(decl_doc *d, decl_error *err)
{
    size_t pcap = 256;
    char *path = malloc(pcap);
    if (!path) return -1;
    path[0] = 0;
    int rc = dup_walk(d, d->root, &path, &pcap, 0, err);
    free(path);
    return rc;
}

/* ---------------------------------------------------------------- loading */

/* A declaration saved as UTF-16 or UTF-32, with or without a byte order mark (JSON text
 * starts with an ASCII character, so its first code unit shows the encoding, RFC 4627 §3):
 * say so at 1:1 instead of a syntax error at its first NUL byte. */
static int wide_encoding(decl_doc *d, decl_error *err)
{
    const unsigned char *s = (const unsigned char *)d->text;
    size_t n = d->len;
    int bits = 0, big = 0, bom = 1;
    if (n >= 4 && !memcmp(s, "\xFF\xFE\0\0", 4))
        bits = 32;
    else if (n >= 4 && !memcmp(s, "\0\0\xFE\xFF", 4))
        bits = 32, big = 1;
    else if (n >= 2 && !memcmp(s, "\xFF\xFE", 2))
        bits = 16;
    else if (n >= 2 && !memcmp(s, "\xFE\xFF", 2))
        bits = 16, big = 1;
    else {
        bom = 0;
        if (n >= 4 && s[0] && !s[1] && !s[2] && !s[3])
            bits = 32;
        else if (n >= 4 && !s[0] && !s[1] && !s[2] && s[3])
            bits = 32, big = 1;
        else if (n >= 2 && s[0] && !s[1])
            bits = 16;
        else if (n >= 2 && !s[0] && s[1])
            bits = 16, big = 1;
    }
    if (!bits) return 0;
    set_msg(err,
            "ファイルが UTF-%d（%s%s）で保存されています。kyojin が読めるのは UTF-8 だけです。"
            "UTF-8 で保存し直してください",
            "the file is encoded as UTF-%d (%s%s); kyojin reads UTF-8 only: save it as UTF-8", bits,
            big ? "ビッグエンディアン" : "リトルエンディアン", bom ? "、BOM 付き" : "");
    if (err->msg_en != oom_en) { /* the English words of the same facts */
        free(err->msg_en);
        err->msg_en = str_printf(
            "the file is encoded as UTF-%d (%s%s); kyojin reads UTF-8 only: save it as UTF-8", bits,
            big ? "big-endian" : "little-endian", bom ? ", with a byte order mark" : "");
        if (!err->msg_en) err->msg_en = oom_en;
    }
    err->file = str_dup(d->path);
    err->line = 1;
    err->column = 1;
    return -1;
}

/* A workbook: the tree and the cell map from xlsx_read.c. */
static int load_workbook(decl_doc *d, decl_error *err)
{
    char *ja = NULL, *en = NULL;
    if (xlsx_read_declaration((const unsigned char *)d->text, d->len, 0, &d->root, &d->cells, &ja,
                              &en) == 0)
        return 0;
    if (ja && en)
        set_text(err, ja, en);
    else
        set_msg(err, "メモリが不足しています", "out of memory");
    free(ja);
    free(en);
    err->file = str_dup(d->path);
    return -1;
}

static int load_common(decl_doc *d, const decl_limits *lim, decl_error *err)
{
    static unsigned long next_serial;
    d->serial = ++next_serial;
    int max_depth = lim && lim->max_depth > 0 ? lim->max_depth : DECL_DEFAULT_MAX_DEPTH;
    unsigned char dg[32];
    sha256(d->text, d->len, dg);
    sha256_hex(dg, d->sha_hex);
    if (xlsx_is_workbook(d->text, d->len)) return load_workbook(d, err);

    if (d->len >= 3 && memcmp(d->text, "\xEF\xBB\xBF", 3) == 0) d->bom = 3;
    if (wide_encoding(d, err)) return -1;
    /* line starts */
    size_t nl = 1;
    const char *end_text = d->text + d->len;
    for (const char *q = d->text; (q = memchr(q, '\n', (size_t)(end_text - q))) != NULL; q++) nl++;
    d->lines = malloc(nl * sizeof *d->lines);
    if (!d->lines) goto oom;
    d->lines[0] = 0;
    d->nlines = 1;
    for (const char *q = d->text; (q = memchr(q, '\n', (size_t)(end_text - q))) != NULL; q++)
        d->lines[d->nlines++] = (size_t)(q - d->text) + 1;

    scanner sc = {
        (const unsigned char *)d->text, d->len, d->bom, 0, max_depth, NULL, 0, 0, err, 0, 0};
    sc_ws(&sc);
    if (sc.i >= sc.n) {
        set_msg(err, "ファイルが空です（JSON オブジェクト { ... } が必要です）",
                "the file is empty (expected a JSON object { ... })");
        err->file = str_dup(d->path);
        free(sc.offs);
        return -1;
    }
    if (sc.s[sc.i] != '{') {
        free(sc.offs);
        set_msg(err, "最上位は JSON オブジェクト { ... } でなければなりません",
                "the top level must be a JSON object { ... }");
        err->file = str_dup(d->path);
        position_error(d->text, d->len, sc.i, err);
        return -1;
    }
    if (sc_record(&sc, sc.i) || sc_value(&sc)) goto scan_fail;
    sc_ws(&sc);
    if (sc.i < sc.n) {
        sc_fail(&sc, sc.i, "JSON の値の後ろに余分なデータがあります",
                "unexpected data after the JSON value");
        goto scan_fail;
    }
    d->offs = sc.offs;
    d->noffs = sc.noffs;

    const char *end = NULL;
    d->root = cJSON_ParseWithLengthOpts(d->text + d->bom, d->len - d->bom, &end, 0);
    if (!d->root) goto oom; /* the scan accepted it, so only allocation can fail here */
    if (check_duplicates(d, err)) {
        if (!err->msg_ja) {
            set_msg(err, "メモリが不足しています", "out of memory");
            err->file = str_dup(d->path);
        }
        return -1;
    }
    return 0;

scan_fail:
    err->file = str_dup(d->path);
    position_error(d->text, d->len, sc.err_off, err);
    free(sc.offs);
    return -1;
oom:
    set_msg(err, "メモリが不足しています", "out of memory");
    err->file = str_dup(d->path);
    return -1;
}

int decl_load_buffer(const char *name, const char *buf, size_t len, const decl_limits *lim,
                     decl_doc **out, decl_error *err)
{
    *out = NULL;
    memset(err, 0, sizeof *err);
    size_t max = lim && lim->max_input ? lim->max_input : DECL_DEFAULT_MAX_INPUT;
    if (len > max) {
        set_msg(err,
                "ファイルが大きすぎます（%zu バイト、上限 %zu バイト。--max-input で変更できます）",
                "file too large (%zu bytes, limit %zu bytes; change it with --max-input)", len,
                max);
        err->file = str_dup(name);
        return -1;
    }
    decl_doc *d = calloc(1, sizeof *d);
    if (!d) {
        set_msg(err, "メモリが不足しています", "out of memory");
        return -1;
    }
    d->path = str_dup(name);
    d->text = malloc(len + 1);
    if (!d->path || !d->text) {
        decl_free(d);
        set_msg(err, "メモリが不足しています", "out of memory");
        return -1;
    }
    memcpy(d->text, buf, len);
    d->text[len] = 0;
    d->len = len;
    if (load_common(d, lim, err)) {
        decl_free(d);
        return -1;
    }
    *out = d;
    return 0;
}

int decl_load_file(const char *path, const decl_limits *lim, decl_doc **out, decl_error *err)
{
    *out = NULL;
    memset(err, 0, sizeof *err);
    size_t max = lim && lim->max_input ? lim->max_input : DECL_DEFAULT_MAX_INPUT;
    fileio_error fe;
    size_t len;
    /* regular files only (a FIFO or device would block or never end), but `-` */
    unsigned flags = strcmp(path, DECL_STDIN_PATH) == 0 ? 0 : FILEIO_REGULAR;
    char *buf = fileio_read_file(path, max, flags, &len, &fe);
    if (!buf) {
        if (fe.code == FILEIO_ERR_NOT_REGULAR)
            set_msg(
                err,
                "通常のファイルではありません（FIFO・ソケット・デバイス・ディレクトリは読めません）",
                "not a regular file (FIFOs, sockets, devices and directories cannot be read)");
        else if (fe.code == FILEIO_ERR_OPEN) {
            /* the reason differs by language: the English text is replaced after set_msg */
            set_msg(err, "ファイルを開けません: %s", "cannot open the file: %s",
                    fileio_strerror(&fe, "ja"));
            char *en = str_printf("cannot open the file: %s", fileio_strerror(&fe, "en"));
            if (en && err->msg_en != oom_en) {
                free(err->msg_en);
                err->msg_en = en;
            } else
                free(en);
        } else if (fe.code == FILEIO_ERR_NOMEM)
            set_msg(err, "メモリが不足しています", "out of memory");
        else if (fe.code == FILEIO_ERR_TOO_LARGE)
            set_msg(
                err,
                "ファイルが大きすぎます（%zu バイトを超えています。--max-input で上限を変更できます）",
                "file too large (more than %zu bytes; change the limit with --max-input)", max);
        else
            set_msg(err, "ファイルを読めません", "cannot read the file");
        err->file = str_dup(path);
        return -1;
    }
    decl_doc *d = calloc(1, sizeof *d);
    if (!d) {
        free(buf);
        set_msg(err, "メモリが不足しています", "out of memory");
        return -1;
    }
    d->path = str_dup(path);
    d->text = buf;
    d->len = len;
    if (!d->path || load_common(d, lim, err)) {
        decl_free(d);
        return -1;
    }
    *out = d;
    return 0;
}

void decl_free(decl_doc *d)
{
    if (!d) return;
    cJSON_Delete(d->root);
    xlsx_cells_free(d->cells);
    free(d->path);
    free(d->text);
    free(d->lines);
    free(d->offs);
    free(d->hkeys);
    free(d->hvals);
    free(d);
}

const cJSON *decl_root(const decl_doc *d)
{
    return d->root;
}
unsigned long decl_serial(const decl_doc *d)
{
    return d->serial;
}
const char *decl_path(const decl_doc *d)
{
    return d->path;
}
const char *decl_sha256_hex(const decl_doc *d)
{
    return d->sha_hex;
}
const char *decl_cell(const decl_doc *d, const char *pointer)
{
    return d->cells ? xlsx_cells_find(d->cells, pointer) : NULL;
}
const char *decl_text(const decl_doc *d, size_t *len)
{
    if (len) *len = d->len;
    return d->text;
}
