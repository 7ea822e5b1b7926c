/* fuzz_xlsx.c — bytes → the declaration workbook reader (input/xlsx_read.c, through
 * decl_load_buffer as `kyojin check` reads a file).
 * Invariants: a rejection has a message in both languages, with as many lines in each (one per
 * problem); an accepted workbook is a JSON object whose strings are valid UTF-8 without NUL,
 * whose every value read from a cell has that cell ("SHEET!A1") in the position map, and
 * whose JSON text parses back to the same tree; positioning an error at any pointer works. */
#include "input/decl.h"
#include "util/utf8.h"
#include "fuzz_common.h"

#include <stdint.h>

static size_t lines(const char *s)
{
    size_t n = 1;
    for (; *s; s++) n += *s == '\n';
    return n;
}

static void walk(decl_doc *d, const cJSON *n, char *ptr, size_t plen, size_t cap, int *budget)
{
    if (--*budget < 0) return;
    if (n->string) FUZZ_CHECK(utf8_valid(n->string, strlen(n->string)), "key with invalid UTF-8");
    if (cJSON_IsString(n))
        FUZZ_CHECK(utf8_valid(n->valuestring, strlen(n->valuestring)), "string with invalid UTF-8");
    if (!cJSON_IsObject(n) && !cJSON_IsArray(n)) {
        const char *cell = decl_cell(d, ptr);
        FUZZ_CHECK(cell && strchr(cell, '!'), "value at %s has no cell", ptr);
    }
    decl_error de = {0};
    decl_error_at(d, ptr, "x", "x", &de);
    FUZZ_CHECK(de.msg_ja && de.msg_en, "an error at %s has no message", ptr);
    decl_error_clear(&de);
    int i = 0;
    for (const cJSON *c = n->child; c; c = c->next, i++) {
        char seg[600];
        if (cJSON_IsObject(n))
            decl_pointer_escape(seg, sizeof seg, c->string);
        else
            snprintf(seg, sizeof seg, "%d", i);
        size_t sl = strlen(seg);
        if (plen + sl + 2 >= cap || sl >= 590) continue;
        ptr[plen] = '/';
        memcpy(ptr + plen + 1, seg, sl + 1);
        walk(d, c, ptr, plen + 1 + sl, cap, budget);
        ptr[plen] = 0;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    decl_doc *d;
    decl_error e;
    if (size < 4 || memcmp(data, "PK", 2) != 0) return 0; /* JSON is fuzz_decl's */
    if (decl_load_buffer("fuzz.xlsx", (const char *)data, size, NULL, &d, &e)) {
        FUZZ_CHECK(e.msg_en && e.msg_ja && e.msg_en[0] && e.msg_ja[0],
                   "rejection without a message");
        FUZZ_CHECK(e.line >= 0 && e.column >= 0, "negative position");
        FUZZ_CHECK(lines(e.msg_ja) == lines(e.msg_en),
                   "the two languages list %zu and %zu problems", lines(e.msg_ja), lines(e.msg_en));
        decl_error_clear(&e);
        return 0;
    }
    const cJSON *root = decl_root(d);
    FUZZ_CHECK(cJSON_IsObject(root), "an accepted workbook is not an object");
    char ptr[8192] = "";
    int budget = 5000;
    walk(d, root, ptr, 0, sizeof ptr, &budget);
    char *text = cJSON_PrintUnformatted(root);
    if (text) {
        cJSON *back = cJSON_Parse(text);
        FUZZ_CHECK(back && cJSON_Compare(root, back, 1), "the tree does not survive its JSON text");
        cJSON_Delete(back);
        free(text);
    }
    decl_free(d);
    return 0;
}
