/* workbook.c — the commands of declaration workbooks: `kyojin template` (an empty or filled
 * workbook generated from the schema) and `kyojin convert` (JSON → XLSX, XLSX → JSON).
 *
 * Owns: running kyojin.workbook (lua/kyojin/workbook.lua) in the trusted runtime for the
 * layout, choosing the direction of a conversion, and landing outputs through
 * util/atomic_out.c. Does not own: writing and reading workbooks (input/xlsx_write.c,
 * input/xlsx_read.c through input/decl.c), the layout itself (Lua). */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "engine/bundle.h"
#include "engine/sandbox.h"
#include "input/decl.h"
#include "input/luaconv.h"
#include "input/xlsx.h"
#include "util/atomic_out.h"
#include "util/cjson_cs.h"
#include "util/strutil.h"

#include <lua.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1980-01-01T00:00:00Z (the zip epoch) unless SOURCE_DATE_EPOCH says otherwise. */
#define WORKBOOK_DEFAULT_EPOCH 315532800LL

static long long workbook_epoch(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    long long v = sde && *sde ? strtoll(sde, NULL, 10) : 0;
    return v > 0 ? v : WORKBOOK_DEFAULT_EPOCH;
}

/* The layout of kyojin.workbook in the language of messages; NULL after saying why. */
static cJSON *load_layout(void)
{
    char lua[PATH_MAX], err[1024];
    snprintf(lua, sizeof lua, "%s/lua", cli_home());
    const char *nb = getenv("KYOJIN_NO_BUNDLE");
    sandbox_opts o = {0};
    o.lua_dir = lua;
    o.bundle = nb && *nb && strcmp(nb, "0") != 0 ? NULL : &kyojin_builtin_bundle;
    sandbox *sb = sandbox_new(&o, err, sizeof err);
    cJSON *layout = NULL;
    if (sb) {
        lua_State *L = sandbox_state(sb);
        lua_getglobal(L, "require");
        lua_pushliteral(L, "kyojin.workbook");
        if (sandbox_call_trusted(sb, 1, 1, err, sizeof err) == 0) {
            lua_getfield(L, -1, "layout");
            lua_pushstring(L, cli_lang);
            if (sandbox_call_trusted(sb, 1, 1, err, sizeof err) == 0)
                layout = luaconv_to_json(L, -1, err, sizeof err);
        }
        sandbox_free(sb);
    }
    if (!layout) fprintf(stderr, "kyojin: kyojin.workbook: %s\n", err);
    return layout;
}

/* Read a declaration (JSON or workbook) for conversion; NULL after printing its errors. */
static decl_doc *read_declaration(const char *path)
{
    decl_doc *d;
    decl_error e;
    if (decl_load_file(strcmp(path, "-") ? path : DECL_STDIN_PATH, NULL, &d, &e)) {
        decl_error_print(stderr, &e, cli_lang);
        decl_error_clear(&e);
        return NULL;
    }
    return d;
}

static int write_workbook(const cJSON *layout, const cJSON *decl, const char *out)
{
    atomic_out o;
    char err[1024];
    if (atomic_out_open_named(&o, out, err, sizeof err)) {
        fprintf(stderr, "kyojin: %s\n", err);
        return EXIT_USAGE;
    }
    if (xlsx_write_declaration(layout, decl, o.tmp, workbook_epoch(), err, sizeof err)) {
        atomic_out_abort(&o);
        fprintf(stderr, "kyojin: %s\n", err);
        return EXIT_USAGE;
    }
    if (atomic_out_commit(&o, err, sizeof err)) {
        fprintf(stderr, "kyojin: %s\n", err);
        return EXIT_USAGE;
    }
    return 0;
}

/* a model given with --model must be a value of the schema's enumeration */
static int known_model(const cJSON *layout, const char *m)
{
    const cJSON *e, *it;
    cJSON_ArrayForEach(e, json_get(json_get(layout, "lists"), "enums")) {
        if (strcmp(json_str_or(e, "name", ""), "model")) continue;
        cJSON_ArrayForEach(it, json_get(e, "items")) {
            if (!strcmp(json_str_or(it, "value", ""), m)) return 1;
        }
    }
    return 0;
}

int cli_cmd_template(const cli_args *a)
{
    const char *out = cli_value(a, OPT_OUTPUT), *from = cli_value(a, OPT_FROM),
               *model = cli_value(a, OPT_MODEL);
    if (!out) {
        cli_die_usage("-o FILE.xlsx を指定してください", "give -o FILE.xlsx", NULL);
        return EXIT_USAGE;
    }
    if (from) {
        int rc = cli_refuse_output_input(out, &from, 1);
        if (rc) return rc;
    }
    cJSON *layout = load_layout();
    if (!layout) return EXIT_POLICY;
    int rc = EXIT_USAGE;
    decl_doc *d = NULL;
    cJSON *seed = NULL;
    if (model && !known_model(layout, model)) {
        cli_die_usage("--model の値が不明です: %s", "unknown value of --model: %s", model);
        goto done;
    }
    if (from) {
        if (!(d = read_declaration(from))) goto done;
        seed = cJSON_Duplicate(decl_root(d), 1);
    } else {
        seed = cJSON_CreateObject();
        if (seed) cJSON_AddStringToObject(seed, "schema", json_str_or(layout, "version", ""));
    }
    if (!seed) {
        fprintf(stderr, "kyojin: %s\n", CLI_MSG("メモリが不足しています", "out of memory"));
        goto done;
    }
    if (model) {
        cJSON_DeleteItemFromObjectCaseSensitive(seed, "model");
        cJSON_AddStringToObject(seed, "model", model);
    }
    rc = write_workbook(layout, seed, out);
done:
    cJSON_Delete(seed);
    decl_free(d);
    cJSON_Delete(layout);
    return rc;
}

int cli_cmd_convert(const cli_args *a)
{
    const char *out = cli_value(a, OPT_OUTPUT);
    if (a->npos != 1 || !out) {
        cli_die_usage("入力を 1 つと -o 出力 を指定してください", "give one input and -o OUTPUT",
                      NULL);
        return EXIT_USAGE;
    }
    const char *in = a->pos[0];
    int rc = cli_refuse_output_input(out, (const char *const *)a->pos, 1);
    if (rc) return rc;
    decl_doc *d = read_declaration(in);
    if (!d) return EXIT_USAGE;
    size_t len;
    const char *text = decl_text(d, &len);
    if (!xlsx_is_workbook(text, len)) {
        /* JSON → XLSX */
        cJSON *layout = load_layout();
        rc = layout ? write_workbook(layout, decl_root(d), out) : EXIT_POLICY;
        cJSON_Delete(layout);
    } else {
        /* XLSX → JSON (cJSON's indented layout) */
        char *json = cJSON_Print(decl_root(d));
        atomic_out o;
        char err[1024];
        rc = EXIT_USAGE;
        if (!json)
            fprintf(stderr, "kyojin: %s\n", CLI_MSG("メモリが不足しています", "out of memory"));
        else if (atomic_out_open(&o, out, err, sizeof err))
            fprintf(stderr, "kyojin: %s\n", err);
        else {
            fputs(json, o.fp);
            fputc('\n', o.fp);
            if (atomic_out_commit(&o, err, sizeof err))
                fprintf(stderr, "kyojin: %s\n", err);
            else
                rc = 0;
        }
        free(json);
    }
    decl_free(d);
    return rc;
}
