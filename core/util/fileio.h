/* fileio.h — reading a whole file into memory: the one reader of declarations, result
 * documents, reports, policy sources, Lua modules and worker spools.
 *
 * Owns fileio_read_file (optional size cap, optional "regular files only", a reason on
 * failure, in Japanese or English) and the shorthand fileio_read. Does not parse anything, and does not write files
 * (util/atomic_out.h). */
#ifndef KYOJIN_FILEIO_H
#define KYOJIN_FILEIO_H

#include <stddef.h>
#include <stdio.h>

/* Why a read failed. */
enum fileio_status {
    FILEIO_OK = 0,
    FILEIO_ERR_OPEN,        /* the file cannot be opened: errnum says why */
    FILEIO_ERR_NOT_REGULAR, /* FILEIO_REGULAR was asked and it is a directory, FIFO, device… */
    FILEIO_ERR_TOO_LARGE,   /* more than `max` bytes */
    FILEIO_ERR_NOMEM,       /* out of memory */
    FILEIO_ERR_READ         /* a read error: errnum says why */
};

typedef struct fileio_error {
    enum fileio_status code;
    int errnum; /* errno of the failed call, 0 when there is none */
} fileio_error;

/* flags of fileio_read_file */
/* refuse anything but a regular file (FILEIO_ERR_NOT_REGULAR), at once: the path is checked
 * with stat, then opened with O_NONBLOCK and checked again with fstat, so a FIFO without a
 * writer, a socket or a device never blocks or feeds the read */
#define FILEIO_REGULAR 1u

/* The whole content of `path` in a new NUL-terminated buffer (free() it), its length in *len.
 * `max`: the most bytes accepted (0: no cap); a larger file fails with FILEIO_ERR_TOO_LARGE
 * without being read to its end. Non-regular files (a FIFO, /dev/stdin) are read to their
 * end unless `flags` has FILEIO_REGULAR. On failure NULL, and *err (may be NULL) says why.
 * The content may hold NUL bytes: callers that want text check strlen against *len. */
char *fileio_read_file(const char *path, size_t max, unsigned flags, size_t *len,
                       fileio_error *err);

/* Open a regular file for reading without ever blocking (the check FILEIO_REGULAR makes), for
 * readers that stream a file instead of holding it whole (rollup_common.c). NULL with *err
 * set on failure. */
FILE *fileio_open_regular(const char *path, fileio_error *err);

/* fileio_read_file(path, max, FILEIO_REGULAR, len, NULL): for callers that only need "could
 * not read" (policy sources, Lua modules, spools, reports: regular files only). */
char *fileio_read(const char *path, size_t max, size_t *len);

/* The reason, for messages "PATH: reason", in `lang` ("en": English; anything else, NULL
 * included: Japanese): for open and read errors fileio_errno_text, then "not a regular file",
 * "file too large", "out of memory" or their Japanese. */
const char *fileio_strerror(const fileio_error *err, const char *lang);

/* The words of an errno in `lang`: English is strerror's text; Japanese covers the errors a
 * file or directory path meets (missing, permission, a directory, too many open files…) and
 * falls back to strerror's text for the rare others. */
const char *fileio_errno_text(int errnum, const char *lang);

#endif
