/* compare.h — where a report differs from the one its inputs give (kyojin verify), and the
 * small readers of report containers it needs (zip members, CSV rows). */
#ifndef KYOJIN_COMPARE_H
#define KYOJIN_COMPARE_H

#include <stddef.h>

/* Prints where the report `got` differs from `want` (the same report rendered again), one
 * line each, at most COMPARE_MAX_SHOWN, on stdout; in English when en. kind: "json",
 * "sarif", "html", "text", "junit", "csv" or "xlsx". Returns the number of differences found
 * (at least 1 when the bytes differ; 0 when they are equal). */
#define COMPARE_MAX_SHOWN 10
int compare_report(const char *kind, const unsigned char *got, size_t gn, const unsigned char *want,
                   size_t wn, int en);

/* One member of a zip archive, inflated and NUL-terminated (*len bytes without the NUL);
 * NULL when absent or damaged. */
char *zip_member(const unsigned char *z, size_t n, const char *name, size_t *len);

/* XML text or attribute value with the five entities and numeric references below U+0080
 * decoded (malloc'd; NULL when out of memory). */
char *xml_unescape(const char *s, size_t n);

/* CSV (RFC 4180) as rows of fields: *rows[r][f], NULL-terminated field lists, *nrows rows.
 * A UTF-8 BOM is skipped. Returns 0, or -1 when out of memory. Free with csv_free. */
int csv_parse(const char *text, size_t n, char ****rows, size_t *nrows);
void csv_free(char ***rows, size_t nrows);

#endif
