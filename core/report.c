/* report.c — the output-format dispatch and the JSON writer.
 * Owns: which formats exist and calling the right writer. Each format lives in its own file
 * (report_text.c, and the writers added next to it); every writer reads only the result
 * document. */
#include "report.h"
#include "report_formats.h" /* REPORT: html, csv, xlsx */
#include "rollup.h" /* REPORT: sarif, junit (core/report_sarif.c, core/report_junit.c) */
#include <stdlib.h>
#include <string.h>

/* REPORT: add new formats here and in report_write below. */
static const char *const formats[] = {"text", "json", "html", "csv", "xlsx", "sarif", "junit", NULL};

int report_format_known(const char *format)
{
    for (int i = 0; formats[i]; i++)
        if (strcmp(formats[i], format) == 0) return 1;
    return 0;
}

const char *report_format_list(void) { return "text, json, html, csv, xlsx, sarif, junit"; }

int report_format_needs_file(const char *format) { return strcmp(format, "xlsx") == 0; }

static int write_json(const cJSON *result, FILE *out, char *err, size_t errlen)
{
    char *s = cJSON_Print(result);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    fputs(s, out);
    fputc('\n', out);
    cJSON_free(s);
    return 0;
}

int report_write(const cJSON *result, const report_options *o, FILE *out, const char *path, char *err, size_t errlen)
{
    (void)path;
    if (strcmp(o->format, "json") == 0) return write_json(result, out, err, errlen);
    if (strcmp(o->format, "text") == 0) return report_text_write(result, o, out);
    /* REPORT: dispatch to further writers here. */
    if (strcmp(o->format, "sarif") == 0) return report_sarif_write(result, o->lang, out, err, errlen);
    if (strcmp(o->format, "junit") == 0) return report_junit_write(result, o->lang, out, err, errlen);
    if (!strcmp(o->format, "html") || !strcmp(o->format, "csv") || !strcmp(o->format, "xlsx")) {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        report_opts ro = {o->lang, sde && *sde ? strtoll(sde, NULL, 10) : -1};
        if (!strcmp(o->format, "html")) return report_html_write(result, &ro, out, err, errlen);
        if (!strcmp(o->format, "csv")) return report_csv_write_table(result, &ro, o->csv_table, out, err, errlen);
        return report_xlsx_write_stream(result, &ro, out, path, err, errlen);
    }
    snprintf(err, errlen, "unknown format '%s'", o->format);
    return -1;
}
