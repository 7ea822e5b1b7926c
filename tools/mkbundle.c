/* mkbundle.c — build tool: precompile the bundled Lua sources into a C file (core/engine/bundle.h).
 *
 *   mkbundle OUT.c POLICIES_DIR LUA_DIR
 *
 * Every policy file under POLICIES_DIR (the files core/engine/runner.c lists: *.lua, not *_test.lua,
 * not under fixtures/, not the top-level catalog.lua) and every *.lua under LUA_DIR is compiled
 * in text mode with the Lua library kyojin links, and dumped with its debug information under
 * a marker source name that kyojin replaces when loading. Each chunk is stored with its
 * source text (kyojin compares the text it reads with it) and that text's SHA-256. The policy list (relative names and hashes, in runner.c's order) and the
 * policy-set hash runner.c would compute for exactly those files are recorded too, and the
 * pack's edition.lua (runner.h EDITION_FILE) when POLICIES_DIR has one. A file
 * that does not compile has no chunk (kyojin compiles it, and reports the error, as before).
 * For every policy that loads, the metadata runner.c builds for it (running the chunk and
 * the DSL validator, core/engine/runner.c linked in) is recorded with the helper files it was built
 * with; kyojin uses it only under the conditions runner_new states.
 * Run by the Makefile; the output is linked only into the kyojin binary. */
#define _POSIX_C_SOURCE 200809L
#include "engine/bundle.h"
#include "util/fileio.h"
#include "engine/runner.h"
#include "util/atomic_out.h"
#include "util/sha256.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MARKER "=kyojin bundle"

typedef struct {
    char *src;
    size_t src_len;
    unsigned char sha[32];
    unsigned char *code; /* NULL: does not compile */
    size_t len, name_off;
    char *meta; /* a policy's metadata (JSON) as runner.c builds it, or NULL */
    int has_applies;
} chunk;

typedef struct {
    char **v;
    size_t n, cap;
} strlist;

static chunk *chunks;
static size_t nchunks, capchunks;

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "mkbundle: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n);
    if (!p) die("out of memory", NULL);
    return p;
}

static void sl_add(strlist *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    size_t n = strlen(s) + 1;
    l->v[l->n] = xrealloc(NULL, n);
    memcpy(l->v[l->n++], s, n);
}

typedef struct {
    unsigned char *p;
    size_t n;
} buf;

static int writer(lua_State *L, const void *p, size_t sz, void *ud)
{
    (void)L;
    buf *b = ud;
    b->p = xrealloc(b->p, b->n + sz + 1);
    memcpy(b->p + b->n, p, sz);
    b->n += sz;
    return 0;
}

/* Add text (once per distinct text, taking it) with its compiled chunk if it compiles. */
static void add_chunk(char *text, size_t len, const unsigned char sha[32])
{
    for (size_t i = 0; i < nchunks; i++)
        if (chunks[i].src_len == len && memcmp(chunks[i].src, text, len) == 0) {
            free(text);
            return;
        }
    if (nchunks == capchunks) {
        capchunks = capchunks ? capchunks * 2 : 128;
        chunks = xrealloc(chunks, capchunks * sizeof *chunks);
    }
    chunk *c = &chunks[nchunks++];
    memset(c, 0, sizeof *c);
    c->src = text;
    c->src_len = len;
    memcpy(c->sha, sha, 32);
    if (len > 0 && text[0] == LUA_SIGNATURE[0]) return;
    lua_State *L = luaL_newstate();
    if (!L) die("cannot create a Lua state", NULL);
    buf b = {NULL, 0};
    if (luaL_loadbufferx(L, text, len, MARKER, "t") == LUA_OK) lua_dump(L, writer, &b, 0);
    lua_close(L);
    if (!b.p) return;
    /* where the main function's source name is: its size byte, then the marker */
    size_t ml = strlen(MARKER), off = 0;
    int found = 0;
    for (; off + 1 + ml <= b.n && off < 256; off++)
        if (b.p[off] == (0x80 | (ml + 1)) && memcmp(b.p + off + 1, MARKER, ml) == 0) {
            found = 1;
            break;
        }
    if (!found) die("the source name is not in the dumped chunk", NULL);
    c->code = b.p;
    c->len = b.n;
    c->name_off = off;
}

/* the order of bundle_find: by length, then bytes */
static int cmp_chunk(const void *a, const void *b)
{
    const chunk *x = a, *y = b;
    if (x->src_len != y->src_len) return x->src_len < y->src_len ? -1 : 1;
    return x->src_len ? memcmp(x->src, y->src, x->src_len) : 0;
}

static size_t chunk_of(const unsigned char sha[32])
{
    for (size_t i = 0; i < nchunks; i++)
        if (memcmp(chunks[i].sha, sha, 32) == 0) return i;
    die("internal: a policy text is not among the chunks", NULL);
    return 0;
}

/* a C string literal: printable ASCII as is, everything else as 3-digit octal */
static void put_string(FILE *f, const unsigned char *s, size_t n, size_t wrap)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        if (wrap && i && i % wrap == 0) fputs("\"\n\"", f);
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?')
            fputc(c, f);
        else
            fprintf(f, "\\%03o", c);
    }
    fputc('"', f);
}

static void put_sha(FILE *f, const unsigned char sha[32])
{
    fputc('{', f);
    for (int i = 0; i < 32; i++) fprintf(f, "%s%u", i ? "," : "", sha[i]);
    fputc('}', f);
}

int main(int argc, char **argv)
{
    if (argc != 4) die("usage: mkbundle OUT.c POLICIES_DIR LUA_DIR", NULL);
    const char *out = argv[1], *pdir = argv[2], *ldir = argv[3];

    strlist pol = {0}, lua = {0};
    /* the files runner.c loads, listed by its own function */
    pol.n = pol.cap = runner_list_sources(pdir, 1, &pol.v);
    lua.n = lua.cap = runner_list_sources(ldir, 0, &lua.v);

    unsigned char(*psha)[32] = xrealloc(NULL, (pol.n ? pol.n : 1) * 32);
    size_t npol = 0;
    int complete = 1; /* every listed policy file could be read */
    sha256_ctx set;
    sha256_init(&set);
    for (size_t i = 0; i < pol.n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", pdir, pol.v[i]);
        size_t len = 0;
        char *text = fileio_read(path, (size_t)64 << 20, &len);
        if (!text) {
            complete = 0;
            continue;
        }
        sha256(text, len, psha[npol++]);
        sha256_update(&set, pol.v[i], strlen(pol.v[i]) + 1);
        sha256_update(&set, text, len);
        sha256_update(&set, "", 1);
        add_chunk(text, len, psha[npol - 1]);
    }
    unsigned char setsha[32];
    sha256_final(&set, setsha);
    /* the pack's edition (data beside the policies, not one of them: runner.h EDITION_FILE) */
    unsigned char esha[32];
    int has_edition = 0;
    {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", pdir, EDITION_FILE);
        size_t len = 0;
        char *text = fileio_read(path, (size_t)1 << 20, &len);
        if (text) {
            sha256(text, len, esha);
            add_chunk(text, len, esha);
            has_edition = 1;
        }
    }
    unsigned char(*lsha)[32] = xrealloc(NULL, (lua.n ? lua.n : 1) * 32);
    for (size_t i = 0; i < lua.n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", ldir, lua.v[i]);
        size_t len = 0;
        char *text = fileio_read(path, (size_t)64 << 20, &len);
        if (!text) die("cannot read", path);
        sha256(text, len, lsha[i]);
        add_chunk(text, len, lsha[i]);
    }
    if (nchunks) qsort(chunks, nchunks, sizeof *chunks, cmp_chunk);

    /* the metadata of every policy that loads, built by runner.c itself (no bundle) */
    strlist helpers = {0};
    {
        runner_opts ro = {0};
        ro.policies_dir = pdir;
        ro.lua_dir = ldir;
        char err[2048];
        runner *r = runner_new(&ro, err, sizeof err);
        if (r) {
            for (int i = 0; i < runner_helper_count(r); i++)
                sl_add(&helpers, runner_helper_name(r, i));
            for (int i = 0; i < runner_policy_count(r); i++) {
                const char *rel;
                char *meta;
                int has_applies;
                if (runner_policy_export(r, i, &rel, &meta, &has_applies) != 0)
                    die("out of memory", NULL);
                size_t k = 0;
                while (k < npol && strcmp(pol.v[k], rel) != 0) k++;
                if (k == npol || !complete) {
                    free(meta);
                    continue;
                }
                chunk *c = &chunks[chunk_of(psha[k])];
                free(c->meta);
                c->meta = meta;
                c->has_applies = has_applies;
            }
            runner_free(r);
        }
    }

    atomic_out ao; /* the output appears whole or not at all */
    char err[1024];
    if (atomic_out_open(&ao, out, err, sizeof err) != 0) die("cannot write", err);
    FILE *f = ao.fp;
    fprintf(
        f,
        "/* Generated by tools/mkbundle.c from %s and %s: do not edit. */\n#include \"engine/bundle.h\"\n\n",
        pdir, ldir);
    for (size_t i = 0; i < nchunks; i++) {
        fprintf(f, "static const char s%zu[] =\n", i);
        put_string(f, (const unsigned char *)chunks[i].src, chunks[i].src_len, 96);
        fputs(";\n", f);
        if (!chunks[i].code) continue;
        fprintf(f, "static const unsigned char c%zu[] =\n", i);
        put_string(f, chunks[i].code, chunks[i].len, 96);
        fputs(";\n", f);
    }
    fputs("\nstatic const bundle_chunk chunks[] = {\n", f);
    for (size_t i = 0; i < nchunks; i++) {
        fprintf(f, "    {s%zu, %zu, ", i, chunks[i].src_len);
        put_sha(f, chunks[i].sha);
        if (chunks[i].code)
            fprintf(f, ", c%zu, %zu, %zu, ", i, chunks[i].len, chunks[i].name_off);
        else
            fputs(", 0, 0, 0, ", f);
        if (chunks[i].meta)
            put_string(f, (const unsigned char *)chunks[i].meta, strlen(chunks[i].meta), 0);
        else
            fputs("0", f);
        fprintf(f, ", %d},\n", chunks[i].has_applies);
    }
    if (!nchunks) fputs("    {0, 0, {0}, 0, 0, 0, 0, 0},\n", f);
    fputs("};\n\nstatic const bundle_policy policies[] = {\n", f);
    if (!complete) npol = 0; /* an unreadable file: no recorded set (runner.c computes it) */
    for (size_t i = 0; i < npol; i++) {
        fputs("    {", f);
        put_string(f, (const unsigned char *)pol.v[i], strlen(pol.v[i]), 0);
        fprintf(f, ", &chunks[%zu]},\n", chunk_of(psha[i]));
    }
    if (!npol) fputs("    {0, 0},\n", f);
    fputs("};\n\nstatic const char *const helpers[] = {\n", f);
    for (size_t i = 0; i < helpers.n; i++) {
        fputs("    ", f);
        put_string(f, (const unsigned char *)helpers.v[i], strlen(helpers.v[i]), 0);
        fputs(",\n", f);
    }
    if (!helpers.n) fputs("    0,\n", f);
    /* the runtime by name, for a binary without its lua/ directory */
    fputs("};\n\nstatic const bundle_policy runtime[] = {\n", f);
    for (size_t i = 0; i < lua.n; i++) {
        fputs("    {", f);
        put_string(f, (const unsigned char *)lua.v[i], strlen(lua.v[i]), 0);
        fprintf(f, ", &chunks[%zu]},\n", chunk_of(lsha[i]));
    }
    if (!lua.n) fputs("    {0, 0},\n", f);
    fputs("};\n\nconst bundle kyojin_builtin_bundle = {\n    ", f);
    put_string(f, (const unsigned char *)lua_ident, strlen(lua_ident), 0);
    fputs(",\n    ", f);
    put_string(f, (const unsigned char *)MARKER, strlen(MARKER), 0);
    fprintf(f, ",\n    chunks, %zu,\n    policies, %zu,\n    ", nchunks, npol);
    put_sha(f, setsha);
    fprintf(f, ",\n    helpers, %zu,\n    runtime, %zu,\n    ", helpers.n, lua.n);
    if (has_edition)
        fprintf(f, "&chunks[%zu]};\n", chunk_of(esha));
    else
        fputs("0};\n", f);
    if (atomic_out_commit(&ao, err, sizeof err) != 0) die("cannot write", err);

    for (size_t i = 0; i < nchunks; i++) {
        free(chunks[i].src);
        free(chunks[i].code);
        free(chunks[i].meta);
    }
    for (size_t i = 0; i < helpers.n; i++) free(helpers.v[i]);
    free(helpers.v);
    free(chunks);
    for (size_t i = 0; i < pol.n; i++) free(pol.v[i]);
    for (size_t i = 0; i < lua.n; i++) free(lua.v[i]);
    free(pol.v);
    free(lua.v);
    free(psha);
    free(lsha);
    return 0;
}
