/* test_diff.c — `kyojin diff OLD NEW` (core/rollup/diff.c): what changed and the CI exit code. */
#include "rollup_test_util.h"

/* A result with one declaration; `st01` is the status of its ST-01 finding ("none" for no
 * finding), `risk` the risk value of lgwan-pc/mail_malware. */
static cJSON *doc(const char *st01, const char *risk, int broken)
{
    cJSON *r = t_result();
    cJSON *d = t_add_decl(r, t_decl("a.json", "あおば町", "013030", "北海道", "alpha"));
    if (broken) {
        cJSON_ReplaceItemInObjectCaseSensitive(d, "error", cJSON_CreateString("a.json:1:1: bad"));
        return r;
    }
    const char *pst = !strcmp(st01, "none") ? "pass" : st01;
    cJSON *p = t_add_policy(d, t_policy("ST-01", "required", pst));
    if (strcmp(st01, "none"))
        t_add_finding(p, t_finding(st01, "/screen_transfer/0", 12, 5, "共有", "shared"));
    t_add_policy(d, t_policy("AL-01", "required", "pass"));
    t_finish_decl(d);
    cJSON *risk_o = cJSON_AddObjectToObject(d, "risk");
    cJSON *rows = cJSON_AddArrayToObject(risk_o, "asset_rows");
    cJSON *row = cJSON_CreateObject();
    cJSON_AddStringToObject(row, "asset", "lgwan-pc");
    cJSON_AddStringToObject(row, "threat", "mail_malware");
    cJSON_AddStringToObject(row, "risk_value", risk);
    cJSON_AddItemToArray(rows, row);
    return r;
}

/* Run the command on two documents; returns the parsed JSON output, *rc the exit code. */
static cJSON *run_diff(cJSON *old, cJSON *new_, int *rc)
{
    char *po = t_write_temp(old), *pn = t_write_temp(new_);
    char out[] = "/tmp/kyojin-diff-out-XXXXXX";
    int fd = mkstemp(out);
    close(fd);
    char *in[] = {po, pn};
    rollup_args a = {"json", NULL, out, in, 2};
    *rc = cmd_diff(&a);
    cJSON *res = NULL;
    FILE *f = fopen(out, "r");
    if (f) {
        char buf[65536];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
        res = cJSON_Parse(buf);
    }
    unlink(out);
    unlink(po);
    unlink(pn);
    free(po);
    free(pn);
    return res;
}

static int count_of(const cJSON *d, const char *k)
{
    return cJSON_GetObjectItem(cJSON_GetObjectItem(d, "counts"), k)->valueint;
}

typedef struct {
    const char *name;
    const char *old_st, *new_st, *old_risk, *new_risk;
    const char *counter;
    int expect_rc;
} diff_case;

static const diff_case cases[] = {
    {"unchanged", "fail", "fail", "B", "B", NULL, 0},
    {"newly failing", "none", "fail", "B", "B", "newly_failing", 1},
    {"newly warn", "none", "warn", "B", "B", "newly_failing", 1},
    {"fixed", "fail", "none", "B", "B", "fixed", 0},
    {"newly waived", "fail", "waived", "B", "B", "newly_waived", 0},
    {"waiver expired", "waived", "fail", "B", "B", "expired_waivers", 1},
    {"risk worse", "none", "none", "C", "A", "risk_worse", 1},
    {"risk better", "none", "none", "A", "D", "risk_better", 0},
};

static void table_of_changes(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const diff_case *c = &cases[i];
        cJSON *o = doc(c->old_st, c->old_risk, 0), *n = doc(c->new_st, c->new_risk, 0);
        int rc;
        cJSON *d = run_diff(o, n, &rc);
        assert_non_null(d);
        if (rc != c->expect_rc)
            fail_msg("case '%s': exit %d, expected %d", c->name, rc, c->expect_rc);
        assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItem(d, "worse")), c->expect_rc == 1);
        const char *all[] = {"newly_failing",   "fixed",      "newly_waived",
                             "expired_waivers", "risk_worse", "risk_better"};
        for (int k = 0; k < 6; k++) {
            int want = c->counter && !strcmp(c->counter, all[k]) ? 1 : 0;
            if (count_of(d, all[k]) != want)
                fail_msg("case '%s': %s = %d, expected %d", c->name, all[k], count_of(d, all[k]),
                         want);
        }
        cJSON_Delete(d);
        cJSON_Delete(o);
        cJSON_Delete(n);
    }
}

static void newly_failing_entry_names_file_policy_pointer_and_line(void **state)
{
    (void)state;
    cJSON *o = doc("none", "B", 0), *n = doc("fail", "B", 0);
    int rc;
    cJSON *d = run_diff(o, n, &rc);
    cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(d, "newly_failing"), 0);
    assert_string_equal(cJSON_GetObjectItem(e, "file")->valuestring, "a.json");
    assert_string_equal(cJSON_GetObjectItem(e, "policy")->valuestring, "ST-01");
    assert_string_equal(cJSON_GetObjectItem(e, "pointer")->valuestring, "/screen_transfer/0");
    assert_int_equal(cJSON_GetObjectItem(e, "line")->valueint, 12);
    /* compliance lost is reported too */
    assert_int_equal(count_of(d, "compliance_lost"), 1);
    cJSON_Delete(d);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

static void declaration_that_no_longer_evaluates_is_worse(void **state)
{
    (void)state;
    cJSON *o = doc("none", "B", 0), *n = doc("none", "B", 1);
    int rc;
    cJSON *d = run_diff(o, n, &rc);
    assert_int_equal(rc, 1);
    assert_int_equal(count_of(d, "declaration_errors"), 1);
    cJSON_Delete(d);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

/* Another body in another file: added and removed; the same body (code) in another file: moved
 * (matching in detail: test_diffmatch.c). */
static void added_and_removed_declarations(void **state)
{
    (void)state;
    cJSON *o = doc("none", "B", 0), *n = doc("none", "B", 0);
    cJSON *d0 = cJSON_GetArrayItem(cJSON_GetObjectItem(n, "declarations"), 0);
    cJSON_ReplaceItemInObjectCaseSensitive(d0, "file", cJSON_CreateString("b.json"));
    int rc;
    cJSON *d = run_diff(o, n, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(count_of(d, "moved"), 1);
    assert_int_equal(count_of(d, "added"), 0);
    cJSON_Delete(d);
    cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetObjectItem(d0, "body"), "code",
                                           cJSON_CreateString("013048"));
    d = run_diff(o, n, &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(count_of(d, "added"), 1);
    assert_int_equal(count_of(d, "removed"), 1);
    cJSON_Delete(d);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

static void usage_and_input_errors(void **state)
{
    (void)state;
    char *in1[] = {"only-one.json"};
    rollup_args a1 = {NULL, NULL, NULL, in1, 1};
    assert_int_equal(cmd_diff(&a1), ROLLUP_EXIT_USAGE);
    char *in2[] = {"a", "b"};
    rollup_args a2 = {"xml", NULL, NULL, in2, 2};
    assert_int_equal(cmd_diff(&a2), ROLLUP_EXIT_USAGE);
    char *in3[] = {"/nonexistent/a.json", "/nonexistent/b.json"};
    rollup_args a3 = {NULL, NULL, NULL, in3, 2};
    assert_int_equal(cmd_diff(&a3), ROLLUP_EXIT_INPUT);
    cJSON *notresult = cJSON_Parse("{\"schema\":\"kyojin/declaration/v1\",\"declarations\":[]}");
    char *p = t_write_temp(notresult);
    char *in4[] = {p, p};
    rollup_args a4 = {NULL, NULL, NULL, in4, 2};
    assert_int_equal(cmd_diff(&a4), ROLLUP_EXIT_INPUT);
    unlink(p);
    free(p);
    cJSON_Delete(notresult);
}

static void text_output_says_the_verdict(void **state)
{
    (void)state;
    cJSON *o = doc("waived", "B", 0), *n = doc("fail", "A", 0);
    char *po = t_write_temp(o), *pn = t_write_temp(n);
    char *in[] = {po, pn};
    rollup_args a = {NULL, "en", NULL, in, 2};
    int rc;
    char *out = t_capture_stdout(cmd_diff, &a, &rc);
    assert_int_equal(rc, 1);
    assert_non_null(strstr(out, "Expired waivers: 1"));
    assert_non_null(strstr(out, "lgwan-pc / mail_malware  B → A"));
    assert_non_null(strstr(out, "Result: something got worse"));
    free(out);
    unlink(po);
    unlink(pn);
    free(po);
    free(pn);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_of_changes),
        cmocka_unit_test(newly_failing_entry_names_file_policy_pointer_and_line),
        cmocka_unit_test(declaration_that_no_longer_evaluates_is_worse),
        cmocka_unit_test(added_and_removed_declarations),
        cmocka_unit_test(usage_and_input_errors),
        cmocka_unit_test(text_output_says_the_verdict),
    };
    return cmocka_run_group_tests_name("diff", tests, NULL, NULL);
}
