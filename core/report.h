/* report.h — writing a result document in one of the output formats. */
#ifndef KYOJIN_REPORT_H
#define KYOJIN_REPORT_H
#include <cjson/cJSON.h>
#include <stdio.h>

typedef struct {
    const char *format; /* text, json, ... */
    const char *lang;   /* ja | en */
    int color;          /* text: ANSI colours */
    const char *csv_table; /* REPORT: csv: findings (default), assets, trees or meta */
} report_options;

/* Is the format known? Writes a list of formats into `list` for messages. */
int report_format_known(const char *format);
const char *report_format_list(void);
/* Formats that write a binary file and so need -o (xlsx). */
int report_format_needs_file(const char *format);

/* Write `result` (interfaces.md §5) to `out` (or to `path` for file formats). 0 or -1. */
int report_write(const cJSON *result, const report_options *o, FILE *out, const char *path, char *err, size_t errlen);

/* Text output pieces shared with other commands. */
int report_text_write(const cJSON *result, const report_options *o, FILE *out);
/* Print s for a terminal: control characters, ANSI/OSC escapes and bidi controls removed. */
void term_puts(FILE *out, const char *s);

#endif
