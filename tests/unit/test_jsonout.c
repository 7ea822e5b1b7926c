/* test_jsonout.c — json_write / json_print give exactly what cJSON prints. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/jsonout.h"

static void same_as_cjson(const cJSON *item, const char *what)
{
    for (int format = 0; format <= 1; format++) {
        char *want = format ? cJSON_Print(item) : cJSON_PrintUnformatted(item);
        size_t len = 0;
        char *got = json_print(item, format, &len);
        assert_non_null(want);
        assert_non_null(got);
        if (strcmp(want, got) != 0)
            fail_msg("%s (format %d): cJSON %s, json_print %s", what, format, want, got);
        assert_int_equal(len, strlen(want));
        /* the streaming writer, nested two levels deep as an element of a member's array */
        cJSON *doc = cJSON_CreateObject(), *arr = cJSON_AddArrayToObject(doc, "declarations");
        cJSON_AddItemReferenceToArray(arr, (cJSON *)item);
        char *whole = format ? cJSON_Print(doc) : cJSON_PrintUnformatted(doc);
        char *buf = NULL;
        size_t blen = 0;
        FILE *m = open_memstream(&buf, &blen);
        fputs(format ? "{\n\t\"declarations\":\t[" : "{\"declarations\":[", m);
        assert_int_equal(json_write(m, item, format, 2), 0);
        fputs(format ? "]\n}" : "]}", m);
        fclose(m);
        if (strcmp(whole, buf) != 0)
            fail_msg("%s nested (format %d): cJSON %s, json_write %s", what, format, whole, buf);
        free(buf);
        cJSON_free(whole);
        cJSON_Delete(doc);
        cJSON_free(want);
        free(got);
    }
}

static void numbers(void **state)
{
    (void)state;
    const double v[] = {0,
                        -0.0,
                        1,
                        -1,
                        7,
                        10,
                        123456789,
                        -2147483648.0,
                        2147483647.0,
                        2147483648.0,
                        -2147483649.0,
                        4294967296.0,
                        1e15,
                        1e16,
                        1e17,
                        1e300,
                        -1e-300,
                        5e-324,
                        0.1,
                        0.5,
                        1.0 / 3,
                        2.0 / 3,
                        3.14159,
                        100.25,
                        9.0e15 + 1,
                        0.30000000000000004,
                        1.7976931348623157e308,
                        2.5e-7};
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        cJSON *n = cJSON_CreateNumber(v[i]);
        char what[64];
        snprintf(what, sizeof what, "number %.17g", v[i]);
        same_as_cjson(n, what);
        cJSON_AddItemToArray(a, n);
    }
    cJSON_AddItemToArray(a, cJSON_CreateNumber(NAN));
    cJSON_AddItemToArray(a, cJSON_CreateNumber(INFINITY));
    cJSON_AddItemToArray(a, cJSON_CreateNumber(-INFINITY));
    same_as_cjson(a, "array of numbers");
    cJSON_Delete(a);
}

static void strings_and_shapes(void **state)
{
    (void)state;
    char ctl[64];
    size_t k = 0;
    for (int c = 1; c < 32; c++) ctl[k++] = (char)c;
    ctl[k] = 0;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "controls", ctl);
    cJSON_AddStringToObject(o, "quotes \" and \\ backslash", "\"\\/\x7f");
    cJSON_AddStringToObject(o, "日本語", "にしき野町 — 強靱 \xe2\x80\xae");
    cJSON_AddStringToObject(o, "", "");
    cJSON_AddItemToObject(o, "empty array", cJSON_CreateArray());
    cJSON_AddItemToObject(o, "empty object", cJSON_CreateObject());
    cJSON_AddNullToObject(o, "null");
    cJSON_AddTrueToObject(o, "t");
    cJSON_AddFalseToObject(o, "f");
    cJSON_AddRawToObject(o, "raw", "{\"already\":1}");
    cJSON *deep = cJSON_AddArrayToObject(o, "deep");
    for (int i = 0; i < 40; i++) {
        cJSON *next = i % 2 ? cJSON_CreateArray() : cJSON_CreateObject();
        if (cJSON_IsArray(deep))
            cJSON_AddItemToArray(deep, next);
        else
            cJSON_AddItemToObject(deep, "k", next);
        cJSON_AddItemToArray(cJSON_IsArray(next) ? next : cJSON_AddArrayToObject(next, "a"),
                             cJSON_CreateNumber(i));
        deep = next;
    }
    cJSON *arr = cJSON_AddArrayToObject(o, "objects in an array");
    for (int i = 0; i < 3; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddNumberToObject(e, "i", i);
        cJSON_AddItemToObject(e, "nested", cJSON_CreateArray());
        cJSON_AddItemToArray(arr, e);
    }
    same_as_cjson(o, "strings and shapes");
    cJSON_Delete(o);
}

/* Every declaration shipped (valid and invalid ones that parse) and every JSON file under
 * tests/ fixtures: real documents with every kind of value. */
static void shipped_documents(void **state)
{
    (void)state;
    const char *dirs[] = {"samples", "samples/invalid", "tests/rollup/fixtures", "tests/risk"};
    int n = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir) continue;
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t l = strlen(e->d_name);
            if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0) continue;
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
            FILE *f = fopen(path, "rb");
            if (!f) continue;
            char *text = NULL;
            size_t tl = 0;
            FILE *m = open_memstream(&text, &tl);
            char buf[8192];
            size_t got;
            while ((got = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, got, m);
            fclose(f);
            fclose(m);
            cJSON *doc = cJSON_ParseWithLength(text, tl);
            free(text);
            if (!doc) continue;
            same_as_cjson(doc, path);
            cJSON_Delete(doc);
            n++;
        }
        closedir(dir);
    }
    assert_true(n >= 30);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers),
        cmocka_unit_test(strings_and_shapes),
        cmocka_unit_test(shipped_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
