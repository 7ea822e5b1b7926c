/*
 * rollup_common.c — small helpers shared by the roll-up commands and the
 * SARIF/JUnit writers: reading JSON files with file:line:column errors,
 * streaming the declarations of a (possibly national-size) result document
 * one element at a time, ja/en text selection and the user-facing status words
 * (read from kyojin.vocab by core/report/report_vocab.c).
 *
 * It does not know what a policy or a finding means; that is left to the
 * callers. Reading files is util/fileio.c's, writing outputs util/atomic_out.c's.
 */
#define _POSIX_C_SOURCE 200809L

#include "rollup/rollup.h"
#include "report/report_vocab.h"
#include "util/cjson_cs.h"
#include "util/fileio.h"
#include "util/strutil.h"

#include <errno.h>

#include <stdlib.h>
#include <string.h>

#define ROLLUP_MAX_FILE ((size_t)4 << 30) /* 4 GiB: far above a national result */

static int is_en(const char *lang)
{
    return lang && strcmp(lang, "en") == 0;
}

/* "PATH: message" in lang */
#define PATH_MSG(err, errlen, path, lang, ja, en)                                                  \
    snprintf(err, errlen, "%s: %s", path, is_en(lang) ? (en) : (ja))

/* Read a whole result file (a regular file of text) into a NUL-terminated malloc'd buffer. */
static char *read_file(const char *path, const char *lang, size_t *len, char *err, size_t errlen)
{
    fileio_error fe;
    char *buf = fileio_read_file(path, ROLLUP_MAX_FILE, FILEIO_REGULAR, len, &fe);
    if (!buf) {
        snprintf(err, errlen, "%s: %s", path, fileio_strerror(&fe, lang));
        return NULL;
    }
    if (strlen(buf) != *len) {
        PATH_MSG(err, errlen, path, lang, "NUL バイトが含まれています", "contains a NUL byte");
        free(buf);
        return NULL;
    }
    return buf;
}

/* Line and column (1-based, column in code points) of byte offset off. */
static void locate(const char *text, size_t off, unsigned *line, unsigned *col)
{
    unsigned l = 1, c = 1;
    for (size_t i = 0; i < off && text[i]; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

/* The error of text (len bytes) that the reader refused at `at` (NULL: unknown). A JSON syntax
 * error is told as input/decl.c's strict scanner tells it (position and reason, the messages
 * of check); text that is well-formed JSON but not what the reader expects gets `at` with the
 * reason ja / en. */
static void parse_error(const char *path, const char *text, size_t len, const char *at,
                        const char *ja, const char *en, const char *lang, char *err, size_t errlen)
{
    decl_limits lim = {len ? len : 1, 1000}; /* cJSON's own nesting limit */
    decl_doc *doc = NULL;
    decl_error de;
    if (decl_load_buffer(path, text, len, &lim, &doc, &de) != 0 && de.msg_ja[0]) {
        const char *msg = is_en(lang) ? de.msg_en : de.msg_ja;
        if (de.line > 0)
            snprintf(err, errlen, "%s:%d:%d: %s", path, de.line, de.column, msg);
        else
            snprintf(err, errlen, "%s: %s", path, msg);
        decl_error_clear(&de);
        return;
    }
    decl_error_clear(&de);
    decl_free(doc);
    unsigned line = 1, col = 1;
    if (at && at >= text) locate(text, (size_t)(at - text), &line, &col);
    snprintf(err, errlen, "%s:%u:%u: %s", path, line, col, is_en(lang) ? en : ja);
}

#define JSON_JA "JSON として正しくありません"
#define JSON_EN "invalid JSON"

cJSON *rollup_load_json(const char *path, const char *lang, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = read_file(path, lang, &len, err, errlen);
    if (!text) return NULL;
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (!doc) {
        const char *at = cJSON_GetErrorPtr();
        parse_error(path, text, len, at ? at : end, JSON_JA, JSON_EN, lang, err, errlen);
    }
    free(text);
    return doc;
}

/* ---- streaming the declarations ---------------------------------------- */

/* The file is read in chunks into a sliding buffer that holds the text from `mark` (the start
 * of the unit being read: a top-level member or one declaration) to what has been read so far;
 * text before `mark` is dropped and only counted, so that line:column of every position stays
 * right. Memory follows the largest declaration, not the file. */
static size_t stream_chunk = (size_t)1 << 20;       /* bytes read at a time (at least) */
static size_t stream_whole_diag = (size_t)16 << 20; /* syntax errors of files up to this size
                                                      are told from the whole text */

void rollup_stream_tuning(size_t chunk, size_t whole_diag_max)
{
    stream_chunk = chunk ? chunk : (size_t)1 << 20;
    stream_whole_diag = whole_diag_max;
}

typedef struct {
    FILE *fp;
    char *buf; /* buf[0..len) read and kept, NUL at buf[len] */
    size_t len, cap;
    size_t pos, mark;   /* the reading position; the first byte that must be kept */
    unsigned line, col; /* position of buf[0] in the file (1-based; column in code points) */
    unsigned long long dropped; /* bytes dropped before buf[0] */
    int eof, nul, ioerr;
} sreader;

/* Advance (*line, *col) over text[0..n). */
static void advance(const char *text, size_t n, unsigned *line, unsigned *col)
{
    const char *p = text, *end = text + n, *nl;
    while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
        ++*line;
        *col = 1;
        p = nl + 1;
    }
    for (; p < end; p++)
        if (((unsigned char)*p & 0xC0) != 0x80) ++*col;
}

/* Drop buf[0..mark), then read more: at least a chunk, and as much as is kept (so that a unit
 * longer than a chunk is scanned again only O(log n) times). Returns 1 when bytes came, 0 at
 * the end of the file or on a read error (ioerr) or NUL byte (nul), -1 when out of memory. */
static int sr_fill(sreader *r)
{
    if (r->eof) return 0;
    if (r->mark) {
        advance(r->buf, r->mark, &r->line, &r->col);
        memmove(r->buf, r->buf + r->mark, r->len - r->mark);
        r->dropped += r->mark;
        r->len -= r->mark;
        r->pos -= r->mark;
        r->mark = 0;
    }
    size_t want = r->len > stream_chunk ? r->len : stream_chunk;
    if (r->len + want + 1 > r->cap) {
        size_t nc = r->len + want + 1;
        char *nb = realloc(r->buf, nc);
        if (!nb) return -1;
        r->buf = nb;
        r->cap = nc;
    }
    size_t got = fread(r->buf + r->len, 1, want, r->fp);
    if (got < want) {
        if (ferror(r->fp)) r->ioerr = errno ? errno : EIO;
        r->eof = 1;
    }
    if (memchr(r->buf + r->len, '\0', got)) {
        r->nul = 1;
        r->eof = 1;
    }
    r->len += got;
    r->buf[r->len] = '\0';
    return got > 0 && !r->nul && !r->ioerr;
}

/* The next non-blank character (r->pos at it), or -1 at the end of the text. */
static int sr_ws(sreader *r, int *oom)
{
    for (;;) {
        while (r->pos < r->len && (r->buf[r->pos] == ' ' || r->buf[r->pos] == '\t' ||
                                   r->buf[r->pos] == '\n' || r->buf[r->pos] == '\r'))
            r->pos++;
        if (r->pos < r->len) return (unsigned char)r->buf[r->pos];
        int f = sr_fill(r);
        if (f < 0) *oom = 1;
        if (f <= 0) return -1;
    }
}

/* Skip one string starting at s[i] == '"'; returns index after it or 0. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return 0;
}

/* Skip one JSON value (not validated; cJSON validates later). Returns the
 * index after it, or 0 when the text ends first. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    if (i >= n) return 0;
    if (s[i] == '"') return skip_string(s, n, i);
    if (s[i] == '{' || s[i] == '[') {
        size_t depth = 0;
        for (; i < n; i++) {
            char ch = s[i];
            if (ch == '"') {
                size_t j = skip_string(s, n, i);
                if (!j) return 0;
                i = j - 1;
            } else if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                if (--depth == 0) return i + 1;
            }
        }
        return 0;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\n' &&
           s[i] != '\r' && s[i] != '\t')
        i++;
    return i == n ? 0 : i;
}

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
}

/* Does the list `skip` ("member" or "member/submember" entries, NULL-terminated) name the member
 * key (len bytes) under `parent` (NULL at the top)? 1: leave it out; 2 (top only): some of its
 * members are left out. */
static int skipped(const char *const *skip, const char *parent, const char *key, size_t len)
{
    int r = 0;
    for (; skip && *skip; skip++) {
        const char *e = *skip, *slash = strchr(e, '/');
        if (parent) {
            size_t pl = strlen(parent);
            if (slash && (size_t)(slash - e) == pl && !memcmp(e, parent, pl) &&
                strlen(slash + 1) == len && !memcmp(slash + 1, key, len))
                return 1;
        } else if (!slash && strlen(e) == len && !memcmp(e, key, len)) {
            return 1;
        } else if (slash && (size_t)(slash - e) == len && !memcmp(e, key, len)) {
            r = 2;
        }
    }
    return r;
}

/* Parse the JSON text s[0..n) like cJSON_ParseWithLength, leaving out the members `skip` names
 * (their text is only checked to be balanced): a reader that needs a few members of a large
 * declaration does not build the rest. NULL when the text is not valid. */
static cJSON *parse_pruned(const char *s, size_t n, const char *const *skip, const char *parent)
{
    size_t i = skip_ws(s, n, 0);
    if (!skip || !*skip || i >= n || s[i] != '{') return cJSON_ParseWithLength(s, n);
    cJSON *o = cJSON_CreateObject();
    char small[128];
    if (!o) return NULL;
    i = skip_ws(s, n, i + 1);
    if (i < n && s[i] == '}') goto end;
    for (;;) {
        if (i >= n || s[i] != '"') goto bad;
        size_t kend = skip_string(s, n, i);
        if (!kend) goto bad;
        const char *key;
        size_t klen = kend - i - 2;
        cJSON *kj = NULL;
        if (klen < sizeof small && !memchr(s + i, '\\', kend - i)) {
            memcpy(small, s + i + 1, klen);
            small[klen] = '\0';
            key = small;
        } else {
            kj = cJSON_ParseWithLength(s + i, kend - i);
            if (!cJSON_IsString(kj)) {
                cJSON_Delete(kj);
                goto bad;
            }
            key = kj->valuestring;
            klen = strlen(key);
        }
        i = skip_ws(s, n, kend);
        size_t vend = i < n && s[i] == ':' ? skip_value(s, n, skip_ws(s, n, i + 1)) : 0;
        i = i < n && s[i] == ':' ? skip_ws(s, n, i + 1) : i;
        int sk = vend ? skipped(skip, parent, key, klen) : 0;
        cJSON *v = !vend || sk == 1 ? NULL
                   : sk == 2        ? parse_pruned(s + i, vend - i, skip, key)
                                    : cJSON_ParseWithLength(s + i, vend - i);
        if (v) cJSON_AddItemToObject(o, key, v);
        cJSON_Delete(kj);
        if (!vend || (sk != 1 && !v)) goto bad;
        i = skip_ws(s, n, vend);
        if (i < n && s[i] == ',') {
            i = skip_ws(s, n, i + 1);
            continue;
        }
        if (i < n && s[i] == '}') goto end;
        goto bad;
    }
end:
    if (skip_ws(s, n, i + 1) == n) return o;
bad:
    cJSON_Delete(o);
    return NULL;
}

/* The end (index after it) of the string (string_only) or value at r->pos, reading more as
 * needed; 0 when the text ends first. A bare scalar may end with the text. */
static size_t sr_skip(sreader *r, int string_only, int *oom)
{
    for (;;) {
        size_t e = string_only ? (r->buf[r->pos] == '"' ? skip_string(r->buf, r->len, r->pos) : 0)
                               : skip_value(r->buf, r->len, r->pos);
        if (e) return e;
        int f = sr_fill(r);
        if (f < 0) *oom = 1;
        if (f <= 0) {
            if (!string_only && r->pos < r->len && r->buf[r->pos] != '"' && r->buf[r->pos] != '{' &&
                r->buf[r->pos] != '[')
                return r->len; /* a scalar ending with the file */
            return 0;
        }
    }
}

/* A syntax error at buffer index `at`: told as input/decl.c's strict scanner tells it (its
 * position and reason), from the whole file when it is small, else from the text of the unit
 * being read (r->mark … what was read), its position moved to the file's; failing both, "invalid
 * JSON" at `at`. */
static void stream_syntax_error(const char *path, const sreader *r, size_t at, const char *lang,
                                char *err, size_t errlen)
{
    unsigned long long size = r->dropped + r->len;
    if (!r->eof) size = (unsigned long long)-1;
    if (r->eof && size <= stream_whole_diag) {
        fileio_error fe;
        size_t n = 0;
        char *text = fileio_read_file(path, stream_whole_diag + 1, FILEIO_REGULAR, &n, &fe);
        if (text) {
            parse_error(path, text, n, text + r->dropped + at, JSON_JA, JSON_EN, lang, err, errlen);
            free(text);
            return;
        }
    }
    unsigned line = r->line, col = r->col;
    advance(r->buf, r->mark, &line, &col);
    if (r->len > r->mark) {
        decl_limits lim = {r->len - r->mark, 1000};
        decl_doc *doc = NULL;
        decl_error de;
        if (decl_load_buffer(path, r->buf + r->mark, r->len - r->mark, &lim, &doc, &de) != 0 &&
            de.msg_ja[0] && de.line > 0) {
            unsigned l = line + (unsigned)de.line - 1,
                     c = de.line == 1 ? col + (unsigned)de.column - 1 : (unsigned)de.column;
            snprintf(err, errlen, "%s:%u:%u: %s", path, l, c, is_en(lang) ? de.msg_en : de.msg_ja);
            decl_error_clear(&de);
            return;
        }
        decl_error_clear(&de);
        decl_free(doc);
    }
    line = r->line;
    col = r->col;
    advance(r->buf, at, &line, &col);
    snprintf(err, errlen, "%s:%u:%u: %s", path, line, col, is_en(lang) ? JSON_EN : JSON_JA);
}

/* A member's text ("key": value) appended to the header's text. */
static int head_add(strvec *parts, const char *text, size_t n)
{
    char *m = malloc(n + 1);
    if (!m) return -1;
    memcpy(m, text, n);
    m[n] = '\0';
    return strvec_push_owned(parts, m);
}

/* The document (without its declarations) from the members read so far: "{" parts "}", the
 * empty "declarations" array in its place when it was seen (decl_at: its index in parts). */
static cJSON *head_parse(const strvec *parts, size_t decl_at)
{
    size_t n = 3 + 20;
    for (size_t k = 0; k < parts->n; k++) n += strlen(parts->v[k]) + 1;
    char *t = malloc(n), *o = t;
    if (!t) return NULL;
    *o++ = '{';
    for (size_t k = 0; k <= parts->n; k++) {
        if (k == decl_at) o += sprintf(o, "%s\"declarations\":[]", o > t + 1 ? "," : "");
        if (k == parts->n) break;
        o += sprintf(o, "%s%s", o > t + 1 ? "," : "", parts->v[k]);
    }
    *o++ = '}';
    *o = '\0';
    cJSON *h = cJSON_Parse(t);
    free(t);
    return h;
}

#define OOM_JA "メモリが不足しています"
#define OOM_EN "out of memory"

int rollup_stream(const char *path, rollup_head_fn head_fn, rollup_decl_fn fn,
                  const char *const *skip, void *ctx, cJSON **header, const char *lang, char *err,
                  size_t errlen)
{
    if (header) *header = NULL;
    fileio_error fe;
    sreader r;
    memset(&r, 0, sizeof r);
    r.line = r.col = 1;
    r.fp = fileio_open_regular(path, &fe);
    if (!r.fp) {
        snprintf(err, errlen, "%s: %s", path, fileio_strerror(&fe, lang));
        return -1;
    }
    strvec parts = {0};
    size_t decl_at = (size_t)-1;
    int rc = -1, oom = 0, c;
    size_t at = 0; /* where a syntax error was found */
#define SYNTAX(where)                                                                              \
    do {                                                                                           \
        at = (where);                                                                              \
        goto syntax;                                                                               \
    } while (0)

    if ((c = sr_ws(&r, &oom)) != '{') SYNTAX(r.pos);
    r.pos++;
    for (int first = 1;; first = 0) {
        r.mark = r.pos;
        c = sr_ws(&r, &oom);
        if (c == '}' && first) break;
        if (!first) {
            if (c == '}') break;
            if (c != ',') SYNTAX(r.pos);
            r.pos++;
            c = sr_ws(&r, &oom);
        }
        r.mark = r.pos; /* the member's start */
        if (c != '"') SYNTAX(r.pos);
        size_t kend = sr_skip(&r, 1, &oom);
        if (!kend) SYNTAX(r.pos);
        int is_decls = (kend - r.pos == 14 && memcmp(r.buf + r.pos, "\"declarations\"", 14) == 0);
        r.pos = kend;
        if (sr_ws(&r, &oom) != ':') SYNTAX(r.pos);
        r.pos++;
        c = sr_ws(&r, &oom);
        if (c < 0) SYNTAX(r.pos);
        if (!is_decls) {
            size_t vend = sr_skip(&r, 0, &oom);
            if (!vend) SYNTAX(r.pos);
            if (head_add(&parts, r.buf + r.mark, vend - r.mark) != 0) {
                oom = 1;
                goto fail;
            }
            r.pos = vend;
            continue;
        }
        if (c != '[') {
            PATH_MSG(err, errlen, path, lang, "\"declarations\" が配列ではありません",
                     "\"declarations\" is not an array");
            goto fail;
        }
        decl_at = parts.n;
        { /* the members so far: their schema, and the head for the caller */
            cJSON *hd = head_parse(&parts, decl_at);
            if (!hd) SYNTAX(r.mark);
            const char *schema = json_str_or(hd, "schema", "");
            if (!rollup_schema_known(schema)) {
                snprintf(err, errlen,
                         is_en(lang)
                             ? "%s: not a kyojin result document (schema \"%s\")"
                             : "%s: kyojin の結果文書ではありません（schema が \"%s\" です）",
                         path, schema);
                cJSON_Delete(hd);
                goto fail;
            }
            int hr = head_fn ? head_fn(hd, ctx) : 0;
            cJSON_Delete(hd);
            if (hr) {
                rc = hr;
                goto out;
            }
        }
        r.pos++; /* '[' */
        for (int efirst = 1;; efirst = 0) {
            r.mark = r.pos;
            c = sr_ws(&r, &oom);
            if (c == ']') break;
            if (!efirst) {
                if (c != ',') SYNTAX(r.pos);
                r.pos++;
                c = sr_ws(&r, &oom);
            }
            r.mark = r.pos; /* the declaration's start */
            if (c < 0) SYNTAX(r.pos);
            size_t vend = sr_skip(&r, 0, &oom);
            if (!vend) SYNTAX(r.pos);
            cJSON *decl = parse_pruned(r.buf + r.pos, vend - r.pos, skip, NULL);
            if (!decl) SYNTAX(r.pos);
            if (!cJSON_IsObject(decl)) {
                cJSON_Delete(decl);
                unsigned line = r.line, col = r.col;
                advance(r.buf, r.pos, &line, &col);
                snprintf(err, errlen, "%s:%u:%u: %s", path, line, col,
                         is_en(lang) ? "an element of declarations is not an object"
                                     : "declarations の要素がオブジェクトではありません");
                goto fail;
            }
            int fr = fn(decl, ctx);
            cJSON_Delete(decl);
            if (fr) {
                rc = fr;
                goto out;
            }
            r.pos = vend;
        }
        r.pos++; /* ']' */
    }
    r.pos++; /* '}' */
    r.mark = r.pos;
    if (sr_ws(&r, &oom) >= 0) SYNTAX(r.pos); /* data after the top-level object */
    if (oom) goto fail;
    if (r.nul || r.ioerr) goto syntax;
    if (decl_at == (size_t)-1) {
        PATH_MSG(err, errlen, path, lang,
                 "kyojin の結果文書ではありません（\"declarations\" がありません）",
                 "not a kyojin result document (no \"declarations\")");
        goto fail;
    }
    if (header && !(*header = head_parse(&parts, decl_at))) {
        oom = 1;
        goto fail;
    }
    rc = 0;
    goto out;
syntax:
    if (oom)
        PATH_MSG(err, errlen, path, lang, OOM_JA, OOM_EN);
    else if (r.nul)
        PATH_MSG(err, errlen, path, lang, "NUL バイトが含まれています", "contains a NUL byte");
    else if (r.ioerr) {
        fe.code = FILEIO_ERR_READ;
        fe.errnum = r.ioerr;
        snprintf(err, errlen, "%s: %s", path, fileio_strerror(&fe, lang));
    } else
        stream_syntax_error(path, &r, at, lang, err, errlen);
    goto out;
fail:
    if (oom) PATH_MSG(err, errlen, path, lang, OOM_JA, OOM_EN);
out:
#undef SYNTAX
    fclose(r.fp);
    free(r.buf);
    strvec_free(&parts);
    return rc;
}

int rollup_each_declaration(const char *path, rollup_decl_fn fn, void *ctx, cJSON **header,
                            const char *lang, char *err, size_t errlen)
{
    return rollup_stream(path, NULL, fn, NULL, ctx, header, lang, err, errlen);
}

/* ---- schema and policy metadata ------------------------------------------ */

int rollup_schema_known(const char *schema)
{
    return schema && (!strcmp(schema, "kyojin/result/v2") || !strcmp(schema, "kyojin/result/v1"));
}

const cJSON *rollup_policy_meta(const cJSON *doc, const cJSON *entry, const char *key)
{
    const cJSON *own = cJSON_GetObjectItemCaseSensitive(entry, key);
    if (own) return own;
    const char *id = json_str_or(entry, "id", NULL);
    if (!id) return NULL;
    const cJSON *cat = cJSON_GetObjectItemCaseSensitive(doc, "catalog");
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(cat, "policies")) {
        const char *pid = json_str_or(p, "id", NULL);
        if (pid && !strcmp(pid, id)) return cJSON_GetObjectItemCaseSensitive(p, key);
    }
    return NULL;
}

const char *rollup_policy_meta_str(const cJSON *doc, const cJSON *entry, const char *key,
                                   const char *dflt)
{
    const cJSON *v = rollup_policy_meta(doc, entry, key);
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

/* ---- text --------------------------------------------------------------- */

const char *rollup_text(const cJSON *msg, const char *lang)
{
    if (cJSON_IsString(msg)) return msg->valuestring;
    if (!cJSON_IsObject(msg)) return "";
    const char *first = (lang && strcmp(lang, "en") == 0) ? "en" : "ja";
    const char *second = strcmp(first, "en") == 0 ? "ja" : "en";
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(msg, first);
    if (cJSON_IsString(t) && t->valuestring[0]) return t->valuestring;
    t = cJSON_GetObjectItemCaseSensitive(msg, second);
    if (cJSON_IsString(t)) return t->valuestring;
    return "";
}

/* the status and level words: the short forms of kyojin.vocab (core/report/report_vocab.c) */
static const char *word(rv_list_id list, const char *key, const char *lang)
{
    const char *w = report_vocab_short(list, key, lang && strcmp(lang, "en") == 0);
    return w ? w : key ? key : "";
}

const char *rollup_status_word(const char *status, const char *lang)
{
    return word(RV_STATUS, status, lang);
}

const char *rollup_level_word(const char *level, const char *lang)
{
    return word(RV_LEVEL, level, lang);
}
