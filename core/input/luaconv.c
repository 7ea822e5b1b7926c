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
#include "input/luaconv.h"
#include "input/decl.h"
#include "util/strutil.h"

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
static const char PROXY_NODE = 0;  /* proxy → its node number in the view (with generation) */
extern const char SANDBOX_CURRENT_POLICY; /* defined in sandbox.c: the running policy id */

/* ------------------------------------------------------------------ cJSON → raw tree */

/* The tables push_node uses, at absolute stack indices (fetched once per conversion). */
typedef struct {
    int order, object_mt, array_mt;
} conv_ctx;

static void push_node(lua_State *L, const conv_ctx *cx, const cJSON *n, int depth)
{
    if (depth > LUACONV_MAX_DEPTH)
        luaL_error(L, "JSON nesting exceeds %d levels", LUACONV_MAX_DEPTH);
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
            push_node(L, cx, c, depth + 1);
            lua_rawset(L, -4);
        }
        /* ORDER[obj] = keys */
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, cx->order);
        lua_pushvalue(L, cx->object_mt);
        lua_setmetatable(L, -2);
    } else if (cJSON_IsArray(n)) {
        int count = 0;
        for (const cJSON *c = n->child; c; c = c->next) count++;
        lua_createtable(L, count, 0);
        int i = 1;
        for (const cJSON *c = n->child; c; c = c->next) {
            push_node(L, cx, c, depth + 1);
            lua_rawseti(L, -2, i++);
        }
        lua_pushvalue(L, cx->array_mt);
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

void luaconv_push(lua_State *L, const cJSON *node)
{
    luaL_checkstack(L, 4, "JSON conversion");
    conv_ctx cx;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &KEY_ORDER);
    cx.order = lua_gettop(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &LUACONV_OBJECT_MT);
    cx.object_mt = lua_gettop(L);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &LUACONV_ARRAY_MT);
    cx.array_mt = lua_gettop(L);
    push_node(L, &cx, node, 0);
    lua_replace(L, cx.order);
    lua_pop(L, 2);
}

/* ------------------------------------------------------------------ proxies */

/* The view of the current declaration, in C: one node per proxy (its JSON pointer, whether it
 * is an array) and the read log of the running policy, a hash set of (node, key). Kept in a
 * full userdata in the registry; every array is allocated through the state's allocator, so
 * what a policy makes the log hold counts against its memory limit. A proxy carries its node
 * number with the generation of the view (luaconv_reset_cache starts a new one). */
typedef struct {
    const char *ptr; /* the proxy's pointer string (kept alive by the proxy), or `own` */
    size_t len;
    int is_array;
    char *own; /* copy, for a proxy of an earlier generation */
} lc_node;

enum { K_WHOLE, K_INT, K_FLT, K_STR, K_OTHER };

typedef struct {
    unsigned node;
    unsigned kind;
    size_t hash;
    size_t slot; /* its place in slots (a slot is taken when the entry there points back) */
    lua_Integer i;
    lua_Number d;
    size_t soff; /* K_STR: offset of the copy of the key in the view's sbuf */
    size_t len;
} lc_entry;

typedef struct {
    lua_Alloc af;
    void *aud;
    lua_Integer gen;
    lc_node *nodes;
    size_t nnodes, capnodes;
    lc_entry *ents;
    size_t nents, capents;
    size_t *slots; /* open addressing: entry index + 1; taken only if that entry is current and
                    * names the slot back, so clearing the log is just nents = 0 */
    size_t nslots;
    char *sbuf; /* the string keys of the log, each NUL-terminated */
    size_t sused, scap;
    int logging;
    char *buf; /* take_log's scratch (malloc), kept from one policy to the next */
    size_t capbuf;
    char **strs;
    size_t capstrs;
} lc_view;

static const char VIEW = 0; /* registry: the lc_view userdata */

static void *view_realloc(lc_view *v, void *p, size_t osize, size_t nsize)
{
    return v->af(v->aud, p, p ? osize : LUA_TNONE + 1, nsize);
}

static void view_free(lc_view *v, void *p, size_t osize)
{
    if (p) v->af(v->aud, p, osize, 0);
}

static void view_clear_log(lc_view *v)
{
    v->nents = 0;
    v->sused = 0;
}

static int slot_taken(const lc_view *v, size_t k)
{
    size_t x = v->slots[k];
    return x && x <= v->nents && v->ents[x - 1].slot == k;
}

static void view_clear_nodes(lc_view *v)
{
    for (size_t k = 0; k < v->nnodes; k++) view_free(v, v->nodes[k].own, v->nodes[k].len + 1);
    v->nnodes = 0;
}

static int view_gc(lua_State *L)
{
    lc_view *v = lua_touserdata(L, 1);
    if (!v || !v->af) return 0;
    view_clear_log(v);
    view_clear_nodes(v);
    view_free(v, v->nodes, v->capnodes * sizeof *v->nodes);
    view_free(v, v->ents, v->capents * sizeof *v->ents);
    view_free(v, v->slots, v->nslots * sizeof *v->slots);
    view_free(v, v->sbuf, v->scap);
    v->sbuf = NULL;
    v->sused = v->scap = 0;
    free(v->buf);
    free(v->strs);
    v->buf = NULL;
    v->strs = NULL;
    v->capbuf = v->capstrs = 0;
    v->nodes = NULL;
    v->ents = NULL;
    v->slots = NULL;
    v->capnodes = v->capents = v->nslots = 0;
    return 0;
}

static lc_view *get_view(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &VIEW);
    lc_view *v = lua_touserdata(L, -1);
    lua_pop(L, 1);
    return v;
}

/* Register a node; raises on memory errors. Returns its number. */
static size_t view_add_node(lua_State *L, lc_view *v, const char *ptr, size_t len, int is_array,
                            int copy)
{
    if (v->nnodes == v->capnodes) {
        size_t nc = v->capnodes ? v->capnodes * 2 : 64;
        lc_node *nn = view_realloc(v, v->nodes, v->capnodes * sizeof *nn, nc * sizeof *nn);
        if (!nn) luaL_error(L, "not enough memory");
        v->nodes = nn;
        v->capnodes = nc;
    }
    lc_node *n = &v->nodes[v->nnodes];
    n->own = NULL;
    if (copy) {
        char *c = view_realloc(v, NULL, 0, len + 1);
        if (!c) luaL_error(L, "not enough memory");
        memcpy(c, ptr, len);
        c[len] = 0;
        n->own = c;
        ptr = c;
    }
    n->ptr = ptr;
    n->len = len;
    n->is_array = is_array;
    return v->nnodes++;
}

static int raw_is_array(lua_State *L, int idx)
{
    if (!lua_getmetatable(L, idx)) return 0;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &LUACONV_ARRAY_MT);
    int r = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return r;
}

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

/* Create the proxy of the raw table at idx with the pointer string at sidx, cache it.
 * [-0, +1] */
static void new_proxy(lua_State *L, lc_view *v, int idx, int sidx)
{
    size_t len;
    const char *ptr = lua_tolstring(L, sidx, &len);
    lua_createtable(L, 0, 3);
    lua_pushvalue(L, idx);
    lua_rawsetp(L, -2, &PROXY_REAL);
    lua_pushvalue(L, sidx);
    lua_rawsetp(L, -2, &PROXY_PTR);
    if (v) {
        size_t n = view_add_node(L, v, ptr, len, raw_is_array(L, idx), 0);
        lua_pushinteger(L, (lua_Integer)(v->gen * 0x100000000LL + (lua_Integer)n));
        lua_rawsetp(L, -2, &PROXY_NODE);
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &PROXY_MT);
    lua_setmetatable(L, -2);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &PROXY_CACHE);
    lua_pushvalue(L, idx);
    lua_pushvalue(L, -3);
    lua_rawset(L, -3); /* cache[raw] = proxy */
    lua_pop(L, 1);
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
    lua_pop(L, 2);
    lua_pushstring(L, ptr);
    new_proxy(L, get_view(L), idx, lua_gettop(L));
    lua_remove(L, -2);
}

static size_t hash_bytes(const char *s, size_t n, size_t h)
{
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * (size_t)0x100000001b3ULL;
    return h;
}

static int same_entry(const lc_view *v, const lc_entry *e, unsigned node, unsigned kind,
                      lua_Integer i, lua_Number d, const char *s, size_t len)
{
    if (e->node != node || e->kind != kind) return 0;
    switch (kind) {
    case K_INT: return e->i == i;
    case K_FLT: return memcmp(&e->d, &d, sizeof d) == 0;
    case K_STR: return e->len == len && memcmp(v->sbuf + e->soff, s, len) == 0;
    default: return 1;
    }
}

/* The node number of the proxy at pidx in the current generation (registering the proxy of an
 * earlier declaration again). Returns 0 when it has none. */
static int proxy_node(lua_State *L, lc_view *v, int pidx, unsigned *node)
{
    int isnum;
    lua_rawgetp(L, pidx, &PROXY_NODE);
    lua_Integer id = lua_tointegerx(L, -1, &isnum);
    lua_pop(L, 1);
    if (isnum && id / 0x100000000LL == v->gen && (size_t)(id % 0x100000000LL) < v->nnodes) {
        *node = (unsigned)(id % 0x100000000LL);
        return 1;
    }
    /* a proxy made for an earlier declaration: a node of its own (copy of its pointer) */
    if (lua_rawgetp(L, pidx, &PROXY_REAL) != LUA_TTABLE) {
        lua_pop(L, 1);
        return 0;
    }
    int arr = raw_is_array(L, lua_gettop(L));
    lua_pop(L, 1);
    lua_rawgetp(L, pidx, &PROXY_PTR);
    size_t len = 0;
    const char *p = lua_tolstring(L, -1, &len);
    size_t n = view_add_node(L, v, p ? p : "", p ? len : 0, arr, 1);
    lua_pop(L, 1);
    lua_pushinteger(L, (lua_Integer)(v->gen * 0x100000000LL + (lua_Integer)n));
    lua_rawsetp(L, pidx, &PROXY_NODE);
    *node = (unsigned)n;
    return 1;
}

/* Log a read of key at stack index kidx on proxy at pidx (kidx 0: the whole value). A nil or
 * NaN key raises the error a Lua table raises for it. */
static void log_read(lua_State *L, lc_view *v, int pidx, int kidx)
{
    if (!v || !v->logging) return;
    unsigned kind = K_WHOLE;
    lua_Integer i = 0;
    lua_Number d = 0;
    const char *s = NULL;
    size_t len = 0;
    if (kidx) {
        switch (lua_type(L, kidx)) {
        case LUA_TNUMBER:
            if (lua_isinteger(L, kidx)) {
                kind = K_INT;
                i = lua_tointeger(L, kidx);
            } else {
                int isint;
                d = lua_tonumber(L, kidx);
                i = lua_tointegerx(L, kidx, &isint);
                if (isint)
                    kind = K_INT;
                else if (d != d)
                    goto table_error;
                else
                    kind = K_FLT;
            }
            break;
        case LUA_TSTRING:
            kind = K_STR;
            s = lua_tolstring(L, kidx, &len);
            break;
        case LUA_TBOOLEAN: kind = K_WHOLE; break;
        case LUA_TNIL: goto table_error;
        default: kind = K_OTHER; break;
        }
    }
    unsigned node;
    if (!proxy_node(L, v, pidx, &node)) return;
    size_t h = ((size_t)node * 0x9E3779B97F4A7C15ULL) ^ kind;
    if (kind == K_INT)
        h = (h ^ (size_t)i) * (size_t)0x100000001b3ULL;
    else if (kind == K_FLT)
        h = hash_bytes((const char *)&d, sizeof d, h);
    else if (kind == K_STR)
        h = hash_bytes(s, len, h);
    h ^= h >> 29;
    if (v->nslots) {
        size_t mask = v->nslots - 1;
        for (size_t k = h & mask; slot_taken(v, k); k = (k + 1) & mask)
            if (same_entry(v, &v->ents[v->slots[k] - 1], node, kind, i, d, s, len)) return;
    }
    /* new entry: grow the table (load at most 1/2) and the entries first */
    if ((v->nents + 1) * 2 > v->nslots) {
        size_t ns = v->nslots ? v->nslots * 2 : 64;
        size_t *nsl = view_realloc(v, NULL, 0, ns * sizeof *nsl);
        if (!nsl) luaL_error(L, "not enough memory");
        memset(nsl, 0, ns * sizeof *nsl);
        for (size_t k = 0; k < v->nents; k++) {
            size_t q = v->ents[k].hash & (ns - 1);
            while (nsl[q]) q = (q + 1) & (ns - 1);
            nsl[q] = k + 1;
            v->ents[k].slot = q;
        }
        view_free(v, v->slots, v->nslots * sizeof *v->slots);
        v->slots = nsl;
        v->nslots = ns;
    }
    if (v->nents == v->capents) {
        size_t nc = v->capents ? v->capents * 2 : 64;
        lc_entry *ne = view_realloc(v, v->ents, v->capents * sizeof *ne, nc * sizeof *ne);
        if (!ne) luaL_error(L, "not enough memory");
        v->ents = ne;
        v->capents = nc;
    }
    size_t soff = 0;
    if (kind == K_STR) {
        if (len + 1 > v->scap - v->sused) {
            size_t nc = v->scap ? v->scap : 4096;
            while (nc - v->sused < len + 1) {
                if (nc > ((size_t)-1) / 4) luaL_error(L, "not enough memory");
                nc *= 2;
            }
            char *nb = view_realloc(v, v->sbuf, v->scap, nc);
            if (!nb) luaL_error(L, "not enough memory");
            v->sbuf = nb;
            v->scap = nc;
        }
        soff = v->sused;
        memcpy(v->sbuf + soff, s, len);
        v->sbuf[soff + len] = 0;
        v->sused += len + 1;
    }
    lc_entry *e = &v->ents[v->nents];
    e->node = node;
    e->kind = kind;
    e->hash = h;
    e->i = i;
    e->d = d;
    e->soff = soff;
    e->len = len;
    size_t k = h & (v->nslots - 1);
    while (slot_taken(v, k)) k = (k + 1) & (v->nslots - 1);
    e->slot = k;
    v->slots[k] = ++v->nents;
    return;
table_error:
    /* the very error (and message) of using this key in a table */
    lua_newtable(L);
    lua_pushvalue(L, kidx);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
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
            if (k[i] == '~')
                luaL_addstring(&b, "~0");
            else if (k[i] == '/')
                luaL_addstring(&b, "~1");
            else
                luaL_addchar(&b, k[i]);
        }
    }
    luaL_pushresult(&b);
    lua_remove(L, -2);
}

/* Push the value raw[key] as seen by a policy: tables become proxies (cached per
 * declaration; the child's pointer string is built only when its proxy is first made). */
static void push_wrapped(lua_State *L, lc_view *v, int pidx, int ridx, int kidx)
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
    new_proxy(L, v, vidx, lua_gettop(L));
    lua_remove(L, -2); /* pointer string (kept by the proxy) */
    lua_remove(L, -2); /* raw value */
}

#define VIEW_UP ((lc_view *)lua_touserdata(L, lua_upvalueindex(1)))

static int proxy_index(lua_State *L)
{
    /* 1: proxy, 2: key */
    lua_settop(L, 2);
    lua_rawgetp(L, 1, &PROXY_REAL); /* 3: raw */
    if (lua_type(L, 3) != LUA_TTABLE) return 0;
    lc_view *v = VIEW_UP;
    log_read(L, v, 1, 2);
    int kt = lua_type(L, 2);
    if (kt != LUA_TSTRING && kt != LUA_TNUMBER) {
        lua_pushnil(L);
        return 1;
    }
    push_wrapped(L, v, 1, 3, 2);
    return 1;
}

static int proxy_newindex(lua_State *L)
{
    const char *ptr = luaconv_pointer(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &SANDBOX_CURRENT_POLICY);
    const char *pol = lua_tostring(L, -1);
    return luaL_error(L, "declaration is read-only: policy %s tried to write %s%s%s",
                      pol ? pol : "?", ptr && *ptr ? ptr : "(root)",
                      lua_type(L, 2) == LUA_TSTRING ? "/" : "",
                      lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "");
}

static int proxy_len(lua_State *L)
{
    lua_rawgetp(L, 1, &PROXY_REAL);
    log_read(L, VIEW_UP, 1, 0);
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
            if (eq) {
                pos = i;
                break;
            }
        }
        if (pos == 0) {
            lua_pop(L, 2);
            return 0;
        }
    }
    if (pos + 1 > n) {
        lua_pop(L, 2);
        return 0;
    }
    lua_rawgeti(L, -1, pos + 1);
    lua_replace(L, -3);
    lua_pop(L, 1);
    return 1;
}

/* Iterator closure for pairs: upvalue 1 = position counter (for objects), 2 = the view. */
static int proxy_next(lua_State *L)
{
    /* 1: proxy, 2: previous key */
    lc_view *v = lua_touserdata(L, lua_upvalueindex(2));
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
                    if (eq) {
                        pos = i;
                        break;
                    }
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
        push_wrapped(L, v, 1, 3, kidx);
        return 2;
    }
    if (!next_key(L, 3, 2)) return 0;
    int kidx = lua_gettop(L);
    push_wrapped(L, v, 1, 3, kidx);
    return 2;
}

static int proxy_pairs(lua_State *L)
{
    lua_rawgetp(L, 1, &PROXY_REAL);
    log_read(L, VIEW_UP, 1, 0);
    lua_pop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushcclosure(L, proxy_next, 2);
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
        lc_view *v = VIEW_UP;
        log_read(L, v, 1, 0);
        if (!next_key(L, 3, 2)) {
            lua_pushnil(L);
            return 1;
        }
        int kidx = lua_gettop(L);
        push_wrapped(L, v, 1, 3, kidx);
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
    lc_view *v = get_view(L);
    if (v) {
        view_clear_log(v); /* its entries name nodes of the old generation */
        view_clear_nodes(v);
        v->gen = (v->gen + 1) % 0x1000000;
    }
}

void luaconv_reset_order(lua_State *L)
{
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &KEY_ORDER);
}

void luaconv_new_log(lua_State *L)
{
    lc_view *v = get_view(L);
    if (!v) return;
    view_clear_log(v);
    v->logging = 1;
}

/* Decimal text of a lua_Integer given as its two's complement bits (as "%lld" prints it). */
static size_t fmt_integer(char *buf, lua_Unsigned u)
{
    char tmp[24];
    size_t n = 0, o = 0;
    int neg = (u >> (sizeof u * 8 - 1)) != 0;
    if (neg) u = 0u - u;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg) buf[o++] = '-';
    while (n) buf[o++] = tmp[--n];
    return o;
}

/* Append the pointer of one log entry to buf (escaped as RFC 6901). */
static size_t entry_pointer(const lc_view *v, const lc_entry *e, char *buf)
{
    const lc_node *n = &v->nodes[e->node];
    size_t o = n->len;
    memcpy(buf, n->ptr, o);
    if (e->kind == K_WHOLE) {
        buf[o] = 0;
        return o;
    }
    buf[o++] = '/';
    switch (e->kind) {
    case K_INT:
        o += fmt_integer(buf + o, n->is_array ? (lua_Unsigned)e->i - 1u : (lua_Unsigned)e->i);
        break;
    case K_FLT: { /* as lua_tostring prints it */
        char t[64];
        int k = snprintf(t, sizeof t - 2, LUA_NUMBER_FMT, (LUAI_UACNUMBER)e->d);
        if (k < 0) k = 0;
        if (k > (int)sizeof t - 3) k = (int)sizeof t - 3;
        t[k] = 0;
        if (t[strspn(t, "-0123456789")] == 0) {
            t[k++] = '.';
            t[k++] = '0';
        }
        memcpy(buf + o, t, (size_t)k);
        o += (size_t)k;
        break;
    }
    case K_STR:
        for (size_t i = 0; i < e->len; i++) {
            char c = v->sbuf[e->soff + i];
            if (c == '~') {
                buf[o++] = '~';
                buf[o++] = '0';
            } else if (c == '/') {
                buf[o++] = '~';
                buf[o++] = '1';
            } else
                buf[o++] = c;
        }
        break;
    default: break;
    }
    buf[o] = 0;
    return o;
}

cJSON *luaconv_take_log(lua_State *L)
{
    cJSON *arr = cJSON_CreateArray();
    lc_view *v = get_view(L);
    if (!v || !v->logging) return arr;
    v->logging = 0;
    if (!arr || !v->nents) {
        view_clear_log(v);
        return arr;
    }
    /* every pointer into one buffer, then sorted and deduplicated */
    size_t total = 0;
    size_t m = 0;
    for (size_t k = 0; k < v->nents; k++) {
        const lc_entry *e = &v->ents[k];
        if (e->node >= v->nnodes) continue;
        m++;
        total += v->nodes[e->node].len + 2 + (e->kind == K_STR ? 2 * e->len : 64);
    }
    if (total > v->capbuf) {
        char *nb = malloc(total);
        if (nb) {
            free(v->buf);
            v->buf = nb;
            v->capbuf = total;
        }
    }
    if (m > v->capstrs) {
        char **ns = malloc(m * sizeof *ns);
        if (ns) {
            free(v->strs);
            v->strs = ns;
            v->capstrs = m;
        }
    }
    if (v->buf && v->strs && total <= v->capbuf && m <= v->capstrs) {
        char *buf = v->buf, **s = v->strs;
        size_t o = 0;
        m = 0;
        for (size_t k = 0; k < v->nents; k++) {
            if (v->ents[k].node >= v->nnodes) continue;
            s[m++] = buf + o;
            o += entry_pointer(v, &v->ents[k], buf + o) + 1;
        }
        qsort(s, m, sizeof *s, str_cmp_ptr);
        for (size_t k = 0; k < m; k++)
            if (k == 0 || strcmp(s[k], s[k - 1]) != 0)
                cJSON_AddItemToArray(arr, cJSON_CreateString(s[k]));
    }
    if (v->scap > ((size_t)1 << 20)) {
        view_free(v, v->sbuf, v->scap);
        v->sbuf = NULL;
        v->sused = v->scap = 0;
    }
    if (v->capbuf > ((size_t)1 << 20)) { /* do not keep what one huge log needed */
        free(v->buf);
        free(v->strs);
        v->buf = NULL;
        v->strs = NULL;
        v->capbuf = v->capstrs = 0;
    }
    view_clear_log(v);
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

static int cmp_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

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
            if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1 || lua_tointeger(L, -1) > n)
                only_seq = 0;
        }
        is_arr = n > 0 && only_seq && count == n;
    }
    if (is_arr) {
        cJSON *a = cJSON_CreateArray();
        if (!a) {
            snprintf(err, errlen, "out of memory");
            return NULL;
        }
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, idx, i);
            cJSON *c = to_json(L, lua_gettop(L), depth + 1, err, errlen);
            lua_pop(L, 1);
            if (!c) {
                cJSON_Delete(a);
                return NULL;
            }
            cJSON_AddItemToArray(a, c);
        }
        return a;
    }
    cJSON *o = cJSON_CreateObject();
    if (!o) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
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
            if (lua_isnil(L, -1)) {
                lua_pop(L, 2);
                continue;
            }
            cJSON *c = to_json(L, lua_gettop(L), depth + 1, err, errlen);
            if (!c) {
                lua_pop(L, 4);
                cJSON_Delete(o);
                return NULL;
            }
            if (!cJSON_AddItemToObject(o, lua_tostring(L, -2),
                                       c)) { /* key copy failed: nothing leaks */
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
    if (!keys) {
        cJSON_Delete(o);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
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
            if (!nk) {
                lua_pop(L, 1);
                free(keys);
                cJSON_Delete(o);
                snprintf(err, errlen, "out of memory");
                return NULL;
            }
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
    if (!r && errlen && !err[0])
        snprintf(err, errlen, "out of memory"); /* a cJSON_Create* failed */
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
    lua_pushboolean(L, lua_touserdata(L, 1) == (void *)&LUACONV_NULL &&
                           lua_type(L, 1) == LUA_TLIGHTUSERDATA);
    return 1;
}

static int api_pointer(lua_State *L)
{
    const char *p = luaconv_pointer(L, 1);
    if (p)
        lua_pushstring(L, p);
    else
        lua_pushnil(L);
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
static int api_array(lua_State *L)
{
    return api_tag(L, &LUACONV_ARRAY_MT);
}
static int api_object(lua_State *L)
{
    return api_tag(L, &LUACONV_OBJECT_MT);
}

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
        if (lua_type(L, -2) == LUA_TLIGHTUSERDATA) {
            lua_pushnil(L);
            lua_replace(L, -3);
        }
        return 2;
    }
    if (lua_type(L, 1) == LUA_TLIGHTUSERDATA)
        lua_pushnil(L);
    else
        lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 2;
}

static const luaL_Reg api_funcs[] = {{"is_array", api_is_array}, {"is_object", api_is_object},
                                     {"is_null", api_is_null},   {"pointer", api_pointer},
                                     {"array", api_array},       {"object", api_object},
                                     {"encode", api_encode},     {"fact", api_fact},
                                     {"next", api_next},         {NULL, NULL}};

void luaconv_push_api(lua_State *L)
{
    luaL_newlibtable(L, api_funcs);
    lua_pushlightuserdata(L, get_view(L)); /* upvalue of every function (api_next uses it) */
    luaL_setfuncs(L, api_funcs, 1);
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

    lc_view *v = lua_newuserdatauv(L, sizeof *v, 0);
    memset(v, 0, sizeof *v);
    v->af = lua_getallocf(L, &v->aud);
    lua_newtable(L);
    lua_pushcfunction(L, view_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &VIEW);

    lua_newtable(L);
    static const luaL_Reg proxy_mm[] = {
        {"__index", proxy_index}, {"__len", proxy_len}, {"__pairs", proxy_pairs}, {NULL, NULL}};
    lua_pushlightuserdata(L, v);
    luaL_setfuncs(L, proxy_mm, 1);
    lua_pushcfunction(L, proxy_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, proxy_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_rawsetp(L, LUA_REGISTRYINDEX, &PROXY_MT);
    luaconv_reset_cache(L);
    luaconv_reset_order(L);
}
