/* decl.h — reading a declaration file: strict JSON, cJSON tree, JSON pointer → line:column;
 * or an Excel workbook (input/xlsx.h), the same tree, JSON pointer → "sheet!cell". */
#ifndef KYOJIN_DECL_H
#define KYOJIN_DECL_H
#include <stddef.h>
#include <stdio.h>
#include <cjson/cJSON.h>

#define DECL_DEFAULT_MAX_INPUT ((size_t)16 * 1024 * 1024)
#define DECL_DEFAULT_MAX_DEPTH 64

typedef struct {
    size_t max_input; /* bytes; 0 = default */
    int max_depth;    /* nesting levels; 0 = default */
} decl_limits;

/* A loader error: where (line/column 0 when not positional), why (ja + en), and a copy of
 * the offending source line for the caret display. Free with decl_error_clear. */
typedef struct {
    char *file;
    int line, column;
    char *pointer;     /* JSON pointer when known, else NULL */
    char *source_line; /* the offending line (may be shortened), or NULL */
    int caret;         /* display column of the caret within source_line (0-based) */
    char *msg_ja;      /* the whole message (no length cut); never NULL after a failure */
    char *msg_en;
} decl_error;

typedef struct decl_doc decl_doc;

/* The path a declaration given as `-` is read from (standard input, whatever it is). */
#define DECL_STDIN_PATH "/dev/stdin"

/* Load, validate strictly and parse a declaration. Returns 0 and *out, or -1 with *err filled.
 * Only a regular file is read (a FIFO, socket or device is refused at once: "not a regular
 * file"), except DECL_STDIN_PATH. */
int decl_load_file(const char *path, const decl_limits *lim, decl_doc **out, decl_error *err);
/* The same from memory; `name` is used in messages. The buffer is copied. */
int decl_load_buffer(const char *name, const char *buf, size_t len, const decl_limits *lim,
                     decl_doc **out, decl_error *err);
void decl_free(decl_doc *d);

const cJSON *decl_root(const decl_doc *d);
/* A number unique to each document loaded in this process (never reused, unlike addresses). */
unsigned long decl_serial(const decl_doc *d);
const char *decl_path(const decl_doc *d);
const char *decl_sha256_hex(const decl_doc *d);
const char *decl_text(const decl_doc *d, size_t *len);

/* Resolve an RFC 6901 pointer in the tree; NULL when it does not resolve. */
const cJSON *decl_resolve(const decl_doc *d, const char *pointer);
/* Line and column (1-based, columns in characters) of the value a pointer names; for object
 * members the position of the key. Returns 0, or -1 when the pointer does not resolve (then
 * the nearest resolving ancestor's position is given if any). */
int decl_locate(decl_doc *d, const char *pointer, int *line, int *column);

/* The cell ("資産!D7") of a pointer (or its nearest ancestor with one) when the declaration
 * is a workbook; NULL for JSON. */
const char *decl_cell(const decl_doc *d, const char *pointer);

/* Fill an error positioned at `pointer` of the document (used by schema validation); for a
 * workbook the message starts with the cell. */
void decl_error_at(decl_doc *d, const char *pointer, const char *ja, const char *en,
                   decl_error *err);

/* Print "file:line:column: message", the source line and a caret. lang "ja" or "en". */
void decl_error_print(FILE *f, const decl_error *e, const char *lang);
void decl_error_clear(decl_error *e);

/* Append the RFC 6901 escaped form of `key` to a growing buffer (helper shared with luaconv). */
size_t decl_pointer_escape(char *dst, size_t cap, const char *key);

#endif
