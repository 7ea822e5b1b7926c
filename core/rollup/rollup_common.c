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

/* Read a whole result file (a regular file of text) into a NUL-terminated malloc'd buffer. */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    fileio_error fe;
    char *buf = fileio_read_file(path, ROLLUP_MAX_FILE, FILEIO_REGULAR, len, &fe);
    if (!buf) {
        snprintf(err, errlen, "%s: %s", path, fileio_strerror(&fe));
        return NULL;
    }
    if (strlen(buf) != *len) {
        snprintf(err, errlen, "%s: contains a NUL byte", path);
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

static void parse_error(const char *path, const char *text, const char *at, char *err,
                        size_t errlen)
{
    unsigned line = 1, col = 1;
    if (at && at >= text) locate(text, (size_t)(at - text), &line, &col);
    snprintf(err, errlen, "%s:%u:%u: invalid JSON", path, line, col);
}

cJSON *rollup_load_json(const char *path, char *err, size_t errlen)
{
    size_t len = 0;
    char *text = read_file(path, &len, err, errlen);
    if (!text) return NULL;
    const char *end = NULL;
    cJSON *doc = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    if (!doc) {
        const char *at = cJSON_GetErrorPtr();
        parse_error(path, text, at ? at : end, err, errlen);
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
                            char *err, size_t errlen)
{
    size_t n = 0;
    char *s = read_file(path, &n, err, errlen);
    if (!s) return -1;
    int rc = -1;
    size_t arr_start = 0, arr_end = 0;
    size_t i = skip_ws(s, n, 0);
    if (i >= n || s[i] != '{') {
        parse_error(path, s, s + i, err, errlen);
        goto done;
    }
    i = skip_ws(s, n, i + 1);
    while (i < n && s[i] != '}') {
        if (s[i] != '"') {
            parse_error(path, s, s + i, err, errlen);
            goto done;
        }
        size_t kend = skip_string(s, n, i);
        if (!kend) {
            parse_error(path, s, s + i, err, errlen);
            goto done;
        }
        int is_decls = (kend - i == 14 && memcmp(s + i, "\"declarations\"", 14) == 0);
        i = skip_ws(s, n, kend);
        if (i >= n || s[i] != ':') {
            parse_error(path, s, s + i, err, errlen);
            goto done;
        }
        i = skip_ws(s, n, i + 1);
        size_t vend = skip_value(s, n, i);
        if (!vend) {
            parse_error(path, s, s + i, err, errlen);
            goto done;
        }
        if (is_decls) {
            if (s[i] != '[') {
                snprintf(err, errlen, "%s: \"declarations\" is not an array", path);
                goto done;
            }
            arr_start = i;
            arr_end = vend;
        }
        i = skip_ws(s, n, vend);
        if (i < n && s[i] == ',') i = skip_ws(s, n, i + 1);
    }
    if (!arr_end) {
        snprintf(err, errlen, "%s: not a kyojin result document (no \"declarations\")", path);
        goto done;
    }

    /* The header: the document with an empty declarations array. */
    {
        size_t hlen = arr_start + 2 + (n - arr_end);
        char *h = malloc(hlen + 1);
        if (!h) {
            snprintf(err, errlen, "%s: out of memory", path);
            goto done;
        }
        memcpy(h, s, arr_start);
        memcpy(h + arr_start, "[]", 2);
        memcpy(h + arr_start + 2, s + arr_end, n - arr_end);
        h[hlen] = '\0';
        cJSON *hd = cJSON_ParseWithLength(h, hlen);
        free(h);
        if (!hd) {
            const char *at = NULL;
            parse_error(path, s, at, err, errlen);
            goto done;
        }
        const char *schema = json_str_or(hd, "schema", "");
        if (strcmp(schema, "kyojin/result/v1") != 0) {
            snprintf(err, errlen, "%s: not a kyojin result document (schema \"%s\")", path, schema);
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
            parse_error(path, s, s + i, err, errlen);
            goto fail_header;
        }
        cJSON *decl = cJSON_ParseWithLength(s + i, vend - i);
        if (!decl) {
            parse_error(path, s, cJSON_GetErrorPtr(), err, errlen);
            goto fail_header;
        }
        if (!cJSON_IsObject(decl)) {
            parse_error(path, s, s + i, err, errlen);
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
            parse_error(path, s, s + i, err, errlen);
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

const char *rollup_str(const cJSON *obj, const char *key)
{
    return json_str_or(obj, key, "");
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
