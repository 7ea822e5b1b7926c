/* Unit tests of the sandbox, the read-only declaration view and the runner: each forbidden
 * function, limits (instructions, memory), a policy trying to change shared tables and a second
 * one checking it is unaffected, raising, garbage results, metadata validation. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/runner.h"

static const char *HEAD =
    "policy { id = \"%s\", requirements = {\"ST-01\"}, level = \"required\",\n"
    "  models = {\"alpha\", \"alpha_prime\", \"beta\", \"beta_prime\"}, source = \"S000\",\n"
    "  title = {ja = \"t\", en = \"t\"}, remediation = {ja = \"r\", en = \"r\"},\n"
    "  check = function(decl, result, params)\n%s\n  end }\n";

static const char *DECL =
    "{\"schema\": \"kyojin/declaration/v1\", \"model\": \"beta\", \"a\": null, \"e\": [], \"o\": {},"
    " \"body\": {\"name\": \"x\", \"as_of\": \"2026-01-01\"}, \"list\": [1, 2, 3]}";

typedef struct {
    char dir[64];
    runner *r;
    cJSON *res;
} fixture;

/* Write policies (id, check body) into a fresh directory and evaluate DECL. */
static void run(fixture *f, const char *const *ids, const char *const *bodies, int n,
                const char *raw_file)
{
    snprintf(f->dir, sizeof f->dir, "/tmp/kyojin-sbx-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    for (int i = 0; i < n; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/p%02d.lua", f->dir, i);
        FILE *fp = fopen(path, "w");
        fprintf(fp, HEAD, ids[i], bodies[i]);
        fclose(fp);
    }
    if (raw_file) {
        char path[128];
        snprintf(path, sizeof path, "%s/raw.lua", f->dir);
        FILE *fp = fopen(path, "w");
        fputs(raw_file, fp);
        fclose(fp);
    }
    runner_opts o = {0};
    o.policies_dir = f->dir;
    o.lua_dir = "lua";
    o.sandbox.instructions = 2000000;
    o.sandbox.policy_memory = 16 * 1024 * 1024;
    char err[512];
    f->r = runner_new(&o, err, sizeof err);
    if (!f->r) fail_msg("runner_new: %s", err);
    decl_doc *d;
    decl_error e;
    assert_int_equal(decl_load_buffer("d.json", DECL, strlen(DECL), NULL, &d, &e), 0);
    int any;
    f->res = runner_eval(f->r, d, NULL, &any, err, sizeof err);
    decl_free(d);
    assert_non_null(f->res);
}

static void done(fixture *f)
{
    cJSON_Delete(f->res);
    runner_free(f->r);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
}

static const cJSON *pol(const fixture *f, const char *id)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(f->res, "policies"))
        if (strcmp(cJSON_GetObjectItemCaseSensitive(p, "id")->valuestring, id) == 0) return p;
    fail_msg("policy %s missing from the result", id);
    return NULL;
}

static void expect(const fixture *f, const char *id, const char *status, const char *reason_sub)
{
    const cJSON *p = pol(f, id);
    const char *st = cJSON_GetObjectItemCaseSensitive(p, "status")->valuestring;
    const cJSON *reason = cJSON_GetObjectItemCaseSensitive(p, "reason");
    const char *en =
        cJSON_IsObject(reason) ? cJSON_GetObjectItemCaseSensitive(reason, "en")->valuestring : "";
    if (strcmp(st, status) != 0) fail_msg("%s: status %s (%s), expected %s", id, st, en, status);
    if (reason_sub && !strstr(en, reason_sub))
        fail_msg("%s: reason '%s' lacks '%s'", id, en, reason_sub);
}

/* One policy per forbidden name: reading it must be an error, never a value. */
static void test_forbidden_functions(void **state)
{
    (void)state;
    static const char *const names[] = {
        "io",     "os",        "debug",          "package", "load",   "loadfile",
        "dofile", "require",   "collectgarbage", "rawset",  "rawget", "rawequal",
        "rawlen", "coroutine", "loadstring",     "module",  "_G"};
    enum { N = sizeof names / sizeof *names };
    const char *ids[N + 1];
    const char *bodies[N + 1];
    char idbuf[N + 1][16], bodybuf[N + 1][128];
    for (int i = 0; i < N; i++) {
        snprintf(idbuf[i], sizeof idbuf[i], "FB-%02d", i);
        snprintf(bodybuf[i], sizeof bodybuf[i], "local x = %s; result:pass(\"/model\")", names[i]);
        ids[i] = idbuf[i];
        bodies[i] = bodybuf[i];
    }
    snprintf(idbuf[N], sizeof idbuf[N], "FB-%02d", N);
    ids[N] = idbuf[N];
    bodies[N] =
        "local f = string.dump; assert(f == nil, 'string.dump present'); result:pass('/model')";
    fixture f;
    run(&f, ids, bodies, N + 1, NULL);
    for (int i = 0; i < N; i++) expect(&f, ids[i], "error", "undefined global");
    expect(&f, ids[N], "pass", NULL);
    done(&f);
}

static void test_limits(void **state)
{
    (void)state;
    const char *ids[] = {"LM-01", "LM-02", "LM-03", "LM-04", "LM-05", "LM-06"};
    const char *bodies[] = {
        "while true do end",
        "while true do pcall(function() while true do end end) end",
        "local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end",
        "local s = string.rep('x', 1e8)",
        "for i = 1, 1e9 do pcall(string.rep, 'x', 1e9) end",
        "result:pass('/model')", /* still runs after the others */
    };
    fixture f;
    run(&f, ids, bodies, 6, NULL);
    expect(&f, "LM-01", "error", "instruction budget exceeded");
    expect(&f, "LM-02", "error", "instruction budget exceeded");
    expect(&f, "LM-03", "error", "memory limit exceeded");
    expect(&f, "LM-04", "error", "memory limit exceeded");
    expect(&f, "LM-05", "error", "memory limit exceeded");
    expect(&f, "LM-06", "pass", NULL);
    done(&f);
}

static void test_shared_tables_cannot_be_patched(void **state)
{
    (void)state;
    const char *ids[] = {"PA-01", "PA-02", "PA-03", "PA-04", "PA-05", "PA-06", "PB-01"};
    const char *bodies[] = {
        "getmetatable('').__index.upper = function() return 'pwned' end",
        "string.upper = function() return 'pwned' end",
        "table.insert = nil",
        "setmetatable(string, {})",
        "math.pi = 3",
        "kyojin.each = nil",
        /* the second policy checks nothing changed */
        "if ('a'):upper() ~= 'A' or string.upper('a') ~= 'A' or table.insert == nil or math.pi < 3.14"
        " or kyojin.each == nil or getmetatable('') ~= 'locked' then result:fail('/model', 'tampered') else result:pass('/model') end",
    };
    fixture f;
    run(&f, ids, bodies, 7, NULL);
    for (int i = 0; i < 6; i++) expect(&f, ids[i], "error", NULL);
    expect(&f, "PB-01", "pass", NULL);
    done(&f);
}

static void test_isolation_between_policies(void **state)
{
    (void)state;
    const char *ids[] = {"IS-01", "IS-02"};
    const char *bodies[] = {
        "shared_secret = 42; result:pass('/model')",
        "local ok = pcall(function() return shared_secret end); if ok then result:fail('/model', 'leak') else result:pass('/model') end",
    };
    fixture f;
    run(&f, ids, bodies, 2, NULL);
    expect(&f, "IS-01", "pass", NULL);
    expect(&f, "IS-02", "pass", NULL);
    done(&f);
}

static void test_errors_and_garbage(void **state)
{
    (void)state;
    const char *ids[] = {"ER-01", "ER-02", "ER-03", "ER-04", "ER-05", "ER-06", "ER-07", "ER-08"};
    const char *bodies[] = {
        "error('boom')",
        "error(setmetatable({}, {__tostring = function() error('nested') end}))",
        "result:fail(42, {ja = 'x', en = 'x'})",
        "result:fail('/model', 42)",
        "result:fail('/model', {ja = 'x'})",
        "return 'garbage', {}, 12",
        "setmetatable({}, {__gc = function() while true do end end})",
        "setmetatable({}, {__mode = 'k'})",
    };
    fixture f;
    run(&f, ids, bodies, 8, NULL);
    expect(&f, "ER-01", "error", "boom");
    expect(&f, "ER-02", "error", "error object is a table value");
    expect(&f, "ER-03", "error", "subject must be");
    expect(&f, "ER-04", "error", NULL);
    expect(&f, "ER-05", "error", "message field 'en'");
    expect(&f, "ER-06", "pass", NULL); /* return values are ignored; nothing found = pass */
    expect(&f, "ER-07", "error", "__gc is not allowed");
    expect(&f, "ER-08", "error", "__mode is not allowed");
    done(&f);
}

static void test_read_only_view(void **state)
{
    (void)state;
    const char *ids[] = {"RO-01", "RO-02", "RO-03", "RO-04", "RO-05", "RO-06"};
    const char *bodies[] = {
        "decl.model = 'alpha'",
        "decl.body.name = 'y'",
        "table.insert(decl.list, 4)",
        /* null, missing, [] and {} stay distinct */
        "assert(kyojin.is_null(decl.a)); assert(decl.missing == nil); assert(kyojin.is_array(decl.e));"
        " assert(kyojin.is_object(decl.o)); assert(not kyojin.is_array(decl.o)); assert(#decl.e == 0);"
        " assert(#decl.list == 3); assert(decl.list[2] == 2); assert(math.type(decl.list[1]) == 'integer');"
        " result:pass(decl.body)",
        /* pairs/ipairs/next work and keep document order */
        "local keys = {} for k in pairs(decl.body) do keys[#keys+1] = k end"
        " assert(table.concat(keys, ',') == 'name,as_of', table.concat(keys, ','));"
        " local s = 0 for _, v in ipairs(decl.list) do s = s + v end assert(s == 6);"
        " assert(next(decl.e) == nil); assert(next(decl.list) == 1); result:pass('/list')",
        "local mt = getmetatable(decl); assert(mt == 'locked'); result:pass('/model')",
    };
    fixture f;
    run(&f, ids, bodies, 6, NULL);
    expect(&f, "RO-01", "error",
           "declaration is read-only: policy RO-01 tried to write (root)/model");
    expect(&f, "RO-02", "error", "read-only: policy RO-02 tried to write /body/name");
    expect(&f, "RO-03", "error", "read-only");
    expect(&f, "RO-04", "pass", NULL);
    expect(&f, "RO-05", "pass", NULL);
    expect(&f, "RO-06", "pass", NULL);
    /* the read log of RO-04 lists the fields it read */
    const cJSON *fr = cJSON_GetObjectItemCaseSensitive(pol(&f, "RO-04"), "fields_read");
    char *s = cJSON_PrintUnformatted(fr);
    assert_non_null(strstr(s, "\"/a\""));
    assert_non_null(strstr(s, "\"/missing\""));
    assert_non_null(strstr(s, "\"/list/1\""));
    assert_null(strstr(s, "\"/model\""));
    cJSON_free(s);
    /* the finding carries the pointer and its line */
    const cJSON *fd =
        cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(pol(&f, "RO-04"), "findings"), 0);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(fd, "pointer")->valuestring, "/body");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(fd, "line")->valueint, 1);
    done(&f);
}

/* The read log: every key type, escaping, deduplication, order, one log per policy. */
static void test_read_log(void **state)
{
    (void)state;
    const char *ids[] = {"RL-01", "RL-02", "RL-03"};
    const char *bodies[] = {
        "local _ = decl.body[1], decl.list[1.5], decl.list[2.0], decl.list['1'], decl['a/b~c'], decl[true],"
        " decl[{}], decl.body.name, decl.body.name, #decl.e; for _ in pairs(decl.o) do end; result:pass('/list')",
        "local _ = decl.model; result:pass('/model')",
        "assert(not pcall(function() return decl[nil] end)); local ok, e = pcall(function() return decl[0/0] end);"
        " assert(not ok and tostring(e):find('NaN')); result:pass('/a')",
    };
    fixture f;
    run(&f, ids, bodies, 3, NULL);
    expect(&f, "RL-01", "pass", NULL);
    expect(&f, "RL-02", "pass", NULL);
    expect(&f, "RL-03", "pass", NULL);
    char *s =
        cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(pol(&f, "RL-01"), "fields_read"));
    assert_string_equal(
        s,
        "[\"\",\"/\",\"/a~1b~0c\",\"/body\",\"/body/1\",\"/body/name\",\"/e\",\"/list\",\"/list/1\","
        "\"/list/1.5\",\"/o\"]");
    cJSON_free(s);
    s = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(pol(&f, "RL-02"), "fields_read"));
    assert_string_equal(s, "[\"/model\"]");
    cJSON_free(s);
    done(&f);
}

static void test_metadata_validation(void **state)
{
    (void)state;
    const char *ids[] = {"OK-01"};
    const char *bodies[] = {"result:pass('/model')"};
    fixture f;
    run(&f, ids, bodies, 1, "policy { id = 5, check = function() end }\n");
    const char *const *errs = runner_load_errors(f.r);
    assert_non_null(errs[0]);
    assert_non_null(strstr(errs[0], "raw.lua"));
    assert_non_null(strstr(errs[0], "field 'id'"));
    expect(&f, "OK-01", "pass", NULL);
    done(&f);

    run(&f, ids, bodies, 1, "\x1bLua garbage");
    errs = runner_load_errors(f.r);
    assert_non_null(errs[0]);
    assert_non_null(strstr(errs[0], "binary"));
    done(&f);

    run(&f, ids, bodies, 1,
        "policy { id = 'XX-01', requirements = {'ST-01'}, level = 'required', models = {'gamma'}, source = 's',"
        " title = {ja='t', en='t'}, remediation = {ja='r', en='r'}, check = function() end }");
    errs = runner_load_errors(f.r);
    assert_non_null(errs[0]);
    assert_non_null(strstr(errs[0], "unknown model 'gamma'"));
    done(&f);

    run(&f, ids, bodies, 1,
        "policy { id = 'XX-02', requirements = {'ST-01'}, level = 'required', models = {'beta'}, source = 's',"
        " title = {ja='t'}, remediation = {ja='r', en='r'}, check = function() end }");
    errs = runner_load_errors(f.r);
    assert_non_null(errs[0]);
    assert_non_null(strstr(errs[0], "title.en"));
    done(&f);
}

static void test_applicability(void **state)
{
    (void)state;
    /* the declaration's model is beta: an alpha-only policy is not applicable with the reason */
    fixture f;
    const char *ids[] = {"AP-01"};
    const char *bodies[] = {"result:fail('/model', 'x')"};
    run(&f, ids, bodies, 1,
        "policy { id = 'NA-01', requirements = {'AL-02'}, level = 'required', models = {'alpha'}, source = 's',"
        " title = {ja='t', en='t'}, remediation = {ja='r', en='r'}, check = function(d, r) r:fail('/model', 'x') end }");
    expect(&f, "NA-01", "not_applicable", "model is beta");
    expect(&f, "AP-01", "fail", NULL);
    assert_false(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f.res, "compliant")));
    done(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forbidden_functions),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_shared_tables_cannot_be_patched),
        cmocka_unit_test(test_isolation_between_policies),
        cmocka_unit_test(test_errors_and_garbage),
        cmocka_unit_test(test_read_only_view),
        cmocka_unit_test(test_read_log),
        cmocka_unit_test(test_metadata_validation),
        cmocka_unit_test(test_applicability),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
