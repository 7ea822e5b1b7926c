/* test_gen.c — `kyojin gen` (core/rollup/gen.c): the national shape, valid codes, determinism.
 * Schema validity of generated files is checked by tests/rollup/run.sh. */
#include "rollup_test_util.h"

static const char *body_str(const cJSON *d, const char *k)
{
    return cJSON_GetObjectItem(cJSON_GetObjectItem(d, "body"), k)->valuestring;
}

static int check_digit_ok(const char *code)
{
    if (strlen(code) != 6) return 0;
    int w[5] = {6, 5, 4, 3, 2}, r = 0;
    for (int i = 0; i < 5; i++) r += w[i] * (code[i] - '0');
    return (11 - r % 11) % 10 == code[5] - '0';
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
    gen_args g = {dir, "5", "3", "small", 1, NULL};
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
    gen_args bad1 = {dir, NULL, "0", NULL, 0, NULL};
    assert_int_equal(cmd_gen(&bad1), ROLLUP_EXIT_USAGE);
    gen_args bad2 = {dir, NULL, NULL, "huge", 0, NULL};
    assert_int_equal(cmd_gen(&bad2), ROLLUP_EXIT_USAGE);
    gen_args bad3 = {NULL, NULL, "3", NULL, 0, NULL};
    assert_int_equal(cmd_gen(&bad3), ROLLUP_EXIT_USAGE);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_country_has_47_prefectures_and_1741_municipalities),
        cmocka_unit_test(same_seed_same_bytes_other_seed_other_bodies),
        cmocka_unit_test(model_mix_is_mostly_alpha_with_every_model_present),
        cmocka_unit_test(sizes_grow_small_medium_large),
        cmocka_unit_test(cli_writes_files_named_by_code),
    };
    return cmocka_run_group_tests_name("gen", tests, NULL, NULL);
}
