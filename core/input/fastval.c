/* fastval.c — the declaration schema compiled to C, checked directly on the cJSON tree.
 *
 * Owns: compiling lua/kyojin/schema.lua (read through the Lua C API, never copied into C)
 * into nodes, and a walk that mirrors lua/kyojin/validate.lua closely enough to say
 * "certainly valid". Does not own: error messages (every declaration that is not certainly
 * valid goes to the Lua validator), JSON parsing (decl.c).
 *
 * Mirrored from validate.lua (code, not schema data): the node types and their checks, the
 * fact object ({value: boolean, evidence: evidence}), the named semantic checks
 * (calendar_date, lg_code, json_pointer, known_policy, prefecture_code), Lua pattern
 * matching for formats (the subset without captures, %b, %f and back-references), utf8.len
 * for string lengths, and the collection rules (ids of keyed arrays unique, references
 * resolve). Anything else found in the schema data compiles to an "unsupported" node, and a
 * declaration that reaches one is FASTVAL_UNSURE.
 *
 * Deliberately conservative (stricter than validate.lua, never looser):
 *   - any duplicate id inside a collection, or a collection that is present but not an
 *     array, makes the declaration not certainly valid;
 *   - duplicate keys in an object, cJSON nodes of other types (raw, invalid), objects with a
 *     NULL key or string with a NULL value: FASTVAL_UNSURE;
 *   - unique arrays holding numbers or booleans: FASTVAL_UNSURE;
 *   - long strings against patterns with several repetitions: FASTVAL_UNSURE.
 */
#define _POSIX_C_SOURCE 200809L
#include "input/fastval.h"
#include "engine/patterns.h"
#include "input/lgcode.h"
#include "util/strutil.h"

#include <ctype.h>
#include <lauxlib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FV_MAX_FIELDS       64 /* fields of one object node (a bitmap-free "seen" array) */
#define FV_MAX_WALK_DEPTH   96 /* nesting of the walk (the loader allows 64 levels) */
#define FV_MAX_SCHEMA_DEPTH 48
#define FV_MAX_QUANT        32   /* repetition items in one pattern (Lua's limit is 200 calls) */
#define FV_LONG_STRING      4096 /* bytes: longer strings only against simple patterns */
#define FV_EXACT_INT        9007199254740992.0

enum {
    NT_UNSUPPORTED = 0,
    NT_OBJECT,
    NT_ARRAY,
    NT_STRING,
    NT_INTEGER,
    NT_NUMBER,
    NT_BOOLEAN,
    NT_ENUM,
    NT_REF,
    NT_FACT,
    NT_CONST,
    NT_DEF
};

enum {
    CK_NONE = 0,
    CK_CALENDAR_DATE,
    CK_LG_CODE,
    CK_JSON_POINTER,
    CK_KNOWN_POLICY,
    CK_PREFECTURE_CODE,
    CK_UNKNOWN
};

typedef struct {
    const char **v; /* sorted (strcmp) */
    size_t n;
} fv_set;

typedef struct {
    const char *src;
    size_t len;
    int quant; /* repetition items (*, +, -, ?) */
    int anchored;
} fv_pattern;

typedef struct {
    fv_pattern *p;
    size_t np;
    int check;
} fv_format;

typedef struct fv_node fv_node;

typedef struct {
    const char *name;
    fv_node *node;
    int req;
    int check; /* node.checks[name], when the field's node is not an object */
} fv_field;

/* A `when` rule: constant compared with Lua's == semantics */
typedef struct {
    int field;    /* index of rule.field, or -1 (then the key is absent in a valid object) */
    int contains; /* 0: equals, 1: contains */
    int vt;       /* 1 boolean, 2 string, 3 number */
    int b;
    const char *s;
    double d;
    int *req; /* field indexes; -1 = a name that is not a field */
    size_t nreq;
} fv_when;

struct fv_node {
    int t;
    int nullable;
    /* string lengths, number ranges, array sizes */
    int has_min, has_max, has_xmin;
    double min, max, xmin;
    /* string */
    const fv_format *format;
    int check;
    /* array */
    fv_node *items;
    int unique;
    int key; /* collection index (keyed array) or -1 */
    /* object */
    fv_field *fields;
    int nfields;
    fv_when *when;
    int nwhen;
    int differs_a, differs_b; /* field indexes, -1 when absent */
    /* enum, ref */
    const fv_set *en;
    int coll;
    const fv_set *or_enum;
    /* const */
    const char *cvalue;
    /* def */
    int def;
};

typedef struct {
    const char *name;
    const fv_set *set;
} fv_named_set;

typedef struct {
    const char *name;
    const fv_format *fmt;
} fv_named_format;

typedef struct {
    const char *name, *path, *key;
} fv_coll;

typedef struct {
    const char *code, *name;
} fv_pref;

struct fastval {
    void **allocs;
    size_t nallocs, capallocs;
    int nodes, unsupported;

    const char *version;
    fv_node *root;
    fv_node *fact_object;

    const char **def_names;
    fv_node **defs;
    int ndefs;

    fv_coll *colls;
    int ncolls;

    fv_pref *prefs;
    size_t nprefs;

    fv_named_set *enums;
    size_t nenums;
    fv_named_format *formats;
    size_t nformats;
};

/* ================================================================ compiling */

typedef struct {
    fastval *fv;
    lua_State *L;
    int S; /* absolute index of the schema table */
    int oom;
} cc;

static void *fv_alloc(fastval *fv, size_t n)
{
    if (fv->nallocs == fv->capallocs) {
        size_t cap = fv->capallocs ? fv->capallocs * 2 : 64;
        void **a = realloc(fv->allocs, cap * sizeof *a);
        if (!a) return NULL;
        fv->allocs = a;
        fv->capallocs = cap;
    }
    void *p = calloc(1, n ? n : 1);
    if (!p) return NULL;
    fv->allocs[fv->nallocs++] = p;
    return p;
}

static void *cc_alloc(cc *c, size_t n)
{
    void *p = fv_alloc(c->fv, n);
    if (!p) c->oom = 1;
    return p;
}

/* Copy of the string at stack index idx (must be a string without NUL bytes), or NULL. */
static const char *cc_str(cc *c, int idx)
{
    if (lua_type(c->L, idx) != LUA_TSTRING) return NULL;
    size_t len;
    const char *s = lua_tolstring(c->L, idx, &len);
    if (strlen(s) != len) return NULL;
    char *d = cc_alloc(c, len + 1);
    if (!d) return NULL;
    memcpy(d, s, len + 1);
    return d;
}

/* Optional numeric field t[k]: absent or false → *has = 0; a number → *has = 1 and *out;
 * anything else (or an integer beyond exact doubles) → -1. */
static int cc_num(cc *c, int t, const char *k, int *has, double *out)
{
    lua_State *L = c->L;
    int ty = lua_getfield(L, t, k);
    int rc = 0;
    *has = 0;
    if (ty == LUA_TNIL || (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1))) {
        rc = 0;
    } else if (ty == LUA_TNUMBER) {
        if (lua_isinteger(L, -1)) {
            lua_Integer i = lua_tointeger(L, -1);
            if (i > 9007199254740992LL || i < -9007199254740992LL)
                rc = -1;
            else
                *out = (double)i;
        } else {
            *out = lua_tonumber(L, -1);
        }
        if (rc == 0) *has = 1;
    } else {
        rc = -1;
    }
    lua_pop(L, 1);
    return rc;
}

static int set_has(const fv_set *s, const char *v)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = strcmp(v, s->v[mid]);
        if (r == 0) return 1;
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* An enumeration list at stack top ({ {value, ja, en}, ... }): the set of its string values.
 * NULL when the list does not have that shape. Pops nothing. */
static const fv_set *cc_enum_list(cc *c)
{
    lua_State *L = c->L;
    if (!lua_istable(L, -1)) return NULL;
    lua_Integer n = luaL_len(L, -1);
    if (n < 0 || n > 100000) return NULL;
    fv_set *s = cc_alloc(c, sizeof *s);
    const char **v = cc_alloc(c, (size_t)(n + 1) * sizeof *v);
    if (!s || !v) return NULL;
    size_t k = 0;
    for (lua_Integer i = 1; i <= n; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TTABLE) {
            lua_pop(L, 1);
            return NULL;
        }
        int ty = lua_rawgeti(L, -1, 1);
        if (ty == LUA_TNIL) {
            lua_pop(L, 2);
            return NULL; /* set[nil] raises in validate.lua */
        }
        if (ty == LUA_TSTRING) { /* other values can never equal a string */
            const char *str = cc_str(c, -1);
            if (!str) {
                lua_pop(L, 2);
                return NULL;
            }
            v[k++] = str;
        }
        lua_pop(L, 2);
    }
    qsort(v, k, sizeof *v, str_cmp_ptr);
    s->v = v;
    s->n = k;
    return s;
}

/* S.enums[name], compiled once. *absent set when S.enums has no such entry. */
static const fv_set *cc_enum(cc *c, const char *name, int *absent)
{
    fastval *fv = c->fv;
    *absent = 0;
    for (size_t i = 0; i < fv->nenums; i++)
        if (strcmp(fv->enums[i].name, name) == 0) return fv->enums[i].set;
    lua_State *L = c->L;
    const fv_set *s = NULL;
    if (lua_getfield(L, c->S, "enums") == LUA_TTABLE) {
        int ty = lua_getfield(L, -1, name);
        if (ty == LUA_TNIL || (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
            *absent = 1;
        else
            s = cc_enum_list(c);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (!s) return NULL;
    fv_named_set *a = cc_alloc(c, (fv->nenums + 1) * sizeof *a);
    if (!a) return NULL;
    if (fv->nenums) memcpy(a, fv->enums, fv->nenums * sizeof *a);
    a[fv->nenums].name = name;
    a[fv->nenums].set = s;
    fv->enums = a;
    fv->nenums++;
    return s;
}

static int check_id(const char *name)
{
    if (!name) return CK_UNKNOWN;
    if (strcmp(name, "calendar_date") == 0) return CK_CALENDAR_DATE;
    if (strcmp(name, "lg_code") == 0) return CK_LG_CODE;
    if (strcmp(name, "json_pointer") == 0) return CK_JSON_POINTER;
    if (strcmp(name, "known_policy") == 0) return CK_KNOWN_POLICY;
    if (strcmp(name, "prefecture_code") == 0) return CK_PREFECTURE_CODE;
    return CK_UNKNOWN;
}

/* Find the item that ends the single-character class at p (Lua's classEnd), or NULL when
 * the pattern is malformed there. */
static const char *class_end(const char *p, const char *end)
{
    char ch = *p++;
    if (ch == '%') {
        if (p >= end) return NULL;
        return p + 1;
    }
    if (ch == '[') {
        if (*p == '^') p++;
        do {
            if (p >= end) return NULL;
            if (*(p++) == '%' && p < end) p++;
        } while (*p != ']');
        return p + 1;
    }
    return p;
}

/* Accept a Lua pattern when it only uses what fv_match implements. */
static int cc_pattern(const char *src, fv_pattern *out)
{
    size_t len = strlen(src);
    const char *p = src, *end = src + len;
    out->src = src;
    out->len = len;
    out->quant = 0;
    out->anchored = (*p == '^');
    if (out->anchored) p++;
    while (p < end) {
        if (*p == '(' || *p == ')') return -1;
        if (*p == '$' && p + 1 == end) break;
        if (*p == '%' && p + 1 < end &&
            (p[1] == 'b' || p[1] == 'f' || isdigit((unsigned char)p[1])))
            return -1;
        const char *ep = class_end(p, end);
        if (!ep || ep > end) return -1;
        if (ep < end && (*ep == '*' || *ep == '+' || *ep == '-' || *ep == '?')) {
            out->quant++;
            p = ep + 1;
        } else {
            p = ep;
        }
    }
    if (out->quant > FV_MAX_QUANT) return -1;
    return 0;
}

/* S.formats[name], compiled once. *unsup set when it exists but cannot be reproduced. */
static const fv_format *cc_format(cc *c, const char *name, int *unsup)
{
    fastval *fv = c->fv;
    for (size_t i = 0; i < fv->nformats; i++)
        if (strcmp(fv->formats[i].name, name) == 0) {
            if (!fv->formats[i].fmt) *unsup = 1;
            return fv->formats[i].fmt;
        }
    lua_State *L = c->L;
    fv_format *f = NULL;
    int bad = 0, absent = 0;
    if (lua_getfield(L, c->S, "formats") != LUA_TTABLE)
        bad = 1;
    else {
        int ty = lua_getfield(L, -1, name);
        if (ty == LUA_TNIL || (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
            absent = 1; /* no format check at all */
        else if (ty != LUA_TTABLE)
            bad = 1;
        else {
            f = cc_alloc(c, sizeof *f);
            if (!f) bad = 1;
            if (!bad && lua_getfield(L, -1, "lua") == LUA_TTABLE) {
                lua_Integer n = luaL_len(L, -1);
                if (n < 0 || n > 64)
                    bad = 1;
                else {
                    f->p = cc_alloc(c, (size_t)(n + 1) * sizeof *f->p);
                    if (!f->p) bad = 1;
                    for (lua_Integer i = 1; !bad && i <= n; i++) {
                        lua_rawgeti(L, -1, i);
                        const char *s = cc_str(c, -1);
                        if (!s || cc_pattern(s, &f->p[f->np]) != 0)
                            bad = 1;
                        else
                            f->np++;
                        lua_pop(L, 1);
                    }
                }
            } else {
                bad = 1;
            }
            lua_pop(L, 1);
            if (!bad) {
                int ty2 = lua_getfield(L, -1, "check");
                if (ty2 == LUA_TNIL || (ty2 == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
                    f->check = CK_NONE;
                else {
                    f->check =
                        check_id(lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL);
                    if (f->check == CK_UNKNOWN || f->check == CK_PREFECTURE_CODE) bad = 1;
                }
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (absent) return NULL;
    if (bad) f = NULL;
    fv_named_format *a = cc_alloc(c, (fv->nformats + 1) * sizeof *a);
    if (!a) return NULL;
    if (fv->nformats) memcpy(a, fv->formats, fv->nformats * sizeof *a);
    a[fv->nformats].name = name;
    a[fv->nformats].fmt = f;
    fv->formats = a;
    fv->nformats++;
    if (!f) *unsup = 1;
    return f;
}

static int coll_index(const fastval *fv, const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < fv->ncolls; i++)
        if (strcmp(fv->colls[i].name, name) == 0) return i;
    return -1;
}

static int def_index(const fastval *fv, const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < fv->ndefs; i++)
        if (strcmp(fv->def_names[i], name) == 0) return i;
    return -1;
}

/* String field t[k] (copied), NULL when absent; *bad set when present but not a string. */
static const char *cc_opt_str(cc *c, int t, const char *k, int *bad)
{
    lua_State *L = c->L;
    int ty = lua_getfield(L, t, k);
    const char *s = NULL;
    if (ty == LUA_TNIL || (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)))
        s = NULL;
    else if (!(s = cc_str(c, -1)))
        *bad = 1;
    lua_pop(L, 1);
    return s;
}

static fv_node *cc_node(cc *c, int depth);

static int field_index(const fv_node *n, const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < n->nfields; i++)
        if (strcmp(n->fields[i].name, name) == 0) return i;
    return -1;
}

/* Object node at stack top into n. Returns 0, or -1 when unsupported. */
static int cc_object(cc *c, fv_node *n, int depth)
{
    lua_State *L = c->L;
    int t = lua_gettop(L);
    if (lua_getfield(L, t, "fields") != LUA_TTABLE) return -1;
    lua_Integer nf = luaL_len(L, -1);
    if (nf < 0 || nf > FV_MAX_FIELDS) return -1;
    n->nfields = (int)nf;
    n->fields = cc_alloc(c, (size_t)(nf + 1) * sizeof *n->fields);
    if (!n->fields) return -1;
    for (lua_Integer i = 1; i <= nf; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TTABLE) return -1;
        fv_field *f = &n->fields[i - 1];
        lua_getfield(L, -1, "name");
        f->name = cc_str(c, -1);
        lua_pop(L, 1);
        if (!f->name) return -1;
        for (lua_Integer j = 1; j < i; j++)
            if (strcmp(n->fields[j - 1].name, f->name) == 0) return -1; /* duplicate field name */
        lua_getfield(L, -1, "req");
        f->req = lua_toboolean(L, -1);
        lua_pop(L, 1);
        if (lua_getfield(L, -1, "node") != LUA_TTABLE) return -1;
        f->node = cc_node(c, depth + 1);
        if (!f->node) return -1;
        /* checks run "if f.node.t ~= 'object'" (the raw node: a def is not an object) */
        lua_getfield(L, -1, "t");
        int raw_object =
            lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), "object") == 0;
        lua_pop(L, 2); /* t, node */
        lua_pop(L, 1); /* field */
        f->check = CK_NONE;
        if (!raw_object) {
            int ty = lua_getfield(L, t, "checks");
            if (ty == LUA_TTABLE) {
                int ty2 = lua_getfield(L, -1, f->name);
                if (!(ty2 == LUA_TNIL || (ty2 == LUA_TBOOLEAN && !lua_toboolean(L, -1)))) {
                    f->check =
                        check_id(lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL);
                    if (f->check == CK_UNKNOWN) {
                        lua_pop(L, 3);
                        return -1;
                    }
                }
                lua_pop(L, 1);
            } else if (!(ty == LUA_TNIL || (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)))) {
                lua_pop(L, 2);
                return -1;
            }
            lua_pop(L, 1);
        }
    }
    lua_pop(L, 1); /* fields */

    /* when = { {field, equals|contains, require = {names}} } */
    int ty = lua_getfield(L, t, "when");
    if (ty == LUA_TTABLE) {
        lua_Integer nw = luaL_len(L, -1);
        if (nw < 0 || nw > 64) return -1;
        n->nwhen = (int)nw;
        n->when = cc_alloc(c, (size_t)(nw + 1) * sizeof *n->when);
        if (!n->when) return -1;
        for (lua_Integer i = 1; i <= nw; i++) {
            fv_when *w = &n->when[i - 1];
            if (lua_rawgeti(L, -1, i) != LUA_TTABLE) return -1;
            lua_getfield(L, -1, "field");
            const char *fname = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
            if (!fname) return -1;
            w->field = field_index(n, fname);
            lua_pop(L, 1);
            int tv = lua_getfield(L, -1, "equals");
            if (tv == LUA_TNIL) {
                lua_pop(L, 1);
                tv = lua_getfield(L, -1, "contains");
                w->contains = 1;
                if (tv == LUA_TNIL) {
                    /* neither: the condition never holds */
                    w->vt = 0;
                }
            }
            if (tv == LUA_TBOOLEAN) {
                w->vt = 1;
                w->b = lua_toboolean(L, -1);
            } else if (tv == LUA_TSTRING) {
                w->vt = 2;
                if (!(w->s = cc_str(c, -1))) return -1;
            } else if (tv == LUA_TNUMBER) {
                w->vt = 3;
                if (lua_isinteger(L, -1) && (lua_tointeger(L, -1) > 9007199254740992LL ||
                                             lua_tointeger(L, -1) < -9007199254740992LL))
                    return -1;
                w->d = lua_tonumber(L, -1);
                if (w->d != w->d) return -1;
            } else if (tv != LUA_TNIL) {
                return -1;
            }
            lua_pop(L, 1);
            if (lua_getfield(L, -1, "require") != LUA_TTABLE) return -1;
            lua_Integer nr = luaL_len(L, -1);
            if (nr < 0 || nr > 256) return -1;
            w->req = cc_alloc(c, (size_t)(nr + 1) * sizeof *w->req);
            if (!w->req) return -1;
            w->nreq = (size_t)nr;
            for (lua_Integer k = 1; k <= nr; k++) {
                if (lua_rawgeti(L, -1, k) != LUA_TSTRING) return -1;
                w->req[k - 1] = field_index(n, lua_tostring(L, -1));
                lua_pop(L, 1);
            }
            lua_pop(L, 2); /* require, rule */
        }
    } else if (!(ty == LUA_TNIL || (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)))) {
        return -1;
    }
    lua_pop(L, 1);

    /* differs = { a, b } */
    n->differs_a = n->differs_b = -1;
    ty = lua_getfield(L, t, "differs");
    if (ty == LUA_TTABLE) {
        if (lua_rawgeti(L, -1, 1) != LUA_TSTRING || lua_rawgeti(L, -2, 2) != LUA_TSTRING) return -1;
        n->differs_a = field_index(n, lua_tostring(L, -2));
        n->differs_b = field_index(n, lua_tostring(L, -1));
        lua_pop(L, 2);
    } else if (!(ty == LUA_TNIL || (ty == LUA_TBOOLEAN && !lua_toboolean(L, -1)))) {
        return -1;
    }
    lua_pop(L, 1);
    return 0;
}

/* Compile the node table at the stack top (left there). Returns a node (possibly
 * NT_UNSUPPORTED), or NULL when out of memory. */
static fv_node *cc_node(cc *c, int depth)
{
    lua_State *L = c->L;
    fv_node *n = cc_alloc(c, sizeof *n);
    if (!n) return NULL;
    c->fv->nodes++;
    n->key = n->coll = n->def = -1;
    n->differs_a = n->differs_b = -1;
    int top = lua_gettop(L);
    int t = top;
    int ok = 0;
    if (depth > FV_MAX_SCHEMA_DEPTH || !lua_istable(L, t) || !lua_checkstack(L, 20)) goto done;
    lua_getfield(L, t, "nullable");
    n->nullable = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, t, "t");
    const char *ty = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
    char tname[16];
    snprintf(tname, sizeof tname, "%s", ty);
    lua_pop(L, 1);
    int bad = 0;

    if (strcmp(tname, "object") == 0) {
        n->t = NT_OBJECT;
        ok = cc_object(c, n, depth) == 0;
    } else if (strcmp(tname, "array") == 0) {
        n->t = NT_ARRAY;
        if (cc_num(c, t, "min", &n->has_min, &n->min) || cc_num(c, t, "max", &n->has_max, &n->max))
            goto done;
        lua_getfield(L, t, "unique");
        n->unique = lua_toboolean(L, -1);
        lua_pop(L, 1);
        const char *key = cc_opt_str(c, t, "key", &bad);
        if (bad) goto done;
        if (key && (n->key = coll_index(c->fv, key)) < 0) goto done;
        if (lua_getfield(L, t, "items") != LUA_TTABLE) {
            lua_pop(L, 1);
            goto done;
        }
        n->items = cc_node(c, depth + 1);
        lua_pop(L, 1);
        ok = n->items != NULL;
    } else if (strcmp(tname, "string") == 0) {
        n->t = NT_STRING;
        if (cc_num(c, t, "min", &n->has_min, &n->min) || cc_num(c, t, "max", &n->has_max, &n->max))
            goto done;
        const char *fmt = cc_opt_str(c, t, "format", &bad);
        if (bad) goto done;
        if (fmt) {
            int unsup = 0;
            n->format = cc_format(c, fmt, &unsup);
            if (unsup) goto done;
        }
        const char *chk = cc_opt_str(c, t, "check", &bad);
        if (bad) goto done;
        if (chk) {
            n->check = check_id(chk);
            /* node.check runs without the parent object */
            if (n->check == CK_UNKNOWN || n->check == CK_PREFECTURE_CODE) goto done;
        }
        ok = 1;
    } else if (strcmp(tname, "integer") == 0 || strcmp(tname, "number") == 0) {
        n->t = tname[0] == 'i' ? NT_INTEGER : NT_NUMBER;
        if (cc_num(c, t, "min", &n->has_min, &n->min) ||
            cc_num(c, t, "max", &n->has_max, &n->max) ||
            cc_num(c, t, "exclusive_min", &n->has_xmin, &n->xmin))
            goto done;
        ok = 1;
    } else if (strcmp(tname, "boolean") == 0) {
        n->t = NT_BOOLEAN;
        ok = 1;
    } else if (strcmp(tname, "enum") == 0) {
        n->t = NT_ENUM;
        const char *name = cc_opt_str(c, t, "enum", &bad);
        if (bad) goto done;
        /* `node.enum and S.enums[node.enum] or node.values` */
        int absent = 1;
        if (name) n->en = cc_enum(c, name, &absent);
        if (absent) {
            lua_getfield(L, t, "values");
            n->en = cc_enum_list(c);
            lua_pop(L, 1);
        }
        ok = n->en != NULL;
    } else if (strcmp(tname, "ref") == 0) {
        n->t = NT_REF;
        const char *to = cc_opt_str(c, t, "to", &bad);
        const char *oe = cc_opt_str(c, t, "or_enum", &bad);
        if (bad || (n->coll = coll_index(c->fv, to)) < 0) goto done;
        int absent = 0;
        if (oe && !(n->or_enum = cc_enum(c, oe, &absent))) goto done;
        ok = 1;
    } else if (strcmp(tname, "fact") == 0) {
        n->t = NT_FACT;
        ok = c->fv->fact_object != NULL;
    } else if (strcmp(tname, "const") == 0) {
        n->t = NT_CONST;
        lua_getfield(L, t, "value");
        n->cvalue = cc_str(c, -1);
        lua_pop(L, 1);
        ok = n->cvalue != NULL;
    } else if (strcmp(tname, "def") == 0) {
        n->t = NT_DEF;
        lua_getfield(L, t, "name");
        n->def = def_index(c->fv, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL);
        lua_pop(L, 1);
        ok = n->def >= 0;
    }
done:
    lua_settop(L, top);
    if (c->oom) return NULL;
    if (!ok) {
        memset(n, 0, sizeof *n);
        n->t = NT_UNSUPPORTED;
        n->key = n->coll = n->def = n->differs_a = n->differs_b = -1;
        c->fv->unsupported++;
    }
    return n;
}

void fastval_free(fastval *fv)
{
    if (!fv) return;
    for (size_t i = 0; i < fv->nallocs; i++) free(fv->allocs[i]);
    free(fv->allocs);
    free(fv);
}

static fastval *cc_fail(cc *c, const char *msg, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", c->oom ? "out of memory" : msg);
    return NULL;
}

/* The compilation proper, in protected mode (see fastval_compile): the schema table is at
 * stack index 2. Returns fv, or NULL with err set; fv is freed by the caller either way on
 * failure. */
static fastval *compile(lua_State *L, fastval *fv, char *err, size_t errlen)
{
    if (!lua_checkstack(L, 40)) {
        snprintf(err, errlen, "out of Lua stack");
        return NULL;
    }
    cc c = {fv, L, 2, 0};
    if (!lua_istable(L, c.S)) return cc_fail(&c, "schema is not a table", err, errlen);

    lua_getfield(L, c.S, "version");
    fv->version = cc_str(&c, -1);
    lua_pop(L, 1);
    if (!fv->version) return cc_fail(&c, "schema.version is not a string", err, errlen);

    /* collections */
    if (lua_getfield(L, c.S, "collections") != LUA_TTABLE)
        return cc_fail(&c, "schema.collections is not a table", err, errlen);
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1))
            return cc_fail(&c, "bad collection", err, errlen);
        fv_coll *a = cc_alloc(&c, (size_t)(fv->ncolls + 1) * sizeof *a);
        if (!a) return cc_fail(&c, "", err, errlen);
        if (fv->ncolls) memcpy(a, fv->colls, (size_t)fv->ncolls * sizeof *a);
        fv_coll *k = &a[fv->ncolls];
        lua_pushvalue(L, -2);
        k->name = cc_str(&c, -1);
        lua_pop(L, 1);
        lua_getfield(L, -1, "path");
        k->path = cc_str(&c, -1);
        lua_getfield(L, -2, "key");
        k->key = cc_str(&c, -1);
        lua_pop(L, 3);
        if (!k->name || !k->path || !k->key) return cc_fail(&c, "bad collection", err, errlen);
        fv->colls = a;
        fv->ncolls++;
        if (fv->ncolls > 64) return cc_fail(&c, "too many collections", err, errlen);
    }
    lua_pop(L, 1);

    /* prefectures: { {code, name}, ... } (optional: only the prefecture_code check uses them) */
    if (lua_getfield(L, c.S, "prefectures") == LUA_TTABLE) {
        lua_Integer n = luaL_len(L, -1);
        if (n < 0 || n > 1000) return cc_fail(&c, "bad prefectures", err, errlen);
        fv->prefs = cc_alloc(&c, (size_t)(n + 1) * sizeof *fv->prefs);
        if (!fv->prefs) return cc_fail(&c, "", err, errlen);
        for (lua_Integer i = 1; i <= n; i++) {
            if (lua_rawgeti(L, -1, i) != LUA_TTABLE)
                return cc_fail(&c, "bad prefecture", err, errlen);
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);
            fv_pref *p = &fv->prefs[fv->nprefs];
            p->code = cc_str(&c, -2);
            p->name = cc_str(&c, -1);
            lua_pop(L, 3);
            if (!p->code || !p->name) return cc_fail(&c, "bad prefecture", err, errlen);
            fv->nprefs++;
        }
    } else {
        fv->nprefs = (size_t)-1; /* no table: the check would raise */
    }
    lua_pop(L, 1);

    /* defs: names first (nodes refer to them by name), then their nodes */
    if (lua_getfield(L, c.S, "defs") == LUA_TTABLE) {
        int n = 0;
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pop(L, 1);
            n++;
        }
        if (n > 1000) return cc_fail(&c, "too many defs", err, errlen);
        fv->def_names = cc_alloc(&c, (size_t)(n + 1) * sizeof *fv->def_names);
        fv->defs = cc_alloc(&c, (size_t)(n + 1) * sizeof *fv->defs);
        if (!fv->def_names || !fv->defs) return cc_fail(&c, "", err, errlen);
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            if (lua_type(L, -2) == LUA_TSTRING && fv->ndefs < n) {
                lua_pushvalue(L, -2);
                const char *name = cc_str(&c, -1);
                lua_pop(L, 1);
                if (name) fv->def_names[fv->ndefs++] = name;
            }
            lua_pop(L, 1);
        }
        /* the fact object of validate.lua: {value: boolean, evidence: def "evidence"}, both required */
        int ev = def_index(fv, "evidence");
        if (ev >= 0) {
            fv_node *fo = cc_alloc(&c, sizeof *fo);
            fv_node *vb = cc_alloc(&c, sizeof *vb);
            fv_node *ed = cc_alloc(&c, sizeof *ed);
            fv_field *ff = cc_alloc(&c, 2 * sizeof *ff);
            if (!fo || !vb || !ed || !ff) return cc_fail(&c, "", err, errlen);
            vb->t = NT_BOOLEAN;
            vb->key = vb->coll = vb->def = vb->differs_a = vb->differs_b = -1;
            ed->t = NT_DEF;
            ed->def = ev;
            ed->key = ed->coll = ed->differs_a = ed->differs_b = -1;
            ff[0] = (fv_field){"value", vb, 1, CK_NONE};
            ff[1] = (fv_field){"evidence", ed, 1, CK_NONE};
            fo->t = NT_OBJECT;
            fo->fields = ff;
            fo->nfields = 2;
            fo->key = fo->coll = fo->def = fo->differs_a = fo->differs_b = -1;
            fv->fact_object = fo;
        }
        for (int i = 0; i < fv->ndefs; i++) {
            lua_getfield(L, -1, fv->def_names[i]);
            fv->defs[i] = cc_node(&c, 0);
            lua_pop(L, 1);
            if (!fv->defs[i]) return cc_fail(&c, "", err, errlen);
        }
        /* a def naming a def is an error in validate.lua ("unknown node type def") */
        for (int i = 0; i < fv->ndefs; i++)
            if (fv->defs[i]->t == NT_DEF) {
                fv->defs[i]->t = NT_UNSUPPORTED;
                fv->unsupported++;
            }
    }
    lua_pop(L, 1);

    if (lua_getfield(L, c.S, "root") != LUA_TTABLE)
        return cc_fail(&c, "schema.root is not a table", err, errlen);
    fv->root = cc_node(&c, 0);
    lua_pop(L, 1);
    if (!fv->root) return cc_fail(&c, "", err, errlen);
    if (fv->root->t != NT_OBJECT)
        return cc_fail(&c, "schema.root is not an object node", err, errlen);
    return fv;
}

typedef struct {
    fastval *fv, *out;
    char *err;
    size_t errlen;
} compile_args;

static int compile_thunk(lua_State *L)
{
    compile_args *a = lua_touserdata(L, 1);
    a->out = compile(L, a->fv, a->err, a->errlen);
    return 0;
}

fastval *fastval_compile(lua_State *L, int idx, char *err, size_t errlen)
{
    /* Reading tables can raise (memory errors interning a key): run under lua_pcall so a
     * failure only means "no fast path". */
    fastval *fv = calloc(1, sizeof *fv);
    if (!fv || !lua_checkstack(L, 4)) {
        free(fv);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    idx = lua_absindex(L, idx);
    compile_args a = {fv, NULL, err, errlen};
    lua_pushcfunction(L, compile_thunk);
    lua_pushlightuserdata(L, &a);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        snprintf(err, errlen, "%s",
                 lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "error reading the schema");
        lua_pop(L, 1);
        a.out = NULL;
    }
    if (!a.out) {
        fastval_free(fv);
        return NULL;
    }
    return fv;
}

void fastval_stats(const fastval *fv, int *nodes, int *unsupported)
{
    *nodes = fv ? fv->nodes : 0;
    *unsupported = fv ? fv->unsupported : 0;
}

/* ================================================================ Lua patterns */

/* The subset of Lua 5.4's lstrlib matcher accepted by cc_pattern (no captures, %b, %f,
 * back-references), with the same character classes (<ctype.h>, as Lua uses them) and the
 * same backtracking, so a string matches here exactly when string.match finds it. */
typedef struct {
    const char *src_end, *p_end;
} fv_ms;

static int bracket_match(int c, const char *p, const char *ec)
{
    int sig = 1;
    if (*(p + 1) == '^') {
        sig = 0;
        p++;
    }
    while (++p < ec) {
        if (*p == '%') {
            p++;
            if (patterns_class_matches(c, (unsigned char)*p)) return sig;
        } else if (*(p + 1) == '-' && p + 2 < ec) {
            p += 2;
            if ((unsigned char)*(p - 2) <= c && c <= (unsigned char)*p) return sig;
        } else if ((unsigned char)*p == c) {
            return sig;
        }
    }
    return !sig;
}

static int single_match(const fv_ms *ms, const char *s, const char *p, const char *ep)
{
    if (s >= ms->src_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case '%': return patterns_class_matches(c, (unsigned char)*(p + 1));
    case '[': return bracket_match(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *do_match(const fv_ms *ms, const char *s, const char *p);

static const char *max_expand(const fv_ms *ms, const char *s, const char *p, const char *ep)
{
    ptrdiff_t i = 0;
    while (single_match(ms, s + i, p, ep)) i++;
    while (i >= 0) {
        const char *r = do_match(ms, s + i, ep + 1);
        if (r) return r;
        i--;
    }
    return NULL;
}

static const char *min_expand(const fv_ms *ms, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *r = do_match(ms, s, ep + 1);
        if (r) return r;
        if (single_match(ms, s, p, ep))
            s++;
        else
            return NULL;
    }
}

static const char *do_match(const fv_ms *ms, const char *s, const char *p)
{
    for (;;) {
        if (p == ms->p_end) return s;
        if (*p == '$' && p + 1 == ms->p_end) return s == ms->src_end ? s : NULL;
        const char *ep = class_end(p, ms->p_end); /* validated by cc_pattern */
        if (!single_match(ms, s, p, ep)) {
            if (*ep == '*' || *ep == '?' || *ep == '-') {
                p = ep + 1;
                continue;
            }
            return NULL;
        }
        switch (*ep) {
        case '?': {
            const char *r = do_match(ms, s + 1, ep + 1);
            if (r) return r;
            p = ep + 1;
            continue;
        }
        case '+': return max_expand(ms, s + 1, p, ep);
        case '*': return max_expand(ms, s, p, ep);
        case '-': return min_expand(ms, s, p, ep);
        default:
            s++;
            p = ep;
            continue;
        }
    }
}

static int pattern_match(const fv_pattern *pt, const char *s, size_t len)
{
    fv_ms ms = {s + len, pt->src + pt->len};
    const char *p = pt->src + pt->anchored;
    const char *s1 = s;
    do {
        if (do_match(&ms, s1, p)) return 1;
    } while (s1++ < ms.src_end && !pt->anchored);
    return 0;
}

/* ================================================================ checking */

typedef struct {
    const fastval *fv;
    const cJSON *root;
    fastval_known_fn known;
    void *ud;
    const cJSON **coll_arr; /* root[c.path] per collection, or NULL */
    fv_set *ids;            /* ids of each collection (sorted) */
} fv_ctx;

enum { K_OTHER = 0, K_NULL, K_BOOL, K_NUM, K_STR, K_ARR, K_OBJ };

static int kind(const cJSON *v)
{
    switch (v->type & 0xFF) {
    case cJSON_NULL: return K_NULL;
    case cJSON_False:
    case cJSON_True: return K_BOOL;
    case cJSON_Number: return K_NUM;
    case cJSON_String: return v->valuestring ? K_STR : K_OTHER;
    case cJSON_Array: return K_ARR;
    case cJSON_Object: return K_OBJ;
    default: return K_OTHER;
    }
}

/* First member named `name`, or NULL (keys are unique in a certainly valid declaration). */
static const cJSON *member(const cJSON *obj, const char *name)
{
    for (const cJSON *c = obj->child; c; c = c->next)
        if (c->string && strcmp(c->string, name) == 0) return c;
    return NULL;
}

/* utf8.len (strict: no overlong forms, surrogates or code points above U+10FFFF), or -1. */
static long utf8_length(const unsigned char *s, size_t n)
{
    long count = 0;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t need;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            count++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return -1;
        }
        if (n - i <= need) return -1;
        if (s[i + 1] < lo || s[i + 1] > hi) return -1;
        for (size_t k = 2; k <= need; k++)
            if ((s[i + k] & 0xC0) != 0x80) return -1;
        i += need + 1;
        count++;
    }
    return count;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

static int check_calendar_date(const char *s)
{
    size_t n = strlen(s);
    if (n != 10 || !all_digits(s, 4) || s[4] != '-' || !all_digits(s + 5, 2) || s[7] != '-' ||
        !all_digits(s + 8, 2))
        return FASTVAL_UNSURE; /* validate.lua would raise: only the date format's shape is checked */
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return FASTVAL_INVALID;
    int md = mdays[m - 1] + (m == 2 && leap);
    return d > md ? FASTVAL_INVALID : FASTVAL_VALID;
}

static int check_lg_code(const char *s)
{
    if (strlen(s) != 6 || !all_digits(s, 6)) return FASTVAL_UNSURE;
    return s[5] - '0' == lg_check_digit(s) ? FASTVAL_VALID : FASTVAL_INVALID;
}

/* Does the RFC 6901 pointer resolve in the declaration (validate.lua's `resolve`)? */
static int pointer_resolves(const cJSON *root, const char *s)
{
    const cJSON *cur = root;
    const char *p = *s ? s + 1 : s; /* pointer:sub(2) */
    char small[512];
    for (;;) {
        const char *e = strchr(p, '/');
        size_t rawlen = e ? (size_t)(e - p) : strlen(p);
        char *tok = rawlen < sizeof small ? small : malloc(rawlen + 1);
        if (!tok) return -1;
        size_t k = 0;
        for (size_t i = 0; i < rawlen; i++) {
            if (p[i] == '~' && i + 1 < rawlen && (p[i + 1] == '0' || p[i + 1] == '1')) {
                tok[k++] = p[i + 1] == '1' ? '/' : '~';
                i++;
            } else {
                tok[k++] = p[i];
            }
        }
        tok[k] = 0;
        const cJSON *nxt = NULL;
        int kk = kind(cur);
        if (kk == K_ARR) {
            int digits = k > 0 && all_digits(tok, k) && (tok[0] != '0' || k == 1);
            if (digits) {
                size_t idx = 0;
                int big = 0;
                for (size_t i = 0; i < k; i++) {
                    if (idx > 100000000)
                        big = 1;
                    else
                        idx = idx * 10 + (size_t)(tok[i] - '0');
                }
                if (!big) {
                    size_t n = 0;
                    for (const cJSON *c = cur->child; c; c = c->next, n++)
                        if (n == idx) {
                            nxt = c;
                            break;
                        }
                }
            }
        } else if (kk == K_OBJ) {
            /* the last member with that key (a Lua table keeps the last value) */
            for (const cJSON *c = cur->child; c; c = c->next)
                if (c->string && strcmp(c->string, tok) == 0) nxt = c;
        }
        if (tok != small) free(tok);
        if (!nxt) return 0;
        cur = nxt;
        if (!e) return 1;
        p = e + 1;
    }
}

static int check_json_pointer(const fv_ctx *c, const char *s)
{
    for (const char *q = s; *q; q++)
        if (*q == '~' && q[1] != '0' && q[1] != '1') return FASTVAL_INVALID; /* ~x or trailing ~ */
    int r = pointer_resolves(c->root, s);
    if (r < 0) return FASTVAL_UNSURE;
    return r ? FASTVAL_VALID : FASTVAL_INVALID;
}

static int check_prefecture_code(const fv_ctx *c, const cJSON *v, const cJSON *parent)
{
    if (!parent || c->fv->nprefs == (size_t)-1) return FASTVAL_UNSURE;
    const cJSON *pref = member(parent, "prefecture");
    if (!pref || kind(pref) != K_STR || kind(v) != K_STR) return FASTVAL_VALID;
    const char *s = v->valuestring;
    if (strlen(s) != 6 || !all_digits(s, 6)) return FASTVAL_VALID;
    for (size_t i = 0; i < c->fv->nprefs; i++)
        if (strcmp(c->fv->prefs[i].name, pref->valuestring) == 0) {
            const char *code = c->fv->prefs[i].code;
            return (strlen(code) == 2 && code[0] == s[0] && code[1] == s[1]) ? FASTVAL_VALID
                                                                             : FASTVAL_INVALID;
        }
    return FASTVAL_VALID;
}

static int run_check(const fv_ctx *c, int check, const cJSON *v, const cJSON *parent)
{
    if (check == CK_NONE) return FASTVAL_VALID;
    if (check == CK_PREFECTURE_CODE) return check_prefecture_code(c, v, parent);
    if (kind(v) != K_STR) return FASTVAL_UNSURE; /* validate.lua's checks take strings */
    const char *s = v->valuestring;
    switch (check) {
    case CK_CALENDAR_DATE: return check_calendar_date(s);
    case CK_LG_CODE: return check_lg_code(s);
    case CK_JSON_POINTER: return check_json_pointer(c, s);
    case CK_KNOWN_POLICY:
        if (!c->known) return FASTVAL_VALID;
        return c->known(c->ud, s) ? FASTVAL_VALID : FASTVAL_INVALID;
    default: return FASTVAL_UNSURE;
    }
}

static int walk(const fv_ctx *c, const fv_node *n, const cJSON *v, int depth);

static int walk_string(const fv_ctx *c, const fv_node *n, const cJSON *v)
{
    const char *s = v->valuestring;
    size_t bytes = strlen(s);
    long len = utf8_length((const unsigned char *)s, bytes);
    double dl = len >= 0 ? (double)len : (double)bytes;
    if (n->has_min && dl < n->min) return FASTVAL_INVALID;
    if (n->has_max && dl > n->max) return FASTVAL_INVALID;
    const fv_format *f = n->format;
    if (f) {
        int ok = 0;
        for (size_t i = 0; i < f->np && !ok; i++) {
            const fv_pattern *p = &f->p[i];
            if (bytes > FV_LONG_STRING && (p->quant > 1 || !p->anchored)) return FASTVAL_UNSURE;
            ok = pattern_match(p, s, bytes);
        }
        if (!ok) return FASTVAL_INVALID;
        if (f->check) {
            int r = run_check(c, f->check, v, NULL);
            if (r != FASTVAL_VALID) return r;
        }
    }
    if (n->check) return run_check(c, n->check, v, NULL);
    return FASTVAL_VALID;
}

static int walk_number(const fv_node *n, const cJSON *v, int integer)
{
    double d = v->valuedouble;
    if (integer && d != floor(d)) return FASTVAL_INVALID;
    if ((n->has_min && d < n->min) || (n->has_max && d > n->max) || (n->has_xmin && d <= n->xmin))
        return FASTVAL_INVALID;
    return FASTVAL_VALID;
}

static int walk_array(const fv_ctx *c, const fv_node *n, const cJSON *v, int depth)
{
    if (n->key >= 0 && c->coll_arr[n->key] != v)
        return FASTVAL_UNSURE; /* keyed arrays sit at their collection's path */
    size_t count = 0;
    int strings = 0;
    for (const cJSON *it = v->child; it; it = it->next) {
        int r = walk(c, n->items, it, depth + 1);
        if (r != FASTVAL_VALID) return r;
        if (n->unique) {
            int k = kind(it);
            if (k == K_NUM || k == K_BOOL) return FASTVAL_UNSURE;
            if (k == K_STR) strings++;
        }
        count++;
    }
    double dn = (double)count;
    if ((n->has_min && dn < n->min) || (n->has_max && dn > n->max)) return FASTVAL_INVALID;
    if (n->unique && strings > 1) {
        if (strings <= 16) {
            const char *seen[16];
            int k = 0;
            for (const cJSON *it = v->child; it; it = it->next) {
                if (kind(it) != K_STR) continue;
                for (int j = 0; j < k; j++)
                    if (strcmp(seen[j], it->valuestring) == 0) return FASTVAL_INVALID;
                seen[k++] = it->valuestring;
            }
        } else {
            const char **a = malloc((size_t)strings * sizeof *a);
            if (!a) return FASTVAL_UNSURE;
            size_t k = 0;
            for (const cJSON *it = v->child; it; it = it->next)
                if (kind(it) == K_STR) a[k++] = it->valuestring;
            qsort(a, k, sizeof *a, str_cmp_ptr);
            int dup = 0;
            for (size_t j = 1; j < k && !dup; j++) dup = strcmp(a[j - 1], a[j]) == 0;
            free(a);
            if (dup) return FASTVAL_INVALID;
        }
    }
    return FASTVAL_VALID;
}

/* Lua's `x == constant` for a `when` rule. */
static int when_equal(const fv_when *w, const cJSON *x)
{
    switch (kind(x)) {
    case K_BOOL: return w->vt == 1 && (cJSON_IsTrue(x) ? 1 : 0) == (w->b ? 1 : 0);
    case K_STR: return w->vt == 2 && strcmp(x->valuestring, w->s) == 0;
    case K_NUM: return w->vt == 3 && x->valuedouble == w->d;
    default: return 0;
    }
}

static int walk_object(const fv_ctx *c, const fv_node *n, const cJSON *v, int depth)
{
    const cJSON *seen[FV_MAX_FIELDS];
    int nf = n->nfields;
    for (int i = 0; i < nf; i++) seen[i] = NULL;
    /* Members usually come in schema order: search from after the previous match. */
    int at = 0;
    for (const cJSON *m = v->child; m; m = m->next) {
        if (!m->string) return FASTVAL_UNSURE;
        int found = -1;
        for (int k = 0; k < nf; k++) {
            int i = at + k < nf ? at + k : at + k - nf;
            if (strcmp(n->fields[i].name, m->string) == 0) {
                found = i;
                break;
            }
        }
        if (found < 0) return FASTVAL_INVALID;  /* unknown field */
        if (seen[found]) return FASTVAL_UNSURE; /* duplicate key */
        seen[found] = m;
        at = found + 1 < nf ? found + 1 : 0;
    }
    for (int i = 0; i < nf; i++)
        if (n->fields[i].req && !seen[i]) return FASTVAL_INVALID;
    for (int w = 0; w < n->nwhen; w++) {
        const fv_when *r = &n->when[w];
        const cJSON *x = r->field >= 0 ? seen[r->field] : NULL;
        int holds = 0;
        if (x && r->vt) {
            if (!r->contains)
                holds = when_equal(r, x);
            else if (kind(x) == K_ARR)
                for (const cJSON *it = x->child; it && !holds; it = it->next)
                    holds = when_equal(r, it);
        }
        if (holds)
            for (size_t k = 0; k < r->nreq; k++)
                if (r->req[k] < 0 || !seen[r->req[k]]) return FASTVAL_INVALID;
    }
    for (int i = 0; i < nf; i++) {
        if (!seen[i]) continue;
        int r = walk(c, n->fields[i].node, seen[i], depth + 1);
        if (r != FASTVAL_VALID) return r;
        if (n->fields[i].check) {
            r = run_check(c, n->fields[i].check, seen[i], v);
            if (r != FASTVAL_VALID) return r;
        }
    }
    if (n->differs_b >= 0 && n->differs_a >= 0) {
        const cJSON *a = seen[n->differs_a], *b = seen[n->differs_b];
        if (a && b && kind(a) == K_STR && kind(b) == K_STR &&
            strcmp(a->valuestring, b->valuestring) == 0)
            return FASTVAL_INVALID;
    }
    return FASTVAL_VALID;
}

static int walk(const fv_ctx *c, const fv_node *n, const cJSON *v, int depth)
{
    if (depth > FV_MAX_WALK_DEPTH) return FASTVAL_UNSURE;
    if (n->t == NT_DEF) n = c->fv->defs[n->def];
    int k = kind(v);
    if (k == K_OTHER) return FASTVAL_UNSURE;
    if (k == K_NULL && n->nullable) return FASTVAL_VALID;
    switch (n->t) {
    case NT_OBJECT: return k == K_OBJ ? walk_object(c, n, v, depth) : FASTVAL_INVALID;
    case NT_ARRAY: return k == K_ARR ? walk_array(c, n, v, depth) : FASTVAL_INVALID;
    case NT_STRING: return k == K_STR ? walk_string(c, n, v) : FASTVAL_INVALID;
    case NT_INTEGER: return k == K_NUM ? walk_number(n, v, 1) : FASTVAL_INVALID;
    case NT_NUMBER: return k == K_NUM ? walk_number(n, v, 0) : FASTVAL_INVALID;
    case NT_BOOLEAN: return k == K_BOOL ? FASTVAL_VALID : FASTVAL_INVALID;
    case NT_ENUM:
        return k == K_STR && set_has(n->en, v->valuestring) ? FASTVAL_VALID : FASTVAL_INVALID;
    case NT_REF:
        if (k != K_STR) return FASTVAL_INVALID;
        if (set_has(&c->ids[n->coll], v->valuestring)) return FASTVAL_VALID;
        if (n->or_enum && set_has(n->or_enum, v->valuestring)) return FASTVAL_VALID;
        return FASTVAL_INVALID;
    case NT_FACT:
        if (k == K_BOOL) return FASTVAL_VALID;
        if (k == K_OBJ) return walk_object(c, c->fv->fact_object, v, depth);
        return FASTVAL_INVALID;
    case NT_CONST:
        return k == K_STR && strcmp(v->valuestring, n->cvalue) == 0 ? FASTVAL_VALID
                                                                    : FASTVAL_INVALID;
    default: return FASTVAL_UNSURE;
    }
}

int fastval_check(const fastval *fv, const cJSON *root, fastval_known_fn known, void *ud)
{
    if (!fv || !root) return FASTVAL_UNSURE;
    int k = kind(root);
    if (k == K_OTHER) return FASTVAL_UNSURE;
    if (k != K_OBJ) return FASTVAL_INVALID;
    const cJSON *version = member(root, "schema");
    if (!version || kind(version) != K_STR || strcmp(version->valuestring, fv->version) != 0)
        return FASTVAL_INVALID;

    const cJSON *arrs[64];
    fv_set ids[64];
    memset(ids, 0, sizeof ids);
    fv_ctx c = {fv, root, known, ud, arrs, ids};
    int rc = FASTVAL_VALID;
    /* ids of every collection; duplicates or a collection that is not an array: leave it
     * to validate.lua (it reports them) */
    for (int i = 0; i < fv->ncolls && rc == FASTVAL_VALID; i++) {
        const cJSON *arr = member(root, fv->colls[i].path);
        arrs[i] = arr;
        if (!arr) continue;
        if (kind(arr) != K_ARR) {
            rc = FASTVAL_INVALID;
            break;
        }
        size_t n = 0;
        for (const cJSON *it = arr->child; it; it = it->next) n++;
        if (!n) continue;
        const char **v = malloc(n * sizeof *v);
        if (!v) {
            rc = FASTVAL_UNSURE;
            break;
        }
        ids[i].v = v;
        size_t m = 0;
        for (const cJSON *it = arr->child; it; it = it->next) {
            if (kind(it) != K_OBJ) continue;
            const cJSON *id = member(it, fv->colls[i].key);
            if (id && kind(id) == K_STR) v[m++] = id->valuestring;
        }
        qsort(v, m, sizeof *v, str_cmp_ptr);
        ids[i].n = m;
        for (size_t j = 1; j < m; j++)
            if (strcmp(v[j - 1], v[j]) == 0) {
                rc = FASTVAL_INVALID;
                break;
            }
    }
    if (rc == FASTVAL_VALID) rc = walk(&c, fv->root, root, 0);
    for (int i = 0; i < fv->ncolls; i++) free((void *)ids[i].v);
    return rc;
}
