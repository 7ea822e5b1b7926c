/* report_tables.h — the tabular views of a result document (findings, the asset-based
 * and business-damage-based risk sheets, the inputs and their hashes), built once and
 * rendered by the CSV and XLSX writers alike. */
#ifndef KYOJIN_REPORT_TABLES_H
#define KYOJIN_REPORT_TABLES_H

#include <stddef.h>
#include <stdio.h>
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
    /* building one declaration at a time */
    int en;
    int deferred;             /* the headers come at rt_finish (the asset sheet) */
    size_t ndecl;             /* declarations added */
    size_t dropped;           /* rows written and dropped (rt_drop_rows) before the current ones */
    struct rt_assets *assets; /* the asset sheet's columns seen and its spooled rows */
} rt_table;

/* Names of the tables, in workbook order; NULL-terminated. */
extern const char *const rt_table_names[];

/* Build table `name` from result (en: English labels). Returns 0, or -1 with err set
 * (unknown table, or out of memory); t is always safe to rt_free. */
int rt_build(const cJSON *result, const char *name, int en, rt_table *t, char *err, size_t errlen);
void rt_free(rt_table *t);

/* The same one declaration at a time, for the writers that stream (memory of one
 * declaration, whatever the batch). rt_begin: the headers and, for meta, the rows of the
 * envelope (the document without its declarations); the asset sheet's headers wait for
 * rt_finish (its countermeasure columns are those some declaration names). rt_add: the rows
 * of one declaration (the asset sheet spools them to a temporary file instead). rt_finish
 * after the last one; then rt_more gives the spooled rows one declaration at a time (1: rows
 * added, 0: no more, -1: error; the asset sheet's scored rows, then those outside the
 * analysis). rt_drop_rows forgets the rows written so far, keeping the headers. All 0 or -1
 * with err set. */
int rt_begin(const cJSON *envelope, const char *name, int en, rt_table *t, char *err,
             size_t errlen);
int rt_add(rt_table *t, const cJSON *decl, char *err, size_t errlen);
int rt_finish(rt_table *t, char *err, size_t errlen);
int rt_more(rt_table *t, char *err, size_t errlen);
void rt_drop_rows(rt_table *t);

/* A temporary file for the parts of a streamed report that can only be written after the
 * last declaration: created in $TMPDIR (/tmp) and unlinked at once, so nothing remains
 * whatever ends the run. NULL with err set on failure. report_spool_copy: rewind it and copy
 * it all to out; -1 when reading it back failed (a write error shows in ferror(out)). */
FILE *report_spool_open(char *err, size_t errlen);
int report_spool_copy(FILE *spool, FILE *out);

/* What the verification records (report_meta, the meta table) need of a streamed document:
 * a copy of the envelope without its declarations (report_summary_new), then per
 * declaration a small entry: file, sha256, compliant, error, body.code, .name and .as_of
 * (report_summary_add). NULL / -1 when out of memory. */
cJSON *report_summary_new(const cJSON *envelope);
int report_summary_add(cJSON *summary, const cJSON *decl);

static inline const rt_cell *rt_at(const rt_table *t, size_t r, size_t c)
{
    return &t->cells[r * t->ncols + c];
}

#endif
