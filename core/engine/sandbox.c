/* sandbox.c — the Lua state policies run in.
 *
 * Owns: the capped allocator, the instruction budget (a count hook that re-arms itself so a
 * policy's own pcall cannot swallow the kill), the frozen safe globals each policy
 * environment falls through to (an allow-list, never _G minus something), the locked string
 * metatable, guarded values handed to policies through `kyojin` (copies or frozen views),
 * wrapped pcall/xpcall/setmetatable/print, loading text chunks only (binary chunks
 * only from the build's own bundle, bundle.h, for a source with the recorded hash), the
 * module searcher of the trusted runtime, and turning any
 * error object into a sanitised string without calling policy code.
 * Does not own: what a policy is (runner.c, lua/kyojin/dsl.lua) or the declaration view
 * (luaconv.c).
 */
#include "engine/sandbox.h"
#include "util/fileio.h"
#include "engine/bundle.h"
#include "input/luaconv.h"
#include "engine/patterns.h"
#include "engine/mtguard.h"
#include "engine/timelimit.h"
#include "engine/tablemove.h"
#include "util/utf8.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char SANDBOX_CURRENT_POLICY = 0; /* registry: id of the running policy (string) */
static const char SAFE_GLOBALS = 0;    /* registry: the real table behind the frozen globals */
static const char ENV_MT = 0;          /* registry: metatable of policy environments */
static const char FROZEN_MT = 0;       /* key in a frozen view's metatable: its real table */
static const char SANDBOX_SELF = 0;    /* registry: light userdata → sandbox */

#define HOOK_PERIOD 1000

/* Small blocks (Lua's strings, tables, closures: most of its allocations) come from a pool of
 * 64 KiB chunks with a free list per 16-byte size class: a few instructions per allocation and
 * free instead of malloc's general case, and the chunks go back in one pass when the state is
 * closed. Only where blocks come from changes: accounting, limits and the allocation-failure
 * hook count requested sizes exactly as before. Off under AddressSanitizer, so that every Lua
 * block stays a malloc block it can check. */
#if defined(__SANITIZE_ADDRESS__)
#define POOL_MAX 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_MAX 0
#endif
#endif
#ifndef POOL_MAX
#define POOL_MAX 256
#endif
#define POOL_CLASSES (256 / 16 + 1)
#define POOL_CHUNK   ((size_t)64 * 1024)

struct sandbox {
    lua_State *L;
    size_t used, limit, state_limit;
    long allocs, fail_alloc_at;
    int in_policy;
    int mem_hit; /* an allocation was refused during the current policy call */
    int killed;  /* budget exhausted during the current policy call */
    long budget, count;
    size_t policy_memory;
    int verbose;
    double cpu_seconds;   /* per call (timelimit.c) */
    const bundle *bundle; /* the build's precompiled chunks, or NULL (bundle.h) */
    int runtime_bundled;  /* no runtime directory: its modules come from the bundle */
    long compiled;        /* chunks compiled from source instead (sandbox_sources_compiled) */
    void
        *pool_free[POOL_CLASSES]; /* free blocks per size class (linked through their first word) */
    char *pool_next, *pool_end;   /* the unused rest of the newest chunk */
    void *pool_chunks;            /* every chunk, linked through its first word */
    size_t pool_max;              /* POOL_MAX, or 0: no pool (sandbox_opts.plain_malloc) */
    sandbox_status last_status;   /* of the last sandbox_call (sandbox_last_status) */
};

/* ------------------------------------------------------------------ allocator */

/* A block of at least n (1..POOL_MAX) bytes from the pool, or NULL. */
static void *pool_get(sandbox *sb, size_t n)
{
    size_t c = (n + 15) >> 4;
    void *p = sb->pool_free[c];
    if (p) {
        sb->pool_free[c] = *(void **)p;
        return p;
    }
    size_t sz = c << 4;
    if ((size_t)(sb->pool_end - sb->pool_next) < sz) {
        char *k = malloc(POOL_CHUNK);
        if (!k) return NULL;
        *(void **)k = sb->pool_chunks;
        sb->pool_chunks = k;
        sb->pool_next = k + 16; /* malloc's alignment is kept: every class is a multiple of 16 */
        sb->pool_end = k + POOL_CHUNK;
    }
    p = sb->pool_next;
    sb->pool_next += sz;
    return p;
}

/* Return a pool block Lua knows as n bytes (its capacity may be larger: it is at least n). */
static void pool_put(sandbox *sb, void *p, size_t n)
{
    size_t c = (n + 15) >> 4;
    *(void **)p = sb->pool_free[c];
    sb->pool_free[c] = p;
}

static void pool_release(sandbox *sb)
{
    void *k = sb->pool_chunks;
    while (k) {
        void *next = *(void **)k;
        free(k);
        k = next;
    }
    sb->pool_chunks = NULL;
}

/* realloc for Lua's blocks: a block Lua knows as <= pool_max bytes is a pool block, a larger
 * one a malloc block (Lua always passes the size it last asked for). */
static void *block_realloc(sandbox *sb, void *ptr, size_t osize, size_t nsize)
{
    if (nsize > sb->pool_max) {
        if (osize > sb->pool_max || !ptr) return realloc(ptr, nsize);
        void *p = malloc(nsize);
        if (!p) return NULL;
        memcpy(p, ptr, osize);
        pool_put(sb, ptr, osize);
        return p;
    }
    if (ptr && osize <= sb->pool_max && ((nsize + 15) >> 4) <= ((osize + 15) >> 4))
        return ptr; /* fits */
    void *p = pool_get(sb, nsize);
    if (!p) return NULL;
    if (ptr) {
        memcpy(p, ptr, osize < nsize ? osize : nsize);
        if (osize <= sb->pool_max)
            pool_put(sb, ptr, osize);
        else
            free(ptr);
    }
    return p;
}

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    sandbox *sb = ud;
    if (!ptr) osize = 0;
    if (nsize == 0) {
        if (ptr && osize <= sb->pool_max)
            pool_put(sb, ptr, osize);
        else
            free(ptr);
        sb->used -= osize;
        return NULL;
    }
    if (sb->fail_alloc_at > 0 && ++sb->allocs == sb->fail_alloc_at) return NULL;
    if (nsize > osize && sb->used - osize + nsize > sb->limit) {
        if (sb->in_policy) sb->mem_hit = 1;
        return NULL;
    }
    void *p = block_realloc(sb, ptr, osize, nsize);
    if (!p) {
        if (sb->in_policy) sb->mem_hit = 1;
        return NULL;
    }
    sb->used = sb->used - osize + nsize;
    return p;
}

static sandbox *self(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SANDBOX_SELF);
    sandbox *sb = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return sb;
}

/* ------------------------------------------------------------------ budget */

static void count_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    sandbox *sb = self(L);
    if (!sb || !sb->in_policy) return;
    if (timelimit_expired() && !sb->killed) { /* CPU time of the call used up (timelimit.c) */
        sb->killed = 1;
        lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, "time limit exceeded (%d s of CPU)", (int)sb->cpu_seconds);
        return;
    }
    if (sb->killed) {
        /* re-armed: fire on every instruction until the error reaches the host */
        luaL_error(L, "instruction budget exceeded (%d instructions)", (int)sb->budget);
        return;
    }
    sb->count += HOOK_PERIOD;
    if (sb->count > sb->budget) {
        sb->killed = 1;
        lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, "instruction budget exceeded (%d instructions)", (int)sb->budget);
    }
}

/* ------------------------------------------------------------------ wrapped functions */

/* After a protected call inside a policy returns, re-raise if a limit was hit: neither the
 * instruction budget nor the memory cap can be swallowed by the policy. */
static int finish_pcall(lua_State *L, int status, int base)
{
    sandbox *sb = self(L);
    if (sb && sb->killed)
        return luaL_error(L, "instruction budget exceeded (%d instructions)", (int)sb->budget);
    if (sb && sb->mem_hit) return luaL_error(L, "memory limit exceeded");
    if (status != LUA_OK) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, base);
    return lua_gettop(L) - base + 1;
}

static int sb_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    return finish_pcall(L, status, 1);
}

/* The message handler a policy gives to xpcall runs through this one. Lua calls a message
 * handler for an error raised inside a hook with hooks still off, so when the count hook
 * stops a policy (instruction budget, CPU time) the policy's handler would run unbounded
 * (`xpcall(error, function() while true do end end)` looped for ever). Once a limit is hit
 * the handler is not called at all: finish_pcall re-raises the limit anyway, so its result
 * would be dropped. Otherwise the policy's handler runs with hooks on, under the same budget
 * as the rest of the call. */
static int xpcall_handler(lua_State *L)
{
    sandbox *sb = self(L);
    if (sb && (sb->killed || sb->mem_hit)) return 1; /* the error object, unchanged */
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int sb_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, xpcall_handler, 1);
    lua_replace(L, 2);
    lua_pushvalue(L, 1);
    lua_copy(L, 2, 1);
    lua_replace(L, 2);
    /* stack: handler, f, args... */
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
    return finish_pcall(L, status, 2);
}

static int sb_setmetatable(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    int t = lua_type(L, 2);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (t == LUA_TTABLE) {
        static const char *const banned[] = {"__gc", "__mode", NULL};
        for (int i = 0; banned[i]; i++) {
            lua_pushstring(L, banned[i]);
            int has = lua_rawget(L, 2) != LUA_TNIL;
            lua_pop(L, 1);
            if (has) return luaL_error(L, "setmetatable: %s is not allowed in policies", banned[i]);
        }
    }
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    if (t == LUA_TTABLE && (lua_rawequal(L, 1, 2) ||
                            mtguard_apply(L, 2))) /* no __gc/__mode later either (mtguard.c) */
        return luaL_error(
            L,
            "setmetatable: a table that has a metatable cannot be used as a metatable in policies");
    lua_settop(L, 2);
    lua_setmetatable(L, 1);
    return 1;
}

static int sb_print(lua_State *L)
{
    sandbox *sb = self(L);
    int n = lua_gettop(L);
    if (!sb || !sb->verbose) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SANDBOX_CURRENT_POLICY);
    fprintf(stderr, "[%s] ", lua_isstring(L, -1) ? lua_tostring(L, -1) : "?");
    lua_pop(L, 1);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        for (size_t k = 0; k < len && k < 2000; k++) {
            unsigned char c = (unsigned char)s[k];
            fputc(c < 0x20 || c == 0x7f ? '?' : c, stderr);
        }
        if (i < n) fputc('\t', stderr);
        lua_pop(L, 1);
    }
    fputc('\n', stderr);
    return 0;
}

/* ------------------------------------------------------------------ frozen tables */

static int frozen_newindex(lua_State *L)
{
    return luaL_error(L, "attempt to modify a read-only table (%s)",
                      lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
}

/* The table behind the frozen view at idx (its metatable's __index). [-0, +1] */
static void push_frozen_real(lua_State *L, int idx)
{
    lua_getmetatable(L, idx);
    lua_rawgetp(L, -1, &FROZEN_MT);
    lua_remove(L, -2);
}

static int frozen_len(lua_State *L)
{
    push_frozen_real(L, 1);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

/* The iterator of pairs(view): next over the real table (upvalue), which stays unreachable. */
static int frozen_next(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_next(L, lua_upvalueindex(1))) return 2;
    lua_pushnil(L);
    return 1;
}

static int frozen_pairs(lua_State *L)
{
    push_frozen_real(L, 1);
    lua_pushcclosure(L, frozen_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

void sandbox_push_frozen(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_createtable(L, 0, 0);
    lua_createtable(L, 0, 6);
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, idx);
    lua_rawsetp(L, -2, &FROZEN_MT); /* the mark of a frozen view, and its real table */
    lua_pushcfunction(L, frozen_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, frozen_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, frozen_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
}

/* ------------------------------------------------------------------ guarded values */

#define GUARD_MAX_DEPTH 100

/* Is the table at idx a view no policy can change: a declaration view (luaconv.c) or a frozen
 * view whose contents were guarded when it was made? */
static int is_view(lua_State *L, int idx)
{
    if (luaconv_unproxy(L, idx)) {
        lua_pop(L, 1);
        return 1;
    }
    if (!lua_getmetatable(L, idx)) return 0;
    int r = lua_rawgetp(L, -1, &FROZEN_MT) != LUA_TNIL;
    lua_pop(L, 2);
    return r;
}

static int guarded_call(lua_State *L);

/* One value for sandbox_push_guarded; memo (absolute index) maps each table copied so far to
 * its copy, so that shared parts and cycles are copied once. */
static void guard_value(lua_State *L, int idx, int freeze, int depth, int memo)
{
    int t = lua_type(L, idx);
    if (t == LUA_TFUNCTION && !lua_iscfunction(L, idx)) {
        lua_pushvalue(L, idx);
        lua_pushcclosure(L, guarded_call, 1);
        return;
    }
    if (t != LUA_TTABLE || is_view(L, idx)) {
        lua_pushvalue(L, idx);
        return;
    }
    if (depth > GUARD_MAX_DEPTH)
        luaL_error(L, "a value handed to a policy is nested deeper than %d levels",
                   GUARD_MAX_DEPTH);
    luaL_checkstack(L, 8, "guarded value");
    lua_pushvalue(L, idx);
    if (lua_rawget(L, memo) != LUA_TNIL) return;
    lua_pop(L, 1);
    lua_createtable(L, (int)lua_rawlen(L, idx), 0);
    int copy = lua_gettop(L);
    if (freeze) sandbox_push_frozen(L, copy);
    lua_pushvalue(L, idx);
    lua_pushvalue(L, -2);
    lua_rawset(L, memo);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int kv = lua_gettop(L);
        guard_value(L, kv - 1, freeze, depth + 1, memo);
        guard_value(L, kv, freeze, depth + 1, memo);
        lua_rawset(L, copy);
        lua_pop(L, 1);
    }
    /* the tags of JSON arrays and objects stay (their metatables are locked: luaconv.c) */
    if (lua_getmetatable(L, idx)) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &LUACONV_ARRAY_MT);
        lua_rawgetp(L, LUA_REGISTRYINDEX, &LUACONV_OBJECT_MT);
        if (lua_rawequal(L, -1, -3) || lua_rawequal(L, -2, -3)) {
            lua_pop(L, 2);
            lua_setmetatable(L, copy);
        } else {
            lua_pop(L, 3);
        }
    }
    if (freeze) lua_remove(L, copy);
}

void sandbox_push_guarded(lua_State *L, int idx, int freeze)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE || is_view(L, idx)) {
        guard_value(L, idx, freeze, 0, 0);
        return;
    }
    lua_createtable(L, 0, 1);
    int memo = lua_gettop(L);
    guard_value(L, idx, freeze, 0, memo);
    lua_remove(L, memo);
}

/* A guarded Lua function (upvalue 1) called by a policy: its results are guarded too. */
static int guarded_call(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checkstack(L, 2, "guarded call");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n, LUA_MULTRET);
    int nr = lua_gettop(L);
    for (int i = 1; i <= nr; i++) {
        int t = lua_type(L, i);
        if (t == LUA_TTABLE || t == LUA_TFUNCTION) {
            sandbox_push_guarded(L, i, 0);
            lua_replace(L, i);
        }
    }
    return nr;
}

/* A copy of the library table `name` from the host globals, without the listed functions. */
static void push_lib_copy(lua_State *L, const char *name, const char *const *drop)
{
    lua_getglobal(L, name);
    int src = lua_gettop(L);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        int skip = 0;
        if (lua_type(L, -2) == LUA_TSTRING)
            for (int i = 0; drop && drop[i]; i++)
                if (strcmp(lua_tostring(L, -2), drop[i]) == 0) skip = 1;
        if (skip) {
            lua_pop(L, 1);
            continue;
        }
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_remove(L, src);
}

static int env_index(lua_State *L)
{
    /* 1: env, 2: key */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SAFE_GLOBALS);
    lua_pushvalue(L, 2);
    if (lua_rawget(L, -2) != LUA_TNIL) return 1;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SANDBOX_CURRENT_POLICY);
    const char *who = lua_tostring(L, -1);
    if (lua_type(L, 2) == LUA_TSTRING)
        return luaL_error(L, "undefined global '%s'%s%s", lua_tostring(L, 2),
                          who ? " in policy " : "", who ? who : "");
    return luaL_error(L, "undefined global");
}

void sandbox_push_env(sandbox *sb)
{
    lua_State *L = sb->L;
    lua_newtable(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ENV_MT);
    lua_setmetatable(L, -2);
}

void sandbox_set_safe(sandbox *sb, const char *name)
{
    lua_State *L = sb->L;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SAFE_GLOBALS);
    lua_insert(L, -2);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

/* ------------------------------------------------------------------ errors */

/* Message handler: never calls metamethods of the error object. */
static int msghandler(lua_State *L)
{
    sandbox *sb = self(L);
    const char *msg = NULL;
    if (sb && sb->killed)
        msg = lua_pushfstring(L, "instruction budget exceeded (%d instructions)", (int)sb->budget);
    else if (sb && sb->mem_hit)
        msg = lua_pushliteral(L, "memory limit exceeded");
    else if (lua_type(L, 1) == LUA_TSTRING)
        msg = lua_tostring(L, 1);
    else if (lua_type(L, 1) == LUA_TNUMBER)
        msg = lua_pushfstring(L, "%s", lua_tostring(L, 1));
    else
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Copy a message into err: first line only, control characters replaced. A line longer than
 * err is cut at a character boundary (utf8_cut) and ends with "…", so a long Japanese
 * message never ends in half a character. */
static void sanitize(const char *msg, char *err, size_t errlen)
{
    static const char ellipsis[] = "\xe2\x80\xa6"; /* … */
    if (errlen == 0) return;
    size_t line = strcspn(msg, "\n"), keep = line;
    if (line + 1 > errlen) /* cut: room for the ellipsis and the NUL */
        keep = errlen > sizeof ellipsis ? utf8_cut(msg, line, errlen - sizeof ellipsis) : 0;
    size_t o = 0;
    for (size_t i = 0; i < keep; i++) {
        unsigned char c = (unsigned char)msg[i];
        err[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (keep < line && o + sizeof ellipsis <= errlen) {
        memcpy(err + o, ellipsis, sizeof ellipsis - 1);
        o += sizeof ellipsis - 1;
    }
    err[o] = 0;
}

/* What a failure means, for the reader of a report (docs/result-schema.md, "Errors"): the
 * Japanese explanation of its class; the raw (English) text is kept beside it as the detail.
 * Host messages are known by their start; a policy's own error is a runtime error whatever it
 * says (sandbox_call's status), so it cannot pass itself off as a limit. */
static const struct {
    const char *start, *ja;
} failure_class[] = {
    {"instruction budget exceeded",
     "命令数の上限（--max-instructions）を超えたため、評価を打ち切りました。"
     "ポリシーが終わらない処理をしている可能性があります。"},
    {"time limit exceeded", "1 回の呼び出しの CPU 時間の上限を超えたため、評価を打ち切りました。"},
    {"memory limit exceeded", "メモリの上限（--max-memory）を超えたため、評価を打ち切りました。"},
    {"wall-clock limit exceeded",
     "申告 1 件の評価時間の上限（--timeout）を超えたため、評価を打ち切りました。"},
    {"the policy crashed the interpreter", "ポリシーが評価処理を異常終了させました。"},
    {"the evaluation process crashed", "評価処理が異常終了しました。"},
    {"the evaluation process ended unexpectedly", "評価処理が予期せず終了しました。"},
    {"not evaluated: ",
     "この申告では上限を超えたポリシーがすでに多いため、このポリシーは評価していません。"},
    {"the file does not call policy",
     "ポリシーのファイルが policy { … } を呼んでいません（ポリシーの誤りです）。"},
    {"out of memory", "kyojin のメモリが足りなくなりました。"},
};

const char *sandbox_failure_ja(sandbox_status st, const char *raw)
{
    static const char runtime[] =
        "ポリシーの実行中にエラーが起きました（ポリシーの誤りです。保守担当者に知らせてください）。";
    if (st == SANDBOX_ERROR) return runtime;
    const char *p = raw ? raw : "";
    if (st == SANDBOX_MEMORY) return failure_class[2].ja;
    if (st == SANDBOX_INSTRUCTIONS)
        return failure_class[strncmp(p, "time limit", 10) == 0 ? 1 : 0].ja;
    static const char undecl[] = "the declaration could not be evaluated: ";
    if (strncmp(p, undecl, sizeof undecl - 1) == 0) p += sizeof undecl - 1;
    for (size_t i = 0; i < sizeof failure_class / sizeof *failure_class; i++)
        if (strncmp(p, failure_class[i].start, strlen(failure_class[i].start)) == 0)
            return failure_class[i].ja;
    return "評価できませんでした。";
}

sandbox_status sandbox_last_status(const sandbox *sb)
{
    return sb->last_status;
}

static int run_protected(sandbox *sb, int nargs, int nresults, char *err, size_t errlen)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    int st = lua_pcall(L, nargs, nresults, base);
    if (st != LUA_OK) {
        const char *m = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(error)";
        if (st == LUA_ERRMEM) m = "memory limit exceeded";
        sanitize(m, err, errlen);
        if (errlen > 1 && !err[0])
            snprintf(err, errlen, "%s", st == LUA_ERRERR ? "error in the error handler" : "error");
        lua_pop(L, 1);
    }
    lua_remove(L, base);
    return st;
}

sandbox_status sandbox_call(sandbox *sb, int nargs, int nresults, const char *who, char *err,
                            size_t errlen)
{
    lua_State *L = sb->L;
    lua_pushstring(L, who ? who : "?");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SANDBOX_CURRENT_POLICY);
    sb->in_policy = 1;
    sb->killed = 0;
    sb->mem_hit = 0;
    sb->count = 0;
    size_t room = sb->state_limit - (sb->used < sb->state_limit ? sb->used : sb->state_limit);
    sb->limit = sb->used + (sb->policy_memory < room ? sb->policy_memory : room);
    lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_PERIOD);
    timelimit_start(L, sb->cpu_seconds, count_hook);
    int st = run_protected(sb, nargs, nresults, err, errlen);
    timelimit_stop();
    lua_sethook(L, NULL, 0, 0);
    sandbox_status r = SANDBOX_OK;
    if (sb->killed && timelimit_expired()) {
        r = SANDBOX_INSTRUCTIONS;
        snprintf(err, errlen, "time limit exceeded (%g s of CPU for one policy call)",
                 sb->cpu_seconds);
    } else if (sb->killed) {
        r = SANDBOX_INSTRUCTIONS;
        snprintf(err, errlen, "instruction budget exceeded (%ld instructions)", sb->budget);
    } else if (sb->mem_hit) {
        r = SANDBOX_MEMORY;
        snprintf(err, errlen, "memory limit exceeded (%zu bytes for one policy)",
                 sb->policy_memory);
    } else if (st != LUA_OK) {
        r = SANDBOX_ERROR;
    }
    if (r != SANDBOX_OK && st == LUA_OK)
        lua_pop(L, nresults); /* a limit hit but swallowed: drop results */
    sb->last_status = r;
    sb->in_policy = 0;
    sb->killed = 0;
    sb->mem_hit = 0;
    sb->limit = sb->state_limit;
    if (r != SANDBOX_OK) lua_gc(L, LUA_GCCOLLECT); /* reclaim what a failed policy left */
    return r;
}

int sandbox_call_trusted(sandbox *sb, int nargs, int nresults, char *err, size_t errlen)
{
    return run_protected(sb, nargs, nresults, err, errlen) == LUA_OK ? 0 : -1;
}

long sandbox_last_instructions(const sandbox *sb)
{
    return sb->count;
}
size_t sandbox_memory_in_use(const sandbox *sb)
{
    return sb->used;
}
lua_State *sandbox_state(sandbox *sb)
{
    return sb->L;
}

int sandbox_load(sandbox *sb, const char *text, size_t len, const char *chunkname, char *err,
                 size_t errlen)
{
    lua_State *L = sb->L;
    /* text only: reject a binary chunk explicitly even though mode "t" would */
    if (len > 0 && text[0] == LUA_SIGNATURE[0]) {
        snprintf(err, errlen, "%s: precompiled (binary) chunks are not accepted", chunkname);
        return -1;
    }
    int st = luaL_loadbufferx(L, text, len, chunkname, "t");
    if (st != LUA_OK) {
        sanitize(lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "load error", err, errlen);
        lua_pop(L, 1);
        return -1;
    }
    return 0;
}

int sandbox_load_cached(sandbox *sb, const char *text, size_t len, const char *chunkname,
                        const bundle_chunk **used, char *err, size_t errlen)
{
    if (used) *used = NULL;
    if (sb->bundle && !(len > 0 && text[0] == LUA_SIGNATURE[0])) {
        const bundle_chunk *c = bundle_find(sb->bundle, text, len);
        if (c && bundle_load(sb->L, sb->bundle, c, chunkname) == 0) {
            if (used) *used = c;
            return 0;
        }
    }
    sb->compiled++;
    return sandbox_load(sb, text, len, chunkname, err, errlen);
}

int sandbox_runtime_bundled(const sandbox *sb)
{
    return sb->runtime_bundled;
}

long sandbox_sources_compiled(const sandbox *sb)
{
    return sb->compiled;
}

/* package.searchers[2] for the trusted runtime: Lua's own searcher (same path, same
 * messages), except that a module whose text is a source of the build's bundle is taken
 * from there, and that source files are loaded in text mode only. Upvalues: the package
 * table, package.searchpath. */
static int searcher_lua(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    sandbox *sb = self(L);
    if (sb && sb->runtime_bundled) { /* the module of the bundled runtime, named as on disk */
        luaL_gsub(L, name, ".", "/");
        lua_pushliteral(L, ".lua");
        lua_concat(L, 2);
        const char *rel = lua_tostring(L, -1);
        const bundle_chunk *c = bundle_runtime_file(sb->bundle, rel);
        if (c) {
            size_t pl = 0;
            lua_getfield(L, lua_upvalueindex(1), "path"); /* "DIR/?.lua" */
            const char *path = lua_tolstring(L, -1, &pl);
            luaL_Buffer fb;
            luaL_buffinit(L, &fb);
            if (path && pl >= 6)
                luaL_addlstring(&fb, path, pl - 6);
            else
                luaL_addstring(&fb, "lua");
            luaL_addchar(&fb, '/');
            luaL_addstring(&fb, rel);
            luaL_pushresult(&fb);
            lua_pushfstring(L, "@%s", lua_tostring(L, -1));
            if (bundle_load(L, sb->bundle, c, lua_tostring(L, -1)) == 0) {
                lua_pushvalue(L, -3); /* the file name */
                return 2;
            }
        }
        lua_settop(L, 1);
    }
    lua_getfield(L, lua_upvalueindex(1), "path");
    if (!lua_isstring(L, -1)) return luaL_error(L, "'package.%s' must be a string", "path");
    lua_pushvalue(L, lua_upvalueindex(2));
    lua_pushvalue(L, 1);
    lua_pushvalue(L, -3);
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2)) return 1; /* not found: the list of files tried */
    lua_pop(L, 1);
    const char *filename = lua_tostring(L, -1);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addchar(&b, '@');
    luaL_addstring(&b, filename);
    luaL_pushresult(&b);
    const char *chunkname = lua_tostring(L, -1);
    /* with a bundle the text is read once: compared with the bundle's sources and, if none
     * matches, compiled from the same buffer */
    size_t len = 0;
    char *text = sb && sb->bundle ? fileio_read(filename, (size_t)16 << 20, &len) : NULL;
    if (text) {
        const bundle_chunk *c = bundle_find(sb->bundle, text, len);
        if (c && bundle_load(L, sb->bundle, c, chunkname) == 0) {
            free(text);
            lua_remove(L, -2); /* the chunk name */
            lua_pushstring(L, filename);
            return 2;
        }
    }
    if (sb) sb->compiled++;
    /* a first line "#..." or a UTF-8 BOM: luaL_loadfilex skips them, loadbuffer would not */
    int plain = text && !(len && (text[0] == '#' || (unsigned char)text[0] == 0xEF));
    int st =
        plain ? luaL_loadbufferx(L, text, len, chunkname, "t") : luaL_loadfilex(L, filename, "t");
    free(text);
    if (st == LUA_OK) {
        lua_remove(L, -2); /* the chunk name */
        lua_pushstring(L, filename);
        return 2;
    }
    return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s", lua_tostring(L, 1),
                      filename, lua_tostring(L, -1));
}

/* ------------------------------------------------------------------ construction */

static int setup(lua_State *L)
{
    sandbox *sb = lua_touserdata(L, 1);
    lua_pushlightuserdata(L, sb);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SANDBOX_SELF);

    /* trusted host libraries: no io, os, debug, coroutine */
    luaL_requiref(L, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L, LUA_LOADLIBNAME, luaopen_package, 1);
    luaL_requiref(L, LUA_STRLIBNAME, luaopen_string, 1);
    patterns_install(L, -1); /* bounded find/match/gmatch/gsub (patterns.c) */
    luaL_requiref(L, LUA_TABLIBNAME, luaopen_table, 1);
    tablemove_install(L, -1); /* bounded table.move (tablemove.c) */
    luaL_requiref(L, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_settop(L, 2);

    /* require: only Lua modules from the runtime directory (argument 2) */
    const char *dir = lua_tostring(L, 2);
    lua_getglobal(L, "package");
    lua_pushfstring(L, "%s/?.lua", dir ? dir : "lua");
    lua_setfield(L, -2, "path");
    lua_pushliteral(L, "");
    lua_setfield(L, -2, "cpath");
    lua_getfield(L, -1, "searchers");
    for (int i = 4; i >= 3; i--) {
        lua_pushnil(L);
        lua_rawseti(L, -2, i);
    }
    lua_pushvalue(L, -2);
    lua_getfield(L, -3, "searchpath");
    lua_pushcclosure(L, searcher_lua, 2);
    lua_rawseti(L, -2, 2);
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_setfield(L, -2, "loadlib");
    lua_pop(L, 1);

    /* the JSON API as a host global (trusted modules use it) */
    luaconv_init(L);
    luaconv_push_api(L);
    lua_setglobal(L, "json");

    /* string metatable: __index points to a private copy without dump; locked */
    static const char *const string_drop[] = {"dump", NULL};
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    push_lib_copy(L, "string", string_drop);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 2);

    /* metatables */
    lua_newtable(L);
    lua_pushcfunction(L, env_index);
    lua_setfield(L, -2, "__index");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ENV_MT);

    /* the safe globals: an allow-list */
    lua_newtable(L);
    int safe = lua_gettop(L);
    static const char *const base_ok[] = {"assert",       "error",    "ipairs",   "pairs",
                                          "select",       "tonumber", "tostring", "type",
                                          "getmetatable", NULL};
    for (int i = 0; base_ok[i]; i++) {
        lua_getglobal(L, base_ok[i]);
        lua_setfield(L, safe, base_ok[i]);
    }
    static const luaL_Reg wrapped[] = {{"pcall", sb_pcall},
                                       {"xpcall", sb_xpcall},
                                       {"setmetatable", sb_setmetatable},
                                       {"print", sb_print},
                                       {NULL, NULL}};
    for (const luaL_Reg *r = wrapped; r->name; r++) {
        lua_pushcfunction(L, r->func);
        lua_setfield(L, safe, r->name);
    }
    lua_getglobal(L, "json");
    lua_getfield(L, -1, "next");
    lua_setfield(L, safe, "next");
    lua_pop(L, 1);
    lua_pushliteral(L, LUA_VERSION);
    lua_setfield(L, safe, "_VERSION");
    /* math without random/randomseed: the generator's state would be shared by every policy
     * (and a verdict must not depend on chance) */
    static const char *const math_drop[] = {"random", "randomseed", NULL};
    static const char *const libs[] = {"string", "table", "math", "utf8", NULL};
    static const char *const *const drops[] = {string_drop, NULL, math_drop, NULL};
    for (int i = 0; libs[i]; i++) {
        push_lib_copy(L, libs[i], drops[i]);
        sandbox_push_frozen(L, -1);
        lua_setfield(L, safe, libs[i]);
        lua_pop(L, 1);
    }
    lua_pushvalue(L, safe);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &SAFE_GLOBALS);
    lua_pop(L, 1);
    return 0;
}

sandbox *sandbox_new(const sandbox_opts *o, char *err, size_t errlen)
{
    sandbox *sb = calloc(1, sizeof *sb);
    if (!sb) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    sb->state_limit = o && o->state_memory ? o->state_memory : SANDBOX_DEFAULT_STATE_MEMORY;
    sb->limit = sb->state_limit;
    sb->policy_memory = o && o->policy_memory ? o->policy_memory : SANDBOX_DEFAULT_POLICY_MEMORY;
    sb->budget = o && o->instructions > 0 ? o->instructions : SANDBOX_DEFAULT_INSTRUCTIONS;
    sb->fail_alloc_at = o ? o->fail_alloc_at : 0;
    sb->verbose = o ? o->verbose : 0;
    sb->cpu_seconds = o && o->cpu_seconds > 0 ? o->cpu_seconds : SANDBOX_DEFAULT_CPU_SECONDS;
    sb->bundle = o ? bundle_usable(o->bundle) : NULL;
    struct stat st;
    sb->runtime_bundled =
        sb->bundle && sb->bundle->nruntime &&
        (stat(o && o->lua_dir ? o->lua_dir : "lua", &st) != 0 || !S_ISDIR(st.st_mode));
    sb->pool_max = o && o->plain_malloc ? 0 : POOL_MAX;
    sb->L = lua_newstate(sb_alloc, sb);
    if (!sb->L) {
        snprintf(err, errlen, "cannot create the Lua state (out of memory)");
        pool_release(sb);
        free(sb);
        return NULL;
    }
    lua_State *L = sb->L;
    lua_pushcfunction(L, setup);
    lua_pushlightuserdata(L, sb);
    lua_pushstring(L, o && o->lua_dir ? o->lua_dir : "lua");
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        snprintf(err, errlen, "cannot set up the sandbox: %s",
                 lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "out of memory");
        lua_close(L);
        pool_release(sb);
        free(sb);
        return NULL;
    }
    return sb;
}

void sandbox_free(sandbox *sb)
{
    if (!sb) return;
    if (sb->L) lua_close(sb->L);
    pool_release(sb);
    free(sb);
}
