/* report_escape.h — escaping shared by the report writers: HTML text and attributes,
 * JSON embedded in HTML, CSV cells (RFC 4180) with spreadsheet-formula neutralising. */
#ifndef KYOJIN_REPORT_ESCAPE_H
#define KYOJIN_REPORT_ESCAPE_H

#include <stdio.h>
#include <stddef.h>
#include <cjson/cJSON.h>

/* Write s (UTF-8, may be NULL) as HTML text or attribute value: & < > " ' become
 * entities; bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) and
 * C0/C1 controls other than tab and newline are removed; invalid UTF-8 becomes U+FFFD. */
void html_escape(FILE *out, const char *s);

/* Length-bounded variant. */
void html_escape_n(FILE *out, const char *s, size_t n);

/* Write v as JSON that is safe inside <script type="application/json">: '<', '>', '&',
 * U+2028, U+2029 and the bidi controls are written as \u escapes. Returns 0, or -1 when printing failed. */
int html_json_embed(FILE *out, const cJSON *v);

/* Does a spreadsheet treat a cell starting like s as a formula? True for a first
 * character =, +, -, @, tab or CR, and for the full-width ＝ ＋ － ＠. */
int cell_is_formula_like(const char *s);

/* Write s as one CSV field (RFC 4180): always quoted, '"' doubled; a formula-like value
 * gets a leading apostrophe inside the quotes (OWASP CSV-injection guidance). NULL
 * writes an empty quoted field. Bidi controls are kept: CSV is data, not display. */
void csv_text(FILE *out, const char *s);

/* Write a number field unquoted (integers without a decimal point). */
void csv_number(FILE *out, double v);

/* Copy s with the apostrophe prefix applied when formula-like (for writers that produce
 * text cells). Caller frees. NULL on allocation failure. */
char *cell_neutralise(const char *s);

#endif
