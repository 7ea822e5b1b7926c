/* xlsx_spec.c — what the reader and the writer of declaration workbooks share: the column
 * spec of a data sheet's hidden second row ("/assets/STAR/kind|e|enum=asset_kind" with
 * STAR the character "*"; meaning in
 * lua/kyojin/workbook.lua), cell names, and the JSON pointer → cell map. */
#define _POSIX_C_SOURCE 200809L
#include "input/xlsx.h"
#include "util/strutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SPEC_MAX_LEN      1024
#define SPEC_MAX_SEGMENTS 16

void xlsx_spec_free(xlsx_spec *s)
{
    if (!s) return;
    free(s->ptr);
    free(s->enumname);
    free(s->key);
    memset(s, 0, sizeof *s);
}

static int valid_name(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
    return 1;
}

int xlsx_spec_parse(const char *text, xlsx_spec *s)
{
    memset(s, 0, sizeof *s);
    size_t n = strlen(text);
    if (n == 0 || n > SPEC_MAX_LEN || (text[0] != '/' && text[0] != '#')) return -1;
    char *copy = str_dup(text);
    if (!copy) return -1;
    char *save = NULL, *tok = strtok_r(copy, "|", &save);
    if (!tok) goto bad;
    s->ptr = str_dup(tok);
    tok = strtok_r(NULL, "|", &save);
    if (!s->ptr || !tok || strlen(tok) != 1 || !strchr("scdinbfeloapt", tok[0])) goto bad;
    s->kind = tok[0];
    while ((tok = strtok_r(NULL, "|", &save)) != NULL) {
        if (!strcmp(tok, "?"))
            s->nullable = 1;
        else if (!strcmp(tok, "!"))
            s->bang = 1;
        else if (!strncmp(tok, "enum=", 5) && valid_name(tok + 5) && !s->enumname)
            s->enumname = str_dup(tok + 5);
        else if (!strncmp(tok, "key=", 4) && valid_name(tok + 4) && !s->key)
            s->key = str_dup(tok + 4);
        else if (!strncmp(tok, "digits=", 7)) {
            s->digits = atoi(tok + 7);
            if (s->digits < 1 || s->digits > 20) goto bad;
        } else if (!strncmp(tok, "ref=", 4))
            ; /* the writer's drop-down only */
        else
            goto bad;
    }
    if (s->ptr[0] == '/') {
        int segs = 0;
        for (const char *p = s->ptr; *p; p++)
            if (*p == '/') {
                segs++;
                if (p[1] == '*' && (p[2] == '/' || !p[2])) s->stars++;
            }
        if (segs > SPEC_MAX_SEGMENTS || s->stars > 2) goto bad;
        if (s->kind == 'p' && !s->key) goto bad;
    }
    free(copy);
    return 0;
bad:
    free(copy);
    xlsx_spec_free(s);
    return -1;
}

void xlsx_cell_name(unsigned col, unsigned row, char buf[16])
{
    char letters[8];
    int n = 0;
    unsigned c = col + 1;
    while (c && n < 7) {
        letters[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    int o = 0;
    while (n) buf[o++] = letters[--n];
    snprintf(buf + o, 16 - (size_t)o, "%u", row + 1);
}

/* ------------------------------------------------------------------ positions */

typedef struct {
    char *pointer, *cell;
} pos;

struct xlsx_cells {
    pos *p;
    size_t n, cap;
    int sorted;
};

xlsx_cells *xlsx_cells_new(void)
{
    return calloc(1, sizeof(xlsx_cells));
}

int xlsx_cells_add(xlsx_cells *c, const char *pointer, const char *cell)
{
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 256;
        pos *p = realloc(c->p, nc * sizeof *p);
        if (!p) return -1;
        c->p = p;
        c->cap = nc;
    }
    c->p[c->n].pointer = str_dup(pointer);
    c->p[c->n].cell = str_dup(cell);
    if (!c->p[c->n].pointer || !c->p[c->n].cell) {
        free(c->p[c->n].pointer);
        free(c->p[c->n].cell);
        return -1;
    }
    c->n++;
    c->sorted = 0;
    return 0;
}

static int cmp_pos(const void *a, const void *b)
{
    const pos *x = a, *y = b;
    int r = strcmp(x->pointer, y->pointer);
    if (r) return r;
    return x < y ? -1 : x > y;
}

static const char *lookup(xlsx_cells *c, const char *pointer, size_t len)
{
    if (!c->sorted) {
        if (c->n) qsort(c->p, c->n, sizeof *c->p, cmp_pos);
        c->sorted = 1;
    }
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int r = strncmp(c->p[mid].pointer, pointer, len);
        if (r == 0 && c->p[mid].pointer[len]) r = 1;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < c->n && strncmp(c->p[lo].pointer, pointer, len) == 0 && !c->p[lo].pointer[len])
        return c->p[lo].cell;
    return NULL;
}

const char *xlsx_cells_find(const xlsx_cells *cc, const char *pointer)
{
    xlsx_cells *c = (xlsx_cells *)cc; /* sorting is not a change of the map */
    if (!c || !pointer) return NULL;
    size_t len = strlen(pointer);
    for (;;) {
        const char *cell = lookup(c, pointer, len);
        if (cell) return cell;
        while (len > 0 && pointer[len - 1] != '/') len--;
        if (len == 0) return NULL;
        len--;
    }
}

/* a linear search (evidence rows only); the longest pointer of the cell: an object created
 * with its row is positioned at its first field's cell, which names the field itself */
const char *xlsx_cells_pointer(const xlsx_cells *c, const char *cell)
{
    const char *best = NULL;
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->p[i].cell, cell) && (!best || strlen(c->p[i].pointer) > strlen(best)))
            best = c->p[i].pointer;
    return best;
}

void xlsx_cells_free(xlsx_cells *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->p[i].pointer);
        free(c->p[i].cell);
    }
    free(c->p);
    free(c);
}

/* ------------------------------------------------------------------ resolving templates */

int xlsx_pointer_key(const char *seg, size_t n, char *key, size_t cap)
{
    size_t o = 0;
    if (n >= cap) return -1;
    for (size_t i = 0; i < n; i++) {
        if (seg[i] == '~' && i + 1 < n && (seg[i + 1] == '0' || seg[i + 1] == '1')) {
            key[o++] = seg[i + 1] == '0' ? '~' : '/';
            i++;
        } else
            key[o++] = seg[i];
    }
    key[o] = 0;
    return 0;
}

const cJSON *xlsx_resolve(const cJSON *root, const char *tmpl, const int *idx, int nidx)
{
    const cJSON *cur = root;
    const char *p = tmpl;
    int k = 0;
    while (cur && *p == '/') {
        p++;
        size_t n = strcspn(p, "/");
        if (n == 1 && p[0] == '*') {
            if (!cJSON_IsArray(cur) || k >= nidx) return NULL;
            cur = cJSON_GetArrayItem(cur, idx[k++]);
        } else {
            char key[256];
            if (!cJSON_IsObject(cur) || xlsx_pointer_key(p, n, key, sizeof key)) return NULL;
            cur = cJSON_GetObjectItemCaseSensitive(cur, key);
        }
        p += n;
    }
    return *p ? NULL : cur;
}
