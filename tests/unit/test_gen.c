/* test_gen.c — `kyojin gen` (core/rollup/gen.c): the national shape, valid codes, determinism,
 * the generator's options (gen_options: --waivers). The check digit (core/input/lgcode.h) is
 * tested against the codes of the glossary; the Lua validator, which computes it on its own,
 * judges every generated file in tests/rollup/run.sh (schema validity). */
#include "rollup_test_util.h"
#include "input/lgcode.h"

static const char *body_str(const cJSON *d, const char *k)
{
    return cJSON_GetObjectItem(cJSON_GetObjectItem(d, "body"), k)->valuestring;
}

static int check_digit_ok(const char *code)
{
    return strlen(code) == 6 && lg_check_digit(code) == code[5] - '0';
}

static void check_digit_of_the_glossary_codes(void **state)
{
    (void)state;
    /* requirements.md glossary: 131016 千代田区, 472018 那覇市, 011002 札幌市, 130001 東京都;
     * 010031 / 010090: remainders 0 and 1 (check digits 1 and 0, the two wrap-arounds) */
    const char *codes[] = {"131016", "472018", "011002", "130001", "010031", "010090"};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (!check_digit_ok(codes[i]))
            fail_msg("%s: check digit %d", codes[i], lg_check_digit(codes[i]));
    assert_false(check_digit_ok("131017"));
    assert_false(check_digit_ok("13101"));
}

static void the_country_has_47_prefectures_and_1741_municipalities(void **state)
{
    (void)state;
    size_t n = gen_national_count();
    assert_int_equal(n, 1788);
    int kinds[5] = {0}, per_pref[48] = {0};
    const char *names[] = {"prefecture", "city", "ward", "town", "village"};
    char(*codes)[7] = calloc(n, 7);
    for (size_t i = 0; i < n; i++) {
        cJSON *d = gen_declaration(42, i, GEN_SMALL);
        assert_non_null(d);
        const char *kind = body_str(d, "kind"), *code = body_str(d, "code");
        for (int k = 0; k < 5; k++)
            if (!strcmp(kind, names[k])) kinds[k]++;
        if (!check_digit_ok(code)) fail_msg("body %zu: code %s has a wrong check digit", i, code);
        int pc = (code[0] - '0') * 10 + (code[1] - '0');
        assert_in_range(pc, 1, 47);
        if (strcmp(kind, "prefecture"))
            per_pref[pc]++;
        else
            assert_memory_equal(code + 2, "000", 3);
        memcpy(codes[i], code, 7);
        cJSON_Delete(d);
    }
    assert_int_equal(kinds[0], 47);
    assert_int_equal(kinds[1] + kinds[2] + kinds[3] + kinds[4], 1741);
    assert_int_equal(kinds[1], 792);
    assert_int_equal(kinds[2], 23);
    assert_int_equal(kinds[3], 743);
    assert_int_equal(kinds[4], 183);
    assert_int_equal(per_pref[1], 179); /* 北海道 */
    assert_int_equal(per_pref[13], 62); /* 東京都 incl. 23 special wards */
    assert_int_equal(per_pref[47], 41); /* 沖縄県 */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (!memcmp(codes[i], codes[j], 7)) fail_msg("duplicate code %s", codes[i]);
    free(codes);
    assert_null(gen_declaration(42, n, GEN_SMALL));
}

static void same_seed_same_bytes_other_seed_other_bodies(void **state)
{
    (void)state;
    cJSON *a = gen_declaration(7, 100, GEN_AUTO), *b = gen_declaration(7, 100, GEN_AUTO);
    char *ta = cJSON_Print(a), *tb = cJSON_Print(b);
    assert_string_equal(ta, tb);
    cJSON *c = gen_declaration(8, 100, GEN_AUTO);
    char *tc = cJSON_Print(c);
    assert_string_not_equal(ta, tc);
    /* the prefecture and kind of body N do not depend on the seed */
    assert_memory_equal(body_str(a, "code"), body_str(c, "code"), 2);
    assert_string_equal(body_str(a, "kind"), body_str(c, "kind"));
    /* body N does not depend on which bodies were generated before */
    cJSON *x = gen_declaration(7, 5, GEN_AUTO);
    cJSON *a2 = gen_declaration(7, 100, GEN_AUTO);
    char *ta2 = cJSON_Print(a2);
    assert_string_equal(ta, ta2);
    free(ta);
    free(tb);
    free(tc);
    free(ta2);
    cJSON_Delete(a);
    cJSON_Delete(b);
    cJSON_Delete(c);
    cJSON_Delete(x);
    cJSON_Delete(a2);
}

static void model_mix_is_mostly_alpha_with_every_model_present(void **state)
{
    (void)state;
    const char *models[] = {"alpha", "alpha_prime", "beta", "beta_prime"};
    int cnt[4] = {0};
    size_t n = gen_national_count();
    for (size_t i = 0; i < n; i++) {
        cJSON *d = gen_declaration(1, i, GEN_SMALL);
        const char *m = cJSON_GetObjectItem(d, "model")->valuestring;
        for (int k = 0; k < 4; k++)
            if (!strcmp(m, models[k])) cnt[k]++;
        cJSON_Delete(d);
    }
    assert_int_equal(cnt[0] + cnt[1] + cnt[2] + cnt[3], (int)n);
    assert_true(cnt[0] > (int)n / 2);
    for (int k = 1; k < 4; k++) assert_true(cnt[k] > 0 && cnt[k] < cnt[0]);
}

static size_t printed_size(size_t index, enum gen_size s)
{
    cJSON *d = gen_declaration(3, index, s);
    char *t = cJSON_Print(d);
    size_t n = strlen(t);
    free(t);
    cJSON_Delete(d);
    return n;
}

static void sizes_grow_small_medium_large(void **state)
{
    (void)state;
    size_t s = printed_size(200, GEN_SMALL), m = printed_size(200, GEN_MEDIUM),
           l = printed_size(200, GEN_LARGE);
    assert_true(s < 8 * 1024);
    assert_true(m > 30 * 1024 && m < 90 * 1024);
    assert_true(l > 180 * 1024 && l < 400 * 1024);
    /* auto: a prefecture is larger than a village */
    size_t pref = printed_size(0, GEN_AUTO);
    size_t n = gen_national_count(), village = 0;
    for (size_t i = 0; i < n && !village; i++) {
        cJSON *d = gen_declaration(3, i, GEN_SMALL);
        if (!strcmp(body_str(d, "kind"), "village")) village = printed_size(i, GEN_AUTO);
        cJSON_Delete(d);
    }
    assert_true(pref > village);
}

static void cli_writes_files_named_by_code(void **state)
{
    (void)state;
    char dir[] = "/tmp/kyojin-gen-test-XXXXXX";
    assert_non_null(mkdtemp(dir));
    gen_args g = {.out = dir, .seed = "5", .count = "3", .size = "small", .quiet = 1};
    assert_int_equal(cmd_gen(&g), ROLLUP_EXIT_OK);
    cJSON *d0 = gen_declaration(5, 0, GEN_SMALL);
    char path[256];
    snprintf(path, sizeof path, "%s/%s.json", dir, body_str(d0, "code"));
    char err[256];
    cJSON *f = rollup_load_json(path, err, sizeof err);
    assert_non_null(f);
    assert_true(cJSON_Compare(f, d0, 1));
    cJSON_Delete(f);
    cJSON_Delete(d0);
    gen_args bad1 = {.out = dir, .count = "0"};
    assert_int_equal(cmd_gen(&bad1), ROLLUP_EXIT_USAGE);
    gen_args bad2 = {.out = dir, .size = "huge"};
    assert_int_equal(cmd_gen(&bad2), ROLLUP_EXIT_USAGE);
    gen_args bad3 = {.count = "3"};
    gen_args bad4 = {.out = dir, .waivers = "101"};
    assert_int_equal(cmd_gen(&bad4), ROLLUP_EXIT_USAGE);
    assert_int_equal(cmd_gen(&bad3), ROLLUP_EXIT_USAGE);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* How many of the first n bodies carry a waiver, with waivers_pct pct (medium: connections). */
static int waived(int pct, size_t n, size_t *eligible)
{
    gen_options o;
    gen_options_init(&o);
    o.size = GEN_MEDIUM;
    o.waivers_pct = pct;
    int w = 0;
    *eligible = 0;
    for (size_t i = 0; i < n; i++) {
        cJSON *d = gen_declaration_opts(9, i, &o);
        cJSON *st = cJSON_GetObjectItem(d, "screen_transfer");
        cJSON *last = cJSON_GetArrayItem(st, cJSON_GetArraySize(st) - 1);
        if (last && !strcmp(cJSON_GetObjectItem(last, "target_segment")->valuestring, "mynumber"))
            (*eligible)++;
        if (cJSON_GetObjectItem(d, "waivers")) w++;
        cJSON_Delete(d);
    }
    return w;
}

static void waivers_option_sets_the_share_of_waivers(void **state)
{
    (void)state;
    size_t e0, e25, e100;
    int w0 = waived(0, 120, &e0), w25 = waived(25, 120, &e25), w100 = waived(100, 120, &e100);
    assert_int_equal(w0, 0);
    assert_true(e100 > 10);
    assert_int_equal(w100, (int)e100); /* every body whose last connection reaches My Number */
    assert_true(w25 > 0 && w25 < w100);
    /* the option changes nothing else: the bodies and their eligibility stay */
    assert_int_equal(e0, e100);
    assert_int_equal(e25, e100);
    /* the defaults are gen_declaration's bytes */
    gen_options o;
    gen_options_init(&o);
    o.size = GEN_MEDIUM;
    for (size_t i = 0; i < 40; i++) {
        cJSON *a = gen_declaration(9, i, GEN_MEDIUM), *b = gen_declaration_opts(9, i, &o);
        char *ta = cJSON_Print(a), *tb = cJSON_Print(b);
        assert_string_equal(ta, tb);
        free(ta);
        free(tb);
        cJSON_Delete(a);
        cJSON_Delete(b);
    }
    int pct = -1;
    assert_int_equal(gen_parse_waivers("0", &pct), 0);
    assert_int_equal(pct, 0);
    assert_int_equal(gen_parse_waivers("100", &pct), 0);
    assert_int_equal(pct, 100);
    assert_int_equal(gen_parse_waivers("101", &pct), -1);
    assert_int_equal(gen_parse_waivers("-1", &pct), -1);
    assert_int_equal(gen_parse_waivers("", &pct), -1);
    assert_int_equal(gen_parse_waivers("5%", &pct), -1);
    assert_int_equal(pct, 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(check_digit_of_the_glossary_codes),
        cmocka_unit_test(waivers_option_sets_the_share_of_waivers),
        cmocka_unit_test(the_country_has_47_prefectures_and_1741_municipalities),
        cmocka_unit_test(same_seed_same_bytes_other_seed_other_bodies),
        cmocka_unit_test(model_mix_is_mostly_alpha_with_every_model_present),
        cmocka_unit_test(sizes_grow_small_medium_large),
        cmocka_unit_test(cli_writes_files_named_by_code),
    };
    return cmocka_run_group_tests_name("gen", tests, NULL, NULL);
}
