/* mtguard.c — metatables that policies create stay without __gc and __mode.
 *
 * Owns: the guard put on every table a policy passes to setmetatable. Lua honours __gc only
 * if present when setmetatable is called (sandbox.c refuses it there), but __mode is read at
 * every collection, so `mt.__mode = "k"` after setmetatable would create a weak table; weak
 * tables and finalizers reach collector bugs of Lua 5.4.4 from Lua code. The guard is a
 * locked metatable on the metatable whose __newindex refuses those two keys; since policies
 * have no rawset, every later assignment of a new key goes through it.
 * Does not own: the setmetatable wrapper itself (sandbox.c).
 */
#include "engine/mtguard.h"

#include <lauxlib.h>
#include <string.h>

static const char GUARD_MT = 0; /* registry: the guard metatable */

static int guard_newindex(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TSTRING) {
        const char *k = lua_tostring(L, 2);
        if (strcmp(k, "__gc") == 0 || strcmp(k, "__mode") == 0)
            return luaL_error(L, "%s is not allowed in policies (metatable)", k);
    }
    lua_settop(L, 3);
    lua_rawset(L, 1);
    return 0;
}

static void push_guard(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &GUARD_MT) == LUA_TTABLE) return;
    lua_pop(L, 1);
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, guard_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &GUARD_MT);
}

int mtguard_apply(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    luaL_checkstack(L, 3, "metatable guard");
    push_guard(L);
    if (lua_getmetatable(L, idx)) {
        int same = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
        return same ? 0 : -1;
    }
    lua_setmetatable(L, idx);
    return 0;
}
