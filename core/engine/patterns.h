/* patterns.h — Lua string patterns with a step budget (string.find/match/gmatch/gsub). */
#ifndef KYOJIN_PATTERNS_H
#define KYOJIN_PATTERNS_H
#include <lua.h>

/* Matching steps one call may take: a fixed allowance plus an amount per subject byte, so
 * linear patterns over large strings work and backtracking blow-ups stop in milliseconds. */
#define PATTERNS_BASE_STEPS     2000000L
#define PATTERNS_STEPS_PER_BYTE 32L
/* Nesting of the matcher (captures, optional and lazy items), as in Lua's own matcher. */
#define PATTERNS_MAX_DEPTH      200

/* Replace find, match, gmatch, gsub and rep in the table at `idx` (a string library table)
 * by the bounded versions. Behaviour is that of Lua 5.4 except that a match needing more
 * steps than the budget raises "pattern too complex" and rep returns an empty result without
 * looping. */
void patterns_install(lua_State *L, int idx);

/* Does character c belong to the class %cl of Lua patterns (%a, %d, %w, … and their upper-case
 * complements; any other cl stands for itself)? Shared with the schema's C fast path
 * (input/fastval.c), which must match exactly as string.match does. */
int patterns_class_matches(int c, int cl);

#endif
