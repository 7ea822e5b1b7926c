/*
 * driver.c — a tiny stand-alone front end for the roll-up module, so its
 * tests run without the policy engine: `driver sarif|junit RESULT.json
 * [lang]` and `driver baseline RESULT.json BASELINE.json`. The commands summary,
 * diff and gen take their options from the kyojin command line (core/cli).
 */
#include "rollup/rollup.h"

#include <string.h>

int main(int argc, char **argv)
{
    char err[512];
    if (argc < 2) {
        fputs("usage: driver sarif|junit|baseline ...\n", stderr);
        return 2;
    }
    if (argc < 3) return 2;
    cJSON *doc = rollup_load_json(argv[2], err, sizeof err);
    if (!doc) {
        fprintf(stderr, "driver: %s\n", err);
        return 3;
    }
    int rc = 0;
    const char *lang = argc > 3 ? argv[3] : "ja";
    if (strcmp(argv[1], "sarif") == 0) {
        rc = report_sarif_write(doc, lang, stdout, err, sizeof err);
    } else if (strcmp(argv[1], "junit") == 0) {
        rc = report_junit_write(doc, lang, stdout, err, sizeof err);
    } else if (strcmp(argv[1], "baseline") == 0 && argc > 3) {
        cJSON *base = rollup_load_json(argv[3], err, sizeof err);
        rc = base ? baseline_apply(doc, base, err, sizeof err) : -1;
        if (rc == 0) {
            char *t = cJSON_Print(doc);
            puts(t);
            cJSON_free(t);
        }
        cJSON_Delete(base);
    } else {
        rc = -1;
        snprintf(err, sizeof err, "unknown subcommand %s", argv[1]);
    }
    if (rc != 0) fprintf(stderr, "driver: %s\n", err);
    cJSON_Delete(doc);
    return rc ? 3 : 0;
}
