/* test_baseline.c — `check --baseline` (core/rollup/baseline.c): keyed by body (its code, or its
 * file when it has none or the code is repeated), policy id and pointer; statuses, counts and
 * compliance follow what is left. */
#include "rollup_test_util.h"

static cJSON *doc_code(const char *file, const char *code, const char *policy, const char *pointer,
                       const char *status)
{
    cJSON *r = t_result();
    cJSON *d = t_add_decl(r, t_decl(file, "x", code ? code : "", "北海道", "alpha"));
    if (!code)
        cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetObjectItem(d, "body"), "code",
                                               cJSON_CreateNull());
    cJSON *p = t_add_policy(d, t_policy(policy, "required", status));
    t_add_finding(p, t_finding(status, pointer, 5, 3, "m", "m"));
    t_add_policy(d, t_policy("ZZ-99", "required", "pass"));
    t_finish_decl(d);
    return r;
}

static cJSON *doc_with(const char *file, const char *policy, const char *pointer,
                       const char *status)
{
    return doc_code(file, "013030", policy, pointer, status);
}

static cJSON *decl0(cJSON *r)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(r, "declarations"), 0);
}
static cJSON *pol0(cJSON *r)
{
    return cJSON_GetArrayItem(cJSON_GetObjectItem(decl0(r), "policies"), 0);
}

static void known_finding_is_dropped_and_compliance_recomputed(void **state)
{
    (void)state;
    cJSON *cur = doc_with("a.json", "ST-01", "/screen_transfer/0", "fail");
    cJSON *base = doc_with("a.json", "ST-01", "/screen_transfer/0", "fail");
    char err[256];
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "pass");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(pol0(cur), "findings")), 0);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(decl0(cur), "compliant")));
    cJSON *counts = cJSON_GetObjectItem(decl0(cur), "counts");
    assert_int_equal(cJSON_GetObjectItem(counts, "fail")->valueint, 0);
    assert_int_equal(cJSON_GetObjectItem(counts, "pass")->valueint, 2);
    cJSON *mark = cJSON_GetObjectItem(cur, "baseline");
    assert_int_equal(cJSON_GetObjectItem(mark, "suppressed")->valueint, 1);
    cJSON_Delete(cur);
    cJSON_Delete(base);
}

/* A table of keys that differ in one part: never suppressed. */
static void key_is_body_policy_and_pointer(void **state)
{
    (void)state;
    const char *variants[][4] = {
        {"a.json", "013048", "ST-01", "/screen_transfer/0"}, /* another body, same file */
        {"a.json", "013030", "ST-02", "/screen_transfer/0"},
        {"a.json", "013030", "ST-01", "/screen_transfer/1"},
        {"b.json", NULL, "ST-01", "/screen_transfer/0"}, /* no code: another file */
    };
    for (size_t i = 0; i < 4; i++) {
        cJSON *cur = doc_code("a.json", variants[i][1] ? "013030" : NULL, "ST-01",
                              "/screen_transfer/0", "fail");
        cJSON *base =
            doc_code(variants[i][0], variants[i][1], variants[i][2], variants[i][3], "fail");
        char err[256];
        assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
        if (strcmp(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "fail"))
            fail_msg("variant %zu suppressed", i);
        assert_false(cJSON_IsTrue(cJSON_GetObjectItem(decl0(cur), "compliant")));
        cJSON_Delete(cur);
        cJSON_Delete(base);
    }
}

/* The same body in a renamed file (another year's folder) still matches by its code; without
 * a code the file decides. */
static void renamed_file_matches_by_code(void **state)
{
    (void)state;
    cJSON *cur = doc_code("2026/r1.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    cJSON *base = doc_code("2025/013030.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    char err[256];
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "pass");
    cJSON *mark = cJSON_GetObjectItem(cur, "baseline");
    assert_string_equal(cJSON_GetObjectItem(mark, "key")->valuestring, "body+policy+pointer");
    assert_null(cJSON_GetObjectItem(mark, "duplicate_codes"));
    cJSON_Delete(cur);
    cJSON_Delete(base);
    cur = doc_code("a.json", NULL, "ST-01", "/screen_transfer/0", "fail");
    base = doc_code("a.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "pass");
    cJSON_Delete(cur);
    cJSON_Delete(base);
}

/* A code on two declarations, in the baseline or in the result: those are matched by file
 * only (never one body's findings hiding the other's), and the mark names the code. */
static void duplicated_code_falls_back_to_the_file(void **state)
{
    (void)state;
    /* baseline: 013030 twice; the known finding is in copy.json only */
    cJSON *cur = doc_code("y/a.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    cJSON *base = doc_code("x/copy.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    t_add_decl(base, t_decl("x/a.json", "x", "013030", "北海道", "alpha"));
    char err[256];
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "fail");
    cJSON *dup = cJSON_GetObjectItem(cJSON_GetObjectItem(cur, "baseline"), "duplicate_codes");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(dup, "baseline"), 0)->valuestring,
                        "013030");
    cJSON_Delete(cur);
    cJSON_Delete(base);
    /* result: 013030 twice; the first matches by code, the second (another file) does not */
    cur = doc_code("y/a.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    cJSON *second = cJSON_Duplicate(decl0(cur), 1);
    cJSON_ReplaceItemInObjectCaseSensitive(second, "file", cJSON_CreateString("y/copy.json"));
    t_add_decl(cur, second);
    base = doc_code("x/a.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "pass");
    cJSON *p2 = cJSON_GetArrayItem(cJSON_GetObjectItem(second, "policies"), 0);
    assert_string_equal(cJSON_GetObjectItem(p2, "status")->valuestring, "fail");
    dup = cJSON_GetObjectItem(cJSON_GetObjectItem(cur, "baseline"), "duplicate_codes");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(dup, "result"), 0)->valuestring,
                        "013030");
    cJSON_Delete(cur);
    cJSON_Delete(base);
}

/* A baseline of schema v2 (metadata in the catalog) is read the same way. */
static void baseline_of_schema_v2(void **state)
{
    (void)state;
    cJSON *cur = doc_code("2026/r1.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    cJSON *base = doc_code("2025/a.json", "013030", "ST-01", "/screen_transfer/0", "fail");
    cJSON_ReplaceItemInObjectCaseSensitive(base, "schema", cJSON_CreateString("kyojin/result/v2"));
    cJSON *bp = cJSON_GetArrayItem(cJSON_GetObjectItem(decl0(base), "policies"), 0);
    const char *meta[] = {"requirements", "level",           "title",       "source",
                          "remediation",  "countermeasures", "fields_read", "reason"};
    for (int i = 0; i < 8; i++) cJSON_DeleteItemFromObject(bp, meta[i]);
    cJSON_AddObjectToObject(base, "catalog");
    char err[256];
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "pass");
    cJSON_Delete(cur);
    cJSON_Delete(base);
}

static void passing_or_waived_baseline_does_not_hide_a_new_failure(void **state)
{
    (void)state;
    const char *st[] = {"pass", "waived"};
    for (int i = 0; i < 2; i++) {
        cJSON *cur = doc_with("a.json", "ST-01", "/screen_transfer/0", "fail");
        cJSON *base = doc_with("a.json", "ST-01", "/screen_transfer/0", st[i]);
        char err[256];
        assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
        assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "fail");
        cJSON_Delete(cur);
        cJSON_Delete(base);
    }
}

static void partly_known_policy_keeps_its_new_findings(void **state)
{
    (void)state;
    cJSON *cur = doc_with("a.json", "ST-01", "/screen_transfer/0", "fail");
    t_add_finding(pol0(cur), t_finding("fail", "/screen_transfer/1", 9, 3, "new", "new"));
    cJSON *base = doc_with("a.json", "ST-01", "/screen_transfer/0", "fail");
    char err[256];
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    cJSON *fs = cJSON_GetObjectItem(pol0(cur), "findings");
    assert_int_equal(cJSON_GetArraySize(fs), 1);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(fs, 0), "pointer")->valuestring,
                        "/screen_transfer/1");
    assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "fail");
    cJSON_Delete(cur);
    cJSON_Delete(base);
}

static void recommended_policy_left_with_warnings_only(void **state)
{
    (void)state;
    cJSON *cur = t_result();
    cJSON *d = t_add_decl(cur, t_decl("a.json", "x", "013030", "北海道", "alpha"));
    cJSON *p = t_add_policy(d, t_policy("TW-01", "recommended", "warn"));
    t_add_finding(p, t_finding("warn", "/telework", 1, 1, "a", "a"));
    t_add_finding(p, t_finding("warn", "/byod", 2, 1, "b", "b"));
    t_finish_decl(d);
    cJSON *base = t_result();
    cJSON *bd = t_add_decl(base, t_decl("a.json", "x", "013030", "北海道", "alpha"));
    cJSON *bp = t_add_policy(bd, t_policy("TW-01", "recommended", "warn"));
    t_add_finding(bp, t_finding("warn", "/telework", 1, 1, "a", "a"));
    char err[256];
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    assert_string_equal(cJSON_GetObjectItem(p, "status")->valuestring, "warn");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(p, "findings")), 1);
    cJSON_Delete(cur);
    cJSON_Delete(base);
}

static void policy_error_without_findings_is_keyed_by_empty_pointer(void **state)
{
    (void)state;
    cJSON *cur = t_result();
    cJSON *d = t_add_decl(cur, t_decl("a.json", "x", "013030", "北海道", "alpha"));
    t_add_policy(d, t_policy("BM-01", "required", "error"));
    t_finish_decl(d);
    cJSON *base = cJSON_Duplicate(cur, 1);
    char err[256];
    assert_false(cJSON_IsTrue(cJSON_GetObjectItem(d, "compliant")));
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), 0);
    assert_string_equal(cJSON_GetObjectItem(pol0(cur), "status")->valuestring, "pass");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(decl0(cur), "compliant")));
    cJSON_Delete(cur);
    cJSON_Delete(base);
}

static void baseline_must_be_a_result_document(void **state)
{
    (void)state;
    cJSON *cur = doc_with("a.json", "ST-01", "/x", "fail");
    cJSON *base = cJSON_Parse("{\"schema\":\"kyojin/declaration/v1\",\"declarations\":[]}");
    char err[256] = "";
    assert_int_equal(baseline_apply(cur, base, "en", err, sizeof err), -1);
    assert_non_null(strstr(err, "kyojin/result/v1"));
    cJSON_Delete(cur);
    cJSON_Delete(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(known_finding_is_dropped_and_compliance_recomputed),
        cmocka_unit_test(key_is_body_policy_and_pointer),
        cmocka_unit_test(renamed_file_matches_by_code),
        cmocka_unit_test(duplicated_code_falls_back_to_the_file),
        cmocka_unit_test(baseline_of_schema_v2),
        cmocka_unit_test(passing_or_waived_baseline_does_not_hide_a_new_failure),
        cmocka_unit_test(partly_known_policy_keeps_its_new_findings),
        cmocka_unit_test(recommended_policy_left_with_warnings_only),
        cmocka_unit_test(policy_error_without_findings_is_keyed_by_empty_pointer),
        cmocka_unit_test(baseline_must_be_a_result_document),
    };
    return cmocka_run_group_tests_name("baseline", tests, NULL, NULL);
}
