/* test_rollup_stream.c — reading a result document in chunks (core/rollup/rollup_common.c,
 * rollup_stream): declarations longer than a chunk and spanning chunk boundaries, the members
 * before and after the declarations, and errors (truncated files, NUL bytes, elements that are
 * not objects) named at the right line:column whatever the chunk size. */
#include "rollup_test_util.h"

#include "util/strutil.h"

static char *write_text(const char *text, size_t n)
{
    char tmp[] = "/tmp/kyojin-stream-XXXXXX";
    int fd = mkstemp(tmp);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
    close(fd);
    return str_dup(tmp);
}

/* A result of n declarations (each a few hundred bytes, Japanese names, one per line), with a
 * member before ("catalog") and one after ("not_evaluated") the declarations. */
static char *big_result(int n)
{
    size_t cap = (size_t)n * 600 + 400, o = 0;
    char *t = malloc(cap);
    o += (size_t)snprintf(t + o, cap - o,
                          "{\n  \"schema\": \"kyojin/result/v2\",\n  \"catalog\": {\"policies\": "
                          "[{\"id\": \"ST-01\", \"level\": \"required\"}]},\n"
                          "  \"declarations\": [\n");
    for (int i = 0; i < n; i++)
        o += (size_t)snprintf(t + o, cap - o,
                              "    {\"file\": \"d%04d.json\", \"body\": {\"name\": \"あおば町%d\", "
                              "\"code\": \"%06d\", \"note\": \"%s\"}, \"policies\": [{\"id\": "
                              "\"ST-01\", \"status\": \"pass\", \"findings\": []}]}%s\n",
                              i, i, 10000 + i, "「}」や「]」や \\\" を含む文字列 — ,,, [[[ {{{ ",
                              i + 1 < n ? "," : "");
    o += (size_t)snprintf(t + o, cap - o, "  ],\n  \"not_evaluated\": []\n}\n");
    return t;
}

typedef struct {
    int heads, decls, head_before_decl;
    char last_name[64];
} counter;

static int on_head(const cJSON *head, void *ctx)
{
    counter *c = ctx;
    c->heads++;
    c->head_before_decl = c->decls == 0;
    assert_non_null(cJSON_GetObjectItem(head, "catalog"));
    return 0;
}

static int on_decl(const cJSON *d, void *ctx)
{
    counter *c = ctx;
    const char *name = cJSON_GetObjectItem(cJSON_GetObjectItem(d, "body"), "name")->valuestring;
    char want[64];
    snprintf(want, sizeof want, "あおば町%d", c->decls);
    assert_string_equal(name, want);
    assert_non_null(
        strstr(cJSON_GetObjectItem(cJSON_GetObjectItem(d, "body"), "note")->valuestring, "「}」"));
    snprintf(c->last_name, sizeof c->last_name, "%s", name);
    c->decls++;
    return 0;
}

static void declarations_across_chunk_boundaries(void **state)
{
    (void)state;
    char *text = big_result(300);
    char *path = write_text(text, strlen(text));
    /* chunks from far smaller than one declaration to larger than the file */
    size_t chunks[] = {1, 7, 64, 333, 4096, (size_t)1 << 20};
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        rollup_stream_tuning(chunks[k], 0);
        counter c = {0};
        cJSON *header = NULL;
        char err[256] = "";
        assert_int_equal(
            rollup_stream(path, on_head, on_decl, NULL, &c, &header, "en", err, sizeof err), 0);
        assert_int_equal(c.heads, 1);
        assert_true(c.head_before_decl);
        assert_int_equal(c.decls, 300);
        assert_string_equal(c.last_name, "あおば町299");
        /* the header: every member but the declarations, which are empty */
        assert_non_null(cJSON_GetObjectItem(header, "not_evaluated"));
        assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(header, "declarations")), 0);
        cJSON_Delete(header);
    }
    rollup_stream_tuning(0, (size_t)16 << 20);
    unlink(path);
    free(path);
    free(text);
}

static int stop_at_3(const cJSON *d, void *ctx)
{
    (void)d;
    return ++*(int *)ctx == 3 ? 42 : 0;
}

static void callback_stops_the_reading(void **state)
{
    (void)state;
    char *text = big_result(10);
    char *path = write_text(text, strlen(text));
    rollup_stream_tuning(16, 0);
    int n = 0;
    char err[256];
    assert_int_equal(rollup_each_declaration(path, stop_at_3, &n, NULL, "en", err, sizeof err), 42);
    assert_int_equal(n, 3);
    rollup_stream_tuning(0, (size_t)16 << 20);
    unlink(path);
    free(path);
    free(text);
}

static int count(const cJSON *d, void *ctx)
{
    (void)d;
    ++*(int *)ctx;
    return 0;
}

/* The error for text cut after `keep` bytes, read with chunk and whole-file limit. */
static void error_of(const char *text, size_t keep, size_t chunk, size_t whole, char *err,
                     size_t errlen)
{
    char *path = write_text(text, keep);
    rollup_stream_tuning(chunk, whole);
    int n = 0;
    assert_int_equal(rollup_each_declaration(path, count, &n, NULL, "en", err, errlen), -1);
    rollup_stream_tuning(0, (size_t)16 << 20);
    /* the message names the file; compare without it */
    size_t pl = strlen(path);
    assert_memory_equal(err, path, pl);
    memmove(err, err + pl, strlen(err + pl) + 1);
    unlink(path);
    free(path);
}

static void truncated_files_name_line_and_column(void **state)
{
    (void)state;
    char *text = big_result(40);
    size_t len = strlen(text);
    /* cut inside a declaration (its string, its object), between two, in the last member */
    const char *marks[] = {"あおば町17", "\"ST-01\", \"status\"", "},\n    {\"file\": \"d0031",
                           "\"not_evaluated\": ["};
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
        const char *at = strstr(text, marks[m]);
        assert_non_null(at);
        size_t keep = (size_t)(at - text) + strlen(marks[m]) / 2;
        while (((unsigned char)text[keep] & 0xC0) == 0x80) keep++; /* keep whole characters */
        char whole[512], chunked[512], window[512];
        error_of(text, keep, 1 << 20, 16 << 20, whole, sizeof whole); /* one chunk */
        error_of(text, keep, 13, 16 << 20, chunked, sizeof chunked);  /* many chunks */
        error_of(text, keep, 13, 0, window, sizeof window);           /* told by the window */
        assert_string_equal(whole, chunked);
        /* line:column are the same whoever tells the reason */
        char *c1 = strchr(whole + 1, ' '), *c2 = strchr(window + 1, ' ');
        assert_non_null(c1);
        assert_non_null(c2);
        assert_int_equal(c1 - whole, c2 - window);
        assert_memory_equal(whole, window, (size_t)(c1 - whole));
        assert_true(strstr(whole, "end of input") || strstr(whole, "unterminated"));
        /* the position is the end of the text: its line is the number of lines kept */
        unsigned line = 1;
        for (size_t i = 0; i < keep; i++) line += text[i] == '\n';
        char want[32];
        snprintf(want, sizeof want, ":%u:", line);
        assert_memory_equal(whole, want, strlen(want));
    }
    (void)len;
    free(text);
}

static void element_not_an_object_far_in_the_file(void **state)
{
    (void)state;
    char *text = big_result(50);
    char *at = strstr(text, "    {\"file\": \"d0042");
    assert_non_null(at);
    memcpy(at, "    7", 5); /* "    7\"file\"..." is not an object and not JSON either */
    at[5] = ',';
    at[6] = ' ';
    /* make the rest of that line a valid object again: 7, {"x": … */
    at[7] = '{';
    char err[512];
    error_of(text, strlen(text), 5, 0, err, sizeof err);
    assert_string_equal(err, ":47:5: an element of declarations is not an object");
    free(text);
}

static void nul_byte_is_refused(void **state)
{
    (void)state;
    char *text = big_result(5);
    text[strlen(text) / 2] = '\0';
    size_t n = strlen(text) + 1 + strlen(text + strlen(text) + 1);
    char err[512];
    error_of(text, n, 8, 0, err, sizeof err);
    assert_string_equal(err, ": contains a NUL byte");
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(declarations_across_chunk_boundaries),
        cmocka_unit_test(callback_stops_the_reading),
        cmocka_unit_test(truncated_files_name_line_and_column),
        cmocka_unit_test(element_not_an_object_far_in_the_file),
        cmocka_unit_test(nul_byte_is_refused),
    };
    return cmocka_run_group_tests_name("rollup_stream", tests, NULL, NULL);
}
