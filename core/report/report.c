/* report.c — the table of report writers, the output-format dispatch and the JSON writer.
 * Owns: which formats exist (the one table `writers` below: name, extension, streaming or
 * whole document, binary, the function) and calling the right writer; the CLI asks this file
 * for the list of formats. Each format lives in its own file (report_text.c, report_html.c,
 * …); every writer reads only the result document. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
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

/* The HTML report being streamed (report_html_stream_*): one at a time, from begin to end. */
static html_stream *html_open;

static int html_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)envelope;
    (void)out; /* nothing before the bodies: the head needs all of them */
    report_opts ro = auditor_opts(o);
    report_html_stream_free(html_open);
    html_open = report_html_stream_new(&ro, err, errlen);
    return html_open ? 0 : -1;
}

static void html_separator(FILE *out)
{
    (void)out;
}

static int html_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    report_opts ro = auditor_opts(o);
    return report_html_body(o->envelope, decl, &ro, out, err, errlen);
}

static int html_put(const char *text, size_t len, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    (void)o;
    (void)out;
    if (!html_open) {
        snprintf(err, errlen, "HTML report: no stream begun");
        return -1;
    }
    return report_html_stream_put(html_open, text, len, err, errlen);
}

static int html_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    (void)o;
    html_stream *s = html_open;
    html_open = NULL;
    if (!s) {
        snprintf(err, errlen, "HTML report: no stream begun");
        return -1;
    }
    return report_html_stream_end(s, envelope, out, err, errlen);
}

static void html_abort(void)
{
    report_html_stream_free(html_open);
    html_open = NULL;
}

/* How a format is written one declaration at a time (byte-identical to the whole document). */
typedef struct {
    int (*begin)(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                 size_t errlen);
    void (*separator)(FILE *out); /* between two declarations */
    int (*body)(const cJSON *decl, const report_options *o, FILE *out, char *err, size_t errlen);
    int (*end)(const cJSON *envelope, const report_options *o, FILE *out, char *err, size_t errlen);
    /* optional: what is done with a body's bytes (default: copied to out), and how a stream
     * that does not reach its end is given up */
    int (*put)(const char *text, size_t len, const report_options *o, FILE *out, char *err,
               size_t errlen);
    void (*abort)(void);
} stream_ops;

static const stream_ops text_stream = {text_begin, report_text_separator, text_body, text_end, NULL,
                                       NULL};
static const stream_ops json_stream = {json_begin, json_separator, json_body, json_end, NULL, NULL};
static const stream_ops html_stream_ops = {html_begin, html_separator, html_body,
                                           html_end,   html_put,       html_abort};

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
    {"html",  "html",  &html_stream_ops, 0, 1, write_html},
    {"csv",   "csv",   NULL,         0, 1, write_csv},
    {"xlsx",  "xlsx",  NULL,         1, 1, write_xlsx},
    {"sarif", "sarif", NULL,         0, 0, write_sarif},
    {"junit", "xml",   NULL,         0, 1, write_junit},
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

int report_stream_put(const char *text, size_t len, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    const stream_ops *s = stream_of(o, err, errlen);
    if (!s) return -1;
    if (s->put) return s->put(text, len, o, out, err, errlen);
    if (fwrite(text, 1, len, out) != len) {
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    return 0;
}

void report_stream_abort(const report_options *o)
{
    const stream_ops *s = stream_ops_of(o->format);
    if (s && s->abort) s->abort();
}

int report_stream_decl(const cJSON *decl, size_t index, const report_options *o, FILE *out,
                       char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = report_stream_body(decl, o, m, err, errlen);
    if (fclose(m) != 0 && rc == 0) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    report_stream_separator(index, o, out);
    if (rc == 0) rc = report_stream_put(text, len, o, out, err, errlen);
    free(text);
    return rc;
}

int report_stream_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    const stream_ops *s = stream_of(o, err, errlen);
    return s ? s->end(envelope, o, out, err, errlen) : -1;
}
