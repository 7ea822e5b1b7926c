/* report.c — the output-format dispatch and the JSON writer.
 * Owns: which formats exist and calling the right writer. Each format lives in its own file
 * (report_text.c, and the writers added next to it); every writer reads only the result
 * document. */
#include "report/report.h"
#include "util/jsonout.h"
#include "report/report_formats.h" /* html, csv, xlsx */
#include "rollup/rollup.h" /* sarif, junit (core/report/report_sarif.c, core/report/report_junit.c) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* add new formats here and in report_write below. */
static const char *const formats[] = {"text", "json",  "html",  "csv",
                                      "xlsx", "sarif", "junit", NULL};

int report_format_known(const char *format)
{
    for (int i = 0; formats[i]; i++)
        if (strcmp(formats[i], format) == 0) return 1;
    return 0;
}

const char *report_format_list(void)
{
    return "text, json, html, csv, xlsx, sarif, junit";
}

int report_format_needs_file(const char *format)
{
    return strcmp(format, "xlsx") == 0;
}

static int write_json(const cJSON *result, FILE *out, char *err, size_t errlen)
{
    if (json_write(out, result, 1, 0) || fputc('\n', out) == EOF) {
        snprintf(err, errlen, "%s", ferror(out) ? strerror(errno) : "invalid result document");
        return -1;
    }
    return 0;
}

int report_write(const cJSON *result, const report_options *o, FILE *out, const char *path,
                 char *err, size_t errlen)
{
    (void)path;
    if (strcmp(o->format, "json") == 0) return write_json(result, out, err, errlen);
    if (strcmp(o->format, "text") == 0) return report_text_write(result, o, out);
    /* dispatch to further writers here. */
    if (strcmp(o->format, "sarif") == 0)
        return report_sarif_write(result, o->lang, out, err, errlen);
    if (strcmp(o->format, "junit") == 0)
        return report_junit_write(result, o->lang, out, err, errlen);
    if (!strcmp(o->format, "html") || !strcmp(o->format, "csv") || !strcmp(o->format, "xlsx")) {
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        report_opts ro = {o->lang, sde && *sde ? strtoll(sde, NULL, 10) : -1};
        if (!strcmp(o->format, "html")) return report_html_write(result, &ro, out, err, errlen);
        if (!strcmp(o->format, "csv"))
            return report_csv_write_table(result, &ro, o->csv_table, out, err, errlen);
        return report_xlsx_write_stream(result, &ro, out, path, err, errlen);
    }
    snprintf(err, errlen, "unknown format '%s'", o->format);
    return -1;
}

/* ---- streaming ------------------------------------------------------------------ */

int report_format_streams(const char *format)
{
    return !strcmp(format, "json") || !strcmp(format, "text");
}

/* cJSON_Print of the envelope with an empty "declarations" array, split at that array:
 * *head gets everything up to and including its '[', the return value points just
 * past it (the ']' and what follows). The key is the document's last until the end. */
static char *split_envelope(const cJSON *envelope, char **text, char *err, size_t errlen)
{
    *text = json_print(envelope, 1, NULL);
    if (!*text) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    char *at = strstr(*text, "\n\t\"declarations\":\t[]");
    if (!at) {
        snprintf(err, errlen, "result document has no declarations array");
        free(*text);
        *text = NULL;
        return NULL;
    }
    return at + strlen("\n\t\"declarations\":\t[");
}

int report_stream_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                        size_t errlen)
{
    if (!strcmp(o->format, "text")) {
        report_text_begin(envelope, o, out);
        return 0;
    }
    char *text;
    char *rest = split_envelope(envelope, &text, err, errlen);
    if (!rest) return -1;
    fwrite(text, 1, (size_t)(rest - text), out);
    free(text);
    return 0;
}

void report_stream_separator(size_t index, const report_options *o, FILE *out)
{
    if (!index) return;
    if (!strcmp(o->format, "text"))
        report_text_separator(out);
    else
        fputs(", ", out);
}

int report_stream_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                       size_t errlen)
{
    if (!strcmp(o->format, "text")) {
        report_text_decl(decl, o, out, 1);
        return 0;
    }
    /* an element of the document's "declarations" array: two levels deep */
    if (json_write(out, decl, 1, 2)) {
        snprintf(err, errlen, "%s", ferror(out) ? strerror(errno) : "invalid result document");
        return -1;
    }
    return 0;
}

int report_stream_decl(const cJSON *decl, size_t index, const report_options *o, FILE *out,
                       char *err, size_t errlen)
{
    report_stream_separator(index, o, out);
    return report_stream_body(decl, o, out, err, errlen);
}

int report_stream_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    if (!strcmp(o->format, "text")) return 0;
    char *text;
    char *rest = split_envelope(envelope, &text, err, errlen);
    if (!rest) return -1;
    fputs(rest, out);
    fputc('\n', out);
    free(text);
    return 0;
}
