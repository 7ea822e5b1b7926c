/* report_vocab_load.c — runs the Lua module kyojin.vocab in the trusted runtime
 * (core/engine/sandbox.c: the kyojin Lua directory, precompiled chunks of the build's bundle
 * when their source matches) and hands its value to report_vocab.c. The one file of
 * core/report that reaches the engine, and only to read Lua data; the writers themselves read
 * the result document and the loaded words. */
#include "report/report_vocab.h"
#include "engine/bundle.h"
#include "engine/sandbox.h"
#include "input/luaconv.h"

#include <cjson/cJSON.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>

int report_vocab_load_from(struct sandbox *sb, char *err, size_t errlen)
{
    lua_State *L = sandbox_state(sb);
    int top = lua_gettop(L);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "kyojin.vocab");
    if (sandbox_call_trusted(sb, 1, 1, err, errlen)) return -1;
    cJSON *doc = luaconv_to_json(L, -1, err, errlen);
    lua_settop(L, top);
    return doc ? report_vocab_set(doc, err, errlen) : -1;
}

int report_vocab_load(const char *lua_dir, const struct bundle *b, char *err, size_t errlen)
{
    sandbox_opts o = {0};
    o.lua_dir = lua_dir;
    o.bundle = b;
    sandbox *sb = sandbox_new(&o, err, errlen);
    if (!sb) return -1;
    int rc = report_vocab_load_from(sb, err, errlen);
    sandbox_free(sb);
    return rc;
}

int report_vocab_load_home(char *err, size_t errlen)
{
    const char *home = getenv("KYOJIN_HOME");
    char dir[4096];
    if ((size_t)snprintf(dir, sizeof dir, "%s/lua", home && *home ? home : ".") >= sizeof dir) {
        snprintf(err, errlen, "KYOJIN_HOME is too long");
        return -1;
    }
    return report_vocab_load(dir, NULL, err, errlen);
}
