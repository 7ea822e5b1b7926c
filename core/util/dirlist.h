/* dirlist.h — listing directories: the one readdir loop of kyojin.
 *
 * Owns dirlist_suffix (the entries of one directory whose name ends with a suffix: declaration
 * and result directories of `kyojin check DIR` and `kyojin summary DIR`) and dirlist_walk (the
 * regular files below a directory, recursively: policy and Lua sources, host.list). Both skip
 * names that start with '.' and return the paths sorted in strcmp order. Which files make a
 * policy set is the engine's rule (runner_list_sources), passed in as a filter. */
#ifndef KYOJIN_DIRLIST_H
#define KYOJIN_DIRLIST_H

#include "util/strutil.h"

/* Append to *out "DIR/NAME" (no second '/' when dir ends with one) for every entry NAME of
 * `dir` that ends with `suffix` and does not start with '.', sorted among themselves. The
 * entries are not examined: a subdirectory named x.json is listed too (the caller reports
 * it). 0, or -1 with errno set (opendir failed, or ENOMEM); on -1 *out holds what it held. */
int dirlist_suffix(const char *dir, const char *suffix, strvec *out);

/* The same for every entry whose name starts with `prefix`; names starting with '.' are listed
 * when prefix starts with '.' (atomic_out's temp files). */
int dirlist_prefix(const char *dir, const char *prefix, strvec *out);

/* Decides what dirlist_walk keeps. `name` is the entry's name, `depth` 0 for the entries of
 * the top directory. For a directory: non-zero descends into it; for a regular file:
 * non-zero lists it. */
typedef int (*dirlist_filter)(const char *name, int depth, int is_dir, void *ctx);

#define DIRLIST_MAX_DEPTH 8 /* dirlist_walk does not go deeper (depth 0 … 8) */

/* Append to *out the path relative to `base` ("a/b.lua") of every regular file below it
 * (links followed; entries that cannot be stat'ed are passed over) that `keep` accepts (NULL:
 * every file, every directory), then sort the whole list. A directory that cannot be opened
 * contributes nothing. 0, or -1 when memory ran out (what was listed stays in *out). */
int dirlist_walk(const char *base, dirlist_filter keep, void *ctx, strvec *out);

#endif
