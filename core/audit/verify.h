/* verify.h — `kyojin verify`: is a report exactly what these inputs give? */
#ifndef KYOJIN_VERIFY_H
#define KYOJIN_VERIFY_H

#include <cjson/cJSON.h>
#include <stddef.h>

/* What verify asks the command line to render again (core/cli/check.c does it with check's
 * own code): the report's recorded rendering options, its declarations under the names it
 * records read from the files given, into `out`. */
typedef struct verify_render {
    const cJSON *rendering; /* the report's "rendering" record */
    char *const *names;     /* the declarations as the report names them, in its order */
    char *const *sources;   /* the file each is read from */
    size_t n;
    const char *out;    /* the file to write */
    const char *tmpdir; /* a private directory for files the renderer needs */
    int input_mismatch; /* set by the renderer: a file given again differs from the record */
    int result_v1;      /* a JSON report of schema kyojin/result/v1: rendered in that form */
} verify_render;
/* Returns check's exit code; the report was rendered when r->out exists afterwards. */
typedef int (*verify_render_fn)(void *ctx, verify_render *r);

/* The command line of `kyojin verify` as core/cli parsed it:
 *   REPORT --declaration FILE [--declaration FILE]... [--policies DIR] [--pubkey KEY.pub]
 *          [--signature SIG] */
typedef struct verify_args {
    char *const *reports; /* the arguments: exactly one report */
    size_t nreports;
    const char *const *decls;
    size_t ndecls;
    const char *policies; /* NULL: default_policies */
    const char *lang;     /* "ja" | "en" */
    /* without --policies: the recorded hash of the build's bundled policy set (hex) and its
     * number of files, used instead of default_policies when that is absent; or NULL */
    const char *bundled_set_sha256;
    int bundled_files;
    const char *pubkey;    /* --pubkey: check the signature too, or NULL */
    const char *signature; /* --signature, or NULL: REPORT.sig */
    verify_render_fn render;
    void *render_ctx;
} verify_args;

/* Prints one line per input, where the report differs and a verdict to stdout, errors to
 * stderr. Returns 0 when the report is exactly what the inputs give (and its signature is
 * valid when asked), 1 when it differs, an input does not match or the signature is not
 * valid, 2 for a usage error or an unreadable or unsupported input. */
int verify_main(const verify_args *a, const char *default_policies);

/* SHA-256 of a policy directory as the engine computes it (runner.c): the *.lua files
 * below dir (not *_test.lua, not catalog.lua at the top, no fixtures/ directories, no
 * dot-names), sorted by relative path; for each: path, NUL, content, NUL.
 * Writes hex[65]; returns the number of files hashed, or -1 when dir is unreadable. */
int verify_policy_set_sha256(const char *dir, char hex[65]);

#endif
