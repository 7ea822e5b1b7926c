/* fuzz_patterns.c — differential fuzzing of the bounded pattern functions (core/engine/patterns.c)
 * against Lua's own string library: same results, same errors, for small inputs where Lua's
 * matcher is fast. Input: subject \0 pattern \0 replacement (missing parts are empty). */
#define _POSIX_C_SOURCE 200809L
#include "engine/patterns.h"

#include <lauxlib.h>
#include <lualib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *SCRIPT =
    "local s, p, r = ...\n"
    "local out = {}\n"
    "local function rec(ok, ...)\n"
    "  local t = { tostring(ok) }\n"
    "  if not ok then t[2] = (tostring((...)):gsub('^.-:%d+: ', '')) return table.concat(t, '|') end\n"
    "  for i = 1, select('#', ...) do t[#t + 1] = type((select(i, ...))) .. ':' .. tostring((select(i, ...))) end\n"
    "  return table.concat(t, '|')\n"
    "end\n"
    "out[#out + 1] = rec(pcall(string.find, s, p))\n"
    "out[#out + 1] = rec(pcall(string.find, s, p, 2))\n"
    "out[#out + 1] = rec(pcall(string.find, s, p, -3, true))\n"
    "out[#out + 1] = rec(pcall(string.match, s, p))\n"
    "out[#out + 1] = rec(pcall(string.match, s, p, -2))\n"
    "out[#out + 1] = rec(pcall(string.gsub, s, p, r))\n"
    "out[#out + 1] = rec(pcall(string.gsub, s, p, r, 2))\n"
    "out[#out + 1] = rec(pcall(string.gsub, s, p, { a = 'X', [''] = false }))\n"
    "out[#out + 1] = rec(pcall(string.gsub, s, p, function(a, b) return b end))\n"
    "out[#out + 1] = rec(pcall(function() local t = {} for a, b in string.gmatch(s, p) do t[#t + 1] = tostring(a) .. ',' .. tostring(b) if #t > 50 then break end end return table.concat(t, ';') end))\n"
    "out[#out + 1] = rec(pcall(function() local t = {} for a in string.gmatch(s, p, 3) do t[#t + 1] = tostring(a) if #t > 50 then break end end return table.concat(t, ';') end))\n"
    "return table.concat(out, '\\n')\n";

static lua_State *make(int bounded)
{
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    if (bounded) {
        lua_getglobal(L, "string");
        patterns_install(L, -1);
        lua_pop(L, 1);
    }
    return L;
}

static char *run(lua_State *L, const char *s, size_t ls, const char *p, size_t lp, const char *r,
                 size_t lr)
{
    if (luaL_loadstring(L, SCRIPT) != LUA_OK) abort();
    lua_pushlstring(L, s, ls);
    lua_pushlstring(L, p, lp);
    lua_pushlstring(L, r, lr);
    if (lua_pcall(L, 3, 1, 0) != LUA_OK) {
        char *e = strdup(lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
        lua_pop(L, 1);
        return e;
    }
    char *o = strdup(lua_tostring(L, -1));
    lua_pop(L, 1);
    return o;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static lua_State *ref, *bnd;
    if (!ref) {
        ref = make(0);
        bnd = make(1);
    }
    if (size > 200) return 0;
    const char *s = (const char *)data, *end = s + size;
    const char *z1 = memchr(s, 0, size);
    const char *p = z1 ? z1 + 1 : end;
    const char *z2 = z1 ? memchr(p, 0, (size_t)(end - p)) : NULL;
    const char *r = z2 ? z2 + 1 : end;
    size_t ls = (size_t)((z1 ? z1 : end) - s), lp = (size_t)((z2 ? z2 : (z1 ? end : p)) - p),
           lr = (size_t)(end - r);
    if (!z1) lp = 0;
    if (ls > 64 || lp > 24) return 0;
    /* keep Lua's own matcher fast: few variable-length items */
    int q = 0;
    for (size_t i = 0; i < lp; i++) q += p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?';
    if (q > 3) return 0;
    char *a = run(ref, s, ls, p, lp, r, lr);
    char *b = run(bnd, s, ls, p, lp, r, lr);
    if (strcmp(a, b) != 0) {
        fprintf(stderr,
                "MISMATCH\nsubject=%.*s\npattern=%.*s\nrepl=%.*s\n--- lua\n%s\n--- bounded\n%s\n",
                (int)ls, s, (int)lp, p, (int)lr, r, a, b);
        abort();
    }
    free(a);
    free(b);
    lua_gc(ref, LUA_GCCOLLECT);
    lua_gc(bnd, LUA_GCCOLLECT);
    return 0;
}
