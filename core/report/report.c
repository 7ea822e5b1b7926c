/* report.c — the table of report writers, the output-format dispatch and the JSON writer.
 * Owns: which formats exist (the one table `writers` below: name, extension, streaming or
 * whole document, binary, the function) and calling the right writer; the CLI asks this file
 * for the list of formats. Each format lives in its own file (report_text.c, report_html.c,
 * …); every writer reads only the result document. */
#include "report/report.h"
#include "util/jsonout.h"
#include "report/report_formats.h" /* html, csv, xlsx */
#include "rollup/rollup.h" /* sarif, junit (core/report/report_sarif.c, core/report/report_junit.c) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A writer of the whole document (path: the output file, for formats written by name). */
typedef int (*writer_fn)(const cJSON *result, const report_options *o, FILE *out, const char *path,
                         char *err, size_t errlen);

static int write_json(const cJSON *result, const report_options *o, FILE *out, const char *path,
                      char *err, size_t errlen)
{
    (void)o;
    (void)path;
    if (json_write(out, result, 1, 0) || fputc('\n', out) == EOF) {
        snprintf(err, errlen, "%s", ferror(out) ? strerror(errno) : "invalid result document");
        return -1;
    }
    return 0;
}

static int write_text(const cJSON *result, const report_options *o, FILE *out, const char *path,
                      char *err, size_t errlen)
{
    (void)path;
    (void)err;
    (void)errlen;
    return report_text_write(result, o, out);
}

static int write_sarif(const cJSON *result, const report_options *o, FILE *out, const char *path,
                       char *err, size_t errlen)
{
    (void)path;
    return report_sarif_write(result, o->lang, out, err, errlen);
}

static int write_junit(const cJSON *result, const report_options *o, FILE *out, const char *path,
                       char *err, size_t errlen)
{
    (void)path;
    return report_junit_write(result, o->lang, out, err, errlen);
}

/* the auditor reports take the creation time from SOURCE_DATE_EPOCH */
static report_opts auditor_opts(const report_options *o)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    report_opts ro = {o->lang, sde && *sde ? strtoll(sde, NULL, 10) : -1};
    return ro;
}

static int write_html(const cJSON *result, const report_options *o, FILE *out, const char *path,
                      char *err, size_t errlen)
{
    report_opts ro = auditor_opts(o);
    (void)path;
    return report_html_write(result, &ro, out, err, errlen);
}

static int write_csv(const cJSON *result, const report_options *o, FILE *out, const char *path,
                     char *err, size_t errlen)
{
    report_opts ro = auditor_opts(o);
    (void)path;
    return report_csv_write_table(result, &ro, o->csv_table, out, err, errlen);
}

static int write_xlsx(const cJSON *result, const report_options *o, FILE *out, const char *path,
                      char *err, size_t errlen)
{
    report_opts ro = auditor_opts(o);
    (void)out; /* a binary file format: path names the file to create */
    return report_xlsx_build(result, &ro, path, err, errlen);
}

/* ---- streaming ------------------------------------------------------------------ */

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

static int json_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)o;
    char *text;
    char *rest = split_envelope(envelope, &text, err, errlen);
    if (!rest) return -1;
    fwrite(text, 1, (size_t)(rest - text), out);
    free(text);
    return 0;
}

static void json_separator(FILE *out)
{
    fputs(", ", out);
}

static int json_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)o;
    /* an element of the document's "declarations" array: two levels deep */
    if (json_write(out, decl, 1, 2)) {
        snprintf(err, errlen, "%s", ferror(out) ? strerror(errno) : "invalid result document");
        return -1;
    }
    return 0;
}

static int json_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    (void)o;
    char *text;
    char *rest = split_envelope(envelope, &text, err, errlen);
    if (!rest) return -1;
    fputs(rest, out);
    fputc('\n', out);
    free(text);
    return 0;
}

static int text_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)err;
    (void)errlen;
    report_text_begin(envelope, o, out);
    return 0;
}

static int text_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)err;
    (void)errlen;
    report_text_decl(decl, o, out, 1);
    return 0;
}

static int text_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    if (report_text_end(envelope, o, out) == 0) return 0;
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* csv, sarif, junit: the writer keeps what the parts after the last declaration need (a small
 * summary, a temporary file), so a body is written where the writer runs, in order. */
static void no_separator(FILE *out)
{
    (void)out;
}

static int csv_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    report_opts ro = auditor_opts(o);
    return report_csv_begin(envelope, &ro, o->csv_table, out, err, errlen);
}

static int csv_body(const cJSON *decl, const report_options *o, FILE *out, char *err, size_t errlen)
{
    (void)o;
    return report_csv_decl(decl, out, err, errlen);
}

static int csv_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                   size_t errlen)
{
    (void)envelope;
    (void)o;
    return report_csv_end(out, err, errlen);
}

static int sarif_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                       size_t errlen)
{
    (void)out;
    return report_sarif_begin(envelope, o->lang, err, errlen);
}

static int sarif_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)o;
    (void)out;
    return report_sarif_decl(decl, err, errlen);
}

static int sarif_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)envelope;
    (void)o;
    return report_sarif_end(out, err, errlen);
}

static int junit_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                       size_t errlen)
{
    (void)out;
    return report_junit_begin(envelope, o->lang, err, errlen);
}

static int junit_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)o;
    (void)out;
    return report_junit_decl(decl, err, errlen);
}

static int junit_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)envelope;
    (void)o;
    return report_junit_end(out, err, errlen);
}

static int xlsx_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    report_opts ro = auditor_opts(o);
    (void)out; /* a binary file format: o->file names the file, created at the end */
    return report_xlsx_begin(envelope, &ro, err, errlen);
}

static int xlsx_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)o;
    (void)out;
    return report_xlsx_decl(decl, err, errlen);
}

static int xlsx_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    (void)envelope;
    (void)out;
    return report_xlsx_end(o->file, err, errlen);
}

/* How a format is written one declaration at a time (byte-identical to the whole document). */
typedef struct {
    int (*begin)(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                 size_t errlen);
    void (*separator)(FILE *out); /* between two declarations */
    int (*body)(const cJSON *decl, const report_options *o, FILE *out, char *err, size_t errlen);
    int (*end)(const cJSON *envelope, const report_options *o, FILE *out, char *err, size_t errlen);
    int keeps_state; /* the writer keeps state between begin and end: every body is written in
                        this process, in order (never rendered apart, e.g. in a worker) */
} stream_ops;

static const stream_ops text_stream = {text_begin, report_text_separator, text_body, text_end, 0};
static const stream_ops json_stream = {json_begin, json_separator, json_body, json_end, 0};
static const stream_ops csv_stream = {csv_begin, no_separator, csv_body, csv_end, 1};
static const stream_ops sarif_stream = {sarif_begin, no_separator, sarif_body, sarif_end, 1};
static const stream_ops junit_stream = {junit_begin, no_separator, junit_body, junit_end, 1};
static const stream_ops xlsx_stream = {xlsx_begin, no_separator, xlsx_body, xlsx_end, 1};

/* ---- the table of writers --------------------------------------------------------- */

/* The report writers, in the order `--format` lists them: one row per format. */
static const struct {
    const char *name;         /* --format value */
    const char *extension;    /* usual file name extension of the output */
    const stream_ops *stream; /* written one declaration at a time (report_stream_*), or NULL:
                                  whole document only (report_write) */
    int needs_file;           /* binary output that needs -o */
    int words;                /* shows domain words: needs kyojin.vocab loaded (report_vocab.h) */
    writer_fn write;          /* the whole document */
} writers[] = {
    /* clang-format off */
    {"text",  "txt",   &text_stream, 0, 1, write_text},
    {"json",  "json",  &json_stream, 0, 0, write_json},
    {"html",  "html",  NULL,         0, 1, write_html},
    {"csv",   "csv",   &csv_stream,  0, 1, write_csv},
    {"xlsx",  "xlsx",  &xlsx_stream, 1, 1, write_xlsx},
    {"sarif", "sarif", &sarif_stream, 0, 0, write_sarif},
    {"junit", "xml",   &junit_stream, 0, 1, write_junit},
    /* clang-format on */
};
#define NWRITERS (sizeof writers / sizeof writers[0])

static int find_writer(const char *format)
{
    for (size_t i = 0; format && i < NWRITERS; i++)
        if (strcmp(writers[i].name, format) == 0) return (int)i;
    return -1;
}

int report_format_known(const char *format)
{
    return find_writer(format) >= 0;
}

const char *report_format_list(void)
{
    static char list[256];
    if (!list[0])
        for (size_t i = 0, n = 0; i < NWRITERS && n < sizeof list; i++)
            n +=
                (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", writers[i].name);
    return list;
}

int report_format_needs_file(const char *format)
{
    int i = find_writer(format);
    return i >= 0 && writers[i].needs_file;
}

int report_format_needs_words(const char *format)
{
    int i = find_writer(format);
    return i >= 0 && writers[i].words;
}

const char *report_format_extension(const char *format)
{
    int i = find_writer(format);
    return i >= 0 ? writers[i].extension : NULL;
}

int report_write(const cJSON *result, const report_options *o, FILE *out, const char *path,
                 char *err, size_t errlen)
{
    int i = find_writer(o->format);
    if (i < 0) {
        snprintf(err, errlen, "unknown format '%s'", o->format ? o->format : "");
        return -1;
    }
    return writers[i].write(result, o, out, path, err, errlen);
}

static const stream_ops *stream_ops_of(const char *format)
{
    int i = find_writer(format);
    return i >= 0 ? writers[i].stream : NULL;
}

int report_format_streams(const char *format)
{
    return stream_ops_of(format) != NULL;
}

int report_stream_renders_alone(const char *format)
{
    const stream_ops *s = stream_ops_of(format);
    return s && !s->keeps_state;
}

/* the stream operations of o->format, or NULL with err set */
static const stream_ops *stream_of(const report_options *o, char *err, size_t errlen)
{
    const stream_ops *s = stream_ops_of(o->format);
    if (!s)
        snprintf(err, errlen, "format '%s' is not written one declaration at a time",
                 o->format ? o->format : "");
    return s;
}

int report_stream_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                        size_t errlen)
{
    const stream_ops *s = stream_of(o, err, errlen);
    return s ? s->begin(envelope, o, out, err, errlen) : -1;
}

void report_stream_separator(size_t index, const report_options *o, FILE *out)
{
    const stream_ops *s = stream_ops_of(o->format);
    if (index && s) s->separator(out);
}

int report_stream_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                       size_t errlen)
{
    const stream_ops *s = stream_of(o, err, errlen);
    return s ? s->body(decl, o, out, err, errlen) : -1;
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
    const stream_ops *s = stream_of(o, err, errlen);
    return s ? s->end(envelope, o, out, err, errlen) : -1;
}
