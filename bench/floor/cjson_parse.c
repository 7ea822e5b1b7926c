/* The floor of the benchmarks: read each file and parse it with cJSON, nothing else. */
#include <cJSON.h>
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    if (fseek(f, 0, SEEK_END) != 0) { fclose(f); return NULL; }
    long n = ftell(f);
    rewind(f);
    char *b = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) { free(b); b = NULL; }
    fclose(f);
    if (b) { b[n] = '\0'; *len = n; }
    return b;
}

int main(int argc, char **argv)
{
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        long len = 0;
        char *text = slurp(argv[i], &len);
        cJSON *doc = text ? cJSON_ParseWithLength(text, (size_t)len) : NULL;
        if (!doc) { fprintf(stderr, "%s: cannot parse\n", argv[i]); bad = 1; }
        cJSON_Delete(doc);
        free(text);
    }
    return bad;
}
