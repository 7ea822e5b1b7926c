/* fileio.c — reading a whole file into memory (see fileio.h): the one reader behind
 * declarations (input/decl.c), result documents (rollup), reports (audit/verify.c), policy
 * sources, Lua modules and worker spools (engine). Writing is util/atomic_out.c's. */
#define _POSIX_C_SOURCE 200809L
#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *fail(FILE *f, char *b, fileio_error *err, enum fileio_status code, int errnum)
{
    if (f) fclose(f);
    free(b);
    if (err) {
        err->code = code;
        err->errnum = errnum;
    }
    return NULL;
}

static FILE *refuse(fileio_error *err, enum fileio_status code, int errnum)
{
    fail(NULL, NULL, err, code, errnum);
    return NULL;
}

/* Open a regular file only, without ever blocking: a FIFO without a writer blocks an ordinary
 * open until one comes (for ever), a socket cannot be opened at all. stat first; then open
 * with O_NONBLOCK and fstat the descriptor (the path may have been replaced in between);
 * O_NONBLOCK is cleared before reading. NULL with *err set (FILEIO_ERR_NOT_REGULAR), or with
 * err untouched and errno set when the open fails. */
static FILE *open_regular(const char *path, fileio_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) return refuse(err, FILEIO_ERR_NOT_REGULAR, 0);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return NULL;
    int fl;
    if (fstat(fd, &st) != 0 || (fl = fcntl(fd, F_GETFL)) == -1 ||
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
        int e = errno;
        close(fd);
        return refuse(err, FILEIO_ERR_READ, e);
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return refuse(err, FILEIO_ERR_NOT_REGULAR, 0);
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        int e = errno;
        close(fd);
        return refuse(err, FILEIO_ERR_NOMEM, e);
    }
    return f;
}

FILE *fileio_open_regular(const char *path, fileio_error *err)
{
    if (err) {
        err->code = FILEIO_OK;
        err->errnum = 0;
    }
    errno = 0;
    FILE *f = open_regular(path, err);
    if (!f && err && err->code == FILEIO_OK) {
        err->code = FILEIO_ERR_OPEN;
        err->errnum = errno;
    }
    return f;
}

char *fileio_read_file(const char *path, size_t max, unsigned flags, size_t *len, fileio_error *err)
{
    if (err) {
        err->code = FILEIO_OK;
        err->errnum = 0;
    }
    if (max == 0 || max > SIZE_MAX / 2 - 1) max = SIZE_MAX / 2 - 1;
    FILE *f = (flags & FILEIO_REGULAR) ? open_regular(path, err) : fopen(path, "rb");
    if (!f) return err && err->code ? NULL : fail(NULL, NULL, err, FILEIO_ERR_OPEN, errno);
    /* a regular file's size is known: one allocation of the right size (national result
     * documents run to gigabytes), with room for the NUL and one byte to see the end by;
     * anything else grows from 8 KiB */
    size_t cap = 8192;
    struct stat st;
    if (fstat(fileno(f), &st) != 0) return fail(f, NULL, err, FILEIO_ERR_READ, errno);
    if (S_ISREG(st.st_mode)) {
        if ((uintmax_t)st.st_size > (uintmax_t)max)
            return fail(f, NULL, err, FILEIO_ERR_TOO_LARGE, 0);
        cap = (size_t)st.st_size + 2;
    } else if (flags & FILEIO_REGULAR) {
        return fail(f, NULL, err, FILEIO_ERR_NOT_REGULAR, 0);
    }
    size_t n = 0;
    char *b = malloc(cap);
    if (!b) return fail(f, NULL, err, FILEIO_ERR_NOMEM, ENOMEM);
    for (;;) {
        if (n + 1 >= cap) { /* full but for the terminating NUL: the file grew, or a pipe */
            if (n > max) return fail(f, b, err, FILEIO_ERR_TOO_LARGE, 0);
            size_t nc = cap <= max / 2 ? cap * 2 : max + 2;
            char *nb = realloc(b, nc);
            if (!nb) return fail(f, b, err, FILEIO_ERR_NOMEM, ENOMEM);
            b = nb;
            cap = nc;
        }
        size_t k = fread(b + n, 1, cap - 1 - n, f);
        n += k;
        if (k == 0) break;
    }
    if (ferror(f)) return fail(f, b, err, FILEIO_ERR_READ, errno ? errno : EIO);
    if (n > max) return fail(f, b, err, FILEIO_ERR_TOO_LARGE, 0);
    fclose(f);
    b[n] = 0;
    *len = n;
    return b;
}

char *fileio_read(const char *path, size_t max, size_t *len)
{
    return fileio_read_file(path, max, FILEIO_REGULAR, len, NULL);
}

static int is_en(const char *lang)
{
    return lang && strcmp(lang, "en") == 0;
}

const char *fileio_errno_text(int errnum, const char *lang)
{
    if (!is_en(lang)) switch (errnum) {
        case ENOENT: return "ファイルまたはディレクトリがありません";
        case EACCES:
        case EPERM: return "アクセスが許可されていません";
        case EISDIR: return "ディレクトリです";
        case ENOTDIR: return "パスの途中がディレクトリではありません";
        case ENAMETOOLONG: return "パスが長すぎます";
        case ELOOP: return "シンボリックリンクが多すぎます（循環しています）";
        case EMFILE:
        case ENFILE: return "開いているファイルが多すぎます";
        case ENOMEM: return "メモリが不足しています";
        case EIO: return "入出力エラーです";
        case EEXIST: return "すでに存在します";
        case ENOSPC: return "ディスクの空きがありません";
        case EROFS: return "読み取り専用のファイルシステムです";
        case EINVAL: return "引数が正しくありません";
        default: break;
        }
    return strerror(errnum);
}

const char *fileio_strerror(const fileio_error *err, const char *lang)
{
    int en = is_en(lang);
    switch (err->code) {
    case FILEIO_OK: return en ? "no error" : "エラーはありません";
    case FILEIO_ERR_OPEN: return fileio_errno_text(err->errnum, lang);
    case FILEIO_ERR_NOT_REGULAR: return en ? "not a regular file" : "通常のファイルではありません";
    case FILEIO_ERR_TOO_LARGE: return en ? "file too large" : "ファイルが大きすぎます";
    case FILEIO_ERR_NOMEM: return en ? "out of memory" : "メモリが不足しています";
    case FILEIO_ERR_READ: break;
    }
    return en ? "read error" : "読み取りに失敗しました";
}
