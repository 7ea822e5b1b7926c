/* test_sarif.c — the SARIF 2.1.0 writer (core/report/report_sarif.c). Schema validation of real
 * output is done by tests/rollup/run.sh; these cases pin the mapping. */
#include "rollup_test_util.h"

static cJSON *sample(void)
{
    cJSON *r = t_result();
    cJSON *d =
        t_add_decl(r, t_decl("decl/あおば 町.json", "あおば町", "013030", "北海道", "alpha"));
    cJSON *p = t_add_policy(d, t_policy("AL-01", "required", "pass"));
    t_add_finding(p, t_finding("pass", "/assets/0", 3, 5, "良好", "ok"));
    p = t_add_policy(d, t_policy("ST-01", "required", "fail"));
    t_add_finding(p,
                  t_finding("fail", "/screen_transfer/0", 42, 7, "共有されている", "shared <&>"));
    t_add_finding(p, t_finding("pass", "/screen_transfer/1", 60, 7, "", ""));
    p = t_add_policy(d, t_policy("TW-01", "recommended", "warn"));
    t_add_finding(p, t_finding("warn", "/telework", 0, 0, "確認がない", "no checks"));
    p = t_add_policy(d, t_policy("ZT-01", "info", "fail"));
    t_add_finding(p, t_finding("fail", "/zero_trust_pc", 90, 3, "分類", "class"));
    p = t_add_policy(d, t_policy("ST-06", "required", "waived"));
    cJSON *f = t_add_finding(
        p, t_finding("waived", "/screen_transfer/0/refresh_interval_days", 50, 32, "長い", "long"));
    cJSON *w = cJSON_CreateObject();
    cJSON_AddStringToObject(w, "justification", "繁忙期");
    cJSON_ReplaceItemInObjectCaseSensitive(f, "waiver", w);
    t_finish_decl(d);
    cJSON *d2 = t_add_decl(r, t_decl("b.json", "さくら市", "132012", "東京都", "beta"));
    p = t_add_policy(d2, t_policy("BM-01", "required", "error"));
    cJSON_ReplaceItemInObjectCaseSensitive(p, "reason", t_msg("上限超過", "budget exceeded"));
    t_finish_decl(d2);
    return r;
}

static cJSON *write_sarif(const cJSON *r, const char *lang)
{
    int rc;
    char *text = t_capture(report_sarif_write, r, lang, &rc);
    assert_int_equal(rc, 0);
    cJSON *s = cJSON_Parse(text);
    free(text);
    assert_non_null(s);
    return s;
}

static cJSON *run0(cJSON *s)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(s, "runs"), 0);
}

static void one_rule_per_policy_sorted_with_levels(void **state)
{
    (void)state;
    cJSON *r = sample();
    cJSON *s = write_sarif(r, "ja");
    assert_string_equal(cJSON_GetObjectItem(s, "version")->valuestring, "2.1.0");
    cJSON *rules = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(run0(s), "tool"), "driver"), "rules");
    const char *ids[] = {"AL-01", "BM-01", "ST-01", "ST-06", "TW-01", "ZT-01"};
    const char *levels[] = {"error", "error", "error", "error", "warning", "note"};
    assert_int_equal(cJSON_GetArraySize(rules), 6);
    for (int i = 0; i < 6; i++) {
        cJSON *rule = cJSON_GetArrayItem(rules, i);
        assert_string_equal(cJSON_GetObjectItem(rule, "id")->valuestring, ids[i]);
        assert_string_equal(
            cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "defaultConfiguration"), "level")
                ->valuestring,
            levels[i]);
        assert_string_equal(
            cJSON_GetObjectItem(cJSON_GetObjectItem(rule, "help"), "text")->valuestring,
            "是正する");
        assert_non_null(cJSON_GetObjectItem(rule, "name"));
    }
    /* the name comes from the English title */
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 2), "name")->valuestring,
                        "TitleOfST01");
    cJSON_Delete(s);
    cJSON_Delete(r);
}

static cJSON *result_for(cJSON *s, const char *rule)
{
    cJSON *x;
    cJSON_ArrayForEach(x, cJSON_GetObjectItem(run0(s), "results"))
        if (!strcmp(cJSON_GetObjectItem(x, "ruleId")->valuestring, rule)) return x;
    return NULL;
}

static void failing_finding_is_located_by_line_and_column(void **state)
{
    (void)state;
    cJSON *r = sample();
    cJSON *s = write_sarif(r, "en");
    cJSON *x = result_for(s, "ST-01");
    assert_non_null(x);
    assert_string_equal(cJSON_GetObjectItem(x, "level")->valuestring, "error");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(x, "message"), "text")->valuestring,
                        "shared <&>");
    cJSON *rules = cJSON_GetObjectItem(
        cJSON_GetObjectItem(cJSON_GetObjectItem(run0(s), "tool"), "driver"), "rules");
    int ri = cJSON_GetObjectItem(x, "ruleIndex")->valueint;
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, ri), "id")->valuestring,
                        "ST-01");
    cJSON *phys = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(x, "locations"), 0),
                                      "physicalLocation");
    cJSON *region = cJSON_GetObjectItem(phys, "region");
    assert_int_equal(cJSON_GetObjectItem(region, "startLine")->valueint, 42);
    assert_int_equal(cJSON_GetObjectItem(region, "startColumn")->valueint, 7);
    /* space and non-ASCII are percent-encoded */
    const char *uri =
        cJSON_GetObjectItem(cJSON_GetObjectItem(phys, "artifactLocation"), "uri")->valuestring;
    assert_non_null(strstr(uri, "decl/%E3%81%82"));
    assert_non_null(strstr(uri, "%20%E7%94%BA.json"));
    cJSON_Delete(s);
    cJSON_Delete(r);
}

static void passing_findings_are_not_results_and_counts_match(void **state)
{
    (void)state;
    cJSON *r = sample();
    cJSON *s = write_sarif(r, "ja");
    /* ST-01 fail, TW-01 warn, ZT-01 fail (note), ST-06 waived, BM-01 error; AL-01 pass: none */
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(run0(s), "results")), 5);
    assert_null(result_for(s, "AL-01"));
    cJSON *tw = result_for(s, "TW-01");
    assert_string_equal(cJSON_GetObjectItem(tw, "level")->valuestring, "warning");
    /* no line: only the artifact */
    cJSON *phys = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(tw, "locations"), 0),
                                      "physicalLocation");
    assert_null(cJSON_GetObjectItem(phys, "region"));
    assert_string_equal(cJSON_GetObjectItem(result_for(s, "ZT-01"), "level")->valuestring, "note");
    cJSON_Delete(s);
    cJSON_Delete(r);
}

static void waived_finding_carries_accepted_suppression(void **state)
{
    (void)state;
    cJSON *r = sample();
    cJSON *s = write_sarif(r, "ja");
    cJSON *x = result_for(s, "ST-06");
    cJSON *sup = cJSON_GetArrayItem(cJSON_GetObjectItem(x, "suppressions"), 0);
    assert_non_null(sup);
    assert_string_equal(cJSON_GetObjectItem(sup, "status")->valuestring, "accepted");
    assert_string_equal(cJSON_GetObjectItem(sup, "justification")->valuestring, "繁忙期");
    assert_null(cJSON_GetObjectItem(result_for(s, "ST-01"), "suppressions"));
    cJSON_Delete(s);
    cJSON_Delete(r);
}

static void policy_error_and_bad_declaration_mark_the_run(void **state)
{
    (void)state;
    cJSON *r = sample();
    cJSON *bad = t_add_decl(r, t_decl("broken.json", "", "", "", ""));
    cJSON *e = cJSON_CreateObject();
    cJSON_AddItemToObject(e, "message", t_msg("構文エラー", "syntax error"));
    cJSON_AddNumberToObject(e, "line", 3);
    cJSON_AddNumberToObject(e, "column", 9);
    cJSON_ReplaceItemInObjectCaseSensitive(bad, "error", e);
    cJSON *s = write_sarif(r, "en");
    cJSON *bm = result_for(s, "BM-01");
    assert_non_null(
        strstr(cJSON_GetObjectItem(cJSON_GetObjectItem(bm, "message"), "text")->valuestring,
               "budget exceeded"));
    cJSON *inv = cJSON_GetArrayItem(cJSON_GetObjectItem(run0(s), "invocations"), 0);
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(inv, "executionSuccessful")));
    cJSON *n = cJSON_GetArrayItem(cJSON_GetObjectItem(inv, "toolExecutionNotifications"), 0);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(n, "message"), "text")->valuestring,
                        "syntax error");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(run0(s), "artifacts")), 3);
    cJSON_Delete(s);
    cJSON_Delete(r);
}

static void clean_run_is_successful_and_output_is_deterministic(void **state)
{
    (void)state;
    cJSON *r = t_result();
    cJSON *d = t_add_decl(r, t_decl("/abs/path.json", "x", "013030", "北海道", "alpha"));
    t_add_policy(d, t_policy("AL-01", "required", "pass"));
    int rc1, rc2;
    char *a = t_capture(report_sarif_write, r, "ja", &rc1);
    char *b = t_capture(report_sarif_write, r, "ja", &rc2);
    assert_string_equal(a, b);
    cJSON *s = cJSON_Parse(a);
    cJSON *inv = cJSON_GetArrayItem(cJSON_GetObjectItem(run0(s), "invocations"), 0);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(inv, "executionSuccessful")));
    cJSON *art = cJSON_GetArrayItem(cJSON_GetObjectItem(run0(s), "artifacts"), 0);
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(art, "location"), "uri")->valuestring,
        "file:///abs/path.json");
    free(a);
    free(b);
    cJSON_Delete(s);
    cJSON_Delete(r);
}

static void not_a_result_document_is_an_error(void **state)
{
    (void)state;
    cJSON *x = cJSON_CreateObject();
    int rc;
    char *t = t_capture(report_sarif_write, x, "ja", &rc);
    assert_int_equal(rc, -1);
    free(t);
    cJSON_Delete(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_rule_per_policy_sorted_with_levels),
        cmocka_unit_test(failing_finding_is_located_by_line_and_column),
        cmocka_unit_test(passing_findings_are_not_results_and_counts_match),
        cmocka_unit_test(waived_finding_carries_accepted_suppression),
        cmocka_unit_test(policy_error_and_bad_declaration_mark_the_run),
        cmocka_unit_test(clean_run_is_successful_and_output_is_deterministic),
        cmocka_unit_test(not_a_result_document_is_an_error),
    };
    return cmocka_run_group_tests_name("sarif", tests, NULL, NULL);
}
