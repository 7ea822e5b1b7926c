/* test_junit.c — the JUnit XML writer (core/report/report_junit.c). The XML is also parsed back
 * by tests/rollup/run.sh; these cases pin the mapping and the escaping. */
#include "rollup_test_util.h"
#include "test_report_setup.h" /* load_vocab, free_vocab: the status words */

static cJSON *sample(void)
{
    cJSON *r = t_result();
    cJSON *d = t_add_decl(r, t_decl("a.json", "あおば町", "013030", "北海道", "alpha"));
    t_add_policy(d, t_policy("AL-01", "required", "pass"));
    cJSON *p = t_add_policy(d, t_policy("ST-01", "required", "fail"));
    t_add_finding(p, t_finding("fail", "/screen_transfer/0", 42, 7, "共有 <&> \"x\"", "shared"));
    t_add_finding(p, t_finding("fail", "/screen_transfer/1", 50, 7, "二つ目\x01", "second"));
    p = t_add_policy(d, t_policy("TW-01", "recommended", "warn"));
    t_add_finding(p, t_finding("warn", "/telework", 80, 3, "確認がない", "no checks"));
    p = t_add_policy(d, t_policy("ZT-01", "info", "not_applicable"));
    cJSON_ReplaceItemInObjectCaseSensitive(p, "reason",
                                           t_msg("対象モデルではない", "not for this model"));
    p = t_add_policy(d, t_policy("ST-06", "required", "waived"));
    t_add_finding(
        p, t_finding("waived", "/screen_transfer/0/refresh_interval_days", 50, 32, "長い", "long"));
    p = t_add_policy(d, t_policy("BM-01", "required", "error"));
    cJSON_ReplaceItemInObjectCaseSensitive(p, "reason", t_msg("上限超過", "budget exceeded"));
    t_finish_decl(d);
    return r;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) n++;
    return n;
}

static void one_testcase_per_policy_with_totals(void **state)
{
    (void)state;
    cJSON *r = sample();
    int rc;
    char *x = t_capture(report_junit_write, r, "ja", &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(count(x, "<testcase "), 6);
    assert_int_equal(count(x, "<testsuite "), 1);
    assert_non_null(strstr(
        x, "<testsuites name=\"kyojin\" tests=\"6\" failures=\"1\" errors=\"1\" skipped=\"2\">"));
    assert_int_equal(count(x, "<failure "), 1);
    assert_int_equal(count(x, "<error "), 1);
    assert_int_equal(count(x, "<skipped "), 2);
    free(x);
    cJSON_Delete(r);
}

static void failure_lists_every_finding_message_escaped(void **state)
{
    (void)state;
    cJSON *r = sample();
    int rc;
    char *x = t_capture(report_junit_write, r, "ja", &rc);
    /* both failing findings with their location, markup escaped, control byte replaced */
    assert_non_null(strstr(x, "/screen_transfer/0 (42:7): 共有 &lt;&amp;&gt; \"x\""));
    assert_non_null(strstr(x, "/screen_transfer/1 (50:7): 二つ目?"));
    assert_non_null(strstr(x, "message=\"不適合: 共有 &lt;&amp;&gt; &quot;x&quot;\""));
    assert_null(strchr(x, '\x01'));
    free(x);
    cJSON_Delete(r);
}

static void english_output_and_declaration_error(void **state)
{
    (void)state;
    cJSON *r = sample();
    cJSON *bad = t_add_decl(r, t_decl("broken.json", "", "", "", ""));
    cJSON_ReplaceItemInObjectCaseSensitive(bad, "error",
                                           cJSON_CreateString("broken.json:3:9: syntax error"));
    int rc;
    char *x = t_capture(report_junit_write, r, "en", &rc);
    assert_non_null(strstr(x, "message=\"budget exceeded\""));
    assert_non_null(strstr(x, "message=\"not for this model\""));
    assert_non_null(
        strstr(x, "<error type=\"declaration\" message=\"broken.json:3:9: syntax error\">"));
    assert_non_null(strstr(x, "tests=\"7\" failures=\"1\" errors=\"2\" skipped=\"2\""));
    free(x);
    cJSON_Delete(r);
}

static void invalid_utf8_never_reaches_the_xml(void **state)
{
    (void)state;
    cJSON *r = t_result();
    cJSON *d = t_add_decl(r, t_decl("bad\xff\xfe.json", "x", "013030", "北海道", "alpha"));
    cJSON *p = t_add_policy(d, t_policy("AL-01", "required", "fail"));
    t_add_finding(p, t_finding("fail", "/a", 1, 1, "\xed\xa0\x80 surrogate", "x"));
    t_finish_decl(d);
    int rc;
    char *x = t_capture(report_junit_write, r, "ja", &rc);
    assert_null(strstr(x, "\xff"));
    assert_null(strstr(x, "\xed\xa0\x80"));
    assert_non_null(strstr(x, "bad??.json"));
    free(x);
    cJSON_Delete(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_testcase_per_policy_with_totals),
        cmocka_unit_test(failure_lists_every_finding_message_escaped),
        cmocka_unit_test(english_output_and_declaration_error),
        cmocka_unit_test(invalid_utf8_never_reaches_the_xml),
    };
    return cmocka_run_group_tests_name("junit", tests, load_vocab, free_vocab);
}
