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

/* ---- a minimal JSON skipper for streaming ------------------------------ */

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
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
    return i;
}

int rollup_each_declaration(const char *path, rollup_decl_fn fn, void *ctx, cJSON **header,
                            const char *lang, char *err, size_t errlen)
{
    size_t n = 0;
    char *s = read_file(path, lang, &n, err, errlen);
    if (!s) return -1;
    int rc = -1;
    size_t arr_start = 0, arr_end = 0;
    size_t i = skip_ws(s, n, 0);
    if (i >= n || s[i] != '{') {
        parse_error(path, s, n, s + i, JSON_JA, JSON_EN, lang, err, errlen);
        goto done;
    }
    i = skip_ws(s, n, i + 1);
    while (i < n && s[i] != '}') {
        if (s[i] != '"') {
            parse_error(path, s, n, s + i, JSON_JA, JSON_EN, lang, err, errlen);
            goto done;
        }
        size_t kend = skip_string(s, n, i);
        if (!kend) {
            parse_error(path, s, n, s + i, JSON_JA, JSON_EN, lang, err, errlen);
            goto done;
        }
        int is_decls = (kend - i == 14 && memcmp(s + i, "\"declarations\"", 14) == 0);
        i = skip_ws(s, n, kend);
        if (i >= n || s[i] != ':') {
            parse_error(path, s, n, s + i, JSON_JA, JSON_EN, lang, err, errlen);
            goto done;
        }
        i = skip_ws(s, n, i + 1);
        size_t vend = skip_value(s, n, i);
        if (!vend) {
            parse_error(path, s, n, s + i, JSON_JA, JSON_EN, lang, err, errlen);
            goto done;
        }
        if (is_decls) {
            if (s[i] != '[') {
                PATH_MSG(err, errlen, path, lang, "\"declarations\" が配列ではありません",
                         "\"declarations\" is not an array");
                goto done;
            }
            arr_start = i;
            arr_end = vend;
        }
        i = skip_ws(s, n, vend);
        if (i < n && s[i] == ',') i = skip_ws(s, n, i + 1);
    }
    if (i >= n) { /* the text ends inside the top-level object */
        parse_error(path, s, n, s + n, JSON_JA, JSON_EN, lang, err, errlen);
        goto done;
    }
    if (skip_ws(s, n, i + 1) < n) { /* data after the top-level object */
        parse_error(path, s, n, s + skip_ws(s, n, i + 1), JSON_JA, JSON_EN, lang, err, errlen);
        goto done;
    }
    if (!arr_end) {
        PATH_MSG(err, errlen, path, lang,
                 "kyojin の結果文書ではありません（\"declarations\" がありません）",
                 "not a kyojin result document (no \"declarations\")");
        goto done;
    }

    /* The header: the document with an empty declarations array. */
    {
        size_t hlen = arr_start + 2 + (n - arr_end);
        char *h = malloc(hlen + 1);
        if (!h) {
            PATH_MSG(err, errlen, path, lang, "メモリが不足しています", "out of memory");
            goto done;
        }
        memcpy(h, s, arr_start);
        memcpy(h + arr_start, "[]", 2);
        memcpy(h + arr_start + 2, s + arr_end, n - arr_end);
        h[hlen] = '\0';
        cJSON *hd = cJSON_ParseWithLength(h, hlen);
        free(h);
        if (!hd) {
            parse_error(path, s, n, NULL, JSON_JA, JSON_EN, lang, err, errlen);
            goto done;
        }
        const char *schema = json_str_or(hd, "schema", "");
        if (!rollup_schema_known(schema)) {
            snprintf(err, errlen,
                     is_en(lang) ? "%s: not a kyojin result document (schema \"%s\")"
                                 : "%s: kyojin の結果文書ではありません（schema が \"%s\" です）",
                     path, schema);
            cJSON_Delete(hd);
            goto done;
        }
        if (header)
            *header = hd;
        else
            cJSON_Delete(hd);
    }

    i = skip_ws(s, n, arr_start + 1);
    while (i < arr_end - 1) {
        size_t vend = skip_value(s, n, i);
        if (!vend || vend > arr_end - 1) {
            parse_error(path, s, n, s + i, JSON_JA, JSON_EN, lang, err, errlen);
            goto fail_header;
        }
        cJSON *decl = cJSON_ParseWithLength(s + i, vend - i);
        if (!decl) {
            parse_error(path, s, n, cJSON_GetErrorPtr(), JSON_JA, JSON_EN, lang, err, errlen);
            goto fail_header;
        }
        if (!cJSON_IsObject(decl)) {
            parse_error(path, s, n, s + i, "declarations の要素がオブジェクトではありません",
                        "an element of declarations is not an object", lang, err, errlen);
            cJSON_Delete(decl);
            goto fail_header;
        }
        int r = fn(decl, ctx);
        cJSON_Delete(decl);
        if (r) {
            rc = r;
            goto done;
        }
        i = skip_ws(s, n, vend);
        if (i < n && s[i] == ',')
            i = skip_ws(s, n, i + 1);
        else if (i < arr_end - 1) {
            parse_error(path, s, n, s + i, JSON_JA, JSON_EN, lang, err, errlen);
            goto fail_header;
        }
    }
    rc = 0;
    goto done;
fail_header:
    if (header && *header) {
        cJSON_Delete(*header);
        *header = NULL;
    }
done:
    free(s);
    return rc;
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
