/* luaconv.h — JSON ↔ Lua: raw trees, read-only proxies with a read log, and back to JSON. */
#ifndef KYOJIN_LUACONV_H
#define KYOJIN_LUACONV_H
#include <lua.h>
#include <cjson/cJSON.h>

#define LUACONV_MAX_DEPTH 64

/* Registry keys (their addresses) shared with sandbox.c. */
extern const char LUACONV_NULL;     /* light userdata: JSON null */
extern const char LUACONV_ARRAY_MT; /* registry: metatable tagging raw arrays */
extern const char LUACONV_OBJECT_MT;

/* Create the tag metatables and the null sentinel in the registry. Call once per state. */
void luaconv_init(lua_State *L);

/* Push the cJSON tree as a raw Lua tree (tables tagged array/object, null = sentinel).
 * [-0, +1]. Raises on memory errors; call under protection. */
void luaconv_push(lua_State *L, const cJSON *node);

/* Push a read-only proxy over the raw table at index `idx` with JSON pointer `ptr`. The proxy
 * logs reads into the current read log (luaconv_set_log). [-0, +1] */
void luaconv_push_proxy(lua_State *L, int idx, const char *ptr);
/* Start a fresh proxy cache for a new declaration (proxies are shared between the policies
 * of one declaration, never across declarations). */
void luaconv_reset_cache(lua_State *L);
/* Forget the document order of converted objects (before converting a new tree; a tree
 * converted earlier then iterates without order information). */
void luaconv_reset_order(lua_State *L);
/* Set the current read log to a new empty table (pushes nothing); luaconv_take_log pushes the
 * log as a sorted array of JSON pointers. */
void luaconv_new_log(lua_State *L);
cJSON *luaconv_take_log(lua_State *L);

/* Is the value at idx a declaration proxy? If so push the raw table and return 1. */
int luaconv_unproxy(lua_State *L, int idx);
/* The JSON pointer of a proxy at idx, or NULL. The string lives in the proxy. */
const char *luaconv_pointer(lua_State *L, int idx);

/* Convert a Lua value (plain data: tables, strings, numbers, booleans, the null sentinel;
 * proxies are read through) to cJSON. Empty tables become {} unless tagged as arrays.
 * Returns NULL and sets err on unsupported values, cycles or excessive depth. Does not call
 * metamethods of non-proxy tables. */
cJSON *luaconv_to_json(lua_State *L, int idx, char *err, size_t errlen);

/* Lua API exposed to trusted host code and policies: kyojin.null, is_array, is_object,
 * is_null, pointer, array, object, encode (to JSON text). Pushes the table. */
void luaconv_push_api(lua_State *L);

#endif
