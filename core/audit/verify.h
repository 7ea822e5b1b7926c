/* verify.h — `kyojin verify`: was a report produced from exactly these inputs? */
#ifndef KYOJIN_VERIFY_H
#define KYOJIN_VERIFY_H

#include <stddef.h>

/* The command line of `kyojin verify` as core/cli parsed it:
 *   REPORT --declaration FILE [--declaration FILE]... [--policies DIR] [--lang ja|en]
 * REPORT is a JSON result, an HTML, XLSX or CSV meta-table report of kyojin. */
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
} verify_args;

/* Prints one line per input and a verdict to stdout, errors to stderr. Returns 0 when every
 * hash matches, 1 when one does not, 2 for a usage or input error. */
int verify_main(const verify_args *a, const char *default_policies);

/* SHA-256 of a policy directory as the engine computes it (runner.c): the *.lua files
 * below dir (not *_test.lua, not catalog.lua at the top, no fixtures/ directories, no
 * dot-names), sorted by relative path; for each: path, NUL, content, NUL.
 * Writes hex[65]; returns the number of files hashed, or -1 when dir is unreadable. */
int verify_policy_set_sha256(const char *dir, char hex[65]);

#endif
