/* jsonout.c — writing a cJSON tree to a stream, byte for byte as cJSON prints it.
 *
 * Owns: json_write (cJSON_Print / cJSON_PrintUnformatted output, written straight to a FILE
 * through a 64 KiB buffer, from any starting depth) and json_print (the same into memory).
 * Why: cJSON prints into one growing buffer (a copy of the whole document in memory) and
 * formats every integer with sprintf; result documents are mostly small integers, keys and
 * short strings. The output is the same as cJSON 1.7's printer (tests/unit/test_jsonout.c
 * compares the two on every sample result and on edge cases). */
#include "util/jsonout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    FILE *f;   /* NULL: grow `mem` */
    char *mem; /* the buffer: fixed for a FILE, growing for memory */
    size_t len, cap;
    int failed;
} sink;

static int sink_grow(sink *s, size_t need)
{
    if (s->f) {
        if (s->len && fwrite(s->mem, 1, s->len, s->f) != s->len) s->failed = 1;
        s->len = 0;
        if (need <= s->cap) return 0;
        /* a single piece larger than the buffer: write it through */
        return 1;
    }
    size_t nc = s->cap ? s->cap : 4096;
    while (nc - s->len < need) {
        if (nc > ((size_t)-1) / 2) {
            s->failed = 1;
            return -1;
        }
        nc *= 2;
    }
    char *m = realloc(s->mem, nc);
    if (!m) {
        s->failed = 1;
        return -1;
    }
    s->mem = m;
    s->cap = nc;
    return 0;
}

static void put(sink *s, const char *p, size_t n)
{
    if (s->failed) return;
    if (s->cap - s->len < n) {
        int g = sink_grow(s, n);
        if (g < 0) return;
        if (g > 0) {
            if (fwrite(p, 1, n, s->f) != n) s->failed = 1;
            return;
        }
    }
    memcpy(s->mem + s->len, p, n);
    s->len += n;
}

static void putc1(sink *s, char c)
{
    if (s->len < s->cap)
        s->mem[s->len++] = c;
    else
        put(s, &c, 1);
}

static void tabs(sink *s, size_t n)
{
    static const char t[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    while (n > 16) {
        put(s, t, 16);
        n -= 16;
    }
    put(s, t, n);
}

/* cJSON's print_string_ptr: ", \ and the controls below 0x20 escaped, the rest as is. */
static void put_string(sink *s, const char *str)
{
    if (!str) {
        put(s, "\"\"", 2);
        return;
    }
    putc1(s, '"');
    const unsigned char *p = (const unsigned char *)str, *run = p;
    for (; *p; p++) {
        unsigned char c = *p;
        if (c >= 32 && c != '"' && c != '\\') continue;
        put(s, (const char *)run, (size_t)(p - run));
        run = p + 1;
        char e[8];
        switch (c) {
        case '"': put(s, "\\\"", 2); break;
        case '\\': put(s, "\\\\", 2); break;
        case '\b': put(s, "\\b", 2); break;
        case '\f': put(s, "\\f", 2); break;
        case '\n': put(s, "\\n", 2); break;
        case '\r': put(s, "\\r", 2); break;
        case '\t': put(s, "\\t", 2); break;
        default: snprintf(e, sizeof e, "\\u%04x", c); put(s, e, 6);
        }
    }
    put(s, (const char *)run, (size_t)(p - run));
    putc1(s, '"');
}

static int compare_double(double a, double b)
{
    double max = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= max * 2.220446049250313e-16; /* DBL_EPSILON, as cJSON */
}

/* cJSON's print_number (1.7.15): "null" for NaN and infinities, otherwise the shorter of
 * %1.15g and %1.17g that reads back. An integral value below 1e15 in magnitude prints as
 * its digits under %1.15g (no exponent, no point; -0.0 as "-0"): that case, nearly every
 * number of a result document, is formatted here without sprintf. */
static void put_number(sink *s, const cJSON *item)
{
    double d = item->valuedouble;
    char b[32];
    if (isnan(d) || isinf(d)) {
        put(s, "null", 4);
        return;
    }
    if (fabs(d) < 1e15 && d == floor(d)) {
        long long v = (long long)d;
        char *e = b + sizeof b, *q = e;
        unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        do *--q = (char)('0' + u % 10);
        while (u /= 10);
        if (signbit(d)) *--q = '-';
        put(s, q, (size_t)(e - q));
        return;
    }
    int n = snprintf(b, sizeof b, "%1.15g", d);
    double test = 0;
    if (sscanf(b, "%lg", &test) != 1 || !compare_double(test, d))
        n = snprintf(b, sizeof b, "%1.17g", d);
    put(s, b, (size_t)n);
}

static int put_value(sink *s, const cJSON *item, int format, size_t depth)
{
    switch (item->type & 0xFF) {
    case cJSON_NULL: put(s, "null", 4); return 0;
    case cJSON_False: put(s, "false", 5); return 0;
    case cJSON_True: put(s, "true", 4); return 0;
    case cJSON_Number: put_number(s, item); return 0;
    case cJSON_Raw:
        if (!item->valuestring) return -1;
        put(s, item->valuestring, strlen(item->valuestring));
        return 0;
    case cJSON_String: put_string(s, item->valuestring); return 0;
    case cJSON_Array: {
        putc1(s, '[');
        for (const cJSON *c = item->child; c; c = c->next) {
            if (put_value(s, c, format, depth + 1)) return -1;
            if (c->next) put(s, format ? ", " : ",", format ? 2 : 1);
        }
        putc1(s, ']');
        return 0;
    }
    case cJSON_Object: {
        putc1(s, '{');
        if (format) putc1(s, '\n');
        for (const cJSON *c = item->child; c; c = c->next) {
            if (format) tabs(s, depth + 1);
            put_string(s, c->string);
            put(s, ":\t", format ? 2 : 1);
            if (put_value(s, c, format, depth + 1)) return -1;
            if (c->next) putc1(s, ',');
            if (format) putc1(s, '\n');
        }
        if (format) tabs(s, depth);
        putc1(s, '}');
        return 0;
    }
    default: return -1;
    }
}

int json_write(FILE *out, const cJSON *item, int format, int depth)
{
    char buf[65536];
    sink s = {out, buf, 0, sizeof buf, 0};
    int rc = item ? put_value(&s, item, format, depth > 0 ? (size_t)depth : 0) : -1;
    if (s.len && fwrite(s.mem, 1, s.len, out) != s.len) s.failed = 1;
    return rc || s.failed ? -1 : 0;
}

char *json_print(const cJSON *item, int format, size_t *len)
{
    sink s = {NULL, NULL, 0, 0, 0};
    int rc = item ? put_value(&s, item, format, 0) : -1;
    putc1(&s, '\0');
    if (rc || s.failed) {
        free(s.mem);
        return NULL;
    }
    if (len) *len = s.len - 1;
    return s.mem;
}
