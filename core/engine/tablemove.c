/* tablemove.c — table.move without the endless C loop.
 *
 * Owns: the table.move offered to policies and the trusted runtime. Lua's table.move(a, f, e, t)
 * accepts any range shorter than math.maxinteger and copies it element by element inside one
 * C call: table.move({}, 1, 2^40, 1) runs for hours and no hook fires. This version refuses
 * ranges of more than TABLEMOVE_MAX elements and otherwise behaves like Lua's.
 */
#include "engine/tablemove.h"

#include <lauxlib.h>

static int bounded_move(lua_State *L)
{
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    luaL_checkinteger(L, 4);
    if (e >= f) {
        /* e - f cannot overflow here only when f is not too negative; Lua checks the same */
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        if (e - f >= TABLEMOVE_MAX)
            return luaL_error(L, "table.move: more than %d elements", (int)TABLEMOVE_MAX);
    }
    lua_pushvalue(L, lua_upvalueindex(1)); /* the original table.move */
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

void tablemove_install(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_getfield(L, idx, "move");
    lua_pushcclosure(L, bounded_move, 1);
    lua_setfield(L, idx, "move");
}
