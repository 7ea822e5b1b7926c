/* test_bundle.c — the build's precompiled bundle (core/engine/bundle.h, tools/mkbundle.c): every
 * chunk is its recorded source compiled, byte for byte (debug information included) once
 * loaded under a real chunk name; the recorded policy-set hash is runner.c's formula over the
 * recorded policy list; lookups find exact texts only. Linked with $(BUILD)/bundle_data.o. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <lauxlib.h>
#include <lualib.h>

#include "engine/bundle.h"
#include "util/sha256.h"

typedef struct {
    unsigned char *p;
    size_t n;
} buf;

static int writer(lua_State *L, const void *p, size_t sz, void *ud)
{
    (void)L;
    buf *b = ud;
    unsigned char *np = realloc(b->p, b->n + sz + 1);
    if (!np) return 1;
    b->p = np;
    memcpy(b->p + b->n, p, sz);
    b->n += sz;
    return 0;
}

static buf dump_top(lua_State *L)
{
    buf b = {NULL, 0};
    assert_int_equal(lua_dump(L, writer, &b, 0), 0);
    return b;
}

static void test_usable(void **state)
{
    (void)state;
    assert_ptr_equal(bundle_usable(&kyojin_builtin_bundle), &kyojin_builtin_bundle);
    bundle other = kyojin_builtin_bundle;
    other.lua_ident = "$LuaVersion: Lua 0.0.0 $";
    assert_null(bundle_usable(&other));
    assert_null(bundle_usable(NULL));
    assert_true(kyojin_builtin_bundle.nchunks > 0);
    assert_true(kyojin_builtin_bundle.npolicies > 0);
}

static void test_chunks_are_their_sources(void **state)
{
    (void)state;
    const bundle *b = &kyojin_builtin_bundle;
    const char *names[] = {
        "@policies/x/some-policy.lua", "=short",
        "@a/rather/long/path/so/that/the/size/of/the/"
        "name/needs/more/than/one/byte/in/the/dump/format/0123456789012345678901234567890123456789.lua"};
    size_t with_code = 0;
    for (size_t i = 0; i < b->nchunks; i++) {
        const bundle_chunk *c = &b->chunks[i];
        unsigned char d[32];
        sha256(c->src, c->src_len, d);
        assert_memory_equal(d, c->sha, 32);
        if (i)
            assert_true(c[-1].src_len < c->src_len ||
                        (c[-1].src_len == c->src_len && memcmp(c[-1].src, c->src, c->src_len) < 0));
        assert_ptr_equal(bundle_find(b, c->src, c->src_len), c->code ? c : NULL);
        if (!c->code) continue;
        with_code++;
        for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
            lua_State *L = luaL_newstate();
            assert_non_null(L);
            assert_int_equal(bundle_load(L, b, c, names[k]), 0);
            buf from_bundle = dump_top(L);
            lua_pop(L, 1);
            assert_int_equal(luaL_loadbufferx(L, c->src, c->src_len, names[k], "t"), LUA_OK);
            buf from_source = dump_top(L);
            assert_int_equal(from_bundle.n, from_source.n);
            assert_memory_equal(from_bundle.p, from_source.p, from_source.n);
            free(from_bundle.p);
            free(from_source.p);
            lua_close(L);
        }
    }
    assert_true(with_code > 0);
}

static void test_policy_set_hash(void **state)
{
    (void)state;
    const bundle *b = &kyojin_builtin_bundle;
    sha256_ctx c;
    sha256_init(&c);
    for (size_t i = 0; i < b->npolicies; i++) {
        if (i) assert_true(strcmp(b->policies[i - 1].relname, b->policies[i].relname) < 0);
        sha256_update(&c, b->policies[i].relname, strlen(b->policies[i].relname) + 1);
        sha256_update(&c, b->policies[i].chunk->src, b->policies[i].chunk->src_len);
        sha256_update(&c, "", 1);
    }
    unsigned char d[32];
    sha256_final(&c, d);
    assert_memory_equal(d, b->policy_set_sha, 32);
}

static void test_exact_texts_only(void **state)
{
    (void)state;
    const bundle *b = &kyojin_builtin_bundle;
    const bundle_chunk *c = b->policies[0].chunk;
    char *t = malloc(c->src_len + 2);
    assert_non_null(t);
    memcpy(t, c->src, c->src_len);
    assert_true(bundle_same_text(c, t, c->src_len));
    t[c->src_len] = '\n';
    assert_false(bundle_same_text(c, t, c->src_len + 1));
    assert_null(bundle_find(b, t, c->src_len + 1));
    t[0] ^= 1;
    assert_false(bundle_same_text(c, t, c->src_len));
    assert_null(bundle_find(b, t, c->src_len));
    free(t);
    assert_null(bundle_find(NULL, "x", 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usable),
        cmocka_unit_test(test_chunks_are_their_sources),
        cmocka_unit_test(test_policy_set_hash),
        cmocka_unit_test(test_exact_texts_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
