/* render.c — test driver: read a result document (interfaces.md §5) and write one report
 * with the writers of core/report/report_*.c, without the rest of the engine. The domain
 * words come from $KYOJIN_HOME/lua (else ./lua), as kyojin reads them (kyojin.vocab).
 * Usage: render FORMAT RESULT.json OUT [--lang en] [--csv-table T]
 * FORMAT is html, csv or xlsx; OUT "-" is stdout (not for xlsx). */
#include "report/report_formats.h"
#include "report/report_vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n + 1)) != NULL) {
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
            free(buf);
            buf = NULL;
        } else
            buf[n] = 0;
    }
    fclose(f);
    return buf;
}

int main(int argc, char **argv)
{
    report_opts o = {"ja", -1};
    const char *table = "findings";
    char err[256] = "";
    int rc;
    if (argc < 4) {
        fprintf(stderr,
                "usage: render html|csv|xlsx RESULT.json OUT [--lang en] [--csv-table T]\n");
        return 2;
    }
    for (int i = 4; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--lang"))
            o.lang = argv[i + 1];
        else if (!strcmp(argv[i], "--csv-table"))
            table = argv[i + 1];
    }
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) o.source_date_epoch = atoll(sde);
    char *text = slurp(argv[2]);
    if (!text) {
        fprintf(stderr, "render: cannot read %s\n", argv[2]);
        return 2;
    }
    cJSON *result = cJSON_Parse(text);
    free(text);
    if (!result) {
        fprintf(stderr, "render: %s is not JSON\n", argv[2]);
        return 2;
    }
    if (report_vocab_load_home(err, sizeof err)) {
        fprintf(stderr, "render: %s\n", err);
        cJSON_Delete(result);
        return 2;
    }
    if (!strcmp(argv[1], "xlsx")) {
        rc = report_xlsx_write(result, &o, argv[3], err, sizeof err);
    } else {
        FILE *out = strcmp(argv[3], "-") ? fopen(argv[3], "wb") : stdout;
        if (!out) {
            fprintf(stderr, "render: cannot write %s\n", argv[3]);
            cJSON_Delete(result);
            report_vocab_free();
            return 2;
        }
        if (!strcmp(argv[1], "html"))
            rc = report_html_write(result, &o, out, err, sizeof err);
        else if (!strcmp(argv[1], "csv"))
            rc = report_csv_write_table(result, &o, table, out, err, sizeof err);
        else {
            snprintf(err, sizeof err, "unknown format %s", argv[1]);
            rc = -1;
        }
        if (out != stdout && fclose(out) != 0 && rc == 0) {
            snprintf(err, sizeof err, "close failed");
            rc = -1;
        }
    }
    cJSON_Delete(result);
    report_vocab_free();
    if (rc) {
        fprintf(stderr, "render: %s\n", err);
        return 1;
    }
    return 0;
}
