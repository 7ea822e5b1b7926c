/* patterns.c — bounded Lua string patterns.
 *
 * Owns: string.find, string.match, string.gmatch and string.gsub as seen by policies and by
 * the trusted Lua runtime. Lua 5.4's own matcher backtracks without limit inside one C call
 * (string.find(("a"):rep(5000), ".-.-.-b") runs for minutes and no instruction hook fires),
 * so these functions implement the same pattern language with a budget of matching steps
 * per call and a bounded nesting depth; exceeding either raises "pattern too complex".
 * Plain searches use memmem (linear time). Also string.rep, whose C loop runs n times even when
 * it makes the empty string (string.rep("", 1 << 31) spins for seconds under no hook and no memory
 * cap): an empty result is returned at once; any other result is at least n - 1 bytes, which
 * the memory cap bounds before the loop starts.
 * Does not own: the rest of the string library (sandbox.c copies it).
 */
#define _GNU_SOURCE
#include "engine/patterns.h"

#include <ctype.h>
#include <lauxlib.h>
#include <string.h>

#define MAX_CAPTURES   32
#define CAP_UNFINISHED (-1)
#define CAP_POSITION   (-2)
#define ESC            '%'
#define SPECIALS       "^$*+?.([%-"

typedef struct {
    const char *src_init, *src_end, *p_end;
    lua_State *L;
    long steps, max_steps;
    int depth;
    int level;
    struct {
        const char *init;
        ptrdiff_t len;
    } cap[MAX_CAPTURES];
} mstate;

static void step(mstate *ms)
{
    if (++ms->steps > ms->max_steps)
        luaL_error(ms->L, "pattern too complex (more than %d matching steps)", (int)ms->max_steps);
}

static const char *do_match(mstate *ms, const char *s, const char *p);

/* The end of the single-character class starting at p. */
static const char *class_end(mstate *ms, const char *p)
{
    char c = *p++;
    if (c == ESC) {
        if (p >= ms->p_end) luaL_error(ms->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c == '[') {
        if (p < ms->p_end && *p == '^') p++;
        /* the first character of a set may be ']' itself */
        do {
            if (p >= ms->p_end) luaL_error(ms->L, "malformed pattern (missing ']')");
            c = *p++;
            if (c == ESC && p < ms->p_end) p++;
        } while (p >= ms->p_end || *p != ']');
        return p + 1;
    }
    return p;
}

int patterns_class_matches(int c, int cl)
{
    int r;
    switch (tolower(cl)) {
    case 'a': r = isalpha(c); break;
    case 'c': r = iscntrl(c); break;
    case 'd': r = isdigit(c); break;
    case 'g': r = isgraph(c); break;
    case 'l': r = islower(c); break;
    case 'p': r = ispunct(c); break;
    case 's': r = isspace(c); break;
    case 'u': r = isupper(c); break;
    case 'w': r = isalnum(c); break;
    case 'x': r = isxdigit(c); break;
    case 'z': r = c == 0; break; /* deprecated in Lua, still accepted */
    default: return cl == c;
    }
    if (isupper(cl)) r = !r;
    return r != 0;
}

/* p at '[', last at the closing ']' (as found by class_end). */
static int set_matches(int c, const char *p, const char *last)
{
    int yes = 1;
    p++;
    if (*p == '^') {
        yes = 0;
        p++;
    }
    while (p < last) {
        if (*p == ESC) {
            p++;
            if (patterns_class_matches(c, (unsigned char)*p)) return yes;
            p++;
        } else if (p[1] == '-' && p + 2 < last) {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return yes;
            p += 3;
        } else {
            if ((unsigned char)*p == c) return yes;
            p++;
        }
    }
    return !yes;
}

static int single_match(mstate *ms, const char *s, const char *p, const char *ep)
{
    if (s >= ms->src_end) return 0;
    int c = (unsigned char)*s;
    switch (*p) {
    case '.': return 1;
    case ESC: return patterns_class_matches(c, (unsigned char)p[1]);
    case '[': return set_matches(c, p, ep - 1);
    default: return (unsigned char)*p == c;
    }
}

static const char *match_balance(mstate *ms, const char *s, const char *p)
{
    if (p + 1 >= ms->p_end) luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= ms->src_end || *s != *p) return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    while (++s < ms->src_end) {
        step(ms);
        if (*s == close) {
            if (--depth == 0) return s + 1;
        } else if (*s == open) {
            depth++;
        }
    }
    return NULL;
}

static const char *max_expand(mstate *ms, const char *s, const char *p, const char *ep)
{
    ptrdiff_t i = 0;
    while (single_match(ms, s + i, p, ep)) {
        step(ms);
        i++;
    }
    while (i >= 0) {
        const char *r = do_match(ms, s + i, ep + 1);
        if (r) return r;
        i--;
    }
    return NULL;
}

static const char *min_expand(mstate *ms, const char *s, const char *p, const char *ep)
{
    for (;;) {
        const char *r = do_match(ms, s, ep + 1);
        if (r) return r;
        if (!single_match(ms, s, p, ep)) return NULL;
        s++;
    }
}

static const char *start_capture(mstate *ms, const char *s, const char *p, ptrdiff_t what)
{
    if (ms->level >= MAX_CAPTURES) luaL_error(ms->L, "too many captures");
    ms->cap[ms->level].init = s;
    ms->cap[ms->level].len = what;
    ms->level++;
    const char *r = do_match(ms, s, p);
    if (!r) ms->level--;
    return r;
}

static const char *end_capture(mstate *ms, const char *s, const char *p)
{
    int l = -1;
    for (int k = ms->level - 1; k >= 0; k--)
        if (ms->cap[k].len == CAP_UNFINISHED) {
            l = k;
            break;
        }
    if (l < 0) luaL_error(ms->L, "invalid pattern capture");
    ms->cap[l].len = s - ms->cap[l].init;
    const char *r = do_match(ms, s, p);
    if (!r) ms->cap[l].len = CAP_UNFINISHED;
    return r;
}

static const char *match_backref(mstate *ms, const char *s, int d)
{
    int l = d - '1';
    if (l < 0 || l >= ms->level || ms->cap[l].len == CAP_UNFINISHED)
        luaL_error(ms->L, "invalid capture index %%%d", l + 1);
    size_t len = (size_t)ms->cap[l].len;
    if ((size_t)(ms->src_end - s) >= len && memcmp(ms->cap[l].init, s, len) == 0) return s + len;
    return NULL;
}

static const char *do_match(mstate *ms, const char *s, const char *p)
{
    if (++ms->depth > PATTERNS_MAX_DEPTH)
        luaL_error(ms->L, "pattern too complex (nested too deeply)");
    while (p != ms->p_end) {
        step(ms);
        switch (*p) {
        case '(':
            if (p + 1 < ms->p_end && p[1] == ')')
                s = start_capture(ms, s, p + 2, CAP_POSITION);
            else
                s = start_capture(ms, s, p + 1, CAP_UNFINISHED);
            goto done;
        case ')': s = end_capture(ms, s, p + 1); goto done;
        case '$':
            if (p + 1 == ms->p_end) {
                s = s == ms->src_end ? s : NULL;
                goto done;
            }
            break;
        case ESC:
            if (p[1] == 'b' && p + 1 < ms->p_end) {
                s = match_balance(ms, s, p + 2);
                if (!s) goto done;
                p += 4;
                continue;
            }
            if (p[1] == 'f' && p + 1 < ms->p_end) {
                p += 2;
                if (p >= ms->p_end || *p != '[')
                    luaL_error(ms->L, "missing '[' after '%%f' in pattern");
                const char *ep = class_end(ms, p);
                int prev = s == ms->src_init ? 0 : (unsigned char)s[-1];
                int cur = s < ms->src_end ? (unsigned char)*s : 0;
                if (!set_matches(prev, p, ep - 1) && set_matches(cur, p, ep - 1)) {
                    p = ep;
                    continue;
                }
                s = NULL;
                goto done;
            }
            if (p + 1 < ms->p_end && isdigit((unsigned char)p[1])) {
                s = match_backref(ms, s, (unsigned char)p[1]);
                if (!s) goto done;
                p += 2;
                continue;
            }
            break;
        default: break;
        }
        /* a single-character class, possibly followed by a quantifier */
        const char *ep = class_end(ms, p);
        char q = ep < ms->p_end ? *ep : 0;
        if (!single_match(ms, s, p, ep)) {
            if (q == '*' || q == '?' || q == '-') {
                p = ep + 1;
                continue;
            }
            s = NULL;
            goto done;
        }
        switch (q) {
        case '?': {
            const char *r = do_match(ms, s + 1, ep + 1);
            if (r) {
                s = r;
                goto done;
            }
            p = ep + 1;
            continue;
        }
        case '+': s = max_expand(ms, s + 1, p, ep); goto done;
        case '*': s = max_expand(ms, s, p, ep); goto done;
        case '-': s = min_expand(ms, s, p, ep); goto done;
        default:
            s++;
            p = ep;
            continue;
        }
    }
done:
    ms->depth--;
    return s;
}

/* ------------------------------------------------------------------ captures */

static void push_one(mstate *ms, int i, const char *s, const char *e)
{
    if (i >= ms->level) {
        if (i != 0) luaL_error(ms->L, "invalid capture index %%%d", i + 1);
        lua_pushlstring(ms->L, s, (size_t)(e - s));
        return;
    }
    ptrdiff_t l = ms->cap[i].len;
    if (l == CAP_UNFINISHED) luaL_error(ms->L, "unfinished capture");
    if (l == CAP_POSITION)
        lua_pushinteger(ms->L, (ms->cap[i].init - ms->src_init) + 1);
    else
        lua_pushlstring(ms->L, ms->cap[i].init, (size_t)l);
}

/* Push the captures (or the whole match when there are none and s is given). */
static int push_captures(mstate *ms, const char *s, const char *e)
{
    int n = (ms->level == 0 && s) ? 1 : ms->level;
    luaL_checkstack(ms->L, n, "too many captures");
    for (int i = 0; i < n; i++) push_one(ms, i, s, e);
    return n;
}

static void prepare(mstate *ms, lua_State *L, const char *s, size_t ls, const char *p, size_t lp)
{
    ms->L = L;
    ms->src_init = s;
    ms->src_end = s + ls;
    ms->p_end = p + lp;
    ms->steps = 0;
    ms->max_steps =
        PATTERNS_BASE_STEPS + PATTERNS_STEPS_PER_BYTE * (long)(ls > 100000000 ? 100000000 : ls);
    ms->depth = 0;
    ms->level = 0;
}

static void restart(mstate *ms)
{
    ms->depth = 0;
    ms->level = 0;
}

/* 1-based start position as Lua 5.4 computes it for find/match/gmatch. */
static size_t start_pos(lua_Integer pos, size_t len)
{
    if (pos > 0) return (size_t)pos;
    if (pos == 0) return 1;
    if (pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static int no_specials(const char *p, size_t lp)
{
    for (size_t i = 0; i < lp; i++)
        if (p[i] && strchr(SPECIALS, p[i])) return 0;
    return 1;
}

static int find_aux(lua_State *L, int find)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || no_specials(p, lp))) {
        const char *hit = lp == 0 ? s + init : memmem(s + init, ls - init, p, lp);
        if (hit) {
            lua_pushinteger(L, (hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)((hit - s) + (ptrdiff_t)lp));
            return 2;
        }
        luaL_pushfail(L);
        return 1;
    }
    mstate ms;
    const char *s1 = s + init;
    int anchor = lp > 0 && *p == '^';
    if (anchor) {
        p++;
        lp--;
    }
    prepare(&ms, L, s, ls, p, lp);
    do {
        restart(&ms);
        const char *e = do_match(&ms, s1, p);
        if (e) {
            if (find) {
                lua_pushinteger(L, (s1 - s) + 1);
                lua_pushinteger(L, e - s);
                return push_captures(&ms, NULL, NULL) + 2;
            }
            return push_captures(&ms, s1, e);
        }
    } while (s1++ < ms.src_end && !anchor);
    luaL_pushfail(L);
    return 1;
}

static int p_find(lua_State *L)
{
    return find_aux(L, 1);
}
static int p_match(lua_State *L)
{
    return find_aux(L, 0);
}

/* ------------------------------------------------------------------ gmatch */

typedef struct {
    const char *src, *p, *lastmatch;
    mstate ms;
} gmatch_state;

static int gmatch_next(lua_State *L)
{
    gmatch_state *g = lua_touserdata(L, lua_upvalueindex(3));
    g->ms.L = L;
    g->ms.steps = 0;
    for (const char *src = g->src; src <= g->ms.src_end; src++) {
        restart(&g->ms);
        const char *e = do_match(&g->ms, src, g->p);
        if (e && e != g->lastmatch) {
            g->src = g->lastmatch = e;
            return push_captures(&g->ms, src, e);
        }
    }
    return 0;
}

static int p_gmatch(lua_State *L)
{
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) init = ls + 1;
    lua_settop(L, 2);
    gmatch_state *g = lua_newuserdatauv(L, sizeof *g, 0);
    prepare(&g->ms, L, s, ls, p, lp);
    g->src = s + init;
    g->p = p;
    g->lastmatch = NULL;
    lua_pushcclosure(L, gmatch_next, 3); /* s and p stay alive as upvalues */
    return 1;
}

/* ------------------------------------------------------------------ gsub */

static void add_string(mstate *ms, luaL_Buffer *b, const char *s, const char *e)
{
    lua_State *L = ms->L;
    size_t l;
    const char *news = lua_tolstring(L, 3, &l);
    const char *end = news + l;
    const char *q;
    while ((q = memchr(news, ESC, (size_t)(end - news))) != NULL) {
        luaL_addlstring(b, news, (size_t)(q - news));
        q++;
        if (q >= end) luaL_error(L, "invalid use of '%c' in replacement string", ESC);
        if (*q == ESC) {
            luaL_addchar(b, ESC);
        } else if (isdigit((unsigned char)*q)) {
            if (*q == '0')
                luaL_addlstring(b, s, (size_t)(e - s));
            else {
                push_one(ms, *q - '1', s, e);
                luaL_tolstring(L, -1, NULL);
                lua_remove(L, -2);
                luaL_addvalue(b);
            }
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", ESC);
        }
        news = q + 1;
    }
    luaL_addlstring(b, news, (size_t)(end - news));
}

/* Returns 1 when a replacement was made (0: the original text was kept). */
static int add_value(mstate *ms, luaL_Buffer *b, const char *s, const char *e, int tr)
{
    lua_State *L = ms->L;
    if (tr == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(ms, s, e);
        lua_call(L, n, 1);
    } else if (tr == LUA_TTABLE) {
        push_one(ms, 0, s, e);
        lua_gettable(L, 3);
    } else {
        add_string(ms, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

static int p_gsub(lua_State *L)
{
    size_t srcl, lp;
    const char *src = luaL_checklstring(L, 1, &srcl);
    const char *p = luaL_checklstring(L, 2, &lp);
    const char *lastmatch = NULL;
    int tr = lua_type(L, 3);
    lua_Integer max_s = luaL_optinteger(L, 4, (lua_Integer)srcl + 1);
    int anchor = lp > 0 && *p == '^';
    lua_Integer n = 0;
    int changed = 0;
    luaL_argexpected(
        L, tr == LUA_TNUMBER || tr == LUA_TSTRING || tr == LUA_TFUNCTION || tr == LUA_TTABLE, 3,
        "string/function/table");
    if (anchor) {
        p++;
        lp--;
    }
    mstate ms;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    prepare(&ms, L, src, srcl, p, lp);
    while (n < max_s) {
        restart(&ms);
        const char *e = do_match(&ms, src, p);
        if (e && e != lastmatch) {
            n++;
            changed = add_value(&ms, &b, src, e, tr) | changed;
            src = lastmatch = e;
        } else if (src < ms.src_end) {
            step(&ms);
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

/* string.rep(s, n [, sep]) with Lua's own function (upvalue 1) for every result that is not
 * empty. */
static int p_rep(lua_State *L)
{
    size_t l, lsep = 0;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || (l == 0 && lsep == 0)) {
        lua_pushliteral(L, "");
        return 1;
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

void patterns_install(lua_State *L, int idx)
{
    static const luaL_Reg f[] = {
        {"find", p_find}, {"match", p_match}, {"gmatch", p_gmatch}, {"gsub", p_gsub}, {NULL, NULL}};
    idx = lua_absindex(L, idx);
    for (const luaL_Reg *r = f; r->name; r++) {
        lua_pushcfunction(L, r->func);
        lua_setfield(L, idx, r->name);
    }
    if (lua_getfield(L, idx, "rep") == LUA_TFUNCTION) {
        lua_pushcclosure(L, p_rep, 1);
        lua_setfield(L, idx, "rep");
    } else {
        lua_pop(L, 1);
    }
}
