/* report_csv.c — CSV reports (--format csv, table chosen with --csv-table).
 *
 * One table per file: findings (default), assets (asset-based risk sheet), trees
 * (business-damage-based risk sheet) or meta (inputs and their hashes). Excel on
 * Japanese Windows opens the files as they are: UTF-8 with a BOM, CRLF line ends,
 * RFC 4180 quoting. Text cells that a spreadsheet would take for a formula get an
 * apostrophe (csv_text, report_escape.c). Layout comes from report_tables.c. */
#include "report/report_formats.h"
#include "report/report_escape.h"
#include "report/report_labels.h"
#include "report/report_tables.h"

#include <string.h>

int report_csv_write_table(const cJSON *result, const report_opts *o, const char *table, FILE *out,
                           char *err, size_t errlen)
{
    rt_table t;
    int en = o ? rl_is_en(o->lang) : 0;
    if (rt_build(result, table ? table : "findings", en, &t, err, errlen) != 0) {
        rt_free(&t);
        return -1;
    }
    fputs("\xEF\xBB\xBF", out);
    for (size_t c = 0; c < t.ncols; c++) {
        if (c) fputc(',', out);
        csv_text(out, t.head[c]);
    }
    fputs("\r\n", out);
    for (size_t r = 0; r < t.nrows; r++) {
        for (size_t c = 0; c < t.ncols; c++) {
            const rt_cell *cell = rt_at(&t, r, c);
            if (c) fputc(',', out);
            if (cell->kind == RT_NUMBER)
                csv_number(out, cell->num);
            else if (cell->kind == RT_TEXT)
                csv_text(out, cell->text);
        }
        fputs("\r\n", out);
    }
    /* what `kyojin verify` reads: the meta table has it as its "rendering" row, the other
     * tables as a last row "#kyojin-report" (report_meta) */
    const cJSON *rendering = cJSON_GetObjectItemCaseSensitive(result, "rendering");
    int is_meta = table && !strcmp(table, "meta");
    char *meta = !rendering ? NULL
                 : is_meta  ? cJSON_PrintUnformatted(rendering)
                            : report_meta_text(result, 1);
    if (rendering && !meta) {
        rt_free(&t);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (meta) {
        csv_text(out, is_meta ? "rendering" : "#kyojin-report");
        fputc(',', out);
        csv_text(out, meta);
        for (size_t c = 2; c < t.ncols; c++) fputc(',', out);
        fputs("\r\n", out);
        cJSON_free(meta);
    }
    rt_free(&t);
    if (ferror(out)) {
        snprintf(err, errlen, "write error on the CSV report");
        return -1;
    }
    return 0;
}

int report_csv_write(const cJSON *result, const report_opts *o, FILE *out, char *err, size_t errlen)
{
    return report_csv_write_table(result, o, "findings", out, err, errlen);
}
