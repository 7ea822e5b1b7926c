/* report_csv.c — CSV reports (--format csv, table chosen with --csv-table).
 *
 * One table per file: findings (default), assets (asset-based risk sheet), trees
 * (business-damage-based risk sheet) or meta (inputs and their hashes). Excel on
 * Japanese Windows opens the files as they are: UTF-8 with a BOM, CRLF line ends,
 * RFC 4180 quoting. Text cells that a spreadsheet would take for a formula get an
 * apostrophe (csv_text, report_escape.c). Layout comes from report_tables.c. Written one
 * declaration at a time (report_csv_begin, _decl, _end): the memory of one declaration. */
#include "report/report_formats.h"
#include "report/report_escape.h"
#include "report/report_labels.h"
#include "report/report_tables.h"

#include <string.h>

/* The table being written (one report at a time): its headers and the rows not yet
 * written, the summary its verification row needs. */
static struct {
    rt_table t;
    cJSON *summary;
    int is_meta;
} csv;

static void csv_reset(void)
{
    rt_free(&csv.t);
    cJSON_Delete(csv.summary);
    memset(&csv, 0, sizeof csv);
}

static void csv_head(FILE *out)
{
    for (size_t c = 0; c < csv.t.ncols; c++) {
        if (c) fputc(',', out);
        csv_text(out, csv.t.head[c]);
    }
    fputs("\r\n", out);
}

/* Write the rows built so far and forget them. */
static void csv_rows(FILE *out)
{
    const rt_table *t = &csv.t;
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t c = 0; c < t->ncols; c++) {
            const rt_cell *cell = rt_at(t, r, c);
            if (c) fputc(',', out);
            if (cell->kind == RT_NUMBER)
                csv_number(out, cell->num);
            else if (cell->kind == RT_TEXT)
                csv_text(out, cell->text);
        }
        fputs("\r\n", out);
    }
    rt_drop_rows(&csv.t);
}

static int csv_fail(const char *what, char *err, size_t errlen)
{
    if (what) snprintf(err, errlen, "%s", what);
    csv_reset();
    return -1;
}

int report_csv_begin(const cJSON *envelope, const report_opts *o, const char *table, FILE *out,
                     char *err, size_t errlen)
{
    csv_reset();
    if (rt_begin(envelope, table ? table : "findings", o ? rl_is_en(o->lang) : 0, &csv.t, err,
                 errlen) != 0)
        return csv_fail(NULL, err, errlen);
    if (!(csv.summary = report_summary_new(envelope)))
        return csv_fail("out of memory", err, errlen);
    csv.is_meta = !strcmp(csv.t.name, "meta");
    fputs("\xEF\xBB\xBF", out);
    if (!csv.t.deferred) csv_head(out);
    csv_rows(out); /* the meta table's envelope rows */
    return 0;
}

int report_csv_decl(const cJSON *decl, FILE *out, char *err, size_t errlen)
{
    if (!csv.t.name) return csv_fail("no CSV table begun", err, errlen);
    if (rt_add(&csv.t, decl, err, errlen) != 0) return csv_fail(NULL, err, errlen);
    if (report_summary_add(csv.summary, decl) != 0) return csv_fail("out of memory", err, errlen);
    csv_rows(out);
    if (ferror(out)) return csv_fail("write error on the CSV report", err, errlen);
    return 0;
}

int report_csv_end(FILE *out, char *err, size_t errlen)
{
    int k;
    if (!csv.t.name) return csv_fail("no CSV table begun", err, errlen);
    if (csv.t.deferred) { /* the asset sheet: headers and rows now */
        if (rt_finish(&csv.t, err, errlen) != 0) return csv_fail(NULL, err, errlen);
        csv_head(out);
        while ((k = rt_more(&csv.t, err, errlen)) > 0) csv_rows(out);
        if (k < 0) return csv_fail(NULL, err, errlen);
    }
    /* what `kyojin verify` reads: the meta table has it as its "rendering" row, the other
     * tables as a last row "#kyojin-report" (report_meta) */
    const cJSON *rendering = cJSON_GetObjectItemCaseSensitive(csv.summary, "rendering");
    char *meta = !rendering    ? NULL
                 : csv.is_meta ? cJSON_PrintUnformatted(rendering)
                               : report_meta_text(csv.summary, 1);
    if (rendering && !meta) return csv_fail("out of memory", err, errlen);
    if (meta) {
        csv_text(out, csv.is_meta ? "rendering" : "#kyojin-report");
        fputc(',', out);
        csv_text(out, meta);
        for (size_t c = 2; c < csv.t.ncols; c++) fputc(',', out);
        fputs("\r\n", out);
        cJSON_free(meta);
    }
    if (ferror(out)) return csv_fail("write error on the CSV report", err, errlen);
    csv_reset();
    return 0;
}

int report_csv_write_table(const cJSON *result, const report_opts *o, const char *table, FILE *out,
                           char *err, size_t errlen)
{
    const cJSON *d;
    if (report_csv_begin(result, o, table, out, err, errlen) != 0) return -1;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations"))
        if (report_csv_decl(d, out, err, errlen) != 0) return -1;
    return report_csv_end(out, err, errlen);
}

int report_csv_write(const cJSON *result, const report_opts *o, FILE *out, char *err, size_t errlen)
{
    return report_csv_write_table(result, o, "findings", out, err, errlen);
}
