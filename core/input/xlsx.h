/* xlsx.h — a declaration as an Excel workbook: the column specs shared by the writer and the
 * reader, the reader (workbook → the cJSON tree the JSON reader makes, with a JSON pointer →
 * "sheet!cell" map), and the writer (layout of kyojin.workbook + optional declaration →
 * workbook). The layout and the meaning of a spec: lua/kyojin/workbook.lua. */
#ifndef KYOJIN_XLSX_H
#define KYOJIN_XLSX_H
#include <stddef.h>
#include <cjson/cJSON.h>

/* Cap on the bytes all parts of a workbook may inflate to (zip bombs). */
#define XLSX_DEFAULT_MAX_UNCOMPRESSED ((size_t)64 * 1024 * 1024)

/* ------------------------------------------------------------------ column specs */

/* "POINTER|KIND[|OPTION...]" parsed. */
typedef struct {
    char *ptr; /* pointer template: "*" stands for the index of an item */
    char kind; /* s c d i n b f e l o a p t (see lua/kyojin/workbook.lua) */
    int nullable, bang, digits;
    char *enumname; /* enum=NAME, or NULL */
    char *key;      /* key=FIELD (kind p), or NULL */
    int stars;      /* number of "*" segments */
} xlsx_spec;

/* 0, or -1 when the text is not a well-formed spec. */
int xlsx_spec_parse(const char *text, xlsx_spec *s);
void xlsx_spec_free(xlsx_spec *s);

/* The key of one pointer segment (n bytes at seg, RFC 6901 "~0" "~1" decoded) into key;
 * 0, or -1 when it does not fit in cap. */
int xlsx_pointer_key(const char *seg, size_t n, char *key, size_t cap);

/* The node at a pointer template with its stars replaced by idx[] (read only), or NULL. */
const cJSON *xlsx_resolve(const cJSON *root, const char *tmpl, const int *idx, int nidx);

/* "D7" for column 3, row 6 (0-based). */
void xlsx_cell_name(unsigned col, unsigned row, char buf[16]);

/* ------------------------------------------------------------------ positions */

typedef struct xlsx_cells xlsx_cells;

/* The cell ("資産!D7") of a pointer, or of its nearest ancestor that has one; NULL if none. */
const char *xlsx_cells_find(const xlsx_cells *c, const char *pointer);
void xlsx_cells_free(xlsx_cells *c);
/* Building the map (the reader): a new empty map; record a position (the first recorded for
 * a pointer wins; 0, or -1 out of memory); the pointer recorded for a cell, or NULL. */
xlsx_cells *xlsx_cells_new(void);
int xlsx_cells_add(xlsx_cells *c, const char *pointer, const char *cell);
const char *xlsx_cells_pointer(const xlsx_cells *c, const char *cell);

/* ------------------------------------------------------------------ reader */

/* Whether the bytes look like a zip archive (an XLSX workbook). */
int xlsx_is_workbook(const char *buf, size_t len);

/* Read a declaration workbook: 0 with *root and *cells, or -1 with every problem found, one
 * per line ("資産!D7: reason"), in Japanese and English (malloc'd; free both). */
int xlsx_read_declaration(const unsigned char *buf, size_t len, size_t max_uncompressed,
                          cJSON **root, xlsx_cells **cells, char **msg_ja, char **msg_en);

/* ------------------------------------------------------------------ writer */

/* Write the workbook of `layout` (kyojin.workbook's layout as JSON) to `file`, filled from
 * `decl` when not NULL. Every value of decl must find its cell: one that has none (a field
 * the schema does not know) is an error, so that nothing is lost silently. `epoch`: the
 * creation time recorded (same inputs, same bytes). 0, or -1 with err. */
int xlsx_write_declaration(const cJSON *layout, const cJSON *decl, const char *file,
                           long long epoch, char *err, size_t errlen);

#endif
