/* fileio.c — read a whole file into memory. */
#include "util/fileio.h"

#include <stdio.h>
#include <stdlib.h>

char *fileio_read(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 8192, n = 0;
    char *b = malloc(cap);
    while (b) {
        if (n + 1 >= cap) { /* room for the terminating NUL */
            char *nb = cap <= max ? realloc(b, cap * 2) : NULL;
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
        size_t k = fread(b + n, 1, cap - 1 - n, f);
        n += k;
        if (k == 0) break;
    }
    if (b && (ferror(f) || n > max)) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) {
        b[n] = 0;
        *len = n;
    }
    return b;
}
