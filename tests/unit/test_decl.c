/* Unit tests of the declaration loader (core/input/decl.c): every bad-input case with its message
 * and position, duplicate keys by pointer, the pointer → line:column index. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/decl.h"

typedef struct {
    const char *name;
    const char *input;
    size_t len; /* 0: strlen */
    int line, column;
    const char *msg_en; /* substring of the English message */
    const char *msg_ja; /* substring of the Japanese message */
} bad_case;

static const bad_case bad[] = {
    {"empty file", "", 0, 0, 0, "empty", "空"},
    {"top level array", "[1,2]", 0, 1, 1, "top level must be a JSON object", "最上位"},
    {"unterminated object", "{\"a\": 1", 0, 1, 8, "unexpected end of input", "途中で終わって"},
    {"trailing garbage", "{\"a\": 1} x", 0, 1, 10, "unexpected data after the JSON value",
     "余分なデータ"},
    {"trailing comma in object", "{\"a\": 1,}", 0, 1, 9, "quoted", "キー"},
    {"trailing comma in array", "{\"a\": [1,]}", 0, 1, 10, "trailing comma", "余分なカンマ"},
    {"leading zero", "{\"a\": 07}", 0, 1, 7, "leading zeros", "先頭に余分な 0"},
    {"number out of range", "{\"a\": 1e400}", 0, 1, 7, "out of range", "大きすぎ"},
    {"negative number out of range", "{\"a\": -1e999}", 0, 1, 7, "out of range", "大きすぎ"},
    {"NUL escape in string", "{\"a\": \"x\\u0000y\"}", 0, 1, 9, "NUL", "NUL"},
    {"NUL escape in key", "{\"a\\u0000\": 1}", 0, 1, 4, "NUL", "NUL"},
    {"raw control character", "{\"a\": \"x\ty\"}", 0, 1, 9, "raw control character U+0009",
     "制御文字"},
    {"raw newline in string", "{\"a\": \"x\ny\"}", 0, 1, 9, "raw control character U+000A",
     "制御文字"},
    {"invalid UTF-8 byte", "{\"a\": \"\xff\"}", 0, 1, 8, "invalid UTF-8", "UTF-8"},
    {"overlong UTF-8", "{\"a\": \"\xc0\xaf\"}", 0, 1, 8, "invalid UTF-8", "UTF-8"},
    {"truncated UTF-8", "{\"a\": \"\xe3\x81\"}", 0, 1, 8, "invalid UTF-8", "UTF-8"},
    {"encoded surrogate", "{\"a\": \"\xed\xa0\x80\"}", 0, 1, 8, "surrogate", "サロゲート"},
    {"beyond U+10FFFF", "{\"a\": \"\xf4\x90\x80\x80\"}", 0, 1, 8, "invalid UTF-8", "UTF-8"},
    {"lone low surrogate escape", "{\"a\": \"\\udc00\"}", 0, 1, 8, "unpaired low surrogate",
     "下位サロゲート"},
    {"high surrogate without pair", "{\"a\": \"\\ud800x\"}", 0, 1, 8, "low surrogate",
     "下位サロゲート"},
    {"bad escape", "{\"a\": \"\\q\"}", 0, 1, 8, "invalid escape", "エスケープ"},
    {"single quotes", "{\"a\": 'x'}", 0, 1, 7, "quoted with \"", "\" で囲んで"},
    {"unquoted word", "{\"a\": yes}", 0, 1, 7, "invalid value", "値が正しくありません"},
    {"True capitalised", "{\"a\": True}", 0, 1, 7, "invalid value", "小文字"},
    {"missing colon", "{\"a\" 1}", 0, 1, 6, "expected ':'", ":"},
    {"position on a later line", "{\n  \"a\": 1,\n  \"b\": 01\n}", 0, 3, 8, "leading zeros", "0"},
    {"column counts characters", "{\"名前\": 007}", 0, 1, 8, "leading zeros", "0"},
    {"duplicate key", "{\"a\": 1, \"b\": 2, \"a\": 3}", 0, 1, 18, "duplicate key \"a\" (/a)",
     "重複"},
    {"nested duplicate key with pointer",
     "{\"assets\": [{\"id\": \"x\"}, {\"id\": \"y\", \"id\": \"z\"}]}", 0, 1, 38, "(/assets/1/id)",
     "/assets/1/id"},
    {"duplicate key escaped in pointer", "{\"a/b\": 1, \"a/b\": 2}", 0, 1, 12, "(/a~1b)", "/a~1b"},
};

static void test_bad_inputs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        const bad_case *c = &bad[i];
        decl_doc *d = NULL;
        decl_error e;
        size_t len = c->len ? c->len : strlen(c->input);
        int rc = decl_load_buffer("t.json", c->input, len, NULL, &d, &e);
        if (rc == 0) fail_msg("case '%s': accepted", c->name);
        if (!strstr(e.msg_en, c->msg_en))
            fail_msg("case '%s': en message '%s' lacks '%s'", c->name, e.msg_en, c->msg_en);
        if (!strstr(e.msg_ja, c->msg_ja))
            fail_msg("case '%s': ja message '%s' lacks '%s'", c->name, e.msg_ja, c->msg_ja);
        if (e.line != c->line || e.column != c->column)
            fail_msg("case '%s': at %d:%d, expected %d:%d", c->name, e.line, e.column, c->line,
                     c->column);
        assert_string_equal(e.file, "t.json");
        decl_error_clear(&e);
    }
}

static void test_depth_limit(void **state)
{
    (void)state;
    char buf[4000];
    size_t n = 0;
    buf[n++] = '{';
    memcpy(buf + n, "\"a\":", 4);
    n += 4;
    for (int i = 0; i < 100; i++) buf[n++] = '[';
    for (int i = 0; i < 100; i++) buf[n++] = ']';
    buf[n++] = '}';
    decl_doc *d;
    decl_error e;
    assert_int_equal(decl_load_buffer("deep.json", buf, n, NULL, &d, &e), -1);
    assert_non_null(strstr(e.msg_en, "nesting is too deep (limit: 64 levels)"));
    assert_int_equal(e.line, 1);
    decl_error_clear(&e);
    /* within the limit */
    decl_limits lim = {0, 200};
    assert_int_equal(decl_load_buffer("deep.json", buf, n, &lim, &d, &e), 0);
    decl_free(d);
}

static void test_size_cap(void **state)
{
    (void)state;
    const char *txt = "{\"a\": \"0123456789\"}";
    decl_limits lim = {10, 0};
    decl_doc *d;
    decl_error e;
    assert_int_equal(decl_load_buffer("big.json", txt, strlen(txt), &lim, &d, &e), -1);
    assert_non_null(strstr(e.msg_en, "file too large"));
    assert_non_null(strstr(e.msg_en, "--max-input"));
    decl_error_clear(&e);
}

static void test_accepts_valid_and_bom(void **state)
{
    (void)state;
    const char *txt =
        "\xEF\xBB\xBF{\"a\": [1, 2.5, -0, 1e3, true, false, null, \"\\u3042\\ud83d\\ude00\"], \"b\": {}}";
    decl_doc *d;
    decl_error e;
    assert_int_equal(decl_load_buffer("ok.json", txt, strlen(txt), NULL, &d, &e), 0);
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(decl_root(d), "a");
    assert_int_equal(cJSON_GetArraySize(a), 8);
    assert_string_equal(cJSON_GetArrayItem(a, 7)->valuestring, "\xe3\x81\x82\xf0\x9f\x98\x80");
    decl_free(d);
}

static void test_pointer_index(void **state)
{
    (void)state;
    const char *txt = "{\n"
                      "  \"body\": {\"name\": \"町\"},\n"
                      "  \"assets\": [\n"
                      "    {\"id\": \"a\"},\n"
                      "    {\"id\": \"b\", \"x/y\": {\"~k\": 1}}\n"
                      "  ]\n"
                      "}\n";
    decl_doc *d;
    decl_error e;
    assert_int_equal(decl_load_buffer("p.json", txt, strlen(txt), NULL, &d, &e), 0);
    struct {
        const char *ptr;
        int line, col, rc;
    } cases[] = {
        {"", 1, 1, 0},
        {"/body", 2, 3, 0},
        {"/body/name", 2, 12, 0},
        {"/assets/0", 4, 5, 0},
        {"/assets/1/id", 5, 6, 0},
        {"/assets/1/x~1y/~0k", 5, 25, 0},
        {"/assets/7", 3, 3, -1},  /* nearest ancestor */
        {"/assets/01", 3, 3, -1}, /* leading zero index is not an index */
        {"/nothing", 1, 1, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int line, col;
        int rc = decl_locate(d, cases[i].ptr, &line, &col);
        if (rc != cases[i].rc || line != cases[i].line || col != cases[i].col)
            fail_msg("pointer '%s': rc %d at %d:%d, expected rc %d at %d:%d", cases[i].ptr, rc,
                     line, col, cases[i].rc, cases[i].line, cases[i].col);
    }
    assert_non_null(decl_resolve(d, "/assets/1/x~1y/~0k"));
    assert_null(decl_resolve(d, "assets"));
    decl_free(d);
}

static void test_error_excerpt_is_sanitised(void **state)
{
    (void)state;
    /* the excerpt of the offending line must not carry terminal escapes */
    const char *txt = "{\"a\": 1, \"\x1b]0;evil\x07\": 01}";
    decl_doc *d;
    decl_error e;
    assert_int_equal(decl_load_buffer("esc.json", txt, strlen(txt), NULL, &d, &e), -1);
    /* the raw ESC is rejected as a control character inside a string */
    assert_non_null(strstr(e.msg_en, "raw control character U+001B"));
    assert_non_null(e.source_line);
    assert_null(strchr(e.source_line, 0x1b));
    assert_null(strchr(e.source_line, 0x07));
    decl_error_clear(&e);
}

static void test_missing_file(void **state)
{
    (void)state;
    decl_doc *d;
    decl_error e;
    assert_int_equal(decl_load_file("/nonexistent/kyojin.json", NULL, &d, &e), -1);
    assert_non_null(strstr(e.msg_en, "cannot open the file"));
    decl_error_clear(&e);
}

static void test_large_array_linear(void **state)
{
    (void)state;
    /* 200k elements: the scan, parse and index must stay linear (this would take minutes if not) */
    size_t n = 200000, cap = n * 4 + 64, o = 0;
    char *buf = malloc(cap);
    o += (size_t)sprintf(buf + o, "{\"a\": [");
    for (size_t i = 0; i < n; i++) o += (size_t)sprintf(buf + o, i ? ",%d" : "%d", (int)(i % 10));
    o += (size_t)sprintf(buf + o, "]}");
    decl_doc *d;
    decl_error e;
    assert_int_equal(decl_load_buffer("big.json", buf, o, NULL, &d, &e), 0);
    int line, col;
    assert_int_equal(decl_locate(d, "/a/199999", &line, &col), 0);
    assert_int_equal(line, 1);
    decl_free(d);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_inputs),    cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_size_cap),      cmocka_unit_test(test_accepts_valid_and_bom),
        cmocka_unit_test(test_pointer_index), cmocka_unit_test(test_error_excerpt_is_sanitised),
        cmocka_unit_test(test_missing_file),  cmocka_unit_test(test_large_array_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
