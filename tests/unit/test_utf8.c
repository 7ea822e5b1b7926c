/* test_utf8.c — core/util/utf8.c: decoding (maximal subparts, Unicode §3.9), cutting at a
 * character boundary, snprintf without a broken last character, repair with U+FFFD, file
 * names shown with \xHH, and the unbounded printf. Each case is checked against Python's
 * bytes.decode("utf-8", "replace"), which replaces the same subparts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "util/utf8.h"

static size_t dec(const char *s, size_t n, uint32_t *cp)
{
    return utf8_decode((const unsigned char *)s, n, cp);
}

static void test_decode(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(dec("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(dec("\xE6\xBC\xA2", 3, &cp), 3); /* 漢 */
    assert_int_equal(cp, 0x6F22);
    assert_int_equal(dec("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    /* ill-formed: length of the maximal subpart */
    assert_int_equal(dec("\xE6\xBC", 2, &cp), 2); /* truncated (s:sub) */
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(dec("\xE6\xBC"
                         "A",
                         3, &cp),
                     2);
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(dec("\xFF", 1, &cp), 1);
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(dec("\xC0\xAF", 2, &cp), 1);     /* overlong: C0 never starts a character */
    assert_int_equal(dec("\xE0\x80\x80", 3, &cp), 1); /* overlong 3-byte */
    assert_int_equal(dec("\xED\xA0\x80", 3, &cp), 1); /* surrogate */
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(dec("\xF4\x90\x80\x80", 4, &cp), 1); /* beyond U+10FFFF */
    assert_int_equal(dec("\x80", 1, &cp), 1);
}

static void test_valid_and_repair(void **state)
{
    (void)state;
    int rep = -1;
    assert_true(utf8_valid("日本語", strlen("日本語")));
    assert_false(utf8_valid("a\0b", 3));
    assert_false(utf8_valid("abcdefghij\0lmnopqr", 19)); /* NUL inside an 8-byte run */
    assert_false(utf8_valid("abcdefghijklmnop\xFF", 17));
    assert_true(utf8_valid("abcdefghijklmnopqrstuvwxyz日本", 32));
    assert_false(utf8_valid("\xE6\x97", 2));
    char *r = utf8_repair("日本語", strlen("日本語"), &rep);
    assert_string_equal(r, "日本語");
    assert_int_equal(rep, 0);
    free(r);
    /* ("日本語"):sub(1, 4) .. "\255" .. NUL: one U+FFFD per maximal subpart, NUL too */
    r = utf8_repair("\xE6\x97\xA5\xE6\xFF"
                    "a\0b",
                    8, &rep);
    assert_string_equal(r, "日\xEF\xBF\xBD\xEF\xBF\xBD"
                           "a\xEF\xBF\xBD"
                           "b");
    assert_int_equal(rep, 1);
    free(r);
    r = utf8_repair("\xE6\x97", 2, NULL);
    assert_string_equal(r, "\xEF\xBF\xBD");
    free(r);
}

static void test_cut_and_snprintf(void **state)
{
    (void)state;
    const char *s = "漢字a"; /* 3 + 3 + 1 bytes */
    assert_int_equal(utf8_cut(s, 7, 7), 7);
    assert_int_equal(utf8_cut(s, 7, 6), 6);
    assert_int_equal(utf8_cut(s, 7, 5), 3);
    assert_int_equal(utf8_cut(s, 7, 4), 3);
    assert_int_equal(utf8_cut(s, 7, 3), 3);
    assert_int_equal(utf8_cut(s, 7, 2), 0);
    char buf[8];
    for (size_t size = 1; size <= sizeof buf; size++) {
        int n = utf8_snprintf(buf, size, "%s%s", "漢字", "a");
        assert_int_equal(n, 7);
        assert_true(utf8_valid(buf, strlen(buf)));
        assert_true(strlen(buf) == (size > 7 ? 7 : size > 6 ? 6 : size > 3 ? 3 : 0));
    }
}

static void test_show_name_and_printf(void **state)
{
    (void)state;
    char *s = utf8_show_name("decl-\xFF.json");
    assert_string_equal(s, "decl-\\xFF.json");
    free(s);
    s = utf8_show_name("申告.json");
    assert_string_equal(s, "申告.json");
    free(s);
    s = utf8_show_name("a\xE6\x97"
                       "b");
    assert_string_equal(s, "a\\xE6\\x97b");
    free(s);
    char big[3000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    s = str_printf("%s:%s", big, "end");
    assert_int_equal(strlen(s), sizeof big - 1 + 4);
    assert_string_equal(s + sizeof big - 1, ":end");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode),
        cmocka_unit_test(test_valid_and_repair),
        cmocka_unit_test(test_cut_and_snprintf),
        cmocka_unit_test(test_show_name_and_printf),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
