/* test_summary.c — `kyojin summary` (core/rollup/summary.c): counts per requirement, model and
 * prefecture, failing bodies, risk distribution, and the four output formats. */
#include "rollup_test_util.h"

#include "util/utf8.h"

static void add_risk(cJSON *d, int a, int b, int c, int dd, int e)
{
    cJSON *risk = cJSON_AddObjectToObject(d, "risk");
    cJSON *counts = cJSON_AddObjectToObject(risk, "counts");
    cJSON_AddNumberToObject(counts, "A", a);
    cJSON_AddNumberToObject(counts, "B", b);
    cJSON_AddNumberToObject(counts, "C", c);
    cJSON_AddNumberToObject(counts, "D", dd);
    cJSON_AddNumberToObject(counts, "E", e);
}

/* Three bodies: two in 北海道 (alpha, beta), one in 東京都 (alpha). */
static char *write_sample(void)
{
    cJSON *r = t_result();
    cJSON *d = t_add_decl(r, t_decl("a.json", "あおば町", "013030", "北海道", "alpha"));
    cJSON *p = t_add_policy(d, t_policy("ST-01", "required", "fail"));
    t_add_finding(p, t_finding("fail", "/screen_transfer/0", 4, 2, "x", "x"));
    t_add_policy(d, t_policy("TW-01", "recommended", "warn"));
    t_finish_decl(d);
    add_risk(d, 1, 0, 2, 0, 0);
    d = t_add_decl(r, t_decl("b.json", "みどり市", "012025", "北海道", "beta"));
    t_add_policy(d, t_policy("ST-01", "required", "pass"));
    p = t_add_policy(d, t_policy("TW-01", "recommended", "pass"));
    t_add_finding(p, t_finding("waived", "/telework", 4, 2, "x", "x"));
    t_finish_decl(d);
    add_risk(d, 0, 0, 0, 3, 1);
    d = t_add_decl(r, t_decl("c.json", "さくら区", "131016", "東京都", "alpha"));
    t_add_policy(d, t_policy("ST-01", "required", "error"));
    t_add_policy(d, t_policy("TW-01", "recommended", "not_applicable"));
    t_finish_decl(d);
    add_risk(d, 0, 2, 0, 0, 0);
    char *path = t_write_temp(r);
    cJSON_Delete(r);
    return path;
}

static cJSON *summary_json(const char *path)
{
    char *in[] = {(char *)path};
    rollup_args a = {"json", NULL, NULL, in, 1};
    int rc;
    char *out = t_capture_stdout(cmd_summary, &a, &rc);
    assert_int_equal(rc, 0);
    cJSON *j = cJSON_Parse(out);
    free(out);
    assert_non_null(j);
    return j;
}

static cJSON *policy(cJSON *j, const char *id)
{
    cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItem(j, "policies"))
        if (!strcmp(cJSON_GetObjectItem(p, "id")->valuestring, id)) return p;
    return NULL;
}

static int n(cJSON *counts, const char *k)
{
    return cJSON_GetObjectItem(counts, k)->valueint;
}

static void counts_per_requirement_model_and_prefecture(void **state)
{
    (void)state;
    char *path = write_sample();
    cJSON *j = summary_json(path);
    cJSON *tot = cJSON_GetObjectItem(j, "totals");
    assert_int_equal(n(tot, "bodies"), 3);
    assert_int_equal(n(tot, "compliant"), 1);
    cJSON *st = policy(j, "ST-01");
    cJSON *c = cJSON_GetObjectItem(st, "counts");
    assert_int_equal(n(c, "pass"), 1);
    assert_int_equal(n(c, "fail"), 1);
    assert_int_equal(n(c, "error"), 1);
    cJSON *tw = cJSON_GetObjectItem(policy(j, "TW-01"), "counts");
    assert_int_equal(n(tw, "warn"), 1);
    assert_int_equal(n(tw, "waived"), 1);
    assert_int_equal(n(tw, "not_applicable"), 1);
    cJSON *alpha = cJSON_GetObjectItem(cJSON_GetObjectItem(st, "by_model"), "alpha");
    assert_int_equal(n(alpha, "fail"), 1);
    assert_int_equal(n(alpha, "error"), 1);
    cJSON *hokkaido = cJSON_GetObjectItem(cJSON_GetObjectItem(st, "by_prefecture"), "北海道");
    assert_int_equal(n(hokkaido, "fail"), 1);
    assert_int_equal(n(hokkaido, "pass"), 1);
    /* prefectures in national order (by code), not by first appearance */
    cJSON *prefs = cJSON_GetObjectItem(j, "prefectures");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(prefs, 0), "name")->valuestring,
                        "北海道");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(prefs, 1), "name")->valuestring,
                        "東京都");
    cJSON_Delete(j);
    unlink(path);
    free(path);
}

static void failing_bodies_and_risk_distribution(void **state)
{
    (void)state;
    char *path = write_sample();
    cJSON *j = summary_json(path);
    cJSON *fb = cJSON_GetObjectItem(policy(j, "ST-01"), "failing_bodies");
    assert_int_equal(cJSON_GetArraySize(fb), 2); /* fail and error */
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(fb, 0), "code")->valuestring,
                        "013030");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(policy(j, "TW-01"), "failing_bodies")),
                     0);
    cJSON *risk = cJSON_GetObjectItem(j, "risk");
    cJSON *rc = cJSON_GetObjectItem(risk, "counts");
    assert_int_equal(n(rc, "A"), 1);
    assert_int_equal(n(rc, "B"), 2);
    assert_int_equal(n(rc, "C"), 2);
    assert_int_equal(n(rc, "D"), 3);
    assert_int_equal(n(rc, "E"), 1);
    cJSON *worst = cJSON_GetObjectItem(risk, "bodies_by_worst");
    assert_int_equal(n(worst, "A"), 1);
    assert_int_equal(n(worst, "B"), 1);
    assert_int_equal(n(worst, "D"), 1);
    cJSON *tokyo = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "prefectures"), 1);
    assert_int_equal(n(cJSON_GetObjectItem(tokyo, "risk_counts"), "B"), 2);
    cJSON_Delete(j);
    unlink(path);
    free(path);
}

static void text_csv_and_html_formats(void **state)
{
    (void)state;
    char *path = write_sample();
    int rc;
    char *in[] = {path};
    rollup_args a1 = {"csv", NULL, NULL, in, 1};
    char *csv = t_capture_stdout(cmd_summary, &a1, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(
        csv, "section,group,policy,level,bodies,compliant,not_compliant,pass,fail,warn,waived,"
             "not_applicable,error,applicable,not_met,not_met_rate,"));
    /* pass 1, fail 1, error 1: applicable 3, not met 1 */
    assert_non_null(strstr(csv, "requirement,national,ST-01,required,,,,1,1,0,0,0,1,3,1,33.3%,"));
    assert_non_null(strstr(csv, "failing_body,北海道,ST-01,required"));
    rollup_args a2 = {"html", "en", NULL, in, 1};
    char *html = t_capture_stdout(cmd_summary, &a2, &rc);
    assert_int_equal(rc, 0);
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    assert_non_null(strstr(html, "<svg"));
    /* self-contained: the sorting script is inline, nothing is fetched */
    assert_non_null(strstr(html, "<script>"));
    assert_null(strstr(html, "<script src"));
    assert_null(strstr(html, "<link"));
    assert_non_null(strstr(html, "class=\"sortable\""));
    assert_null(strstr(html, "http://example"));
    rollup_args a3 = {NULL, NULL, NULL, in, 1};
    char *text = t_capture_stdout(cmd_summary, &a3, &rc);
    assert_non_null(strstr(text, "団体数: 3"));
    assert_non_null(strstr(text, "必須要件に不適合の団体"));
    free(csv);
    free(html);
    free(text);
    unlink(path);
    free(path);
}

static void html_escapes_names(void **state)
{
    (void)state;
    cJSON *r = t_result();
    cJSON *d =
        t_add_decl(r, t_decl("a.json", "<script>alert(1)</script>", "013030", "北海道", "alpha"));
    t_add_policy(d, t_policy("ST-01", "required", "fail"));
    t_finish_decl(d);
    char *path = t_write_temp(r);
    char *in[] = {path};
    rollup_args a = {"html", NULL, NULL, in, 1};
    int rc;
    char *html = t_capture_stdout(cmd_summary, &a, &rc);
    assert_null(strstr(html, "<script>alert"));
    assert_non_null(strstr(html, "&lt;script&gt;"));
    free(html);
    unlink(path);
    free(path);
    cJSON_Delete(r);
}

static void bad_inputs(void **state)
{
    (void)state;
    rollup_args a1 = {NULL, NULL, NULL, NULL, 0};
    assert_int_equal(cmd_summary(&a1), ROLLUP_EXIT_USAGE);
    char *in2[] = {"/nonexistent.json"};
    rollup_args a2 = {NULL, NULL, NULL, in2, 1};
    assert_int_equal(cmd_summary(&a2), ROLLUP_EXIT_INPUT);
    cJSON *decl = cJSON_Parse("{\"schema\":\"kyojin/declaration/v1\",\"body\":{}}");
    char *p = t_write_temp(decl);
    char *in3[] = {p};
    rollup_args a3 = {NULL, NULL, NULL, in3, 1};
    assert_int_equal(cmd_summary(&a3), ROLLUP_EXIT_INPUT);
    unlink(p);
    free(p);
    cJSON_Delete(decl);
    char tmp[] = "/tmp/kyojin-sum-XXXXXX";
    int fd = mkstemp(tmp);
    assert_int_equal(
        write(fd, "{\"schema\":\"kyojin/result/v1\",\"declarations\":[{\"file\":1},", 56), 56);
    close(fd);
    char *in4[] = {tmp};
    rollup_args a4 = {NULL, NULL, NULL, in4, 1};
    assert_int_equal(cmd_summary(&a4), ROLLUP_EXIT_INPUT);
    unlink(tmp);
    char *in5[] = {"x"};
    rollup_args a5 = {"pdf", NULL, NULL, in5, 1};
    assert_int_equal(cmd_summary(&a5),
                     ROLLUP_EXIT_INPUT); /* x does not exist: input checked first */
}

/* A result of one body (code) with one required policy, under policy set `sha`; shard I/N
 * when n > 0; the date in report.date. */
static char *one_body(const char *code, const char *status, const char *sha, const char *edition,
                      int i, int n, const char *date)
{
    cJSON *r = t_result();
    cJSON *ps = cJSON_CreateObject();
    cJSON_AddStringToObject(ps, "sha256", sha);
    if (edition) cJSON_AddStringToObject(ps, "edition", edition);
    cJSON_AddItemToObject(r, "policy_set", ps);
    cJSON *rep = cJSON_AddObjectToObject(r, "report");
    cJSON_AddStringToObject(rep, "date", date);
    if (n) {
        cJSON *sh = cJSON_AddObjectToObject(r, "shard");
        cJSON_AddNumberToObject(sh, "index", i);
        cJSON_AddNumberToObject(sh, "count", n);
    }
    /* the declarations after the members the summary reads first */
    cJSON *decls = cJSON_DetachItemFromObject(r, "declarations");
    cJSON_AddItemToObject(r, "declarations", decls);
    cJSON *d = t_add_decl(r, t_decl("x.json", "あおば町", code, "北海道", "alpha"));
    t_add_policy(d, t_policy("ST-01", "required", status));
    t_finish_decl(d);
    char *path = t_write_temp(r);
    cJSON_Delete(r);
    return path;
}

/* cmd_summary_dated with g_date, in the shape t_capture_stdout takes */
static const char *g_date;
static int dated(const rollup_args *x)
{
    return cmd_summary_dated(x, g_date);
}

static cJSON *summary_of(char **in, size_t n, int *rc)
{
    rollup_args a = {"json", "en", NULL, in, n};
    char *out = t_capture_stdout(dated, &a, rc);
    cJSON *j = cJSON_Parse(out);
    free(out);
    assert_non_null(j);
    return j;
}

static int has_warning(cJSON *j, const char *needle)
{
    const cJSON *w;
    cJSON_ArrayForEach(w, cJSON_GetObjectItem(j, "warnings"))
        if (strstr(w->valuestring, needle)) return 1;
    return 0;
}

static void mixed_sets_duplicates_and_shards_are_reported(void **state)
{
    (void)state;
    char *a = one_body("011002", "fail", "aaaa", "2026", 1, 3, "2026-03-01");
    char *b = one_body("011002", "pass", "bbbb", NULL, 1, 3, "2026-05-01"); /* same body */
    char *c = one_body("012025", "pass", "aaaa", "2026", 3, 3, "2026-04-01");
    char *in[] = {a, b, c};
    int rc;
    cJSON *j = summary_of(in, 3, &rc);
    assert_int_equal(rc, 0);
    /* the body given twice counts once, from the first input */
    cJSON *tot = cJSON_GetObjectItem(j, "totals");
    assert_int_equal(n(tot, "bodies"), 2);
    assert_int_equal(n(tot, "duplicates"), 1);
    assert_int_equal(n(cJSON_GetObjectItem(policy(j, "ST-01"), "counts"), "fail"), 1);
    cJSON *dup = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "duplicates"), 0);
    assert_string_equal(cJSON_GetObjectItem(dup, "code")->valuestring, "011002");
    assert_string_equal(cJSON_GetObjectItem(dup, "counted_from")->valuestring, a);
    assert_string_equal(cJSON_GetObjectItem(dup, "also_in")->valuestring, b);
    /* two policy sets, one without an edition */
    cJSON *sets = cJSON_GetObjectItem(j, "policy_sets");
    assert_int_equal(cJSON_GetArraySize(sets), 2);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(sets, 1), "edition")));
    assert_true(has_warning(j, "2 different policy sets"));
    assert_true(has_warning(j, "Shards missing: 2 of 3"));
    assert_true(has_warning(j, "more than once: 1 of 3"));
    assert_true(has_warning(j, "repeat a body"));
    /* dated by the newest report date */
    assert_string_equal(cJSON_GetObjectItem(j, "date")->valuestring, "2026-05-01");
    cJSON_Delete(j);

    /* every shard once: no warning; order of the inputs does not matter */
    char *d = one_body("013030", "pass", "aaaa", "2026", 2, 3, "2026-04-01");
    char *in2[] = {d, c, a}, *in3[] = {a, d, c};
    cJSON *j2 = summary_of(in2, 3, &rc), *j3 = summary_of(in3, 3, &rc);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(j2, "warnings")), 0);
    char *p2 = cJSON_Print(j2), *p3 = cJSON_Print(j3);
    assert_string_equal(p2, p3);
    free(p2);
    free(p3);
    cJSON_Delete(j2);
    cJSON_Delete(j3);

    /* --date overrides; an impossible date is refused */
    g_date = "2027-01-31";
    cJSON *j4 = summary_of(in2, 3, &rc);
    assert_string_equal(cJSON_GetObjectItem(j4, "date")->valuestring, "2027-01-31");
    cJSON_Delete(j4);
    rollup_args bad = {"json", "en", NULL, in2, 3};
    assert_int_equal(cmd_summary_dated(&bad, "2027-02-30"), ROLLUP_EXIT_USAGE);
    g_date = NULL;
    char *all[] = {a, b, c, d};
    for (int i = 0; i < 4; i++) {
        unlink(all[i]);
        free(all[i]);
    }
}

/* Result v2: the policies' metadata (here: the level) only in the document's catalog. */
static void reads_result_v2_catalog(void **state)
{
    (void)state;
    cJSON *r = t_result();
    cJSON_ReplaceItemInObject(r, "schema", cJSON_CreateString("kyojin/result/v2"));
    cJSON *decls = cJSON_DetachItemFromObject(r, "declarations");
    cJSON *cat = cJSON_AddObjectToObject(r, "catalog");
    cJSON *pols = cJSON_AddArrayToObject(cat, "policies");
    cJSON *p = t_policy("TW-01", "recommended", "pass");
    cJSON_AddItemToArray(pols, p);
    cJSON_AddItemToObject(r, "declarations", decls);
    cJSON *d = t_add_decl(r, t_decl("a.json", "あおば町", "013030", "北海道", "beta"));
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "id", "TW-01");
    cJSON_AddStringToObject(e, "status", "fail");
    cJSON_AddArrayToObject(e, "findings");
    t_add_policy(d, e);
    char *path = t_write_temp(r);
    cJSON_Delete(r);
    cJSON *j = summary_json(path);
    cJSON *tw = policy(j, "TW-01");
    assert_string_equal(cJSON_GetObjectItem(tw, "level")->valuestring, "recommended");
    /* a recommended policy not met is "warn", not a failure */
    assert_int_equal(n(cJSON_GetObjectItem(tw, "counts"), "warn"), 1);
    assert_int_equal(n(cJSON_GetObjectItem(tw, "counts"), "fail"), 0);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(tw, "title"), "en")->valuestring,
                        "Title of TW-01");
    cJSON_Delete(j);
    unlink(path);
    free(path);
}

/* Text tables: every row of a table has its columns at the same display column, Japanese
 * characters counting two. */
static void text_is_aligned_for_japanese_width(void **state)
{
    (void)state;
    char *path = write_sample();
    char *in[] = {path};
    rollup_args a = {NULL, NULL, NULL, in, 1};
    int rc;
    char *text = t_capture_stdout(cmd_summary, &a, &rc);
    /* the prefecture table: its last column is right-aligned, so its lines are equally wide */
    char *tab = strstr(text, "都道府県別\n");
    assert_non_null(tab);
    char *line = strchr(tab, '\n') + 1;
    size_t width = 0;
    int rows = 0;
    while (*line == ' ') {
        char *end = strchr(line, '\n');
        *end = '\0';
        size_t w = utf8_width(line);
        if (!rows) width = w;
        assert_int_equal(w, width);
        rows++;
        line = end + 1;
    }
    assert_int_equal(rows, 3); /* header, 北海道, 東京都 */
    free(text);
    unlink(path);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counts_per_requirement_model_and_prefecture),
        cmocka_unit_test(failing_bodies_and_risk_distribution),
        cmocka_unit_test(text_csv_and_html_formats),
        cmocka_unit_test(html_escapes_names),
        cmocka_unit_test(bad_inputs),
        cmocka_unit_test(mixed_sets_duplicates_and_shards_are_reported),
        cmocka_unit_test(reads_result_v2_catalog),
        cmocka_unit_test(text_is_aligned_for_japanese_width),
    };
    return cmocka_run_group_tests_name("summary", tests, NULL, NULL);
}
