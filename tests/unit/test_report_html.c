/* test_report_html.c — cmocka tests of the HTML escaping and the HTML report writer:
 * escaping tables, hostile strings in every field of a result document, the verdict and
 * counts an auditor reads, the embedded hashes, determinism and bad input. */
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

/* Run fn(out) into a memory buffer; caller frees. */
static char *capture_escape(const char *in)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    html_escape(f, in);
    fclose(f);
    return buf;
}

static void html_escape_table(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
    } cases[] = {
        {"plain", "plain"},
        {"<script>", "&lt;script&gt;"},
        {"a&b", "a&amp;b"},
        {"\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"},
        {"</style>", "&lt;/style&gt;"},
        {"見本町", "見本町"},
        {"ab\xE2\x80\xAE"
         "cd",
         "abcd"},                                                         /* U+202E RLO removed */
        {"\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD", ""},         /* U+202A..D */
        {"x\xE2\x81\xA6y\xE2\x81\xA7z\xE2\x81\xA8w\xE2\x81\xA9", "xyzw"}, /* U+2066..9 */
        {"keep\xE2\x80\x8Fmark", "keep\xE2\x80\x8Fmark"}, /* U+200F is not an embedding control */
        {"nul\x01"
         "bel\x07"
         "esc\x1b",
         "nulbelesc"},
        {"tab\tnl\n", "tab\tnl\n"},
        {"bad\xFF"
         "byte",
         "bad\xEF\xBF\xBD"
         "byte"},
        {"over\xC0\xAF", "over\xEF\xBF\xBD\xEF\xBF\xBD"}, /* overlong '/' */
        {"cut\xE3\x81", "cut\xEF\xBF\xBD"}, /* one U+FFFD per maximal subpart (utf8.h) */
        {"c1\xC2\x85x", "c1x"},             /* U+0085 NEL */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = capture_escape(cases[i].in);
        assert_string_equal(got, cases[i].out);
        free(got);
    }
    char *got = capture_escape(NULL);
    assert_string_equal(got, "");
    free(got);
}

static void json_embed_escapes_markup(void **state)
{
    (void)state;
    cJSON *v = cJSON_CreateObject();
    cJSON_AddStringToObject(v, "s", "</script><!--&\xE2\x80\xA8\xE2\x80\xAE");
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(html_json_embed(f, v), 0);
    fclose(f);
    assert_null(strchr(buf, '<'));
    assert_null(strchr(buf, '>'));
    assert_null(strchr(buf, '&'));
    assert_non_null(strstr(buf, "\\u003c/script\\u003e"));
    assert_non_null(strstr(buf, "\\u2028"));
    assert_non_null(strstr(buf, "\\u202e"));
    /* still JSON, and the same value */
    cJSON *back = cJSON_Parse(buf);
    assert_non_null(back);
    assert_string_equal(cJSON_GetObjectItem(back, "s")->valuestring,
                        "</script><!--&\xE2\x80\xA8\xE2\x80\xAE");
    cJSON_Delete(back);
    cJSON_Delete(v);
    free(buf);
}

static const char *const evil[] = {"<script>alert(1)</script>",
                                   "</style><style>*{display:none}</style>",
                                   "\"'><img src=x onerror=alert(1)>",
                                   "</script><!--<script>",
                                   "x\xE2\x80\xAEy\xE2\x81\xA6z",
                                   "=HYPERLINK(\"http://a.example\")",
                                   "<svg onload=alert(1)>"};

static char *evil_text(int k)
{
    char *s = malloc(512);
    snprintf(s, 512, "%s|%s|%s", evil[k % 7], evil[(k + 1) % 7], evil[(k + 3) % 7]);
    return s;
}

/* Every string member of a result document replaced with hostile text. */
static void poison(cJSON *v, int *k)
{
    cJSON *c;
    if (cJSON_IsString(v)) {
        char *s = evil_text((*k)++);
        cJSON_SetValuestring(v, s);
        free(s);
    }
    cJSON_ArrayForEach(c, v) poison(c, k);
}

static const char *sample_result =
    "{\"schema\":\"kyojin/result/v1\",\"tool\":{\"name\":\"kyojin\",\"version\":\"0.1.0\"},"
    "\"policy_set\":{\"sha256\":\"ab\",\"policies\":3},\"parameters\":{\"ST-06.max_refresh_days\":7},\"as_of\":null,"
    "\"declarations\":[{\"file\":\"samples/x.json\",\"sha256\":\"cd\","
    "\"body\":{\"name\":\"見本市\",\"code\":\"131016\",\"prefecture\":\"東京都\",\"model\":\"beta\",\"as_of\":\"2026-10-01\"},"
    "\"compliant\":false,\"counts\":{\"pass\":1,\"fail\":1,\"warn\":1,\"not_applicable\":0,\"error\":0,\"waived\":1},"
    "\"policies\":["
    "{\"id\":\"ST-01\",\"requirements\":[\"ST-01\"],\"level\":\"required\",\"title\":{\"ja\":\"クリップボード\",\"en\":\"Clipboard\"},"
    " \"source\":\"S000\",\"remediation\":{\"ja\":\"無効にする\",\"en\":\"Disable it\"},\"countermeasures\":[],\"status\":\"fail\",\"reason\":null,"
    " \"findings\":[{\"status\":\"fail\",\"pointer\":\"/screen_transfer/0\",\"line\":12,\"column\":5,\"message\":{\"ja\":\"共有が許可\",\"en\":\"allowed\"},"
    "  \"evidence\":\"declared\",\"classification\":null,\"waiver\":null},"
    "  {\"status\":\"pass\",\"pointer\":\"/screen_transfer/1\",\"line\":30,\"column\":5,\"message\":null,\"evidence\":\"declared\","
    "   \"classification\":{\"class\":\"(3)'\",\"obligations\":[\"beta\"],\"ja\":\"経路\",\"en\":\"route\"},\"waiver\":null}],\"fields_read\":[]},"
    "{\"id\":\"AL-05\",\"requirements\":[\"AL-05\"],\"level\":\"recommended\",\"title\":{\"ja\":\"許可リスト\",\"en\":\"Allow-list\"},"
    " \"source\":\"S002\",\"remediation\":null,\"countermeasures\":[],\"status\":\"warn\",\"reason\":null,"
    " \"findings\":[{\"status\":\"warn\",\"pointer\":\"/assets/0\",\"line\":40,\"column\":5,\"message\":{\"ja\":\"未設定\",\"en\":\"not set\"},"
    "  \"evidence\":\"declared\",\"classification\":null,\"waiver\":null}],\"fields_read\":[]},"
    "{\"id\":\"PV-02\",\"requirements\":[\"PV-02\"],\"level\":\"required\",\"title\":{\"ja\":\"上限\",\"en\":\"Cap\"},"
    " \"source\":\"S003\",\"remediation\":null,\"countermeasures\":[],\"status\":\"waived\",\"reason\":null,"
    " \"findings\":[{\"status\":\"waived\",\"pointer\":\"/contracts/0\",\"line\":50,\"column\":5,\"message\":{\"ja\":\"上限あり\",\"en\":\"capped\"},"
    "  \"evidence\":\"declared\",\"classification\":null,\"waiver\":{\"policy\":\"PV-02\",\"subject\":\"/contracts/0\",\"justification\":\"契約更新まで\","
    "  \"approver\":\"総務課長\",\"expires\":\"2027-03-31\"}}],\"fields_read\":[]}],"
    "\"risk\":{\"matrix\":{\"id\":\"default\",\"rows\":[9,6,4,3,2,1],\"columns\":[1,2,3],"
    " \"cells\":[[\"C\",\"B\",\"A\"],[\"C\",\"B\",\"A\"],[\"D\",\"C\",\"B\"],[\"E\",\"D\",\"B\"],[\"E\",\"D\",\"C\"],[\"E\",\"E\",\"D\"]]},"
    " \"asset_rows\":[{\"no\":1,\"asset\":\"pc\",\"asset_name\":\"端末\",\"asset_kind\":\"terminal\",\"segment\":\"lgwan\",\"pointer\":\"/assets/0\","
    "  \"threat\":\"mail_malware\",\"threat_name\":{\"ja\":\"メール\",\"en\":\"mail\"},\"threat_level\":3,\"importance\":3,"
    "  \"countermeasures\":[{\"id\":\"edr\",\"name\":{\"ja\":\"EDR\",\"en\":\"EDR\"},\"effective\":false,\"invalidated_by\":[\"BM-02\"]}],"
    "  \"absent\":[{\"id\":\"ndr\",\"name\":{\"ja\":\"NDR未導入\",\"en\":\"NDR absent\"}}],"
    "  \"threat_examples\":{\"ja\":\"添付ファイルの開封\",\"en\":\"opening attachments\"},"
    "  \"importance_reason\":{\"ja\":\"重要度の理由\",\"en\":\"why important\"},"
    "  \"countermeasure_level\":1,\"vulnerability_level\":3,\"risk_value\":\"A\",\"countermeasures_work\":false,\"unpatched_override\":false}],"
    " \"out_of_scope\":[{\"asset\":\"gc\",\"asset_name\":\"ガバクラ環境\",\"asset_kind\":\"cloud_service\",\"pointer\":\"/assets/1\","
    "  \"reason\":{\"ja\":\"分析の対象外の理由\",\"en\":\"outside because\"}}],"
    " \"attack_trees\":[{\"scenario\":\"1-1\",\"damage\":\"core_stop\",\"damage_name\":{\"ja\":\"停止\",\"en\":\"stop\"},\"damage_level\":3,"
    "  \"entry\":\"T1566\",\"threat_level\":3,\"steps\":[{\"name\":\"添付を開く\",\"countermeasures\":[],\"countermeasure_level\":1}],"
    "  \"countermeasure_level\":1,\"vulnerability_level\":3,\"risk_value\":\"A\"}],"
    " \"counts\":{\"A\":2,\"B\":0,\"C\":0,\"D\":0,\"E\":0},"
    " \"delta\":[{\"policy\":\"ST-01\",\"rank\":1,\"score\":5,\"improvements\":[{\"asset\":\"pc\",\"threat\":\"mail_malware\",\"from\":\"A\",\"to\":\"C\"}]}]},"
    "\"error\":null}]}";

static char *render(const cJSON *r, const char *lang, int expect_rc)
{
    report_opts o = {lang, -1};
    char err[256] = "", *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    int rc = report_html_write(r, &o, f, err, sizeof err);
    fclose(f);
    assert_int_equal(rc, expect_rc);
    if (rc) assert_true(err[0] != 0);
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) n++;
    return n;
}

static void hostile_strings_are_escaped(void **state)
{
    (void)state;
    cJSON *r = cJSON_Parse(sample_result);
    int k = 0;
    assert_non_null(r);
    poison(r, &k);
    for (int lang = 0; lang < 2; lang++) {
        char *html = render(r, lang ? "en" : "ja", 0);
        /* only the writer's own style and data blocks */
        assert_int_equal(count(html, "<script"), 1);
        assert_int_equal(count(html, "</script"), 1);
        assert_int_equal(count(html, "<style"), 1);
        assert_int_equal(count(html, "</style"), 1);
        assert_int_equal(count(html, "<script type=\"application/json\" id=\"kyojin-result\">"), 1);
        assert_int_equal(count(html, "<img"), 0);
        assert_int_equal(count(html, "<svg onload"), 0);
        assert_int_equal(count(html, "<!--"), 0);
        assert_null(strstr(html, "\xE2\x80\xAE"));
        assert_null(strstr(html, "\xE2\x81\xA6"));
        /* the hostile text is there, as text */
        assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_non_null(strstr(html, "&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        /* every '<' in the document starts a tag of the writer's own vocabulary */
        static const char *const allowed[] = {"!DOCTYPE",
                                              "html",
                                              "/html",
                                              "head",
                                              "/head",
                                              "meta",
                                              "title",
                                              "/title",
                                              "style",
                                              "/style",
                                              "script type=\"application/json\"",
                                              "/script",
                                              "body",
                                              "/body",
                                              "header",
                                              "/header",
                                              "h1",
                                              "/h1",
                                              "h2",
                                              "/h2",
                                              "h3",
                                              "/h3",
                                              "h4",
                                              "/h4",
                                              "p ",
                                              "p>",
                                              "/p",
                                              "nav",
                                              "/nav",
                                              "ol",
                                              "/ol",
                                              "li",
                                              "/li",
                                              "a href=\"#",
                                              "/a",
                                              "section",
                                              "/section",
                                              "div",
                                              "/div",
                                              "table",
                                              "/table",
                                              "thead",
                                              "/thead",
                                              "tbody",
                                              "/tbody",
                                              "tr",
                                              "/tr",
                                              "th",
                                              "/th",
                                              "td",
                                              "/td",
                                              "span",
                                              "/span",
                                              "b>",
                                              "/b",
                                              "br>",
                                              "code",
                                              "/code",
                                              "article",
                                              "/article",
                                              "dl",
                                              "/dl",
                                              "dt",
                                              "/dt",
                                              "dd",
                                              "/dd",
                                              "colgroup>",
                                              "/colgroup",
                                              "col>",
                                              "col class=",
                                              "figure",
                                              "/figure",
                                              "figcaption",
                                              "/figcaption",
                                              "svg ",
                                              "/svg",
                                              "rect ",
                                              "text ",
                                              "/text",
                                              "footer",
                                              "/footer"};
        for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
            int ok = 0;
            for (size_t i = 0; i < sizeof allowed / sizeof allowed[0] && !ok; i++)
                ok = strncmp(p + 1, allowed[i], strlen(allowed[i])) == 0;
            if (!ok) fail_msg("unexpected markup: %.40s", p);
        }
        free(html);
    }
    cJSON_Delete(r);
}

static void verdict_counts_and_sections(void **state)
{
    (void)state;
    cJSON *r = cJSON_Parse(sample_result);
    char *ja = render(r, "ja", 0), *en = render(r, "en", 0);
    assert_non_null(strstr(ja, "<html lang=\"ja\">"));
    assert_non_null(strstr(ja, "見本市"));
    assert_non_null(strstr(ja, "非準拠"));
    assert_non_null(strstr(ja, "推奨未達"));
    assert_non_null(strstr(ja, "例外承認"));
    assert_non_null(strstr(ja, "総務課長"));
    assert_non_null(strstr(ja, "2027-03-31"));
    assert_non_null(strstr(ja, "(3)\xE2\x80\xB2")); /* route shown with a prime */
    assert_non_null(strstr(ja, "/screen_transfer/0"));
    /* the asset sheet's examples, absent candidates, importance grounds, out-of-scope assets */
    assert_non_null(strstr(ja, "<th>具体例</th>"));
    assert_non_null(strstr(ja, "添付ファイルの開封"));
    assert_non_null(strstr(ja, "未実施</span> NDR未導入"));
    assert_non_null(strstr(ja, "<th>重要度の根拠</th>"));
    assert_non_null(strstr(ja, "重要度の理由"));
    assert_non_null(strstr(ja, "ガバクラ環境"));
    assert_non_null(strstr(ja, "分析の対象外の理由"));
    assert_non_null(strstr(ja, "<svg"));
    assert_non_null(strstr(ja, "@page{size:A4"));
    assert_non_null(strstr(ja, "href=\"#d1-summary\""));
    assert_null(strstr(ja, "http://")); /* nothing to fetch */
    assert_null(strstr(ja, "https://"));
    assert_null(strstr(ja, "src="));
    assert_null(strstr(ja, "@import"));
    assert_null(strstr(ja, "url("));
    assert_non_null(strstr(en, "<html lang=\"en\">"));
    assert_non_null(strstr(en, "Not compliant"));
    assert_null(strstr(en, "非準拠"));
    /* compliant flips the verdict */
    cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItem(r, "declarations"), 0);
    cJSON_ReplaceItemInObject(d, "compliant", cJSON_CreateTrue());
    char *ok = render(r, "ja", 0);
    assert_non_null(strstr(ok, "判定：準拠"));
    assert_null(strstr(ok, "非準拠"));
    free(ja);
    free(en);
    free(ok);
    cJSON_Delete(r);
}

static void embedded_hashes_for_verify(void **state)
{
    (void)state;
    cJSON *r = cJSON_Parse(sample_result);
    char *html = render(r, "ja", 0), hex[65];
    const char *open = "<script type=\"application/json\" id=\"kyojin-result\">";
    char *s = strstr(html, open), *e;
    assert_non_null(s);
    s += strlen(open);
    e = strstr(s, "</script>");
    assert_non_null(e);
    *e = 0;
    cJSON *m = cJSON_Parse(s);
    assert_non_null(m);
    assert_string_equal(
        cJSON_GetObjectItem(cJSON_GetObjectItem(m, "policy_set"), "sha256")->valuestring, "ab");
    assert_string_equal(
        cJSON_GetArrayItem(cJSON_GetObjectItem(m, "declarations"), 0)->child->next->valuestring,
        "cd");
    assert_int_equal(report_parameters_sha256(r, hex), 0);
    assert_string_equal(cJSON_GetObjectItem(m, "parameters_sha256")->valuestring, hex);
    /* the parameters hash follows the parameters */
    char hex2[65];
    cJSON_ReplaceItemInObject(cJSON_GetObjectItem(r, "parameters"), "ST-06.max_refresh_days",
                              cJSON_CreateNumber(14));
    assert_int_equal(report_parameters_sha256(r, hex2), 0);
    assert_string_not_equal(hex, hex2);
    cJSON_Delete(m);
    cJSON_Delete(r);
    free(html);
}

static void deterministic_output(void **state)
{
    (void)state;
    cJSON *r = cJSON_Parse(sample_result);
    char *a = render(r, "ja", 0), *b = render(r, "ja", 0);
    assert_string_equal(a, b);
    free(a);
    free(b);
    cJSON_Delete(r);
}

static void bad_documents_fail_cleanly(void **state)
{
    (void)state;
    static const char *const docs[] = {"{}", "[]", "{\"declarations\":{}}", "{\"declarations\":7}"};
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        cJSON *r = cJSON_Parse(docs[i]);
        free(render(r, "ja", -1));
        cJSON_Delete(r);
    }
    /* wrong types inside a declaration are shown as missing, never a crash */
    static const char *const odd[] = {
        "{\"declarations\":[{}]}",
        "{\"declarations\":[{\"body\":7,\"policies\":{\"a\":1},\"risk\":[],\"counts\":\"x\"}]}",
        "{\"declarations\":[{\"policies\":[{\"findings\":[{\"line\":\"x\",\"waiver\":{},\"classification\":{}}]}],"
        "\"risk\":{\"matrix\":{\"rows\":[1],\"columns\":[1],\"cells\":[]},\"asset_rows\":[{}],\"delta\":[{}]}}]}",
    };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        cJSON *r = cJSON_Parse(odd[i]);
        assert_non_null(r);
        free(render(r, "ja", 0));
        cJSON_Delete(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_escape_table),
        cmocka_unit_test(json_embed_escapes_markup),
        cmocka_unit_test(hostile_strings_are_escaped),
        cmocka_unit_test(verdict_counts_and_sections),
        cmocka_unit_test(embedded_hashes_for_verify),
        cmocka_unit_test(deterministic_output),
        cmocka_unit_test(bad_documents_fail_cleanly),
    };
    int n = (int)(sizeof tests / sizeof tests[0]);
    int failed = cmocka_run_group_tests_name("report_html", tests, load_vocab, free_vocab);
    printf("%d passed, %d failed\n", n - failed, failed);
    return failed ? 1 : 0;
}
