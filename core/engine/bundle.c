/* bundle.c — finding and loading chunks of the build's precompiled bundle (bundle.h). */
#include "engine/bundle.h"

#include <stdlib.h>
#include <string.h>

const bundle *bundle_usable(const bundle *b)
{
    if (!b || !b->lua_ident || !b->marker || strcmp(b->lua_ident, lua_ident) != 0) return NULL;
    return b;
}

const bundle_chunk *bundle_runtime_file(const bundle *b, const char *relname)
{
    for (size_t i = 0; b && i < b->nruntime; i++)
        if (strcmp(b->runtime[i].relname, relname) == 0) return b->runtime[i].chunk;
    return NULL;
}

char *bundle_text_copy(const bundle_chunk *c, size_t *len)
{
    char *t = c ? malloc(c->src_len + 1) : NULL;
    if (!t) return NULL;
    memcpy(t, c->src, c->src_len);
    t[c->src_len] = 0;
    *len = c->src_len;
    return t;
}

static int cmp_text(const bundle_chunk *c, const char *text, size_t len)
{
    if (c->src_len != len) return c->src_len < len ? -1 : 1;
    return len ? memcmp(c->src, text, len) : 0;
}

int bundle_same_text(const bundle_chunk *c, const char *text, size_t len)
{
    return c && cmp_text(c, text, len) == 0;
}

const bundle_chunk *bundle_find(const bundle *b, const char *text, size_t len)
{
    if (!b) return NULL;
    size_t lo = 0, hi = b->nchunks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_text(&b->chunks[mid], text, len);
        if (c == 0) return b->chunks[mid].code ? &b->chunks[mid] : NULL;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The dumped chunk with its source name replaced: pieces handed to lua_load in turn. */
typedef struct {
    const char *p[4];
    size_t n[4];
    int i;
} splice;

static const char *splice_read(lua_State *L, void *ud, size_t *size)
{
    (void)L;
    splice *s = ud;
    while (s->i < 4) {
        int i = s->i++;
        if (s->n[i]) {
            *size = s->n[i];
            return s->p[i];
        }
    }
    *size = 0;
    return NULL;
}

int bundle_load(lua_State *L, const bundle *b, const bundle_chunk *c, const char *chunkname)
{
    if (!c->code) return -1;
    size_t ml = strlen(b->marker), cl = strlen(chunkname);
    /* the dump stores a string as its size + 1 in 7-bit groups, most significant first, the
     * last group marked with 0x80, then the bytes; the marker is short: one size byte */
    if (ml + 1 >= 0x80 || c->name_off + 1 + ml > c->len ||
        c->code[c->name_off] != (0x80 | (ml + 1)) ||
        memcmp(c->code + c->name_off + 1, b->marker, ml) != 0)
        return -1;
    char size[16];
    int n = 0;
    unsigned char groups[16];
    size_t x = cl + 1;
    do {
        groups[n++] = (unsigned char)(x & 0x7f);
        x >>= 7;
    } while (x && n < (int)sizeof groups);
    for (int i = 0; i < n; i++) size[i] = (char)groups[n - 1 - i];
    size[n - 1] = (char)((unsigned char)size[n - 1] | 0x80);
    size_t rest = c->name_off + 1 + ml;
    splice s = {{(const char *)c->code, size, chunkname, (const char *)c->code + rest},
                {c->name_off, (size_t)n, cl, c->len - rest},
                0};
    if (lua_load(L, splice_read, &s, chunkname, "b") != LUA_OK) {
        lua_pop(L, 1);
        return -1;
    }
    return 0;
}
