/* bundle.h — the precompiled Lua bundle made by the build (tools/mkbundle.c).
 *
 * Owns: looking up the chunk compiled from a given source text, and
 * loading it (binary mode, under the chunk name the source would have had). Does not own:
 * reading or hashing files (callers), deciding what may use the bundle (runner.c, sandbox.c,
 * risk.c use it only for sources they would otherwise compile in text mode).
 *
 * The bundle is compiled into the kyojin binary itself (generated $(BUILD)/bundle_data.c,
 * linked only into kyojin): it is never read from a file, so nothing a user or a policy
 * author can name (--policies DIR, KYOJIN_HOME) supplies bytecode. It holds each source text
 * with its chunk, and a chunk is used only when the text about to be compiled is byte for
 * byte that source (a comparison, ~100 times cheaper than hashing the text again; the
 * SHA-256 of each source is recorded as its identity), so edited or copied sources are
 * compiled from text as before. Chunks keep their debug information (line numbers and
 * names in messages are unchanged). If the Lua library at run time is not the one the bundle
 * was made with, or a chunk does not load, callers fall back to the source silently. */
#ifndef KYOJIN_BUNDLE_H
#define KYOJIN_BUNDLE_H
#include <lua.h>
#include <stddef.h>

typedef struct bundle_chunk {
    const char *src; /* the source text it was compiled from */
    size_t src_len;
    unsigned char sha[32];     /* SHA-256 of that text (its identity; checked by tests) */
    const unsigned char *code; /* lua_dump output (not stripped), source name = marker; NULL
                                  when the text does not compile (kept for the policy set) */
    size_t len;
    size_t name_off;  /* offset of the source name (size byte, then the marker) */
    const char *meta; /* a policy's metadata as runner.c builds it at load (JSON,
                                  without has_applies), or NULL */
    int has_applies;
} bundle_chunk;

typedef struct {
    const char *relname;       /* relative name under policies/, as runner.c lists it */
    const bundle_chunk *chunk; /* its text */
} bundle_policy;

typedef struct bundle {
    const char *lua_ident;      /* lua_ident of the library that compiled the chunks */
    const char *marker;         /* the source name the chunks were dumped with */
    const bundle_chunk *chunks; /* sorted by (src_len, src) */
    size_t nchunks;
    const bundle_policy *policies; /* the bundled policy set, in runner.c's order */
    size_t npolicies;
    unsigned char policy_set_sha[32]; /* runner.c's policy-set hash of exactly that list */
    const char *const *helpers;       /* the helper files (under lua/kyojin/helpers) the metadata
                                     was built with, in runner.c's order */
    size_t nhelpers;
    const bundle_policy *runtime; /* every file of the runtime directory lua/ (relative name,
                                     text), sorted by name */
    size_t nruntime;
    const bundle_chunk *edition; /* the policy set's edition.lua (runner.h), or NULL */
} bundle;

/* The build's bundle (only in the kyojin binary; see core/main.c make_runner). */
extern const bundle kyojin_builtin_bundle;

/* A kyojin binary without its runtime directory (lua/ beside it or under KYOJIN_HOME) runs
 * on the bundle's runtime: the file `relname` of lua/ ("kyojin/dsl.lua"), or NULL. b may be
 * NULL. */
const bundle_chunk *bundle_runtime_file(const bundle *b, const char *relname);
/* A malloc'd, NUL-terminated copy of the source text of c, its length in *len; NULL when c is
 * NULL or out of memory. */
char *bundle_text_copy(const bundle_chunk *c, size_t *len);

/* b itself if it can be used with the Lua library in this process, else NULL. */
const bundle *bundle_usable(const bundle *b);
/* The chunk whose source is exactly text[0..len) and that has code, or NULL. b may be NULL. */
const bundle_chunk *bundle_find(const bundle *b, const char *text, size_t len);
/* Whether text[0..len) is exactly the source of c. */
int bundle_same_text(const bundle_chunk *c, const char *text, size_t len);
/* Load chunk c as `chunkname` (mode "b"). Returns 0 with the function pushed, or -1 with
 * nothing pushed (the caller then compiles the source). */
int bundle_load(lua_State *L, const bundle *b, const bundle_chunk *c, const char *chunkname);

#endif
