/* test_report_csv.c — cmocka tests of the CSV writer and the cell quoting it shares:
 * RFC 4180 quoting, formula neutralising (OWASP), BOM and CRLF, the IPA column order of
 * the risk sheets, reading every table back field by field, determinism, bad input. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_escape.h"
#include "report/report_formats.h"
#include "test_report_setup.h" /* load_vocab, free_vocab */

static char *quoted(const char *in)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    csv_text(f, in);
    fclose(f);
    return buf;
}

static void csv_text_table(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "\"plain\""},
        {"a,b", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\""},
        {"two\r\nlines", "\"two\r\nlines\""},
        {"=1+1", "\"'=1+1\""},
        {"+81-3", "\"'+81-3\""},
        {"-2+3", "\"'-2+3\""},
        {"@SUM(A1)", "\"'@SUM(A1)\""},
        {"\t=cmd", "\"'\t=cmd\""},
        {"\r=cmd", "\"'\r=cmd\""},
        {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
        {"\xEF\xBC\x9D"
         "1+1",
         "\"'\xEF\xBC\x9D"
         "1+1\""},          /* full-width ＝ */
        {"a=1", "\"a=1\""}, /* only the first character counts */
        {"見本町", "\"見本町\""},
        {"", "\"\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = quoted(cases[i].in);
        assert_string_equal(got, cases[i].out);
        free(got);
    }
    char *got = quoted(NULL);
    assert_string_equal(got, "\"\"");
    free(got);
    char *c = cell_neutralise("=x");
    assert_string_equal(c, "'=x");
    free(c);
    c = cell_neutralise("x=");
    assert_string_equal(c, "x=");
    free(c);
}

/* A minimal RFC 4180 reader: fields of one record, NULL at the end of input. */
typedef struct {
    char **f;
    size_t n;
} record;

static int read_record(const char **pp, record *r)
{
    const char *p = *pp;
    r->f = NULL;
    r->n = 0;
    if (!*p) return 0;
    for (;;) {
        size_t cap = strlen(p) + 1, k = 0;
        char *field = malloc(cap);
        if (*p == '"') {
            p++;
            for (;;) {
                assert_true(*p != 0); /* unterminated quote */
                if (*p == '"' && p[1] == '"') {
                    field[k++] = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else
                    field[k++] = *p++;
            }
        } else {
            while (*p && *p != ',' && *p != '\r') field[k++] = *p++;
        }
        field[k] = 0;
        r->f = realloc(r->f, (r->n + 1) * sizeof *r->f);
        r->f[r->n++] = field;
        if (*p == ',') {
            p++;
            continue;
        }
        assert_true(p[0] == '\r' && p[1] == '\n'); /* CRLF only */
        p += 2;
        break;
    }
    *pp = p;
    return 1;
}

static void free_record(record *r)
{
    for (size_t i = 0; i < r->n; i++) free(r->f[i]);
    free(r->f);
}

static const char *doc =
    "{\"schema\":\"kyojin/result/v1\",\"tool\":{\"name\":\"kyojin\",\"version\":\"0.1.0\"},"
    "\"policy_set\":{\"sha256\":\"ab\",\"policies\":2},\"parameters\":{\"ST-06.max_refresh_days\":7},\"as_of\":null,"
    "\"declarations\":[{\"file\":\"x.json\",\"sha256\":\"cd\","
    "\"body\":{\"name\":\"=HYPERLINK(\\\"http://evil\\\")\",\"code\":\"131016\",\"model\":\"beta\",\"as_of\":\"2026-10-01\"},"
    "\"compliant\":false,\"policies\":["
    "{\"id\":\"ST-01\",\"requirements\":[\"ST-01\",\"ST-02\"],\"level\":\"required\",\"title\":{\"ja\":\"題, \\\"引用\\\"\",\"en\":\"t\"},"
    " \"source\":\"S000\",\"remediation\":{\"ja\":\"-1 行\\r\\n改行\",\"en\":\"r\"},\"status\":\"fail\",\"reason\":null,"
    " \"findings\":[{\"status\":\"fail\",\"pointer\":\"/screen_transfer/0\",\"line\":12,\"message\":{\"ja\":\"@cmd\",\"en\":\"m\"},"
    "  \"evidence\":\"declared\",\"classification\":null,\"waiver\":null},"
    "  {\"status\":\"waived\",\"pointer\":\"/contracts/0\",\"line\":20,\"message\":{\"ja\":\"m2\",\"en\":\"m2\"},\"evidence\":\"declared\","
    "   \"classification\":null,\"waiver\":{\"justification\":\"\\t=1\",\"approver\":\"+課長\",\"expires\":\"2027-03-31\"}}]},"
    "{\"id\":\"BM-01\",\"requirements\":[\"BM-01\"],\"level\":\"required\",\"title\":{\"ja\":\"EDR\",\"en\":\"EDR\"},"
    " \"status\":\"not_applicable\",\"reason\":{\"ja\":\"αには適用されない\",\"en\":\"n/a\"},\"findings\":[]}],"
    "\"risk\":{\"asset_rows\":[{\"no\":1,\"asset\":\"pc\",\"asset_name\":\"=端末\",\"asset_kind\":\"terminal\",\"pointer\":\"/assets/0\","
    "  \"threat\":\"mail_malware\",\"threat_name\":{\"ja\":\"メール\",\"en\":\"mail\"},\"threat_level\":3,\"importance\":2,"
    "  \"threat_examples\":{\"ja\":\"=添付の開封\",\"en\":\"opening\"},\"importance_reason\":{\"ja\":\"機密性2\",\"en\":\"c2\"},"
    "  \"countermeasures\":[{\"id\":\"mfa\",\"name\":{\"ja\":\"多要素認証\",\"en\":\"MFA\"},\"effective\":true,\"invalidated_by\":[]},"
    "   {\"id\":\"fw\",\"name\":{\"ja\":\"FW\",\"en\":\"FW\"},\"effective\":false,\"invalidated_by\":[\"AL-03\"]}],"
    "  \"countermeasure_level\":2,\"vulnerability_level\":2,\"risk_value\":\"C\",\"countermeasures_work\":false,\"unpatched_override\":false},"
    " {\"no\":2,\"asset\":\"sv\",\"asset_name\":\"サーバ\",\"asset_kind\":\"server\",\"pointer\":\"/assets/1\",\"threat\":\"theft\","
    "  \"threat_name\":{\"ja\":\"盗難\",\"en\":\"theft\"},\"threat_level\":1,\"importance\":3,"
    "  \"countermeasures\":[{\"id\":\"entry_lock\",\"name\":{\"ja\":\"入退室管理\",\"en\":\"entry\"},\"effective\":true,\"invalidated_by\":[]}],"
    "  \"absent\":[{\"id\":\"mfa\",\"name\":{\"ja\":\"多要素認証\",\"en\":\"MFA\"}}],"
    "  \"countermeasure_level\":2,\"vulnerability_level\":2,\"risk_value\":\"C\",\"countermeasures_work\":true,\"unpatched_override\":false}],"
    " \"out_of_scope\":[{\"asset\":\"gc\",\"asset_name\":\"ガバクラ\",\"asset_kind\":\"cloud_service\",\"pointer\":\"/assets/2\","
    "  \"reason\":{\"ja\":\"対象外の理由\",\"en\":\"why\"}}],"
    " \"attack_trees\":[{\"scenario\":\"1-1\",\"damage\":\"core_stop\",\"damage_name\":{\"ja\":\"基幹停止\",\"en\":\"stop\"},\"damage_level\":3,"
    "  \"entry\":\"T1566\",\"threat_level\":3,\"steps\":[{\"name\":\"=添付\",\"countermeasures\":[{\"id\":\"mfa\",\"name\":{\"ja\":\"多要素認証\"},"
    "   \"effective\":true,\"invalidated_by\":[]}],\"countermeasure_level\":2},{\"name\":\"実行\",\"countermeasures\":[],\"countermeasure_level\":1}],"
    "  \"countermeasure_level\":2,\"vulnerability_level\":2,\"risk_value\":\"B\"}]},\"error\":null}]}";

static char *csv(const cJSON *r, const char *table, const char *lang, int expect)
{
    report_opts o = {lang, -1};
    char err[256] = "", *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    int rc = report_csv_write_table(r, &o, table, f, err, sizeof err);
    fclose(f);
    assert_int_equal(rc, expect);
    if (rc) assert_true(err[0] != 0);
    return buf;
}

/* Read a whole CSV (after its BOM) into records; returns the count. */
static size_t read_all(const char *text, record *out, size_t max)
{
    const char *p = text;
    size_t n = 0;
    assert_memory_equal(p, "\xEF\xBB\xBF", 3);
    p += 3;
    while (n < max && read_record(&p, &out[n])) n++;
    assert_int_equal(*p, 0);
    return n;
}

static void findings_table_reads_back(void **state)
{
    (void)state;
    cJSON *r = cJSON_Parse(doc);
    char *t = csv(r, "findings", "ja", 0);
    record rec[16];
    size_t n = read_all(t, rec, 16);
    assert_int_equal(n, 4); /* header, two findings, one policy without findings */
    for (size_t i = 1; i < n; i++) assert_int_equal(rec[i].n, rec[0].n);
    assert_string_equal(rec[0].f[0], "団体コード");
    assert_string_equal(rec[0].f[2], "ポリシー");
    assert_string_equal(rec[1].f[0], "131016");
    assert_string_equal(rec[1].f[1], "'=HYPERLINK(\"http://evil\")"); /* neutralised */
    assert_string_equal(rec[1].f[3], "ST-01, ST-02");
    assert_string_equal(rec[1].f[4], "題, \"引用\"");
    assert_string_equal(rec[1].f[6], "不適合");
    assert_string_equal(rec[1].f[7], "/screen_transfer/0");
    assert_string_equal(rec[1].f[8], "12");
    assert_string_equal(rec[1].f[9], "'@cmd");
    assert_string_equal(rec[1].f[12], "'-1 行\r\n改行");
    assert_string_equal(rec[2].f[6], "例外承認");
    assert_string_equal(rec[2].f[13], "'\t=1");
    assert_string_equal(rec[2].f[14], "'+課長");
    assert_string_equal(rec[2].f[15], "2027-03-31");
    assert_string_equal(rec[3].f[2], "BM-01");
    assert_string_equal(rec[3].f[6], "対象外");
    assert_string_equal(rec[3].f[9], "αには適用されない");
    /* no field anywhere starts like a formula */
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < rec[i].n; j++) assert_false(cell_is_formula_like(rec[i].f[j]));
    for (size_t i = 0; i < n; i++) free_record(&rec[i]);
    free(t);
    cJSON_Delete(r);
}

static void asset_sheet_in_ipa_order(void **state)
{
    (void)state;
    static const char *const head[] = {"項番",         "資産種別",     "対象装置", "脅威レベル",
                                       "脆弱性レベル", "資産の重要度", "リスク値", "脅威"};
    cJSON *r = cJSON_Parse(doc);
    char *t = csv(r, "assets", "ja", 0);
    record rec[8];
    size_t n = read_all(t, rec, 8);
    assert_int_equal(n, 4); /* header, two rows, one asset out of scope */
    for (size_t i = 1; i < n; i++) assert_int_equal(rec[i].n, rec[0].n);
    for (size_t i = 0; i < 8; i++) assert_string_equal(rec[0].f[i], head[i]);
    assert_string_equal(rec[0].f[8], "具体例");
    /* countermeasure columns in catalog order (fw before entry_lock before mfa), then 対策レベル */
    assert_string_equal(rec[0].f[9], "対策: FW");
    assert_string_equal(rec[0].f[10], "対策: 入退室管理");
    assert_string_equal(rec[0].f[11], "対策: 多要素認証");
    assert_string_equal(rec[0].f[12], "対策レベル");
    assert_string_equal(rec[0].f[15], "重要度の根拠");
    assert_string_equal(rec[1].f[0], "1");
    assert_string_equal(rec[1].f[1], "端末");
    assert_string_equal(rec[1].f[2], "'=端末 (pc)");
    assert_string_equal(rec[1].f[3], "3");
    assert_string_equal(rec[1].f[6], "C");
    assert_string_equal(rec[1].f[8], "'=添付の開封");
    assert_string_equal(rec[1].f[9], "×(AL-03)");
    assert_string_equal(rec[1].f[10], "—");
    assert_string_equal(rec[1].f[11], "○");
    assert_string_equal(rec[1].f[12], "2");
    assert_string_equal(rec[1].f[15], "機密性2");
    assert_string_equal(rec[2].f[10], "○");
    assert_string_equal(rec[2].f[11], "未実施"); /* a candidate that is not in place */
    assert_string_equal(rec[3].f[2], "ガバクラ (gc)");
    assert_string_equal(rec[3].f[6], "対象外");
    assert_string_equal(rec[3].f[7], "対象外の理由");
    for (size_t i = 0; i < n; i++) free_record(&rec[i]);
    free(t);
    cJSON_Delete(r);
}

static void tree_sheet_in_ipa_order(void **state)
{
    (void)state;
    static const char *const head[] = {"攻撃シナリオ",   "攻撃ツリー/攻撃ステップ",
                                       "脅威レベル",     "脆弱性レベル",
                                       "事業被害レベル", "リスク値",
                                       "対策",           "対策レベル"};
    cJSON *r = cJSON_Parse(doc);
    char *t = csv(r, "trees", "ja", 0);
    record rec[8];
    size_t n = read_all(t, rec, 8);
    assert_int_equal(n, 4); /* header, tree, two steps */
    for (size_t i = 0; i < 8; i++) assert_string_equal(rec[0].f[i], head[i]);
    assert_string_equal(rec[1].f[0], "1-1");
    assert_string_equal(rec[1].f[1], "基幹停止");
    assert_string_equal(rec[1].f[4], "3");
    assert_string_equal(rec[1].f[5], "B");
    assert_string_equal(rec[2].f[1], "'=添付");
    assert_string_equal(rec[2].f[6], "○多要素認証");
    assert_string_equal(rec[2].f[7], "2");
    assert_string_equal(rec[3].f[7], "1");
    for (size_t i = 0; i < n; i++) free_record(&rec[i]);
    free(t);
    /* English headers */
    t = csv(r, "trees", "en", 0);
    assert_non_null(strstr(t, "\"Attack scenario\""));
    free(t);
    cJSON_Delete(r);
}

static void meta_table_has_hashes(void **state)
{
    (void)state;
    cJSON *r = cJSON_Parse(doc);
    char *t = csv(r, "meta", "ja", 0), hex[65], line[128];
    assert_non_null(strstr(t, "\"policy_set.sha256\",\"ab\"\r\n"));
    assert_non_null(strstr(t, "\"declarations.1.sha256\",\"cd\"\r\n"));
    assert_int_equal(report_parameters_sha256(r, hex), 0);
    snprintf(line, sizeof line, "\"parameters_sha256\",\"%s\"\r\n", hex);
    assert_non_null(strstr(t, line));
    free(t);
    cJSON_Delete(r);
}

static void deterministic_and_default_table(void **state)
{
    (void)state;
    cJSON *r = cJSON_Parse(doc);
    report_opts o = {"ja", -1};
    char err[128], *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(report_csv_write(r, &o, f, err, sizeof err), 0);
    fclose(f);
    char *again = csv(r, "findings", "ja", 0);
    assert_string_equal(buf, again);
    free(buf);
    free(again);
    cJSON_Delete(r);
}

static void bad_input(void **state)
{
    (void)state;
    cJSON *r = cJSON_Parse(doc);
    free(csv(r, "nonsense", "ja", -1));
    cJSON_Delete(r);
    static const char *const odd[] = {"{}", "{\"declarations\":[{}]}",
                                      "{\"declarations\":[{\"policies\":[{}],\"risk\":7}]}"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        r = cJSON_Parse(odd[i]);
        for (const char *const *tb =
                 (const char *const[]){"findings", "assets", "trees", "meta", NULL};
             *tb; tb++)
            free(csv(r, *tb, "ja", 0));
        cJSON_Delete(r);
    }
    cJSON *arr = cJSON_Parse("[]");
    free(csv(arr, "findings", "ja", -1));
    cJSON_Delete(arr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(csv_text_table),
        cmocka_unit_test(findings_table_reads_back),
        cmocka_unit_test(asset_sheet_in_ipa_order),
        cmocka_unit_test(tree_sheet_in_ipa_order),
        cmocka_unit_test(meta_table_has_hashes),
        cmocka_unit_test(deterministic_and_default_table),
        cmocka_unit_test(bad_input),
    };
    int n = (int)(sizeof tests / sizeof tests[0]);
    int failed = cmocka_run_group_tests_name("report_csv", tests, load_vocab, free_vocab);
    printf("%d passed, %d failed\n", n - failed, failed);
    return failed ? 1 : 0;
}
