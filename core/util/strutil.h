/* strutil.h — tiny string helpers shared by every subsystem: a NULL-safe strdup, a suffix test,
 * the strcmp comparator for qsort over char *, and a growable list of owned strings.
 *
 * Owns only these; no text formatting, no encoding (report/report_escape.c) and no language
 * selection (rollup_text, rl_text). */
#ifndef KYOJIN_STRUTIL_H
#define KYOJIN_STRUTIL_H

#include <stddef.h>

/* A malloc'd copy of s (free() it); NULL when s is NULL or memory runs out. */
char *str_dup(const char *s);

/* Non-zero when s ends with suffix (every string ends with ""). */
int str_ends_with(const char *s, const char *suffix);

/* qsort comparator for an array of char *: strcmp order of the strings pointed to. */
int str_cmp_ptr(const void *a, const void *b);

/* Non-zero when s is YYYY-MM-DD, a real calendar date (2026-02-30 is not; 2024-02-29 is). */
int str_valid_date(const char *s);

/* A list of malloc'd strings: start from strvec v = {0}; free with strvec_free. */
typedef struct strvec {
    char **v;
    size_t n, cap;
} strvec;

/* Append a copy of s. 0, or -1 when memory runs out (the list is unchanged). */
int strvec_push(strvec *l, const char *s);
/* Append s itself: the list takes it. 0, or -1 when s is NULL or memory runs out (s freed). */
int strvec_push_owned(strvec *l, char *s);
/* Sort v[from..n) in strcmp order. */
void strvec_sort(strvec *l, size_t from);
/* Free every string and the array; the list is empty again. */
void strvec_free(strvec *l);

#endif
