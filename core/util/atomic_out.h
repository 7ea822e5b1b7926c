/* atomic_out.h — writing an output file so that a reader never sees half of it: the one
 * implementation behind `-o FILE` / `--output FILE` of every command.
 *
 * Owns where the bytes go and how they land:
 *   - no path or "-": standard output, written as it comes (never closed);
 *   - a FIFO or a character device (/dev/null, a terminal), and the names of open descriptors
 *     (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/…), whatever they lead to: opened and written
 *     straight through; no temp file, the FIFO stays a FIFO, /dev/stdout stays a link;
 *   - a regular file, or a path that does not exist yet: a temp file in the same directory
 *     (".kyojin-out.PID.XXXXXX", mode 0644), then fflush + fsync + rename onto the path at commit;
 *     on abort or any write error the temp file is removed and an old file keeps its content.
 *     A symbolic link: the same for the file it points to, and the link stays a link;
 *     Opening removes the temp files of runs killed before commit in that directory (same
 *     pattern, same user, PID no longer running).
 *   - anything else that exists (a directory, a socket, a block device): refused at open with
 *     a clear message, nothing created.
 * Does not know any output format.
 *
 * Use (a stream writer):
 *     atomic_out o;
 *     if (atomic_out_open(&o, path, err, sizeof err) != 0) { report err; }
 *     fputs(text, o.fp);                           // write to o.fp only
 *     if (atomic_out_commit(&o, err, sizeof err) != 0) { report err; }   // or atomic_out_abort(&o)
 *
 * Use (a writer that needs a file name of its own, e.g. libxlsxwriter's workbook_new):
 *     atomic_out o;
 *     if (atomic_out_open_named(&o, path, err, sizeof err) != 0) { report err; }
 *     workbook_new(o.tmp) … workbook_close();      // o.fp is NULL; o.tmp may be re-created
 *     atomic_out_commit(&o, err, sizeof err);      // or atomic_out_abort(&o)
 *   For a regular file the temp file sits next to the path and is renamed onto it; for
 *   standard output, a FIFO or a device it sits in $TMPDIR (/tmp by default) and its bytes
 *   are copied there at commit, then it is removed.
 *
 * Messages in err are English, "PATH: reason"; errno is set as well (EISDIR for a directory,
 * ENXIO for a socket or block device) for callers that word their own messages. */
#ifndef KYOJIN_ATOMIC_OUT_H
#define KYOJIN_ATOMIC_OUT_H

#include <stddef.h>
#include <stdio.h>

enum atomic_out_kind {
    ATOMIC_OUT_STDOUT, /* standard output */
    ATOMIC_OUT_STREAM, /* a FIFO or character device, written straight through */
    ATOMIC_OUT_FILE    /* a regular file, through a temp file and rename */
};

typedef struct atomic_out {
    FILE *fp;                  /* write here (NULL with atomic_out_open_named) */
    char *path;                /* the destination as given (messages); NULL for standard output */
    char *dest;                /* the file renamed onto (a link's target), or NULL */
    char *tmp;                 /* the temp file, or NULL when there is none */
    enum atomic_out_kind kind; /* where the bytes land */
} atomic_out;

/* Open the output `path` (NULL or "-": standard output). 0, or -1 with err set and *o empty. */
int atomic_out_open(atomic_out *o, const char *path, char *err, size_t errlen);

/* Open for a writer that creates the file itself: o->tmp names an empty temp file (see above),
 * o->fp is NULL. 0, or -1 with err set. */
int atomic_out_open_named(atomic_out *o, const char *path, char *err, size_t errlen);

/* Finish: flush and check for write errors; a regular file is fsync'ed and renamed into
 * place (a named temp file copied to a stream). 0, or -1 with err set ("PATH: write error"),
 * the temp file removed. *o is empty afterwards either way. */
int atomic_out_commit(atomic_out *o, char *err, size_t errlen);

/* Give up: close, remove the temp file; the destination is left as it was (a stream keeps
 * what was already written to it). *o is empty afterwards; safe on an empty *o. */
void atomic_out_abort(atomic_out *o);

/* Whether writing `out` would replace or add to the input `in`: 1 when `out` is the same file
 * as `in` (same st_dev and st_ino, through symbolic and hard links), or when `in` is a
 * directory whose *.json files are read and `out` is, or would be created as, such a file in
 * it. 0 otherwise, and for standard output (NULL or "-"). Callers refuse before any work. */
int atomic_out_is_input(const char *out, const char *in);

#endif
