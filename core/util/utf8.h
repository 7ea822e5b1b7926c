/* utf8.h — UTF-8 validity for text that leaves kyojin: decoding one character, cutting at a
 * character boundary, repairing invalid sequences, and showing file names that are not UTF-8. */
#ifndef KYOJIN_UTF8_H
#define KYOJIN_UTF8_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define UTF8_INVALID 0xFFFFFFFFu

/* Decode the character at s (n > 0 bytes left). Returns its length and the code point in *cp;
 * for an ill-formed sequence (overlong, surrogate, beyond U+10FFFF, truncated) *cp is
 * UTF8_INVALID and the length is that of its maximal ill-formed subpart (>= 1), the unit one
 * U+FFFD replaces (Unicode §3.9). In a NUL-terminated string n may be 4: the NUL ends any
 * sequence before a byte beyond it is read. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* Is s[0..n) valid UTF-8 without NUL bytes? */
int utf8_valid(const char *s, size_t n);

/* The length of the longest prefix of s[0..n) of at most max bytes that does not end inside a
 * character (s is assumed valid UTF-8; a stray byte counts as one character). */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* snprintf that, when it truncates, drops a character left incomplete at the end. */
int utf8_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int utf8_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* A new NUL-terminated copy of s[0..n) with every ill-formed sequence and every NUL byte
 * replaced by U+FFFD; *repaired (when not NULL) tells whether anything was replaced.
 * NULL when out of memory. */
char *utf8_repair(const char *s, size_t n, int *repaired);

/* A new copy of the file name s in valid UTF-8: every byte that is not part of a valid UTF-8
 * sequence is written as \xHH (e.g. "decl-\xFF.json"); a valid name is copied unchanged.
 * NULL when out of memory. */
char *utf8_show_name(const char *s);

/* Width of one code point on a terminal: East Asian wide and fullwidth forms take two cells,
 * everything else one. */
int utf8_cp_width(uint32_t cp);

/* Display width of the NUL-terminated string s (an ill-formed byte counts as one cell). */
size_t utf8_width(const char *s);

/* A new string formatted like printf (no length limit); NULL when out of memory. */
char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *str_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
