/* report.h — writing a result document in one of the output formats. */
#ifndef KYOJIN_REPORT_H
#define KYOJIN_REPORT_H
#include <cjson/cJSON.h>
#include <stdio.h>

typedef struct {
    const char *format;    /* text, json, ... */
    const char *lang;      /* ja | en */
    int color;             /* text: ANSI colours */
    const char *csv_table; /* csv: findings (default), assets, trees or meta */
    int terminal;          /* text: shown on a terminal, so without the trailing record that
                              `kyojin verify` reads (report_meta) */
    const cJSON *envelope; /* streamed bodies (report_stream_body): the result document they
                              belong to, without its declarations (html reads its parameters,
                              tool, policy set and report options) */
    int json_v2;           /* json: write the declarations in the compact form of schema
                              kyojin/result/v2 (the envelope then carries "catalog":
                              report_json_catalog); 0 writes them as they are (v1) */
    int json_full;         /* json v2: --detail full (fields_read, every risk row and tree) */
    const char *file;      /* streamed file formats (report_format_needs_file): the file the
                              writer creates (a temp name from atomic_out_open_named) */
} report_options;

/* The "catalog" of a kyojin/result/v2 document from the policy set's metadata (an array of
 * policy metadata objects as runner_metadata gives them, in policy-set order): { "policies":
 * [{id, requirements, level, title, source, remediation, countermeasures}, …] }. The compact
 * JSON writer leaves exactly these members out of each declaration's policy entries. New
 * object, or NULL when out of memory. */
cJSON *report_json_catalog(const cJSON *policies_meta);

/* The formats are the rows of one table of writers (report.c). Is the format known? */
int report_format_known(const char *format);
/* The formats for messages: "text, json, html, …" in table order. */
const char *report_format_list(void);
/* Formats that write a binary file and so need -o (xlsx). */
int report_format_needs_file(const char *format);
/* Formats that show domain words (statuses, kinds, …): the caller loads kyojin.vocab first
 * (report_vocab.h); json and sarif do not need it. */
int report_format_needs_words(const char *format);
/* The usual file name extension of a format's output ("html", "xml" for junit), or NULL. */
const char *report_format_extension(const char *format);

/* Write `result` (interfaces.md §5) to `out`; file formats (report_format_needs_file) create
 * the file `path` instead (a temp name from atomic_out_open_named). 0 or -1. */
int report_write(const cJSON *result, const report_options *o, FILE *out, const char *path,
                 char *err, size_t errlen);

/* Text output pieces shared with other commands. */
int report_text_write(const cJSON *result, const report_options *o, FILE *out);

/* Writing a result document one declaration at a time (kyojin check streams every format
 * with stream operations in report.c's table, so memory does not grow with the number of
 * declarations). The output is
 * byte-identical to report_write on the whole document.
 * Does the format stream? */
int report_format_streams(const char *format);
/* Can a declaration's body be rendered apart (in a worker process) and copied in? Not for
 * the formats whose writer keeps state between begin and end (csv, sarif, junit: the parts
 * after the last declaration depend on all of them): their bodies are written in order in
 * the process that called report_stream_begin. */
int report_stream_renders_alone(const char *format);
/* Everything before the first declaration; `envelope` is the document without them. */
int report_stream_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                        size_t errlen);
/* One declaration result; `index` counts the declarations written before it. It is the
 * separator (none before the first) followed by the body, which can be rendered elsewhere
 * (a worker process) and copied in. */
int report_stream_decl(const cJSON *decl, size_t index, const report_options *o, FILE *out,
                       char *err, size_t errlen);
void report_stream_separator(size_t index, const report_options *o, FILE *out);
int report_stream_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                       size_t errlen);
/* Hand the bytes report_stream_body wrote (here or in another process) to the output, after
 * the separator: most formats copy them; html numbers them and keeps them for the end. */
int report_stream_put(const char *text, size_t len, const report_options *o, FILE *out, char *err,
                      size_t errlen);
/* Give up a stream begun and not ended (a write failed): frees what the format held. */
void report_stream_abort(const report_options *o);
/* Everything after the last declaration; `envelope` may have gained members meanwhile
 * (baseline, not_evaluated), which the JSON document places after "declarations". */
int report_stream_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen);
void report_text_begin(const cJSON *result, const report_options *o, FILE *out);
void report_text_decl(const cJSON *d, const report_options *o, FILE *out, int first);
void report_text_separator(FILE *out);
/* After the last declaration: the record `kyojin verify` reads, one line
 * "# kyojin-report {json}" (report_meta without hashes), unless o->terminal. 0 or -1. */
int report_text_end(const cJSON *result, const report_options *o, FILE *out);
/* Print s for a terminal: control characters, ANSI/OSC escapes and bidi controls removed. */
void term_puts(FILE *out, const char *s);

#endif
