/* utf8.c — UTF-8 for text that leaves kyojin (see utf8.h).
 * Owns: the one strict decoder (maximal ill-formed subparts, Unicode §3.9) the writers, the
 * loader and the result repair share; cutting and formatting without breaking a character.
 * Does not own: what is escaped for which format (core/report), or the declaration's own
 * UTF-8 errors and their messages (core/input/decl.c). */
#include "util/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline size_t decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    size_t len;
    uint32_t v;
    unsigned lo = 0x80, hi = 0xBF; /* range of the second byte (Unicode table 3-7) */
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        v = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        v = c & 0x0F;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        v = c & 0x07;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        *cp = UTF8_INVALID;
        return 1;
    }
    for (size_t i = 1; i < len; i++) {
        unsigned b = i < n ? s[i] : 0;
        if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) {
            *cp = UTF8_INVALID;
            return i;
        }
        v = v << 6 | (b & 0x3F);
    }
    *cp = v;
    return len;
}

size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    return decode(s, n, cp);
}

int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    const uint64_t hi = 0x8080808080808080u, lo = 0x0101010101010101u;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        uint64_t w;
        /* runs of ASCII without NUL eight bytes at a time (most keys, pointers, English) */
        while (i + 8 <= n && (memcpy(&w, p + i, 8), !(w & hi) && !((w - lo) & ~w & hi))) i += 8;
        if (i >= n) break;
        if (p[i] >= 0x01 && p[i] < 0x80) {
            i++;
            continue;
        }
        i += decode(p + i, n - i, &cp);
        if (cp == UTF8_INVALID || cp == 0) return 0;
    }
    return 1;
}

size_t utf8_cut(const char *s, size_t n, size_t max)
{
    if (n <= max) return n;
    size_t k = max;
    /* back over continuation bytes to the lead byte of the character at max */
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 && max - k < 3) k--;
    return k;
}

int utf8_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = utf8_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return r;
}

int utf8_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    int r = vsnprintf(buf, size, fmt, ap);
    if (r >= 0 && size > 0 && (size_t)r >= size) {
        /* truncated: buf holds the first size - 1 bytes; drop an incomplete last character */
        const unsigned char *u = (const unsigned char *)buf;
        size_t k = size - 1, j = k;
        while (j > 0 && k - j < 3 && (u[j - 1] & 0xC0) == 0x80) j--;
        if (j > 0) {
            unsigned c = u[j - 1];
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (k - (j - 1) < need) k = j - 1;
        }
        buf[k] = 0;
    }
    return r;
}

char *utf8_repair(const char *s, size_t n, int *repaired)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t out = 0;
    int bad = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (cp == UTF8_INVALID || cp == 0) {
            out += 3;
            bad = 1;
        } else
            out += len;
        i += len;
    }
    if (repaired) *repaired = bad;
    char *r = malloc(out + 1);
    if (!r) return NULL;
    if (!bad) {
        memcpy(r, s, n);
        r[n] = 0;
        return r;
    }
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        if (cp == UTF8_INVALID || cp == 0) {
            memcpy(r + o, "\xEF\xBF\xBD", 3);
            o += 3;
        } else {
            memcpy(r + o, p + i, len);
            o += len;
        }
        i += len;
    }
    r[o] = 0;
    return r;
}

char *utf8_show_name(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s), out = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        out += cp == UTF8_INVALID ? 4 * len : len;
        i += len;
    }
    char *r = malloc(out + 1);
    if (!r) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = utf8_decode(p + i, n - i, &cp);
        for (size_t k = 0; k < len; k++)
            if (cp == UTF8_INVALID)
                o += (size_t)sprintf(r + o, "\\x%02X", p[i + k]);
            else
                r[o++] = (char)p[i + k];
        i += len;
    }
    r[o] = 0;
    return r;
}

char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *r = str_vprintf(fmt, ap);
    va_end(ap);
    return r;
}

char *str_vprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *r = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (r) vsnprintf(r, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return r;
}

int utf8_cp_width(uint32_t c)
{
    if (c < 0x1100) return 1;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF) ||
        (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

size_t utf8_width(const char *s)
{
    size_t w = 0, n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf8_decode((const unsigned char *)s + i, n - i, &cp);
        w += cp == UTF8_INVALID ? 1 : (size_t)utf8_cp_width(cp);
    }
    return w;
}
