/* report_formats.h — entry points of the auditor report writers (HTML, CSV, XLSX).
 *
 * Each writer reads only the result document (docs/dev/interfaces.md §5, with the risk
 * section of §8 inside each declaration result) and writes one report. Output is
 * deterministic: the same result document and options give byte-identical files. */
#ifndef KYOJIN_REPORT_FORMATS_H
#define KYOJIN_REPORT_FORMATS_H

#include <stdio.h>
#include <stddef.h>
#include <cjson/cJSON.h>

typedef struct {
    const char *lang;            /* "ja" (default) or "en" */
    long long source_date_epoch; /* from SOURCE_DATE_EPOCH, or -1 */
} report_opts;

/* Return 0, or -1 with err set. */
int report_html_write(const cJSON *result, const report_opts *o, FILE *out, char *err,
                      size_t errlen);

/* The HTML report one declaration at a time, byte-identical to report_html_write; memory holds
 * a few hundred bytes per declaration (its entries of the data block and the table of
 * contents), the bodies wait in an unnamed temporary file until the end.
 *   report_html_body renders one declaration of the document whose other members are in
 *   `envelope`, wherever it is evaluated (a worker process): a line of JSON with its entries,
 *   then its body, with its number in the document left open;
 *   report_html_stream_new / _put / _end: the writer's side, which takes those bytes in
 *   document order, numbers them, and at the end writes the head, the cover, the table of
 *   contents and the bodies. _end and _free free the stream. Each returns 0 (or the stream),
 *   or -1 (NULL) with err set. */
typedef struct html_stream html_stream;
int report_html_body(const cJSON *envelope, const cJSON *decl, const report_opts *o, FILE *out,
                     char *err, size_t errlen);
html_stream *report_html_stream_new(const report_opts *o, char *err, size_t errlen);
int report_html_stream_put(html_stream *s, const char *text, size_t len, char *err, size_t errlen);
int report_html_stream_end(html_stream *s, const cJSON *envelope, FILE *out, char *err,
                           size_t errlen);
void report_html_stream_free(html_stream *s);

/* CSV: one table per file. report_csv_write writes the findings table;
 * report_csv_write_table writes the named table: "findings", "assets" (asset-based risk
 * sheet), "trees" (business-damage-based risk sheet) or "meta" (inputs and their hashes).
 * UTF-8 with BOM, CRLF line ends, RFC 4180 quoting, formula-like cells neutralised. */
int report_csv_write(const cJSON *result, const report_opts *o, FILE *out, char *err,
                     size_t errlen);
int report_csv_write_table(const cJSON *result, const report_opts *o, const char *table, FILE *out,
                           char *err, size_t errlen);
/* The same one declaration at a time (one report at a time per process): begin with the
 * envelope (the document without its declarations), one call per declaration, end. After
 * an error the report is abandoned (the next begin starts afresh). */
int report_csv_begin(const cJSON *envelope, const report_opts *o, const char *table, FILE *out,
                     char *err, size_t errlen);
int report_csv_decl(const cJSON *decl, FILE *out, char *err, size_t errlen);
int report_csv_end(FILE *out, char *err, size_t errlen);

/* XLSX workbook at path (libxlsxwriter writes the file itself), landed whole through
 * util/atomic_out.h (a temp file renamed into place; a FIFO or device gets the bytes at the
 * end). The creation time is SOURCE_DATE_EPOCH when given, otherwise the report's issue date
 * (rl_report_date), otherwise a fixed date, so the bytes are reproducible. */
int report_xlsx_write(const cJSON *result, const report_opts *o, const char *path, char *err,
                      size_t errlen);

/* The same workbook created at exactly `file`, with no temp file or rename: for callers that
 * hold a name from atomic_out_open_named and commit it themselves (kyojin check -o). */
int report_xlsx_build(const cJSON *result, const report_opts *o, const char *file, char *err,
                      size_t errlen);

/* The same workbook one declaration at a time (like report_csv_begin): the file is created
 * at report_xlsx_end. */
int report_xlsx_begin(const cJSON *envelope, const report_opts *o, char *err, size_t errlen);
int report_xlsx_decl(const cJSON *decl, char *err, size_t errlen);
int report_xlsx_end(const char *file, char *err, size_t errlen);

/* SARIF and JUnit (the whole document: report_sarif_write, report_junit_write in
 * rollup/rollup.h) one declaration at a time, like report_csv_begin. */
int report_sarif_begin(const cJSON *envelope, const char *lang, char *err, size_t errlen);
int report_sarif_decl(const cJSON *decl, char *err, size_t errlen);
int report_sarif_end(FILE *out, char *err, size_t errlen);
int report_junit_begin(const cJSON *envelope, const char *lang, char *err, size_t errlen);
int report_junit_decl(const cJSON *decl, char *err, size_t errlen);
int report_junit_end(FILE *out, char *err, size_t errlen);

/* Canonical SHA-256 of the parameters in effect (hex of the unformatted JSON of
 * result.parameters, "{}" when absent); writes 65 bytes into hex. Shared by the writers
 * and by `kyojin verify`. Returns 0, or -1 when printing failed. */
int report_parameters_sha256(const cJSON *result, char hex[65]);

#endif
