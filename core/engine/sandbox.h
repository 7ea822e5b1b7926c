/* sandbox.h — the Lua state policies run in: capped allocator, instruction budget,
 * allow-listed environments, locked shared tables. */
#ifndef KYOJIN_SANDBOX_H
#define KYOJIN_SANDBOX_H
#include <lua.h>
#include <stddef.h>

#define SANDBOX_DEFAULT_INSTRUCTIONS  10000000L /* VM instructions per policy call */
#define SANDBOX_DEFAULT_POLICY_MEMORY ((size_t)64 * 1024 * 1024)
#define SANDBOX_DEFAULT_CPU_SECONDS   5.0 /* per policy call, in-process (timelimit.c) */
#define SANDBOX_DEFAULT_STATE_MEMORY  ((size_t)1024 * 1024 * 1024)

typedef enum { SANDBOX_OK = 0, SANDBOX_ERROR, SANDBOX_INSTRUCTIONS, SANDBOX_MEMORY } sandbox_status;

typedef struct sandbox sandbox;

typedef struct {
    const char *lua_dir;         /* directory holding the kyojin Lua runtime (trusted) */
    long instructions;           /* per call; 0 = default */
    size_t policy_memory;        /* bytes a policy call may add; 0 = default */
    size_t state_memory;         /* cap for the whole state; 0 = default */
    long fail_alloc_at;          /* for tests: make the Nth allocation fail (0 = never) */
    double cpu_seconds;          /* CPU time per call (timelimit.c); 0 = default */
    int verbose;                 /* print() from policies goes to stderr */
    const struct bundle *bundle; /* precompiled chunks of the build (bundle.h), or NULL */
    int plain_malloc;            /* for tests: every Lua block from malloc, no pool (so that the
                                   allocation-failure sweep can fail each one) */
} sandbox_opts;

/* Create the state. Returns NULL and writes err on failure. */
sandbox *sandbox_new(const sandbox_opts *o, char *err, size_t errlen);
void sandbox_free(sandbox *sb);
lua_State *sandbox_state(sandbox *sb);

/* Push a new policy environment: an empty table whose reads fall through to the frozen safe
 * globals (undefined names raise) and whose writes stay in the table. [-0, +1] */
void sandbox_push_env(sandbox *sb);
/* Set a name in the safe globals offered to policies to the value at stack top (popped).
 * Used for `policy` (the DSL entry) and `kyojin` (the frozen helpers). */
void sandbox_set_safe(sandbox *sb, const char *name);
/* Push a frozen read-only view of the table at idx (shallow: what it holds must already be
 * immutable or guarded). `#` and pairs work on it; its metatable is locked. [-0, +1] */
void sandbox_push_frozen(lua_State *L, int idx);
/* Push the value at idx as trusted code may hand it to policies (the boundary where helpers
 * are offered as `kyojin`): declaration views, frozen views, C functions and non-table values
 * as they are; a Lua function wrapped so that whatever it returns is guarded the same way; any
 * other table as a fresh copy of its contents (guarded, keys too; no metatable but the JSON
 * array/object tags), or with `freeze` as a read-only view of such a copy (nested tables
 * frozen too). Nothing a policy receives from a helper is then shared with another policy.
 * [-0, +1] */
void sandbox_push_guarded(lua_State *L, int idx, int freeze);

/* Load Lua source text as a chunk (text mode only) named `chunkname`, with upvalue _ENV set
 * later by the caller. Returns 0 and pushes the function, or -1 with err. */
int sandbox_load(sandbox *sb, const char *text, size_t len, const char *chunkname, char *err,
                 size_t errlen);
/* The same, but when the sandbox has a bundle and it holds the chunk compiled from exactly
 * this text (byte for byte), that chunk is loaded instead of compiling (bundle.h); *used (if
 * not NULL) is then that chunk, else NULL. */
struct bundle_chunk;
int sandbox_load_cached(sandbox *sb, const char *text, size_t len, const char *chunkname,
                        const struct bundle_chunk **used, char *err, size_t errlen);
/* How many chunks (trusted modules through require, sandbox_load_cached) were compiled from
 * source rather than taken from the bundle so far. */
long sandbox_sources_compiled(const sandbox *sb);
/* Whether the runtime directory (sandbox_opts.lua_dir) is absent and its modules come from the
 * bundle's runtime (bundle.h: a kyojin binary copied without its lua/ folder). */
int sandbox_runtime_bundled(const sandbox *sb);

/* Call the function below `nargs` arguments under the budget and memory cap for `who`
 * (a policy id, used in messages). Results are left on the stack (nresults) on success.
 * On failure nothing is left and `err` holds a sanitised one-line message. */
sandbox_status sandbox_call(sandbox *sb, int nargs, int nresults, const char *who, char *err,
                            size_t errlen);

/* Call trusted host code (no budget, protected, traceback). Same stack contract. */
int sandbox_call_trusted(sandbox *sb, int nargs, int nresults, char *err, size_t errlen);

/* The status of the last sandbox_call. */
sandbox_status sandbox_last_status(const sandbox *sb);

/* The Japanese explanation (a whole sentence, static) of a failure whose raw English text is
 * `raw`: SANDBOX_ERROR is a runtime error in the policy; a limit status, or SANDBOX_OK for a
 * failure outside a sandbox call (the watchdog's limits and crashes, a skipped policy), is
 * explained from the host's message. Reports put the raw text after it as the detail
 * (docs/result-schema.md, "Errors"). */
const char *sandbox_failure_ja(sandbox_status st, const char *raw);

/* Instructions used by the last sandbox_call (approximate, in hook periods). */
long sandbox_last_instructions(const sandbox *sb);
size_t sandbox_memory_in_use(const sandbox *sb);

#endif
