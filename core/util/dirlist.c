/* dirlist.c — listing directories (see dirlist.h): dirlist_suffix for one directory, matching
 * by name only; dirlist_walk for a tree of regular files with a caller's filter. Both sorted
 * in strcmp order; dirlist_prefix for one directory by the start of names (hidden ones too). Owns no rule about which files matter: those are the callers'. */
#define _POSIX_C_SOURCE 200809L
#include "util/dirlist.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* the entries of dir that start with prefix and end with suffix; names starting with '.' only
 * when prefix does */
static int list_names(const char *dir, const char *prefix, const char *suffix, strvec *out)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    size_t first = out->n, dl = strlen(dir);
    const char *sep = dl && dir[dl - 1] == '/' ? "" : "/";
    struct dirent *e;
    while ((e = readdir(d))) {
        if ((e->d_name[0] == '.' && prefix[0] != '.') ||
            strncmp(e->d_name, prefix, strlen(prefix)) != 0 || !str_ends_with(e->d_name, suffix))
            continue;
        size_t pl = dl + strlen(e->d_name) + 2;
        char *full = malloc(pl);
        if (full) snprintf(full, pl, "%s%s%s", dir, sep, e->d_name);
        if (strvec_push_owned(out, full) != 0) {
            closedir(d);
            while (out->n > first) free(out->v[--out->n]);
            errno = ENOMEM;
            return -1;
        }
    }
    closedir(d);
    strvec_sort(out, first);
    return 0;
}

int dirlist_suffix(const char *dir, const char *suffix, strvec *out)
{
    return list_names(dir, "", suffix, out);
}

int dirlist_prefix(const char *dir, const char *prefix, strvec *out)
{
    return list_names(dir, prefix, "", out);
}

static int walk(const char *base, const char *rel, int depth, dirlist_filter keep, void *ctx,
                strvec *out)
{
    if (depth > DIRLIST_MAX_DEPTH) return 0;
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", base, *rel ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d) return 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char sub[4096], full[4096 + 256];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", base, sub);
        struct stat st;
        if (stat(full, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            if (!keep || keep(e->d_name, depth, 1, ctx))
                if (walk(base, sub, depth + 1, keep, ctx, out) != 0) rc = -1;
        } else if (S_ISREG(st.st_mode) && (!keep || keep(e->d_name, depth, 0, ctx))) {
            if (strvec_push(out, sub) != 0) rc = -1;
        }
    }
    closedir(d);
    return rc;
}

int dirlist_walk(const char *base, dirlist_filter keep, void *ctx, strvec *out)
{
    size_t first = out->n;
    int rc = walk(base, "", 0, keep, ctx, out);
    strvec_sort(out, first);
    return rc;
}
