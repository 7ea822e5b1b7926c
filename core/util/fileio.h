/* fileio.h — read a whole file into memory (policy sources, Lua modules, worker spools). */
#ifndef KYOJIN_FILEIO_H
#define KYOJIN_FILEIO_H

#include <stddef.h>

/* The whole content of `path` in a new NUL-terminated buffer (free() it), its length in *len.
 * NULL when the file cannot be opened or read, is larger than `max` bytes, or memory runs
 * out. */
char *fileio_read(const char *path, size_t max, size_t *len);

#endif
