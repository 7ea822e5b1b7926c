/* fileio.h — open and read whole files (declarations, policy sources, Lua modules, worker
 * spools, results). */
#ifndef KYOJIN_FILEIO_H
#define KYOJIN_FILEIO_H

#include <stddef.h>
#include <stdio.h>

/* Open `path` for reading only if it is a regular file. The file is opened with O_NONBLOCK
 * (a FIFO without a writer, a terminal or a device never blocks the open) and checked with
 * fstat on the open descriptor (no race between a check and the open); O_NONBLOCK is then
 * cleared. NULL with errno set when it cannot be opened; NULL with *not_regular = 1 (errno
 * unchanged by this case) when it is a FIFO, socket, device or directory. */
FILE *fileio_open_regular(const char *path, int *not_regular);

/* The whole content of `path` in a new NUL-terminated buffer (free() it), its length in *len.
 * NULL when the file cannot be opened or read, is not a regular file (fileio_open_regular),
 * is larger than `max` bytes, or memory runs out. */
char *fileio_read(const char *path, size_t max, size_t *len);

#endif
