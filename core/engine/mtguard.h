/* mtguard.h — keeping policy metatables free of __gc and __mode after setmetatable. */
#ifndef KYOJIN_MTGUARD_H
#define KYOJIN_MTGUARD_H
#include <lua.h>

/* Guard the table at idx, about to become a metatable: give it a locked metatable of its own
 * whose __newindex refuses __gc and __mode, so they cannot be added later (Lua reads __mode
 * at collection time). Returns 0, or -1 when the table already has a metatable that is not
 * the guard (then it cannot be guarded and must not be used as a metatable). */
int mtguard_apply(lua_State *L, int idx);

#endif
