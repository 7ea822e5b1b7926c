/* jsonout.h — writing cJSON trees as cJSON prints them, without cJSON's in-memory copy. */
#ifndef KYOJIN_JSONOUT_H
#define KYOJIN_JSONOUT_H
#include <cjson/cJSON.h>
#include <stdio.h>

/* Write `item` to `out` exactly as cJSON_Print (format 1) or cJSON_PrintUnformatted
 * (format 0) would print it as a value nested `depth` levels deep (0 = a document; an
 * element of a top-level member's array is at depth 2). No trailing newline.
 * 0, or -1 (an invalid item, or a write error). */
int json_write(FILE *out, const cJSON *item, int format, int depth);

/* The same into a malloc'd NUL-terminated string (length in *len when not NULL); NULL when
 * out of memory or for an invalid item. Free with free(). */
char *json_print(const cJSON *item, int format, size_t *len);

#endif
