/* luaconv.c — JSON ↔ Lua.
 *
 * Owns: turning a parsed declaration (cJSON) into a raw Lua tree once per declaration, the
 * read-only proxies through which policies see that tree (reads are logged per policy as
 * JSON pointers), and turning plain Lua data back into cJSON / JSON text.
 * Does not own: parsing or positions (decl.c), the policy environments (sandbox.c).
 *
 * Raw tree: objects and arrays are Lua tables tagged by one of two shared metatables, so `[]`
 * and `{}` stay distinct; JSON null is a light-userdata sentinel, never nil; integers that
 * fit stay integers. The document order of each object's keys is kept in a side table so
 * iteration is deterministic.
 *
 * Proxy: an empty-looking table holding, under two light-userdata keys no Lua code can
 * forge, the raw table and its JSON pointer; one shared metatable makes every read go
 * through __index (which logs and wraps child tables), every write raise, and #, pairs and
 * next work. The raw table is never reachable from a policy: there is no rawget, debug or
 * getmetatable access (the metatable is locked).
 */
#define _POSIX_C_SOURCE 200809L
#include "luaconv.h"
#include "decl.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char LUACONV_NULL = 0;
const char LUACONV_ARRAY_MT = 0;
const char LUACONV_OBJECT_MT = 0;
static const char PROXY_MT = 0;
static const char PROXY_REAL = 0;
static const char PROXY_PTR = 0;
static const char PROXY_CACHE = 0; /* raw table → proxy, per declaration */
static const char KEY_ORDER = 0;   /* raw object → array of keys in document order */
static const char READ_LOG = 0;    /* proxy → { key = true } for the running policy */
extern const char SANDBOX_CURRENT_POLICY; /* defined in sandbox.c: the running policy id */

/* ------------------------------------------------------------------ cJSON → raw tree */

static void push_node(lua_State *L, const cJSON *n, int depth)
{
    if (depth > LUACONV_MAX_DEPTH) luaL_error(L, "JSON nesting exceeds %d levels", LUACONV_MAX_DEPTH);
    luaL_checkstack(L, 6, "JSON conversion");
    if (cJSON_IsObject(n)) {
        int count = 0;
        for (const cJSON *c = n->child; c; c = c->next) count++;
        lua_createtable(L, 0, count);
        lua_createtable(L, count, 0); /* key order */
        int i = 1;
        for (const cJSON *c = n->child; c; c = c->next) {
            lua_pushstring(L, c->string);
            lua_pushvalue(L, -1);
            lua_rawseti(L, -3, i++);
            push_node(L, c, depth + 1);
            lua_rawset(L, -4);
        }
        /* ORDER[obj] = keys */
        lua_rawgetp(L, LUA_REGISTRYINDEX, &KEY_ORDER);
        lua_pushvalue(L, -3);
        lua_pushvalue(L, -3);
        lua_rawset(L, -3);
        lua_pop(L, 2);
        lua_rawgetp(L, LUA_REGISTRYINDEX, &LUACONV_OBJECT_MT);
        lua_setmetatable(L, -2);
    } else if (cJSON_IsArray(n)) {
        int count = 0;
        for (const cJSON *c = n->child; c; c = c->next) count++;
        lua_createtable(L, count, 0);
        int i = 1;
        for (const cJSON *c = n->child; c; c = c->next) {
            push_node(L, c, depth + 1);
            lua_rawseti(L, -2, i++);
        }
        lua_rawgetp(L, LUA_REGISTRYINDEX, &LUACONV_ARRAY_MT);
        lua_setmetatable(L, -2);
    } else if (cJSON_IsString(n)) {
        lua_pushstring(L, n->valuestring);
    } else if (cJSON_IsNumber(n)) {
        double d = n->valuedouble;
        if (d == floor(d) && d >= -9007199254740992.0 && d <= 9007199254740992.0)
            lua_pushinteger(L, (lua_Integer)d);
        else
            lua_pushnumber(L, d);
    } else if (cJSON_IsBool(n)) {
        lua_pushboolean(L, cJSON_IsTrue(n));
    } else {
        lua_pushlightuserdata(L, (void *)&LUACONV_NULL);
    }
}

void luaconv_push(lua_State *L, const cJSON *node) { push_node(L, node, 0); }

/* ------------------------------------------------------------------ proxies */

static int is_proxy(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE) return 0;
    int t = lua_rawgetp(L, idx, &PROXY_REAL);
    lua_pop(L, 1);
    return t == LUA_TTABLE;
}

int luaconv_unproxy(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TTABLE) return 0;
    if (lua_rawgetp(L, idx, &PROXY_REAL) == LUA_TTABLE) return 1;
    lua_pop(L, 1);
    return 0;
}

const char *luaconv_pointer(lua_State *L, int idx)
{
    if (!is_proxy(L, idx)) return NULL;
    lua_rawgetp(L, idx, &PROXY_PTR);
    const char *s = lua_tostring(L, -1); /* kept alive by the proxy */
    lua_pop(L, 1);
    return s;
}

/* Push the proxy of the raw table at idx (cached per declaration). [-0, +1] */
void luaconv_push_proxy(lua_State *L, int idx, const char *ptr)
{
    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 6, "proxy");
    lua_rawgetp(L, LUA_REGISTRYINDEX, &PROXY_CACHE);
    lua_pushvalue(L, idx);
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushvalue(L, idx);
    lua_rawsetp(L, -2, &PROXY_REAL);
    lua_pushstring(L, ptr);
    lua_rawsetp(L, -2, &PROXY_PTR);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &PROXY_MT);
    lua_setmetatable(L, -2);
    lua_pushvalue(L, idx);
    lua_pushvalue(L, -2);
    lua_rawset(L, -4); /* cache[raw] = proxy */
    lua_remove(L, -2);
}

/* Log a read of key at stack index kidx on proxy at pidx (kidx 0: the whole value). */
static void log_read(lua_State *L, int pidx, int kidx)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &READ_LOG) != LUA_TTABLE) {
        lua_pop(L, 1);
        return;
    }
    lua_pushvalue(L, pidx);
    if (lua_rawget(L, -2) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, pidx);
        lua_pushvalue(L, -2);
        lua_rawset(L, -4);
    }
    if (kidx) lua_pushvalue(L, kidx);
    else lua_pushboolean(L, 1);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 2);
}

/* Child pointer for key at kidx of proxy at pidx; pushes the string. */
static void push_child_pointer(lua_State *L, int pidx, int kidx, int is_array)
{
    lua_rawgetp(L, pidx, &PROXY_PTR);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    lua_pushvalue(L, -2);
    luaL_addvalue(&b);
    luaL_addchar(&b, '/');
    if (is_array && lua_isinteger(L, kidx)) {
        lua_pushfstring(L, "%I", (LUAI_UACINT)(lua_tointeger(L, kidx) - 1));
        luaL_addvalue(&b);
    } else {
        size_t n;
        const char *k = lua_tolstring(L, kidx, &n);
        for (size_t i = 0; i < n; i++) {
            if (k[i] == '~') luaL_addstring(&b, "~0");
            else if (k[i] == '/') luaL_addstring(&b, "~1");
            else luaL_addchar(&b, k[i]);
        }
    }
    luaL_pushresult(&b);
    lua_remove(L, -2);
}

static int raw_is_array(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx)) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &LUACONV_ARRAY_MT);
    int r = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return r;
}

/* Push the value raw[key] as seen by a policy: tables become proxies (cached per
 * declaration; the child's pointer string is built only when its proxy is first made). */
static void push_wrapped(lua_State *L, int pidx, int ridx, int kidx)
{
    lua_pushvalue(L, kidx);
    if (lua_rawget(L, ridx) != LUA_TTABLE) return;
    int vidx = lua_gettop(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &PROXY_CACHE);
    lua_pushvalue(L, vidx);
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        lua_replace(L, vidx); /* cached proxy replaces the raw value */
        lua_pop(L, 1);
        return;
    }
    lua_pop(L, 2);
    push_child_pointer(L, pidx, kidx, raw_is_array(L, ridx));
    luaconv_push_proxy(L, vidx, lua_tostring(L, -1));
    lua_remove(L, -2); /* pointer string (kept by the proxy) */
    lua_remove(L, -2); /* raw value */
}

static int proxy_index(lua_State *L)
{
    /* 1: proxy, 2: key */
    lua_rawgetp(L, 1, &PROXY_REAL); /* 3: raw */
    if (lua_type(L, 3) != LUA_TTABLE) return 0;
    log_read(L, 1, 2);
    int kt = lua_type(L, 2);
    if (kt != LUA_TSTRING && kt != LUA_TNUMBER) {
        lua_pushnil(L);
        return 1;
    }
    push_wrapped(L, 1, 3, 2);
    return 1;
}

static int proxy_newindex(lua_State *L)
{
    const char *ptr = luaconv_pointer(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SANDBOX_CURRENT_POLICY);
    const char *pol = lua_tostring(L, -1);
    return luaL_error(L, "declaration is read-only: policy %s tried to write %s%s%s", pol ? pol : "?",
                      ptr && *ptr ? ptr : "(root)", lua_type(L, 2) == LUA_TSTRING ? "/" : "",
                      lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "");
}

static int proxy_len(lua_State *L)
{
    lua_rawgetp(L, 1, &PROXY_REAL);
    log_read(L, 1, 0);
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
    return 1;
}

/* Next key of a raw table in deterministic order: arrays by index, objects by document order.
 * Stack: raw at ridx, previous key at kidx (nil to start). Pushes next key, or nothing. */
static int next_key(lua_State *L, int ridx, int kidx)
{
    if (raw_is_array(L, ridx)) {
        lua_Integer i = lua_isnil(L, kidx) ? 0 : lua_tointeger(L, kidx);
        if (i < 0 || (lua_Unsigned)i >= lua_rawlen(L, ridx)) return 0;
        lua_pushinteger(L, i + 1);
        return 1;
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &KEY_ORDER);
    lua_pushvalue(L, ridx);
    if (lua_rawget(L, -2) != LUA_TTABLE) {
        lua_pop(L, 2);
        return 0;
    }
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1), pos = 0;
    if (!lua_isnil(L, kidx)) {
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, -1, i);
            int eq = lua_rawequal(L, -1, kidx);
            lua_pop(L, 1);
            if (eq) { pos = i; break; }
        }
        if (pos == 0) { lua_pop(L, 2); return 0; }
    }
    if (pos + 1 > n) { lua_pop(L, 2); return 0; }
    lua_rawgeti(L, -1, pos + 1);
    lua_replace(L, -3);
    lua_pop(L, 1);
    return 1;
}

/* Iterator closure for pairs: upvalue 1 = position counter (for objects). */
static int proxy_next(lua_State *L)
{
    /* 1: proxy, 2: previous key */
    lua_settop(L, 2);
    if (lua_rawgetp(L, 1, &PROXY_REAL) != LUA_TTABLE) return 0; /* 3 */
    if (!raw_is_array(L, 3)) {
        /* objects: walk the order list using a position kept in upvalue 1 */
        lua_Integer pos = lua_tointeger(L, lua_upvalueindex(1));
        lua_rawgetp(L, LUA_REGISTRYINDEX, &KEY_ORDER);
        lua_pushvalue(L, 3);
        if (lua_rawget(L, -2) != LUA_TTABLE) return 0;
        lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
        /* the caller's key must be the one at pos (pairs protocol); otherwise search */
        if (!lua_isnil(L, 2)) {
            int ok = 0;
            if (pos >= 1 && pos <= n) {
                lua_rawgeti(L, -1, pos);
                ok = lua_rawequal(L, -1, 2);
                lua_pop(L, 1);
            }
            if (!ok) {
                pos = 0;
                for (lua_Integer i = 1; i <= n; i++) {
                    lua_rawgeti(L, -1, i);
                    int eq = lua_rawequal(L, -1, 2);
                    lua_pop(L, 1);
                    if (eq) { pos = i; break; }
                }
                if (!pos) return 0;
            }
        } else {
            pos = 0;
        }
        if (pos + 1 > n) return 0;
        lua_rawgeti(L, -1, pos + 1);
        lua_pushinteger(L, pos + 1);
        lua_replace(L, lua_upvalueindex(1));
        int kidx = lua_gettop(L);
        push_wrapped(L, 1, 3, kidx);
        return 2;
    }
    if (!next_key(L, 3, 2)) return 0;
    int kidx = lua_gettop(L);
    push_wrapped(L, 1, 3, kidx);
    return 2;
}

static int proxy_pairs(lua_State *L)
{
    lua_rawgetp(L, 1, &PROXY_REAL);
    log_read(L, 1, 0);
    lua_pop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, proxy_next, 1);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

/* next(t, k) for policies: proxies iterate the raw table in document order. */
static int api_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (lua_rawgetp(L, 1, &PROXY_REAL) == LUA_TTABLE) {
        log_read(L, 1, 0);
        if (!next_key(L, 3, 2)) {
            lua_pushnil(L);
            return 1;
        }
        int kidx = lua_gettop(L);
        push_wrapped(L, 1, 3, kidx);
        return 2;
    }
    lua_pop(L, 1);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
}

static int proxy_tostring(lua_State *L)
{
    const char *p = luaconv_pointer(L, 1);
    lua_pushfstring(L, "declaration:%s", p && *p ? p : "/");
    return 1;
}

void luaconv_reset_cache(lua_State *L)
{
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &PROXY_CACHE);
}

void luaconv_reset_order(lua_State *L)
{
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &KEY_ORDER);
}

void luaconv_new_log(lua_State *L)
{
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &READ_LOG);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

cJSON *luaconv_take_log(lua_State *L)
{
    cJSON *arr = cJSON_CreateArray();
    if (!arr) return NULL;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &READ_LOG) != LUA_TTABLE) {
        lua_pop(L, 1);
        return arr;
    }
    int log = lua_gettop(L);
    size_t cap = 64, n = 0;
    char **v = malloc(cap * sizeof *v);
    int oom = 0;
    lua_pushnil(L);
    while (v && !oom && lua_next(L, log)) {
        /* key: proxy, value: set of keys */
        int pidx = lua_gettop(L) - 1;
        lua_rawgetp(L, pidx, &PROXY_REAL);
        int ridx = lua_gettop(L);
        int is_arr = raw_is_array(L, ridx);
        lua_pushnil(L);
        while (lua_next(L, ridx - 1)) {
            lua_pop(L, 1);
            int kidx = lua_gettop(L);
            if (lua_type(L, kidx) == LUA_TBOOLEAN) {
                lua_rawgetp(L, pidx, &PROXY_PTR);
            } else {
                push_child_pointer(L, pidx, kidx, is_arr);
            }
            const char *s = lua_tostring(L, -1);
            if (n == cap) {
                cap *= 2;
                char **nv = realloc(v, cap * sizeof *nv);
                if (!nv) { /* keep the stack balanced for the outer traversal */
                    lua_pop(L, 2); /* pointer string, inner key */
                    oom = 1;
                    break;
                }
                v = nv;
            }
            v[n] = s ? strdup(s) : NULL;
            if (v[n]) n++;
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
        if (oom) lua_pop(L, 1); /* the outer key: the traversal stops here */
    }
    lua_pop(L, 1);
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &READ_LOG);
    if (!v) return arr;
    qsort(v, n, sizeof *v, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(v[i], v[i - 1]) != 0) cJSON_AddItemToArray(arr, cJSON_CreateString(v[i]));
    }
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
    return arr;
}

/* ------------------------------------------------------------------ Lua → cJSON */

static int tagged(lua_State *L, int idx, const char *key)
{
    if (!lua_getmetatable(L, idx)) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    int r = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return r;
}

static cJSON *to_json(lua_State *L, int idx, int depth, char *err, size_t errlen);

static int cmp_keys(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

static cJSON *table_to_json(lua_State *L, int idx, int depth, char *err, size_t errlen)
{
    int is_arr = tagged(L, idx, &LUACONV_ARRAY_MT), is_obj = tagged(L, idx, &LUACONV_OBJECT_MT);
    if (!is_arr && !is_obj && lua_getmetatable(L, idx)) {
        lua_pop(L, 1);
        snprintf(err, errlen, "a table with a metatable cannot be converted to JSON");
        return NULL;
    }
    lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
    if (!is_obj && !is_arr) {
        /* plain table: a sequence 1..n with no other keys is an array */
        lua_Integer count = 0;
        int only_seq = 1;
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            lua_pop(L, 1);
            count++;
            if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n) only_seq = 0;
        }
        is_arr = n > 0 && only_seq && count == n;
    }
    if (is_arr) {
        cJSON *a = cJSON_CreateArray();
        if (!a) { snprintf(err, errlen, "out of memory"); return NULL; }
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            cJSON *c = to_json(L, lua_gettop(L), depth + 1, err, errlen);
            lua_pop(L, 1);
            if (!c) { cJSON_Delete(a); return NULL; }
            cJSON_AddItemToArray(a, c);
        }
        return a;
    }
    cJSON *o = cJSON_CreateObject();
    if (!o) { snprintf(err, errlen, "out of memory"); return NULL; }
    /* document order when known, else sorted keys */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &KEY_ORDER);
    lua_pushvalue(L, idx);
    int have_order = lua_type(L, -2) == LUA_TTABLE && lua_rawget(L, -2) == LUA_TTABLE;
    if (have_order) {
        int ord = lua_gettop(L);
        lua_Integer k = (lua_Integer)lua_rawlen(L, ord);
        for (lua_Integer i = 1; i <= k; i++) {
            lua_rawgeti(L, ord, i);
            lua_pushvalue(L, -1);
            lua_rawget(L, idx);
            if (lua_isnil(L, -1)) { lua_pop(L, 2); continue; }
            cJSON *c = to_json(L, lua_gettop(L), depth + 1, err, errlen);
            if (!c) { lua_pop(L, 4); cJSON_Delete(o); return NULL; }
            if (!cJSON_AddItemToObject(o, lua_tostring(L, -2), c)) { /* key copy failed: nothing leaks */
                cJSON_Delete(c);
                lua_pop(L, 4);
                cJSON_Delete(o);
                snprintf(err, errlen, "out of memory");
                return NULL;
            }
            lua_pop(L, 2);
        }
        /* keys added after conversion (patched copies) come after, sorted */
        lua_pop(L, 2);
        have_order = 1;
    } else {
        lua_pop(L, 2);
    }
    size_t cap = 16, m = 0;
    const char **keys = malloc(cap * sizeof *keys);
    if (!keys) { cJSON_Delete(o); snprintf(err, errlen, "out of memory"); return NULL; }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            lua_pop(L, 1);
            free(keys);
            cJSON_Delete(o);
            snprintf(err, errlen, "object keys must be strings");
            return NULL;
        }
        const char *ks = lua_tostring(L, -1);
        if (have_order && cJSON_GetObjectItemCaseSensitive(o, ks)) continue;
        if (m == cap) {
            cap *= 2;
            const char **nk = realloc(keys, cap * sizeof *nk);
            if (!nk) { lua_pop(L, 1); free(keys); cJSON_Delete(o); snprintf(err, errlen, "out of memory"); return NULL; }
            keys = nk;
        }
        keys[m++] = ks; /* the string stays alive: it is a key of the table */
    }
    qsort(keys, m, sizeof *keys, cmp_keys);
    for (size_t i = 0; i < m; i++) {
        lua_getfield(L, idx, keys[i]);
        cJSON *c = to_json(L, lua_gettop(L), depth + 1, err, errlen);
        lua_pop(L, 1);
        if (!c || !cJSON_AddItemToObject(o, keys[i], c)) {
            if (c) snprintf(err, errlen, "out of memory");
            cJSON_Delete(c);
            free(keys);
            cJSON_Delete(o);
            return NULL;
        }
    }
    free(keys);
    return o;
}

static cJSON *to_json(lua_State *L, int idx, int depth, char *err, size_t errlen)
{
    if (depth > LUACONV_MAX_DEPTH) {
        snprintf(err, errlen, "value nested deeper than %d levels (or cyclic)", LUACONV_MAX_DEPTH);
        return NULL;
    }
    if (!lua_checkstack(L, 8)) {
        snprintf(err, errlen, "Lua stack exhausted");
        return NULL;
    }
    switch (lua_type(L, idx)) {
    case LUA_TNIL: return cJSON_CreateNull();
    case LUA_TBOOLEAN: return cJSON_CreateBool(lua_toboolean(L, idx));
    case LUA_TNUMBER: {
        double d = lua_tonumber(L, idx);
        if (!isfinite(d)) {
            snprintf(err, errlen, "a number that is not finite cannot be written as JSON");
            return NULL;
        }
        return cJSON_CreateNumber(d);
    }
    case LUA_TSTRING: {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        if (strlen(s) != n) {
            snprintf(err, errlen, "strings with NUL cannot be written as JSON");
            return NULL;
        }
        return cJSON_CreateString(s);
    }
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == (void *)&LUACONV_NULL) return cJSON_CreateNull();
        break;
    case LUA_TTABLE:
        if (luaconv_unproxy(L, idx)) {
            cJSON *r = table_to_json(L, lua_gettop(L), depth, err, errlen);
            lua_pop(L, 1);
            return r;
        }
        return table_to_json(L, idx, depth, err, errlen);
    default: break;
    }
    snprintf(err, errlen, "a %s cannot be converted to JSON", luaL_typename(L, idx));
    return NULL;
}

cJSON *luaconv_to_json(lua_State *L, int idx, char *err, size_t errlen)
{
    idx = lua_absindex(L, idx);
    if (errlen) err[0] = 0;
    cJSON *r = to_json(L, idx, 0, err, errlen);
    if (!r && errlen && !err[0]) snprintf(err, errlen, "out of memory"); /* a cJSON_Create* failed */
    return r;
}

/* ------------------------------------------------------------------ API table */

static int api_is_array(lua_State *L)
{
    int r = 0;
    if (luaconv_unproxy(L, 1)) {
        r = raw_is_array(L, -1);
    } else if (lua_type(L, 1) == LUA_TTABLE) {
        r = tagged(L, 1, &LUACONV_ARRAY_MT);
    }
    lua_pushboolean(L, r);
    return 1;
}

static int api_is_object(lua_State *L)
{
    int r = 0;
    if (luaconv_unproxy(L, 1)) {
        r = !raw_is_array(L, -1);
    } else if (lua_type(L, 1) == LUA_TTABLE) {
        r = tagged(L, 1, &LUACONV_OBJECT_MT);
    }
    lua_pushboolean(L, r);
    return 1;
}

static int api_is_null(lua_State *L)
{
    lua_pushboolean(L, lua_touserdata(L, 1) == (void *)&LUACONV_NULL && lua_type(L, 1) == LUA_TLIGHTUSERDATA);
    return 1;
}

static int api_pointer(lua_State *L)
{
    const char *p = luaconv_pointer(L, 1);
    if (p) lua_pushstring(L, p);
    else lua_pushnil(L);
    return 1;
}

static int api_tag(lua_State *L, const char *key)
{
    if (lua_isnoneornil(L, 1)) {
        lua_settop(L, 0);
        lua_newtable(L);
    }
    luaL_checktype(L, 1, LUA_TTABLE);
    if (is_proxy(L, 1)) return luaL_error(L, "cannot retag a declaration table");
    if (lua_getmetatable(L, 1)) {
        lua_pop(L, 1);
        if (!tagged(L, 1, &LUACONV_ARRAY_MT) && !tagged(L, 1, &LUACONV_OBJECT_MT))
            return luaL_error(L, "table already has a metatable");
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, key);
    lua_setmetatable(L, 1);
    lua_settop(L, 1);
    return 1;
}
static int api_array(lua_State *L) { return api_tag(L, &LUACONV_ARRAY_MT); }
static int api_object(lua_State *L) { return api_tag(L, &LUACONV_OBJECT_MT); }

static int api_encode(lua_State *L)
{
    char err[200];
    cJSON *j = luaconv_to_json(L, 1, err, sizeof err);
    if (!j) return luaL_error(L, "encode: %s", err);
    char *s = lua_toboolean(L, 2) ? cJSON_Print(j) : cJSON_PrintUnformatted(j);
    cJSON_Delete(j);
    if (!s) return luaL_error(L, "encode: out of memory");
    lua_pushstring(L, s);
    cJSON_free(s);
    return 1;
}

/* fact(v) → value, evidence: a process fact is a boolean or { value = b, evidence = {...} }. */
static int api_fact(lua_State *L)
{
    lua_settop(L, 1);
    if (lua_type(L, 1) == LUA_TTABLE) {
        lua_getfield(L, 1, "value");
        lua_getfield(L, 1, "evidence");
        if (lua_type(L, -1) != LUA_TTABLE) {
            lua_pop(L, 1);
            lua_pushnil(L);
        }
        if (lua_type(L, -2) == LUA_TLIGHTUSERDATA) { lua_pushnil(L); lua_replace(L, -3); }
        return 2;
    }
    if (lua_type(L, 1) == LUA_TLIGHTUSERDATA) lua_pushnil(L);
    else lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 2;
}

static const luaL_Reg api_funcs[] = {
    {"is_array", api_is_array}, {"is_object", api_is_object}, {"is_null", api_is_null},
    {"pointer", api_pointer},   {"array", api_array},         {"object", api_object},
    {"encode", api_encode},     {"fact", api_fact},           {"next", api_next},
    {NULL, NULL}};

void luaconv_push_api(lua_State *L)
{
    luaL_newlib(L, api_funcs);
    lua_pushlightuserdata(L, (void *)&LUACONV_NULL);
    lua_setfield(L, -2, "null");
}

void luaconv_init(lua_State *L)
{
    lua_newtable(L);
    lua_pushliteral(L, "json array");
    lua_setfield(L, -2, "__name");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &LUACONV_ARRAY_MT);
    lua_newtable(L);
    lua_pushliteral(L, "json object");
    lua_setfield(L, -2, "__name");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &LUACONV_OBJECT_MT);

    lua_newtable(L);
    lua_pushcfunction(L, proxy_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, proxy_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, proxy_len);
    lua_setfield(L, -2, "__len");
    lua_pushcfunction(L, proxy_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushcfunction(L, proxy_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &PROXY_MT);
    luaconv_reset_cache(L);
    luaconv_reset_order(L);
}
