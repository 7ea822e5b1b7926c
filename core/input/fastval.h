/* fastval.h — fast path of declaration validation: the schema compiled to C, checked on the
 * cJSON tree.
 *
 * The declaration format is described once, as data, in lua/kyojin/schema.lua; the Lua
 * validator (lua/kyojin/validate.lua) owns the checks and every error message. This module
 * compiles the same schema tables (read through the Lua C API at start-up) into C structures
 * and decides, without Lua, whether a declaration is certainly valid. It is conservative:
 *   FASTVAL_VALID    the Lua validator would return no error (it need not run);
 *   FASTVAL_INVALID  the Lua validator would report at least one error;
 *   FASTVAL_UNSURE   a construct the C path does not reproduce exactly (a check it does not
 *                    know, duplicate keys, an exotic cJSON node, a pathological size …).
 * Callers run the Lua validator for anything but FASTVAL_VALID, so messages stay the Lua
 * validator's. FASTVAL_VALID must never be returned for a declaration the Lua validator
 * rejects (tests/unit/test_fastval.c checks this differentially).
 */
#ifndef KYOJIN_FASTVAL_H
#define KYOJIN_FASTVAL_H
#include <stddef.h>
#include <cjson/cJSON.h>
#include <lua.h>

typedef struct fastval fastval;

enum { FASTVAL_VALID = 0, FASTVAL_INVALID = 1, FASTVAL_UNSURE = 2 };

/* Compile the schema table at stack index `idx` of L (the value of require "kyojin.schema").
 * Only reads plain data (no Lua code runs). Returns NULL with err set when the table does
 * not have the expected shape. Nodes the C path cannot reproduce are compiled as
 * "unsupported": a declaration reaching one is FASTVAL_UNSURE. */
fastval *fastval_compile(lua_State *L, int idx, char *err, size_t errlen);
void fastval_free(fastval *fv);

/* Is `policy_id` in the policy set? (the `known_policy` check of waivers) */
typedef int (*fastval_known_fn)(void *ud, const char *policy_id);

/* Decide on a parsed declaration. `known` NULL means "no policy set" (every policy id is
 * accepted, as validate.lua does without opts.policy_ids). Never modifies the tree; bounded
 * recursion (the walk only descends where the schema does). */
int fastval_check(const fastval *fv, const cJSON *root, fastval_known_fn known, void *ud);

/* Counts of compiled nodes, and of those compiled as unsupported (tests, diagnostics). */
void fastval_stats(const fastval *fv, int *nodes, int *unsupported);

#endif
