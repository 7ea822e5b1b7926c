/* test_fastval.c — differential test of the C fast path of validation (core/input/fastval.c)
 * against the Lua validator (lua/kyojin/validate.lua), which stays the reference.
 *
 * Corpus: every sample (samples/ and samples/invalid/), declarations of `kyojin gen`
 * (core/rollup/gen.c), and seeded random mutations of the valid ones (types changed, required keys
 * dropped, unknown keys added, out-of-range numbers, bad enum values, dates and codes, strings
 * at and beyond their length limits in multi-byte characters, duplicated array items and ids,
 * dangling references and JSON pointers, values copied from elsewhere in the document). For
 * each declaration both validators decide valid/invalid and must agree; the fast path must
 * in particular never call valid what the Lua validator rejects. The Lua verdict comes from a
 * runner started with KYOJIN_VALIDATE=lua (fast path off), which is also what the environment
 * switch is tested by. FASTVAL_CASES overrides the number of mutated declarations (4000),
 * FASTVAL_SEED the seed; FASTVAL_VERBOSE=1 lists the mutants the loader rejects.
 * Also: weird cJSON trees (deep, raw nodes, NULL strings) never crash the fast path. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "input/fastval.h"
#include "util/fileio.h"
#include "rollup/rollup.h"
#include "engine/runner.h"

static runner *R;   /* Lua validator only (KYOJIN_VALIDATE=lua) */
static fastval *FV; /* compiled from lua/kyojin/schema.lua in a state of our own */
static char **IDS;  /* policy ids of the policy set */
static size_t NIDS;

static int known(void *ud, const char *id)
{
    (void)ud;
    for (size_t i = 0; i < NIDS; i++)
        if (strcmp(IDS[i], id) == 0) return 1;
    return 0;
}

static int setup(void **state)
{
    (void)state;
    setenv("KYOJIN_VALIDATE", "lua", 1);
    runner_opts o = {0};
    o.policies_dir = "policies";
    o.lua_dir = "lua";
    o.validate = 1;
    char err[512];
    R = runner_new(&o, err, sizeof err);
    unsetenv("KYOJIN_VALIDATE");
    if (!R) {
        fprintf(stderr, "runner_new: %s\n", err);
        return -1;
    }
    cJSON *meta = runner_metadata(R);
    NIDS = (size_t)cJSON_GetArraySize(meta);
    IDS = calloc(NIDS + 1, sizeof *IDS);
    size_t k = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, meta) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(m, "id");
        if (cJSON_IsString(id)) IDS[k++] = strdup(id->valuestring);
    }
    NIDS = k;
    cJSON_Delete(meta);

    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    if (luaL_dostring(L, "package.path = 'lua/?.lua'") != LUA_OK) return -1;
    lua_getglobal(L, "require");
    lua_pushliteral(L, "kyojin.schema");
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        fprintf(stderr, "require kyojin.schema: %s\n", lua_tostring(L, -1));
        lua_close(L);
        return -1;
    }
    FV = fastval_compile(L, -1, err, sizeof err);
    int top = lua_gettop(L);
    lua_close(L);
    if (!FV || top != 1) {
        fprintf(stderr, "fastval_compile: %s (stack %d)\n", FV ? "stack not balanced" : err, top);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    runner_free(R);
    fastval_free(FV);
    for (size_t i = 0; i < NIDS; i++) free(IDS[i]);
    free(IDS);
    return 0;
}

/* ------------------------------------------------------------------ one declaration */

typedef struct {
    int cases, skipped, valid, invalid, c_valid, c_unsure;
    int unsafe; /* C valid, Lua invalid: must never happen */
    int missed; /* C not valid, Lua valid: the fast path not taken */
} tally;

/* Returns the Lua verdict (1 valid, 0 invalid, -1 not loadable). */
static int judge(tally *t, const char *name, const char *text, const char *what, int want_fast)
{
    decl_doc *d;
    decl_error e;
    memset(&e, 0, sizeof e);
    if (decl_load_buffer(name, text, strlen(text), NULL, &d, &e) != 0) {
        if (getenv("FASTVAL_VERBOSE")) fprintf(stderr, "skip %s (%s): %s\n", name, what, e.msg_en);
        decl_error_clear(&e);
        t->skipped++;
        return -1;
    }
    int c = fastval_check(FV, decl_root(d), known, NULL);
    char err[512];
    cJSON *errs = runner_validate(R, d, err, sizeof err);
    int lua_valid;
    const char *first = "";
    if (!errs) {
        lua_valid = 0; /* the validator raised: certainly not "valid" */
        first = err;
    } else {
        lua_valid = cJSON_GetArraySize(errs) == 0;
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(errs, 0), "message");
        const cJSON *en = cJSON_GetObjectItemCaseSensitive(m, "en");
        if (cJSON_IsString(en)) first = en->valuestring;
    }
    t->cases++;
    if (lua_valid)
        t->valid++;
    else
        t->invalid++;
    if (c == FASTVAL_VALID) t->c_valid++;
    if (c == FASTVAL_UNSURE) t->c_unsure++;
    if (c == FASTVAL_VALID && !lua_valid) {
        t->unsafe++;
        fprintf(stderr, "UNSAFE %s (%s): fast path says valid, Lua: %s\n", name, what, first);
    } else if (c != FASTVAL_VALID && lua_valid && want_fast) {
        t->missed++;
        fprintf(stderr, "MISSED %s (%s): fast path says %s, Lua says valid\n", name, what,
                c == FASTVAL_UNSURE ? "unsure" : "invalid");
    }
    cJSON_Delete(errs);
    decl_free(d);
    return lua_valid;
}

/* a whole file, NUL-terminated (core/util/fileio.c) */
static char *slurp(const char *path)
{
    size_t len;
    return fileio_read(path, (size_t)64 << 20, &len);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The .json files of a directory, sorted. */
static size_t list_json(const char *dir, char ***out)
{
    DIR *dp = opendir(dir);
    size_t n = 0, cap = 64;
    char **v = malloc(cap * sizeof *v);
    struct dirent *de;
    while (dp && (de = readdir(dp))) {
        size_t l = strlen(de->d_name);
        if (l < 6 || strcmp(de->d_name + l - 5, ".json") != 0) continue;
        if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
        v[n] = malloc(strlen(dir) + l + 2);
        sprintf(v[n], "%s/%s", dir, de->d_name);
        n++;
    }
    if (dp) closedir(dp);
    qsort(v, n, sizeof *v, cmp_names);
    *out = v;
    return n;
}

/* ------------------------------------------------------------------ mutations */

static uint64_t seed = 20261123;
static uint32_t rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return (uint32_t)(seed >> 11);
}
static size_t pick(size_t n)
{
    return n ? rnd() % n : 0;
}

typedef struct {
    cJSON **node, **parent;
    size_t n, cap;
} nodes;

static void collect(nodes *ns, cJSON *v, cJSON *parent)
{
    if (ns->n == ns->cap) {
        ns->cap = ns->cap ? ns->cap * 2 : 256;
        ns->node = realloc(ns->node, ns->cap * sizeof *ns->node);
        ns->parent = realloc(ns->parent, ns->cap * sizeof *ns->parent);
    }
    ns->node[ns->n] = v;
    ns->parent[ns->n] = parent;
    ns->n++;
    for (cJSON *c = v->child; c; c = c->next) collect(ns, c, v);
}

static cJSON *parent_of(const nodes *ns, const cJSON *v)
{
    for (size_t k = 0; k < ns->n; k++)
        if (ns->node[k] == v) return ns->parent[k];
    return NULL;
}

static char *repeat(const char *unit, int n)
{
    size_t l = strlen(unit);
    char *s = malloc(l * (size_t)n + 1);
    for (int i = 0; i < n; i++) memcpy(s + l * (size_t)i, unit, l);
    s[l * (size_t)n] = 0;
    return s;
}

/* Replacement values: wrong types, limits, formats, enumeration look-alikes. */
static cJSON *other_value(void)
{
    static const char *strs[] = {
        "x",
        "",
        "CVE-2024-1",
        "CVE-2024-12345",
        "2026-02-29",
        "2028-02-29",
        "1900-02-29",
        "2000-02-29",
        "2026-13-01",
        "2026-04-31",
        "2026-4-01",
        "terminal",
        "lgwan",
        "internet",
        "mynumber",
        "daas",
        "vdi",
        "visual_check",
        "ST-01",
        "ST-1",
        "XX-99",
        "ST-01-x",
        "/assets/0",
        "/assets/0/id",
        "/assets/99",
        "/nowhere",
        "/",
        "/assets/~1",
        "/assets/~2",
        "/assets/~",
        "/body/name",
        "/assets/00",
        "/assets/-1",
        "131016",
        "131017",
        "011002",
        "01100",
        "T1566",
        "T1566.001",
        "T15660",
        "1-1",
        "0-1",
        "a@b.c",
        "a@b",
        "a b@c.d",
        "03-1234-5678",
        "+81-3-1234",
        "12345",
        "0123456789012345678901",
        "Ab",
        "A",
        "beta",
        "alpha_prime",
        "北海道",
        "東京都",
        "city",
        "external",
        "1a",
        "2",
        "fw",
        "edr",
        "asset-1",
        "no-such-id",
        "policy",
        "id.with_dots-9",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF"};
    static const double nums[] = {7,        -1,       0,       0.5,       1e6,
                                  1e300,    -1e300,   1.5,     3,         4,
                                  20000001, 20000000, 3650,    3650.0001, 1000,
                                  1001,     36500,    36501,   10,        10.5,
                                  -0.0,     1000000,  1000001, 2,         9007199254740993.0};
    uint32_t k = rnd() % 10;
    if (k < 5) return cJSON_CreateString(strs[pick(sizeof strs / sizeof *strs)]);
    if (k < 7) return cJSON_CreateNumber(nums[pick(sizeof nums / sizeof *nums)]);
    if (k == 7) {
        /* strings at and around the length limits, in ASCII and in 3-byte characters */
        static const int lens[] = {16,  17,  32,  33,  64,  65,  100,  101,  200,  201,
                                   254, 255, 300, 301, 500, 501, 1000, 1001, 2000, 2001};
        int n = lens[pick(sizeof lens / sizeof *lens)];
        char *s = repeat(rnd() % 2 ? "あ" : "a", n);
        cJSON *v = cJSON_CreateString(s);
        free(s);
        return v;
    }
    switch (rnd() % 5) {
    case 0: return cJSON_CreateTrue();
    case 1: return cJSON_CreateFalse();
    case 2: return cJSON_CreateNull();
    case 3: return cJSON_CreateObject();
    default: return cJSON_CreateArray();
    }
}

static void replace(cJSON *parent, cJSON *old, cJSON *with)
{
    if (with->string && !(with->type & cJSON_StringIsConst)) free(with->string);
    with->string = NULL;
    if (cJSON_IsObject(parent)) {
        char *k = strdup(old->string);
        cJSON_ReplaceItemInObjectCaseSensitive(parent, k, with);
        free(k);
    } else if (cJSON_IsArray(parent)) {
        int i = 0;
        for (cJSON *c = parent->child; c && c != old; c = c->next) i++;
        cJSON_ReplaceItemInArray(parent, i, with);
    } else {
        cJSON_ReplaceItemViaPointer(parent, old, with);
    }
}

static void tweak_string(cJSON *v, char *what, size_t wl)
{
    const char *s = v->valuestring;
    size_t l = strlen(s);
    char *t = malloc(l + 4);
    switch (rnd() % 6) {
    case 0: sprintf(t, "%sx", s); break;
    case 1: sprintf(t, "!%s", s); break;
    case 2: snprintf(t, l + 4, "%.*s", l ? 1 : 0, s); break;
    case 3: /* change the last character (digits of codes and dates, id letters) */
        memcpy(t, s, l + 1);
        if (l) t[l - 1] = (char)(t[l - 1] == '9' ? '0' : t[l - 1] + 1);
        break;
    case 4: /* upper case (ids and enumeration values are lower case) */
        memcpy(t, s, l + 1);
        for (size_t i = 0; i < l; i++)
            if (t[i] >= 'a' && t[i] <= 'z') {
                t[i] = (char)(t[i] - 32);
                break;
            }
        break;
    default: sprintf(t, "%s", ""); break;
    }
    snprintf(what, wl, "string \"%.30s\" -> \"%.30s\"", s, t);
    cJSON_SetValuestring(v, t);
    free(t);
}

static nodes POOL; /* every node of every base declaration */

/* Apply one random mutation to doc. */
static void mutate(cJSON *doc, char *what, size_t wl)
{
    nodes ns = {0};
    collect(&ns, doc, NULL);
    size_t i = 1 + pick(ns.n - 1);
    cJSON *v = ns.node[i], *parent = ns.parent[i];
    const char *key = v->string ? v->string : "[]";
    switch (rnd() % 12) {
    case 9:
    case 10:
    case 11: { /* the value of the same key elsewhere (mostly valid alone; breaks cross-field rules) */
        cJSON *src = NULL;
        size_t seen = 0;
        for (size_t k = 0; k < POOL.n; k++)
            if (POOL.node[k]->string && v->string && strcmp(POOL.node[k]->string, v->string) == 0 &&
                pick(++seen) == 0)
                src = POOL.node[k];
        if (!src || !v->string) {
            snprintf(what, wl, "nothing");
            break;
        }
        char *sv = cJSON_PrintUnformatted(src);
        snprintf(what, wl, "same key %s = %.60s", key, sv);
        free(sv);
        replace(parent, v, cJSON_Duplicate(src, 1));
        break;
    }
    case 0: /* delete */
        snprintf(what, wl, "delete %s", key);
        cJSON_Delete(cJSON_DetachItemViaPointer(parent, v));
        break;
    case 1: /* unknown key next to it */
        if (cJSON_IsObject(parent)) {
            char k[160];
            snprintf(k, sizeof k, rnd() % 2 ? "zz_%s" : "%.100ss", key);
            snprintf(what, wl, "add key %s", k);
            if (!cJSON_GetObjectItemCaseSensitive(parent, k)) cJSON_AddNumberToObject(parent, k, 1);
            break;
        }
        /* fall through */
    case 2: /* duplicate an array item (duplicate ids and values) */
        if (cJSON_IsArray(parent)) {
            snprintf(what, wl, "duplicate item of %s", parent->string ? parent->string : "[]");
            cJSON_AddItemToArray(parent, cJSON_Duplicate(v, 1));
            break;
        }
        /* fall through */
    case 3:
    case 4: /* another value */
        snprintf(what, wl, "set %s", key);
        replace(parent, v, other_value());
        break;
    case 5: /* small change of the value itself */
        if (cJSON_IsString(v))
            tweak_string(v, what, wl);
        else if (cJSON_IsBool(v)) {
            snprintf(what, wl, "flip %s", key);
            replace(parent, v, cJSON_CreateBool(!cJSON_IsTrue(v)));
        } else if (cJSON_IsNumber(v)) {
            static const double d[] = {1, -1, 0.5, 1000, -1000, 1e7};
            double x = v->valuedouble + d[pick(6)];
            snprintf(what, wl, "number %s -> %g", key, x);
            cJSON_SetNumberValue(v, x);
        } else if (cJSON_IsArray(v) || cJSON_IsObject(v)) {
            snprintf(what, wl, "empty %s", key);
            replace(parent, v, cJSON_IsArray(v) ? cJSON_CreateArray() : cJSON_CreateObject());
        } else {
            snprintf(what, wl, "set null %s", key);
            replace(parent, v, other_value());
        }
        break;
    case 6:
    case 7: { /* a value copied from elsewhere in the document (ids into refs, segments …) */
        cJSON *src = ns.node[1 + pick(ns.n - 1)];
        int guard = 0;
        while (guard++ < 20 && (cJSON_IsObject(src) || cJSON_IsArray(src)) && rnd() % 4)
            src = ns.node[1 + pick(ns.n - 1)];
        /* do not copy a node into itself */
        int inside = 0;
        for (cJSON *q = src; q && !inside; q = parent_of(&ns, q)) inside = q == v;
        if (inside) {
            snprintf(what, wl, "nothing");
            break;
        }
        snprintf(what, wl, "copy %s into %s", src->string ? src->string : "[]", key);
        replace(parent, v, cJSON_Duplicate(src, 1));
        break;
    }
    default: /* a dangling id or one from another collection */
        snprintf(what, wl, "dangle %s", key);
        replace(parent, v, cJSON_CreateString(rnd() % 2 ? "no-such-id" : "vpn"));
        break;
    }
    free(ns.node);
    free(ns.parent);
}

/* ------------------------------------------------------------------ tests */

static void samples_agree_and_take_the_fast_path(void **state)
{
    (void)state;
    tally t = {0};
    const char *dirs[] = {"samples", "samples/invalid"};
    for (int k = 0; k < 2; k++) {
        char **files;
        size_t n = list_json(dirs[k], &files);
        for (size_t i = 0; i < n; i++) {
            char *text = slurp(files[i]);
            if (text) judge(&t, files[i], text, "sample", 1);
            free(text);
            free(files[i]);
        }
        free(files);
    }
    fprintf(stderr,
            "samples: %d declarations (%d valid, %d invalid), fast path valid %d, unsure %d\n",
            t.cases, t.valid, t.invalid, t.c_valid, t.c_unsure);
    assert_true(t.cases >= 20);
    assert_true(t.valid >= 5);
    assert_int_equal(t.unsafe, 0);
    assert_int_equal(t.missed, 0);
}

static void generated_declarations_agree(void **state)
{
    (void)state;
    tally t = {0};
    const enum gen_size sizes[] = {GEN_SMALL, GEN_MEDIUM, GEN_LARGE, GEN_AUTO};
    for (size_t i = 0; i < 24; i++) {
        cJSON *d = gen_declaration(7 + i, (i * 577) % gen_national_count(), sizes[i % 4]);
        assert_non_null(d);
        char *text = cJSON_PrintUnformatted(d);
        char name[64];
        snprintf(name, sizeof name, "gen-%zu.json", i);
        judge(&t, name, text, "generated", 1);
        free(text);
        cJSON_Delete(d);
    }
    fprintf(stderr, "generated: %d declarations (%d valid), fast path valid %d\n", t.cases, t.valid,
            t.c_valid);
    assert_int_equal(t.unsafe, 0);
    assert_int_equal(t.missed, 0);
    assert_true(t.valid > 0);
}

static void mutations_agree(void **state)
{
    (void)state;
    /* bases: the valid samples and a few generated declarations */
    cJSON *bases[64];
    int nb = 0;
    char **files;
    size_t n = list_json("samples", &files);
    for (size_t i = 0; i < n; i++) {
        char *text = slurp(files[i]);
        cJSON *d = text ? cJSON_Parse(text) : NULL;
        if (d && nb < 56)
            bases[nb++] = d;
        else
            cJSON_Delete(d);
        free(text);
        free(files[i]);
    }
    free(files);
    for (size_t i = 0; i < 4; i++)
        bases[nb++] = gen_declaration(11 + i, (i * 331) % gen_national_count(), GEN_SMALL);
    assert_true(nb >= 5);
    for (int i = 0; i < nb; i++) collect(&POOL, bases[i], NULL);

    const char *sd = getenv("FASTVAL_SEED");
    if (sd && atoll(sd)) seed = (uint64_t)atoll(sd);
    const char *env = getenv("FASTVAL_CASES");
    int total = env ? atoi(env) : 4000;
    tally t = {0};
    for (int c = 0; c < total; c++) {
        cJSON *doc = cJSON_Duplicate(bases[c % nb], 1);
        char what[600] = "", w2[300] = "";
        mutate(doc, what, sizeof what);
        if (rnd() % 4 == 0) { /* sometimes two at once */
            mutate(doc, w2, sizeof w2);
            strncat(what, "; ", sizeof what - strlen(what) - 1);
            strncat(what, w2, sizeof what - strlen(what) - 1);
        }
        char *text = cJSON_PrintUnformatted(doc);
        char name[64];
        snprintf(name, sizeof name, "mutant-%d.json", c);
        judge(&t, name, text, what, 1);
        free(text);
        cJSON_Delete(doc);
    }
    for (int i = 0; i < nb; i++) cJSON_Delete(bases[i]);
    free(POOL.node);
    free(POOL.parent);
    fprintf(
        stderr,
        "mutations: %d declarations checked by both validators (%d skipped: not loadable), Lua valid %d, invalid %d; "
        "fast path valid %d, unsure %d, unsafe %d, missed %d\n",
        t.cases, t.skipped, t.valid, t.invalid, t.c_valid, t.c_unsure, t.unsafe, t.missed);
    assert_int_equal(t.unsafe, 0);
    assert_int_equal(t.missed, 0);
    assert_true(t.invalid > t.cases / 4); /* the mutations do break things */
    assert_true(t.valid > 0);
}

static void weird_trees_never_valid_never_crash(void **state)
{
    (void)state;
    /* deep nesting under a known key and under an unknown one */
    const char *keys[] = {"assets", "zz"};
    for (int k = 0; k < 2; k++) {
        cJSON *root = cJSON_CreateObject();
        cJSON_AddStringToObject(root, "schema", "kyojin/declaration/v1");
        cJSON *cur = cJSON_AddArrayToObject(root, keys[k]);
        for (int i = 0; i < 100000; i++) {
            cJSON *a = cJSON_CreateArray();
            cJSON_AddItemToArray(cur, a);
            cur = a;
        }
        assert_int_not_equal(fastval_check(FV, root, known, NULL), FASTVAL_VALID);
        /* cJSON_Delete recurses: unlink level by level */
        cJSON *top = cJSON_DetachItemFromObjectCaseSensitive(root, keys[k]);
        while (top) {
            cJSON *c = top->child;
            if (c) cJSON_DetachItemViaPointer(top, c);
            cJSON_Delete(top);
            top = c;
        }
        cJSON_Delete(root);
    }
    /* raw and invalid nodes, NULL strings and keys, non-object roots */
    char *text = slurp("samples/minimal.json");
    assert_non_null(text);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    assert_non_null(doc);
    assert_int_equal(fastval_check(FV, doc, known, NULL), FASTVAL_VALID);
    cJSON *body = cJSON_GetObjectItemCaseSensitive(doc, "body");
    cJSON *name = cJSON_GetObjectItemCaseSensitive(body, "name");
    char *saved = name->valuestring;
    name->valuestring = NULL;
    assert_int_not_equal(fastval_check(FV, doc, known, NULL), FASTVAL_VALID);
    name->valuestring = saved;
    name->type = cJSON_Raw;
    assert_int_not_equal(fastval_check(FV, doc, known, NULL), FASTVAL_VALID);
    name->type = cJSON_Invalid;
    assert_int_not_equal(fastval_check(FV, doc, known, NULL), FASTVAL_VALID);
    name->type = cJSON_String;
    char *k = name->string;
    name->string = NULL;
    assert_int_not_equal(fastval_check(FV, doc, known, NULL), FASTVAL_VALID);
    name->string = k;
    /* duplicate key (the loader rejects them; the fast path must not decide) */
    cJSON_AddStringToObject(body, "name", "again");
    assert_int_equal(fastval_check(FV, doc, known, NULL), FASTVAL_UNSURE);
    cJSON_Delete(doc);
    cJSON *s = cJSON_CreateString("x");
    assert_int_equal(fastval_check(FV, s, known, NULL), FASTVAL_INVALID);
    cJSON_Delete(s);
    assert_int_equal(fastval_check(FV, NULL, known, NULL), FASTVAL_UNSURE);
    assert_int_equal(fastval_check(NULL, NULL, known, NULL), FASTVAL_UNSURE);
}

static void schema_compiles_without_unsupported_nodes(void **state)
{
    (void)state;
    int nodes, unsupported;
    fastval_stats(FV, &nodes, &unsupported);
    assert_true(nodes > 100);
    assert_int_equal(unsupported, 0);
    /* a schema the fast path cannot reproduce compiles, and then never says valid */
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    assert_int_equal(luaL_dostring(L, "package.path = 'lua/?.lua'"), LUA_OK);
    assert_int_equal(
        luaL_dostring(
            L,
            "local S = require 'kyojin.schema'\n"
            "local C = {} for k, v in pairs(S) do C[k] = v end\n"
            "C.root = { t = 'object', fields = { {name = 'schema', req = true, node = {t = 'const', value = S.version}},\n"
            "  {name = 'x', node = {t = 'string', check = 'no_such_check'}} } }\n"
            "return C"),
        LUA_OK);
    char err[200];
    fastval *fv = fastval_compile(L, -1, err, sizeof err);
    assert_non_null(fv);
    fastval_stats(fv, &nodes, &unsupported);
    assert_int_equal(unsupported, 1);
    cJSON *d = cJSON_Parse("{\"schema\":\"kyojin/declaration/v1\",\"x\":\"a\"}");
    assert_int_equal(fastval_check(fv, d, known, NULL), FASTVAL_UNSURE);
    cJSON_DeleteItemFromObject(d, "x");
    assert_int_equal(fastval_check(fv, d, known, NULL), FASTVAL_VALID);
    cJSON_Delete(d);
    fastval_free(fv);
    /* not a schema at all */
    lua_pushinteger(L, 3);
    assert_null(fastval_compile(L, -1, err, sizeof err));
    lua_close(L);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(schema_compiles_without_unsupported_nodes),
        cmocka_unit_test(samples_agree_and_take_the_fast_path),
        cmocka_unit_test(generated_declarations_agree),
        cmocka_unit_test(mutations_agree),
        cmocka_unit_test(weird_trees_never_valid_never_crash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
