/* report_tables.h — the tabular views of a result document (findings, the asset-based
 * and business-damage-based risk sheets, the inputs and their hashes), built once and
 * rendered by the CSV and XLSX writers alike. */
#ifndef KYOJIN_REPORT_TABLES_H
#define KYOJIN_REPORT_TABLES_H

#include <stddef.h>
#include <cjson/cJSON.h>

enum { RT_EMPTY, RT_TEXT, RT_NUMBER };
enum { RT_PLAIN = 0, RT_RISK = 1, RT_PTR = 2 }; /* cell styles */
enum { RT_ROW_PLAIN = 0, RT_ROW_GROUP = 1 };    /* row styles (tree rows) */

typedef struct {
    int kind;   /* RT_EMPTY, RT_TEXT, RT_NUMBER */
    int style;  /* RT_PLAIN, RT_RISK (text is a risk letter), RT_PTR */
    char *text; /* RT_TEXT: UTF-8, owned */
    double num; /* RT_NUMBER */
} rt_cell;

typedef struct {
    const char *name;  /* "findings", "assets", "trees", "meta" */
    const char *title; /* sheet name in the report language */
    size_t ncols, nrows, cap;
    char **head;    /* ncols headers, owned */
    char **group;   /* ncols group headings above them (the IPA stage of a countermeasure
                       column), owned; NULL entries for none */
    double *width;  /* ncols column widths (spreadsheet character units) */
    rt_cell *cells; /* nrows * ncols */
    int *row_style; /* nrows */
} rt_table;

/* Names of the tables, in workbook order; NULL-terminated. */
extern const char *const rt_table_names[];

/* Build table `name` from result (en: English labels). Returns 0, or -1 with err set
 * (unknown table, or out of memory); t is always safe to rt_free. */
int rt_build(const cJSON *result, const char *name, int en, rt_table *t, char *err, size_t errlen);
void rt_free(rt_table *t);

static inline const rt_cell *rt_at(const rt_table *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}

#endif
