/* report_escape.c — escaping for every report writer: HTML text/attributes (with bidi
 * and control characters removed), JSON inside an HTML data block, CSV fields with
 * RFC 4180 quoting and formula neutralising. Owns no layout; the writers decide what
 * goes where. */
#include "report/report_escape.h"
#include "util/utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int is_bidi_control(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void html_escape_n(FILE *out, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (!s) return;
    while (n > 0) {
        uint32_t cp;
        size_t len = utf8_decode(p, n, &cp);
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (cp == UTF8_INVALID)
                fputs("\xEF\xBF\xBD", out);
            else if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F ||
                     (cp >= 0x80 && cp < 0xA0) || is_bidi_control(cp))
                ; /* dropped */
            else
                fwrite(p, 1, len, out);
        }
        p += len;
        n -= len;
    }
}

void html_escape(FILE *out, const char *s)
{
    if (s) html_escape_n(out, s, strlen(s));
}

int html_json_embed(FILE *out, const cJSON *v)
{
    char *text = cJSON_PrintUnformatted(v);
    if (!text) return -1;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p == '<')
            fputs("\\u003c", out);
        else if (*p == '>')
            fputs("\\u003e", out);
        else if (*p == '&')
            fputs("\\u0026", out);
        else if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xA8 && p[2] <= 0xAE) ||
                                  (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
            /* U+2028, U+2029 (line breaks to JavaScript) and the bidi controls */
            fprintf(out, "\\u%04x",
                    0x2000u + ((unsigned)(p[1] - 0x80) << 6) + (unsigned)(p[2] - 0x80));
            p += 2;
        } else
            fputc(*p, out);
    }
    cJSON_free(text);
    return 0;
}

int cell_is_formula_like(const char *s)
{
    static const char *const wide[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D",
                                       "\xEF\xBC\xA0"}; /* ＝ ＋ － ＠ */
    if (!s || !*s) return 0;
    if (strchr("=+-@\t\r", *s)) return 1;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (strncmp(s, wide[i], 3) == 0) return 1;
    return 0;
}

void csv_text(FILE *out, const char *s)
{
    fputc('"', out);
    if (s) {
        if (cell_is_formula_like(s)) fputc('\'', out);
        for (const char *p = s; *p; p++) {
            if (*p == '"') fputc('"', out);
            fputc(*p, out);
        }
    }
    fputc('"', out);
}

void csv_number(FILE *out, double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 1e15)
        fprintf(out, "%.0f", v);
    else if (isfinite(v))
        fprintf(out, "%.17g", v);
}

char *cell_neutralise(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    int pre = cell_is_formula_like(s);
    char *r = malloc(n + (size_t)pre + 1);
    if (!r) return NULL;
    if (pre) r[0] = '\'';
    if (n) memcpy(r + pre, s, n);
    r[n + (size_t)pre] = 0;
    return r;
}
