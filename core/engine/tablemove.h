/* tablemove.h — table.move with a bounded element count. */
#ifndef KYOJIN_TABLEMOVE_H
#define KYOJIN_TABLEMOVE_H
#include <lua.h>

#define TABLEMOVE_MAX ((lua_Integer)1 << 24) /* elements per call */

/* Replace move in the table library table at idx. */
void tablemove_install(lua_State *L, int idx);

#endif
