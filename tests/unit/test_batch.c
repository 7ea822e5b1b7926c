/* test_batch.c — the batch driver (core/engine/batch.c): directory expansion, worker processes
 * giving the same results and messages as one process, bad declarations skipped, the
 * per-declaration callback. Runs from the repository root with the fixture policies of
 * tests/rollup/fixtures/policies. */
#include "rollup_test_util.h"

#include <sys/stat.h>

#include "engine/runner.h"

static char dir[] = "/tmp/kyojin-batch-test-XXXXXX";

static void write_text(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir)) return -1;
    for (size_t i = 0; i < 5; i++) {
        cJSON *d = gen_declaration(11, i * 40, GEN_MEDIUM);
        char *t = cJSON_Print(d);
        char name[64];
        snprintf(name, sizeof name, "%02zu.json", i);
        write_text(name, t);
        free(t);
        cJSON_Delete(d);
    }
    write_text("03b-broken.json", "{\"schema\": \"kyojin/declaration/v1\", ");
    write_text("notes.txt", "not a declaration");
    write_text(".hidden.json", "{}");
    char sub[512];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    mkdir(sub, 0755);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void directory_expands_to_sorted_json_files(void **state)
{
    (void)state;
    char *inputs[] = {dir, "/nonexistent/kept-as-given.json"};
    char **paths = NULL;
    size_t n = 0;
    char err[256];
    assert_int_equal(batch_collect(2, inputs, &paths, &n, err, sizeof err), 0);
    assert_int_equal(n, 7);
    const char *want[] = {"00.json", "01.json", "02.json", "03.json", "03b-broken.json", "04.json"};
    for (size_t i = 0; i < 6; i++) {
        const char *base = strrchr(paths[i], '/') + 1;
        assert_string_equal(base, want[i]);
    }
    assert_string_equal(paths[6], "/nonexistent/kept-as-given.json");
    batch_free_paths(paths, n);
}

static int calls;
static int count_calls(void *ctx, cJSON *res, const cJSON *decl, const char *path)
{
    (void)ctx;
    (void)decl;
    (void)path;
    cJSON_AddNumberToObject(res, "after_eval", 1);
    calls++;
    return 0;
}

/* The batch hands results over in input order; the test collects them and checks
 * the order of the indices. */
static long last_index;
static int collect(void *ctx, size_t index, batch_item *it)
{
    assert_true((long)index > last_index);
    assert_non_null(it->res); /* no renderer: results arrive as trees */
    assert_null(it->text);
    last_index = (long)index;
    cJSON_AddItemToArray((cJSON *)ctx, it->res);
    return 0;
}

/* Run the batch with `jobs`; returns the declarations array, stderr text in *msgs. */
static cJSON *run(runner *r, char **paths, size_t n, int jobs, batch_status *st, char **msgs)
{
    cJSON *decls = cJSON_CreateArray();
    decl_limits lim = {0, 0};
    batch_opts o = {jobs, 0, NULL, "en", &lim, count_calls, NULL, 0, NULL, NULL, NULL, NULL, 0};
    fflush(stderr);
    char tmp[] = "/tmp/kyojin-batch-err-XXXXXX";
    int fd = mkstemp(tmp), saved = dup(2);
    dup2(fd, 2);
    last_index = -1;
    assert_int_equal(batch_check(r, paths, n, &o, collect, decls, st), 0);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    lseek(fd, 0, SEEK_SET);
    char buf[8192];
    ssize_t got = read(fd, buf, sizeof buf - 1);
    buf[got > 0 ? got : 0] = '\0';
    close(fd);
    unlink(tmp);
    *msgs = strdup(buf);
    return decls;
}

static void workers_give_the_same_results_and_messages(void **state)
{
    (void)state;
    runner_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.policies_dir = "tests/rollup/fixtures/policies";
    ro.lua_dir = "lua";
    ro.validate = 1;
    char err[1024];
    runner *r = runner_new(&ro, err, sizeof err);
    if (!r) fail_msg("runner: %s", err);
    char *inputs[] = {dir};
    char **paths = NULL;
    size_t n = 0;
    assert_int_equal(batch_collect(1, inputs, &paths, &n, err, sizeof err), 0);

    batch_status s1, s3;
    char *m1, *m3;
    calls = 0;
    cJSON *d1 = run(r, paths, n, 1, &s1, &m1);
    assert_int_equal(calls, 5);
    cJSON *d3 = run(r, paths, n, 3, &s3, &m3);   /* callbacks run in the workers */
    assert_int_equal(cJSON_GetArraySize(d1), 6); /* the broken one has an entry with "error" */
    assert_true(cJSON_Compare(d1, d3, 1));
    assert_string_equal(m1, m3);
    assert_non_null(strstr(m1, "03b-broken.json:1:"));
    assert_true(s1.bad_input && s3.bad_input);
    assert_int_equal(s1.not_compliant, s3.not_compliant);
    assert_false(s1.policy_error || s3.policy_error);
    /* input order, and the callback's mark is in every result */
    const cJSON *x;
    int i = 0;
    const char *order[] = {"00.json", "01.json",         "02.json",
                           "03.json", "03b-broken.json", "04.json"};
    cJSON_ArrayForEach(x, d3) {
        const char *f = cJSON_GetObjectItem(x, "file")->valuestring;
        int broken = strcmp(strrchr(f, '/') + 1, "03b-broken.json") == 0;
        assert_string_equal(strrchr(f, '/') + 1, order[i++]);
        /* an evaluated result has the callback's mark; the broken input says why it has none */
        if (broken)
            assert_string_equal(
                cJSON_GetObjectItem(cJSON_GetObjectItem(x, "error"), "kind")->valuestring,
                "invalid");
        else
            assert_non_null(cJSON_GetObjectItem(x, "after_eval"));
    }
    free(m1);
    free(m3);
    cJSON_Delete(d1);
    cJSON_Delete(d3);
    batch_free_paths(paths, n);
    runner_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(directory_expands_to_sorted_json_files),
        cmocka_unit_test(workers_give_the_same_results_and_messages),
    };
    return cmocka_run_group_tests_name("batch", tests, setup, teardown);
}
