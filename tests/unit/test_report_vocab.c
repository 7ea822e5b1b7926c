/* test_report_vocab.c — the domain words of the reports read from kyojin.vocab
 * (core/report/report_vocab.c): the shipped lua/kyojin/vocab.lua loads and answers lookups,
 * and a vocab.lua of the wrong shape is refused with a message naming the list and the
 * entry, keeping the vocabulary loaded before. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_report_setup.h" /* load_vocab, free_vocab */

static void shipped_words(void **state)
{
    (void)state;
    assert_string_equal(report_vocab_word(RV_STATUS, "fail", 0), "不適合");
    assert_string_equal(report_vocab_word(RV_STATUS, "warn", 1), "warning");
    assert_string_equal(report_vocab_short(RV_STATUS, "warn", 1), "warn");
    /* no short form given: the word itself */
    assert_string_equal(report_vocab_short(RV_STATUS, "not_applicable", 1), "not applicable");
    assert_string_equal(report_vocab_word(RV_LEVEL, "required", 0), "必須");
    assert_string_equal(report_vocab_word(RV_FAMILY, "ZT", 0), "ゼロトラストPC");
    /* kinds, segments, models: the schema's short label when it has one, else its label */
    assert_string_equal(report_vocab_word(RV_ASSET_KIND, "maintenance_terminal", 0), "保守端末");
    assert_string_equal(report_vocab_word(RV_ASSET_KIND, "terminal", 1), "terminal");
    assert_string_equal(report_vocab_word(RV_SEGMENT, "internet", 1), "Internet segment");
    assert_string_equal(report_vocab_word(RV_MODEL, "beta_prime", 0), "β′モデル");
    assert_string_equal(report_vocab_find(RV_MODEL, "alpha_prime")->symbol, "α′");
    assert_null(report_vocab_find(RV_SEGMENT, "lgwan")->symbol);
    assert_null(report_vocab_word(RV_ASSET_KIND, "no_such_kind", 0));
    assert_null(report_vocab_word(RV_STATUS, NULL, 0));
    /* countermeasures: the risk catalog's order and names */
    rv_list cms = report_vocab_list(RV_COUNTERMEASURE);
    assert_true(cms.n > 1);
    assert_string_equal(cms.w[0].id, "fw");
    assert_string_equal(cms.w[0].en, "Firewall");
}

/* Write DIR/kyojin/vocab.lua with text and load it; returns report_vocab_load's result. */
static int load_text(const char *text, char *err, size_t errlen)
{
    char dir[] = "/tmp/kyojin-vocab-XXXXXX", sub[64], path[96];
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/kyojin", dir);
    snprintf(path, sizeof path, "%s/vocab.lua", sub);
    assert_int_equal(mkdir(sub, 0700), 0);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    int rc = report_vocab_load(dir, NULL, err, errlen);
    unlink(path);
    rmdir(sub);
    rmdir(dir);
    return rc;
}

#define ONE "{ { id = 'a', ja = 'あ', en = 'a' } }"
#define LISTS(st, fam)                                                                             \
    "return { statuses = " st ", levels = " ONE ", families = " fam ", asset_kinds = " ONE         \
    ", segments = " ONE ", models = " ONE ", countermeasures = " ONE ", report = " ONE             \
    ", sources = " ONE ", stages = " ONE " }"

static void wrong_shapes_are_refused(void **state)
{
    (void)state;
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"return 1", "must return a table of lists"},
        {"error('broken on purpose')", "broken on purpose"},
        {"return { statuses = {} }", "statuses: must be a list of 1 to"},
        {LISTS("{ { id = 'a', ja = 'あ' } }", "{ { id = 'AB', ja = 'あ', en = 'a' } }"),
         "statuses[1]: needs id, ja and en"},
        {LISTS("{ { id = 'a', ja = 'あ', en = 'a', short_en = '' } }",
               "{ { id = 'AB', ja = 'あ', en = 'a' } }"),
         "statuses[1]: needs id, ja and en"},
        {LISTS("{ { id = 'a', ja = 'あ', en = 'a' }, { id = 'a', ja = 'い', en = 'b' } }",
               "{ { id = 'AB', ja = 'あ', en = 'a' } }"),
         "statuses: 'a' appears twice"},
        {LISTS(ONE, "{ { id = 'abc', ja = 'あ', en = 'a' } }"),
         "families: 'abc' is not two capital letters"},
        {"return { statuses = " ONE ", levels = " ONE ", families = { { id = 'AB', ja = 'あ', "
         "en = 'a' } }, asset_kinds = " ONE ", segments = " ONE ", models = " ONE
         ", countermeasures = { { id = 'fw', ja = 'あ', en = 'a', stage = 'nowhere' } }, "
         "report = " ONE ", sources = " ONE ", stages = " ONE " }",
         "countermeasures: 'fw': unknown stage 'nowhere'"},
    };
    char err[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        err[0] = 0;
        assert_int_equal(load_text(cases[i].text, err, sizeof err), -1);
        if (!strstr(err, cases[i].message)) fail_msg("case %zu: %s", i, err);
        /* the vocabulary loaded before stays */
        assert_string_equal(report_vocab_word(RV_STATUS, "pass", 0), "適合");
    }
    /* a good one replaces it */
    assert_int_equal(
        load_text(LISTS(ONE, "{ { id = 'AB', ja = 'あ', en = 'a' } }"), err, sizeof err), 0);
    assert_null(report_vocab_word(RV_STATUS, "pass", 0));
    assert_string_equal(report_vocab_short(RV_STATUS, "a", 0), "あ");
    assert_int_equal(report_vocab_list(RV_FAMILY).n, 1);
    report_vocab_free();
    assert_int_equal(report_vocab_list(RV_STATUS).n, 0);
    assert_null(report_vocab_word(RV_STATUS, "a", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_words),
        cmocka_unit_test(wrong_shapes_are_refused),
    };
    int n = (int)(sizeof tests / sizeof tests[0]);
    int failed = cmocka_run_group_tests_name("report_vocab", tests, load_vocab, free_vocab);
    printf("%d passed, %d failed\n", n - failed, failed);
    return failed ? 1 : 0;
}
