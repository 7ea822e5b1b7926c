/* fuzz_common.h — shared setup of the fuzz harnesses: the installation directory (policies,
 * Lua runtime, samples), the build's bundle when linked, and the invariant check. */
#ifndef KYOJIN_FUZZ_COMMON_H
#define KYOJIN_FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* $KYOJIN_HOME, or the current directory (make fuzz runs from the repository root). */
static inline const char *fuzz_home(void)
{
    const char *h = getenv("KYOJIN_HOME");
    return h && *h ? h : ".";
}

static inline void fuzz_path(char *dst, size_t cap, const char *rel)
{
    snprintf(dst, cap, "%s/%s", fuzz_home(), rel);
}

static inline char *fuzz_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) {
        b[n] = 0;
        *len = (size_t)n;
    }
    return b;
}

/* Reading the input of a generator harness byte by byte; past the end, zeros. */
typedef struct {
    const uint8_t *p;
    size_t n, i;
} fuzz_reader;

static inline unsigned fuzz_u8(fuzz_reader *r)
{
    return r->i < r->n ? r->p[r->i++] : 0;
}

/* The build's precompiled bundle (engine/bundle.h) when it is linked in (fuzz/run.sh and the
 * suite fuzz_regressions link it when the build made it), else NULL: the Lua runtime then
 * loads from bytecode as in kyojin, several times faster than compiling it per input. */
extern const struct bundle kyojin_builtin_bundle __attribute__((weak));
static inline const struct bundle *fuzz_bundle(void)
{
    return &kyojin_builtin_bundle;
}

#define FUZZ_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "invariant violated: " __VA_ARGS__);                                   \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

#endif
