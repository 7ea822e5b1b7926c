/* fuzz_decl.c — declaration file → strict parse → schema validation → Lua conversion (and,
 * for valid declarations, evaluation by the benign test policies).
 * Invariants: the loader never accepts what cJSON alone would misread (no duplicate keys,
 * every string valid UTF-8 without NUL); a rejection always has a message, and a position
 * within the file; JSON → Lua → JSON gives back the same tree; every value can be located. */
#include "input/decl.h"
#include "input/luaconv.h"
#include "engine/runner.h"
#include "fuzz_common.h"

#include <lauxlib.h>
#include <stdint.h>

static runner *R;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char pol[4096], lua[4096], err[1024];
    fuzz_path(pol, sizeof pol, "tests/adversarial/policies/benign");
    fuzz_path(lua, sizeof lua, "lua");
    runner_opts o = {0};
    o.policies_dir = pol;
    o.lua_dir = lua;
    o.validate = 1;
    R = runner_new(&o, err, sizeof err);
    if (!R) {
        fprintf(stderr, "fuzz_decl: %s\n", err);
        exit(1);
    }
    return 0;
}

/* Lua side of the round trip, run protected: push the tree, convert back, compare. */
static int roundtrip(lua_State *L)
{
    const cJSON *root = lua_touserdata(L, 1);
    luaconv_push(L, root);
    char err[200];
    cJSON *back = luaconv_to_json(L, -1, err, sizeof err);
    FUZZ_CHECK(back != NULL, "a loaded declaration does not convert back: %s", err);
    FUZZ_CHECK(cJSON_Compare(root, back, 1), "JSON -> Lua -> JSON changed the tree");
    cJSON_Delete(back);
    return 0;
}

static int utf8_ok(const unsigned char *s)
{
    while (*s) {
        if (*s < 0x80) {
            s++;
            continue;
        }
        int n = (*s & 0xE0) == 0xC0 ? 1 : (*s & 0xF0) == 0xE0 ? 2 : (*s & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0) return 0;
        for (int k = 1; k <= n; k++)
            if ((s[k] & 0xC0) != 0x80) return 0;
        s += n + 1;
    }
    return 1;
}

static void walk(decl_doc *d, const cJSON *n, char *ptr, size_t plen, size_t cap, int *budget)
{
    if (--*budget < 0) return;
    if (n->string) FUZZ_CHECK(utf8_ok((const unsigned char *)n->string), "key with invalid UTF-8");
    if (cJSON_IsString(n))
        FUZZ_CHECK(utf8_ok((const unsigned char *)n->valuestring), "string with invalid UTF-8");
    int line, col;
    FUZZ_CHECK(decl_locate(d, ptr, &line, &col) == 0 && line >= 1 && col >= 1,
               "pointer %s cannot be located", ptr);
    int i = 0;
    for (const cJSON *c = n->child; c; c = c->next, i++) {
        if (cJSON_IsObject(n)) {
            for (const cJSON *p = n->child; p != c; p = p->next)
                FUZZ_CHECK(strcmp(p->string, c->string) != 0, "duplicate key accepted: %s",
                           c->string);
        }
        char seg[600];
        if (cJSON_IsObject(n))
            decl_pointer_escape(seg, sizeof seg, c->string);
        else
            snprintf(seg, sizeof seg, "%d", i);
        size_t sl = strlen(seg);
        if (plen + sl + 2 >= cap || strlen(seg) >= 590) continue;
        ptr[plen] = '/';
        memcpy(ptr + plen + 1, seg, sl + 1);
        walk(d, c, ptr, plen + 1 + sl, cap, budget);
        ptr[plen] = 0;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    decl_doc *d;
    decl_error e;
    if (decl_load_buffer("fuzz.json", (const char *)data, size, NULL, &d, &e)) {
        FUZZ_CHECK(e.msg_en[0] && e.msg_ja[0], "rejection without a message");
        FUZZ_CHECK(e.line >= 0 && e.column >= 0, "negative position");
        decl_error_clear(&e);
        return 0;
    }
    /* strings NUL-free: the parser's length equals strlen for every string (walk checks UTF-8) */
    char ptr[8192] = "";
    int budget = 2000;
    walk(d, decl_root(d), ptr, 0, sizeof ptr, &budget);

    lua_State *L = sandbox_state(runner_sandbox(R));
    lua_pushcfunction(L, roundtrip);
    lua_pushlightuserdata(L, (void *)decl_root(d));
    if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
        /* only resource limits may stop the conversion */
        const char *m = lua_tostring(L, -1);
        FUZZ_CHECK(m && (strstr(m, "memory") || strstr(m, "nesting") || strstr(m, "stack")),
                   "conversion failed: %s", m ? m : "?");
        lua_pop(L, 1);
    }
    char err[1024];
    cJSON *verrs = runner_validate(R, d, err, sizeof err);
    if (verrs && cJSON_GetArraySize(verrs) == 0) {
        int any = 0;
        cJSON *res = runner_eval(R, d, NULL, &any, err, sizeof err);
        FUZZ_CHECK(res != NULL, "a valid declaration could not be evaluated: %s", err);
        cJSON_Delete(res);
    } else if (verrs) {
        const cJSON *v;
        cJSON_ArrayForEach(v, verrs) {
            decl_error de = {0};
            const cJSON *p = cJSON_GetObjectItemCaseSensitive(v, "pointer");
            decl_error_at(d, cJSON_IsString(p) ? p->valuestring : "", "x", "x", &de);
            decl_error_clear(&de);
        }
    }
    cJSON_Delete(verrs);
    decl_free(d);
    lua_settop(L, 0);
    return 0;
}
