/* atomic_out.c — output files that appear whole or not at all (see atomic_out.h): standard
 * output, FIFOs, character devices and descriptor paths (/dev/stdout) written straight through; regular
 * files through a temp file in the same directory, fsync and rename; anything else refused.
 * Owns no format. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "util/atomic_out.h"
#include "util/dirlist.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* temp files are TMP_PREFIX "PID.XXXXXX": the pid tells a stale one (its process is gone) */
#define TMP_PREFIX ".kyojin-out."

/* Names of open descriptors (/dev/stdout, /dev/stderr, /dev/fd/3, /proc/self/fd/1): written
 * straight through whatever they lead to, never renamed onto. */
static int descriptor_path(const char *p)
{
    return strncmp(p, "/dev/std", 8) == 0 || strncmp(p, "/dev/fd/", 8) == 0 ||
           strncmp(p, "/proc/", 6) == 0;
}

/* What `path` is: o->kind, and in o->dest the name a temp file is renamed onto (the path, or
 * for a symbolic link the file it points to, so that the link stays a link). -1 with err for a
 * path that must not be written. A path that cannot be stat'ed (it does not exist yet, or its
 * directory does not) is a new regular file: creating the temp file then says what is wrong. */
static int classify(atomic_out *o, const char *path, char *err, size_t errlen)
{
    struct stat st;
    const char *dest = path;
    char *real = NULL;
    o->kind = ATOMIC_OUT_FILE;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && (real = realpath(path, NULL))) dest = real;
    int known = stat(dest, &st) == 0;
    if (known && (S_ISDIR(st.st_mode) ||
                  (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)))) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "%s: is a directory; name a file to write", path);
            errno = EISDIR;
        } else {
            snprintf(err, errlen,
                     "%s: exists and is not a regular file, a FIFO or a character device; "
                     "nothing written",
                     path);
            errno = ENXIO;
        }
        free(real);
        return -1;
    }
    if (descriptor_path(path) || (known && !S_ISREG(st.st_mode))) o->kind = ATOMIC_OUT_STREAM;
    o->dest = real ? real : strdup(path);
    if (!o->dest) {
        snprintf(err, errlen, "%s: out of memory", path);
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* Whether name is TMP_PREFIX "PID.XXXXXX" (PID digits, then six letters or digits, as mkstemp
 * makes them): the pid, or 0. */
static long tmp_pid(const char *name)
{
    const char *p = name + strlen(TMP_PREFIX);
    char *end;
    if (*p < '1' || *p > '9') return 0;
    errno = 0;
    long pid = strtol(p, &end, 10);
    if (errno || pid <= 0 || *end != '.' || strlen(end + 1) != 6) return 0;
    for (const char *c = end + 1; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9')))
            return 0;
    return pid;
}

/* Remove the temp files that a killed run (kill -9, a crash, power loss) left in dir: named
 * TMP_PREFIX "PID.XXXXXX", regular files of this user, whose process no longer exists. Best
 * effort: anything that cannot be listed or checked is left alone. */
static void remove_stale(const char *dir)
{
    strvec v = {0};
    if (dirlist_prefix(dir, TMP_PREFIX, &v) != 0) return;
    for (size_t i = 0; i < v.n; i++) {
        const char *slash = strrchr(v.v[i], '/');
        long pid = tmp_pid(slash ? slash + 1 : v.v[i]);
        struct stat st;
        if (pid <= 0 || pid == (long)getpid() || lstat(v.v[i], &st) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != geteuid())
            continue;
        if (kill((pid_t)pid, 0) != 0 && errno == ESRCH) unlink(v.v[i]);
    }
    strvec_free(&v);
}

/* A new empty temp file: next to `path` for a regular file, in $TMPDIR otherwise. Its fd, or
 * -1 with err (o->tmp freed). */
static int make_tmp(atomic_out *o, const char *path, char *err, size_t errlen)
{
    const char *dir = NULL;
    int dirlen = 0;
    if (o->kind == ATOMIC_OUT_FILE) {
        const char *slash = strrchr(o->dest, '/');
        if (slash) {
            dir = o->dest;
            dirlen = (int)(slash - o->dest);
        }
    } else {
        dir = getenv("TMPDIR");
        if (!dir || !*dir) dir = "/tmp";
        dirlen = (int)strlen(dir);
    }
    char dirbuf[4096];
    snprintf(dirbuf, sizeof dirbuf, "%.*s", dirlen, dir ? dir : ".");
    remove_stale(dir && dirlen ? dirbuf : (dir ? "/" : "."));
    size_t n = (size_t)dirlen + sizeof TMP_PREFIX + 32;
    o->tmp = malloc(n);
    if (!o->tmp) {
        snprintf(err, errlen, "%s: out of memory", path ? path : "standard output");
        errno = ENOMEM;
        return -1;
    }
    if (dir)
        snprintf(o->tmp, n, "%.*s/%s%ld.XXXXXX", dirlen, dir, TMP_PREFIX, (long)getpid());
    else
        snprintf(o->tmp, n, "%s%ld.XXXXXX", TMP_PREFIX, (long)getpid());
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, "%s: %s", path ? path : o->tmp, strerror(e));
        free(o->tmp);
        o->tmp = NULL;
        errno = e;
        return -1;
    }
    fchmod(fd, 0644);
    return fd;
}

static int start(atomic_out *o, const char *path, char *err, size_t errlen)
{
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) return 0; /* ATOMIC_OUT_STDOUT */
    if (classify(o, path, err, errlen) != 0) return -1;
    if (!(o->path = strdup(path))) {
        snprintf(err, errlen, "%s: out of memory", path);
        atomic_out_abort(o);
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

int atomic_out_open(atomic_out *o, const char *path, char *err, size_t errlen)
{
    if (start(o, path, err, errlen) != 0) return -1;
    if (o->kind == ATOMIC_OUT_STDOUT) {
        o->fp = stdout;
        return 0;
    }
    if (o->kind == ATOMIC_OUT_STREAM) {
        if (!(o->fp = fopen(path, "wb"))) {
            int e = errno;
            snprintf(err, errlen, "%s: %s", path, strerror(e));
            atomic_out_abort(o);
            errno = e;
            return -1;
        }
        return 0;
    }
    int fd = make_tmp(o, path, err, errlen);
    if (fd < 0 || !(o->fp = fdopen(fd, "wb"))) {
        int e = errno;
        if (fd >= 0) {
            snprintf(err, errlen, "%s: %s", path, strerror(e));
            close(fd);
        }
        atomic_out_abort(o);
        errno = e;
        return -1;
    }
    return 0;
}

int atomic_out_open_named(atomic_out *o, const char *path, char *err, size_t errlen)
{
    if (start(o, path, err, errlen) != 0) return -1;
    int fd = make_tmp(o, path, err, errlen);
    if (fd < 0) {
        int e = errno;
        atomic_out_abort(o);
        errno = e;
        return -1;
    }
    close(fd);
    return 0;
}

/* Copy the named temp file to the stream `out`. 0 or -1. */
static int copy_tmp(const char *tmp, FILE *out)
{
    FILE *in = fopen(tmp, "rb");
    if (!in) return -1;
    char buf[65536];
    size_t n;
    int bad = 0;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0) bad = fwrite(buf, 1, n, out) != n;
    if (ferror(in)) bad = 1;
    fclose(in);
    return bad ? -1 : 0;
}

/* fsync a file that is closed already (a named temp file). */
static int sync_path(const char *p)
{
    int fd = open(p, O_RDONLY);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    if (close(fd) != 0) rc = -1;
    return rc;
}

int atomic_out_commit(atomic_out *o, char *err, size_t errlen)
{
    int bad = 0;
    const char *name = o->path ? o->path : "standard output";
    if (o->kind == ATOMIC_OUT_STDOUT) {
        if (o->tmp && copy_tmp(o->tmp, stdout) != 0) bad = 1;
        if (fflush(stdout) != 0 || ferror(stdout)) bad = 1;
    } else if (o->kind == ATOMIC_OUT_STREAM) {
        if (!o->fp && o->tmp) { /* named: the temp file's bytes go to the stream now */
            if (!(o->fp = fopen(o->path, "wb")) || copy_tmp(o->tmp, o->fp) != 0) bad = 1;
        }
        if (o->fp) {
            if (fflush(o->fp) != 0 || ferror(o->fp)) bad = 1;
            if (fclose(o->fp) != 0) bad = 1;
            o->fp = NULL;
        }
    } else {
        if (o->fp) {
            if (fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0) bad = 1;
            if (fclose(o->fp) != 0) bad = 1;
            o->fp = NULL;
        } else if (!o->tmp || sync_path(o->tmp) != 0) {
            bad = 1;
        }
        if (!bad && rename(o->tmp, o->dest) != 0) bad = 1;
        if (!bad) { /* in place: nothing to remove */
            free(o->tmp);
            o->tmp = NULL;
        }
    }
    if (bad) {
        int e = errno;
        snprintf(err, errlen, "%s: write error", name);
        atomic_out_abort(o);
        errno = e;
        return -1;
    }
    atomic_out_abort(o); /* frees the names; nothing left to remove */
    return 0;
}

void atomic_out_abort(atomic_out *o)
{
    if (o->fp && o->fp != stdout) fclose(o->fp);
    if (o->tmp) unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    free(o->dest);
    memset(o, 0, sizeof *o);
}

/* the directory part of p, resolved ("." for a bare name), as stat'ed into *st: 0 or -1 */
static int stat_parent(const char *p, struct stat *st)
{
    const char *slash = strrchr(p, '/');
    if (!slash) return stat(".", st);
    if (slash == p) return stat("/", st);
    char *dir = strndup(p, (size_t)(slash - p));
    int rc = dir ? stat(dir, st) : -1;
    free(dir);
    return rc;
}

int atomic_out_is_input(const char *out, const char *in)
{
    struct stat so, si, sd;
    if (!out || strcmp(out, "-") == 0 || !in || stat(in, &si) != 0) return 0;
    int exists = stat(out, &so) == 0;
    if (exists && so.st_dev == si.st_dev && so.st_ino == si.st_ino) return 1;
    if (!S_ISDIR(si.st_mode)) return 0;
    /* a directory input: its *.json files are read (core/engine/batch.c). The file that
     * would be written is the link's target when out is a symbolic link. */
    char *real = exists ? realpath(out, NULL) : NULL;
    const char *target = real ? real : out;
    size_t n = strlen(target);
    int json = n >= 5 && strcmp(target + n - 5, ".json") == 0;
    int inside = json && (!exists || S_ISREG(so.st_mode)) && stat_parent(target, &sd) == 0 &&
                 sd.st_dev == si.st_dev && sd.st_ino == si.st_ino;
    free(real);
    return inside;
}
