/* check.c — the commands that evaluate policies: check, risk, list, explain, and the Lua tools
 * test, lint and schema; and verify's default policy directory.
 * Owns: turning the parsed options of these commands into the engine's options (values checked
 * here), the installation directory, the result document's envelope.
 * Does not own: the option parser and the table (options.c, commands.c), how an output file
 * lands (util/atomic_out.c); everything else is called through the modules' headers. */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "input/decl.h"
#include "input/luaconv.h"
#include "report/report.h"
#include "report/report_vocab.h"
#include "risk/risk.h"     /* risk scoring (core/risk/risk.c) */
#include "rollup/rollup.h" /* check over many files, --baseline (core/rollup/rollup.h) */
#include "engine/bundle.h"
#include "engine/runner.h"
#include "util/atomic_out.h"
#include "util/cjson_cs.h"
#include "util/fileio.h"
#include "util/sha256.h"
#include "util/strutil.h"
#include "util/utf8.h"
#include "engine/watchdog.h"
#include "audit/verify.h" /* kyojin verify */

#include <errno.h>
#include <lauxlib.h>
#include <libgen.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------------ locations */

static char home[PATH_MAX];

/* The installation directory: $KYOJIN_HOME, else the directory of the executable. */
const char *cli_home(void)
{
    if (home[0]) return home;
    const char *e = getenv("KYOJIN_HOME");
    if (e && *e) {
        snprintf(home, sizeof home, "%s", e);
        return home;
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        snprintf(home, sizeof home, "%s", dirname(exe));
    } else {
        snprintf(home, sizeof home, ".");
    }
    return home;
}

static void default_path(char *dst, size_t cap, const char *sub)
{
    snprintf(dst, cap, "%s/%s", cli_home(), sub);
}

/* ------------------------------------------------------------------ check */

typedef struct {
    const char *policies, *format, *outpath, *as_of, *params_file, *only;
    const char *csv_table; /* --csv-table */
    int timestamp, color_off;
    size_t max_input;
    long instructions;
    size_t policy_memory;
    const char **params;
    int nparams;
    const char **files;
    int nfiles;
    int verbose;
    double timeout;        /* watchdog: seconds per declaration (core/watchdog.c) */
    const char *scenarios; /* --scenarios FILE */
    int no_risk;           /* --no-risk: verdicts only, no risk section */
    int risk_sheets;       /* `kyojin risk`: print the risk sheets */
    int skip_policies;     /* kyojin schema: the runtime only */
    int jobs, progress;    /* batch (core/engine/batch.c); progress -1 = auto */
    const char *baseline;  /* --baseline (core/rollup/baseline.c) */
    /* the auditor's report (docs/result-schema.md "report"): --report-date, --assessor,
     * --contact, --detail; the --params file's "report" object fills what the options leave
     * out */
    const char *report_date, *assessor, *contact, *detail;
    cJSON *report_file;   /* the --params file's "report", owned */
    const cli_args *args; /* the command line: what the "rendering" record is made from */
    /* kyojin verify's rendering: the declarations files[i] are read from sources[i]
     * (batch_opts.names/sources), and --timestamp writes this time */
    char *const *sources;
    const char *fixed_time;
    int result_v1; /* verify of a kyojin/result/v1 report: JSON in that older form */
    /* rolling out and auditing (docs/rollout.md): --fail-on warn, --waivers FILE with the
     * name it is shown under (verify: the recorded one), its hash and count once read */
    int fail_on_warn;
    const char *waivers_file, *waivers_shown;
    char waivers_sha[65];
    int waivers_count;
    long shard_i, shard_n; /* --shard I/N (docs/rollup.md); shard_n 0: every input */
} check_opts;

/* Is the JSON result written in the compact form of schema kyojin/result/v2? (Every JSON
 * result is, except when verify renders a kyojin/result/v1 report again.) */
static int json_v2(const check_opts *co)
{
    return !co->result_v1 && co->format && !strcmp(co->format, "json");
}

/* A positive decimal integer up to max. Digits only: strtoull alone would take "-1" (as the
 * largest value, which for --max-input meant no limit at all), a sign or leading spaces. */
static int parse_size(const char *s, size_t *out, unsigned long long max)
{
    char *end;
    if (*s < '0' || *s > '9') return -1;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v == 0 || v > max) return -1;
    *out = (size_t)v;
    return 0;
}

static cJSON *read_json_file(const char *path, char *err, size_t errlen)
{
    decl_doc *d;
    decl_error e;
    if (decl_load_file(path, NULL, &d, &e)) {
        if (e.line > 0)
            snprintf(err, errlen, "%s:%d:%d: %s", e.file ? e.file : path, e.line, e.column,
                     cli_en() ? e.msg_en : e.msg_ja);
        else /* no position: the file itself (not found, not a regular file, too large) */
            snprintf(err, errlen, "%s: %s", e.file ? e.file : path, cli_en() ? e.msg_en : e.msg_ja);
        decl_error_clear(&e);
        return NULL;
    }
    cJSON *j = cJSON_Duplicate(decl_root(d), 1);
    decl_free(d);
    return j;
}

/* Build the runner for the options; prints load errors. */
/* The build's precompiled runtime and policy pack, used only for sources whose text matches
 * (core/bundle.h); NULL with KYOJIN_NO_BUNDLE=1, which compiles everything from source. */
static const bundle *builtin_bundle(void)
{
    const char *nb = getenv("KYOJIN_NO_BUNDLE");
    return nb && *nb && strcmp(nb, "0") != 0 ? NULL : &kyojin_builtin_bundle;
}

static runner *make_runner(const check_opts *co, int *load_failed)
{
    char pol[PATH_MAX], lua[PATH_MAX], err[2048];
    if (co->policies)
        snprintf(pol, sizeof pol, "%s", co->policies);
    else
        default_path(pol, sizeof pol, "policies");
    default_path(lua, sizeof lua, "lua");
    runner_opts ro = {0};
    ro.policies_dir = pol;
    ro.lua_dir = lua;
    ro.only_policy = co->only;
    ro.lang = cli_lang;
    ro.skip_policies = co->skip_policies;
    /* the installed policies, or without them the build's bundled policy pack */
    ro.policies_from_bundle = co->policies == NULL;
    ro.validate = 1;
    ro.sandbox.instructions = co->instructions;
    ro.sandbox.policy_memory = co->policy_memory;
    ro.sandbox.verbose = co->verbose;
    ro.sandbox.bundle = builtin_bundle();
    runner *r = runner_new(&ro, err, sizeof err);
    if (!r) {
        fprintf(stderr, "kyojin: %s\n", err);
        *load_failed = 1;
        return NULL;
    }
    const char *const *le = runner_load_errors(r);
    for (; *le; le++) {
        fprintf(stderr,
                cli_en() ? "kyojin: policy not loaded: %s\n"
                         : "kyojin: ポリシーを読み込めません: %s\n",
                *le);
        *load_failed = 1;
    }
    return r;
}

/* A name for the report (--assessor, the params file's report.assessor or report.contact):
 * 1 to 200 characters of valid UTF-8 without control characters. */
static int valid_report_text(const char *s)
{
    size_t n = strlen(s), chars = 0;
    if (!n || !utf8_valid(s, n)) return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) return 0;
        chars += (*p & 0xC0) != 0x80;
    }
    return chars <= 200;
}

/* Take the "report" object out of a parameter file's JSON (it is not a policy parameter):
 * assessor, contact and date, each checked. Returns 0 (co->report_file set when present), or
 * -1 after printing why. */
static int take_report_params(check_opts *co, cJSON *j)
{
    cJSON *rep = cJSON_DetachItemFromObjectCaseSensitive(j, "report");
    const cJSON *m;
    if (!rep) return 0;
    if (!cJSON_IsObject(rep)) {
        fprintf(stderr,
                cli_en() ? "kyojin: %s: report: must be an object {\"assessor\", \"contact\", "
                           "\"date\"}\n"
                         : "kyojin: %s: report: {\"assessor\", \"contact\", \"date\"} の形の"
                           "オブジェクトです\n",
                co->params_file);
        cJSON_Delete(rep);
        return -1;
    }
    cJSON_ArrayForEach(m, rep) {
        int date = !strcmp(m->string, "date");
        int known = date || !strcmp(m->string, "assessor") || !strcmp(m->string, "contact");
        int ok = known && cJSON_IsString(m) &&
                 (date ? str_valid_date(m->valuestring) : valid_report_text(m->valuestring));
        if (!ok) {
            fprintf(stderr,
                    !known ? (cli_en() ? "kyojin: %s: report.%s: unknown (assessor, contact or "
                                         "date)\n"
                                       : "kyojin: %s: report.%s: 不明な項目です（assessor・"
                                         "contact・date のいずれか）\n")
                    : date ? (cli_en() ? "kyojin: %s: report.%s: a real calendar date "
                                         "YYYY-MM-DD\n"
                                       : "kyojin: %s: report.%s: 実在する日付（YYYY-MM-DD）を"
                                         "文字列で指定してください\n")
                           : (cli_en() ? "kyojin: %s: report.%s: text of 1 to 200 characters "
                                         "without control characters\n"
                                       : "kyojin: %s: report.%s: 制御文字を含まない 1〜200 "
                                         "文字の文字列で指定してください\n"),
                    co->params_file, m->string);
            cJSON_Delete(rep);
            return -1;
        }
    }
    co->report_file = rep;
    return 0;
}

static int apply_params(runner *r, check_opts *co)
{
    char err[1024];
    if (co->params_file) {
        cJSON *j = read_json_file(co->params_file, err, sizeof err);
        if (!j) {
            fprintf(stderr, "kyojin: %s\n", err);
            return -1;
        }
        if (cJSON_IsObject(j) && take_report_params(co, j)) {
            cJSON_Delete(j);
            return -1;
        }
        int rc = runner_set_params_json(r, j, err, sizeof err);
        cJSON_Delete(j);
        if (rc) {
            fprintf(stderr, "kyojin: %s: %s\n", co->params_file, err);
            return -1;
        }
    }
    for (int i = 0; i < co->nparams; i++) {
        char *buf = str_dup(co->params[i]); /* the whole option, however long */
        char *eq = buf ? strchr(buf, '=') : NULL;
        if (!eq) {
            free(buf);
            cli_die_usage("--param は ID.名前=値 の形で指定してください: %s",
                          "--param must be ID.NAME=VALUE: %s", co->params[i]);
            return -1;
        }
        *eq = 0;
        int rc = runner_set_param(r, buf, eq + 1, err, sizeof err);
        free(buf);
        if (rc) {
            fprintf(stderr, "kyojin: --param: %s\n", err);
            return -1;
        }
    }
    return 0;
}

/* --only and --skip (each repeatable, each value a comma-separated list of policy ids): the
 * runner evaluates the selection. An unknown id is a usage error naming the closest id.
 * 0, or -1 after saying why. */
static int select_policies(runner *r, check_opts *co)
{
    strvec ids[2] = {{0}, {0}};
    int rc = 0;
    for (size_t i = 0; co->args && i < co->args->nitems; i++) {
        int key = co->args->items[i].opt->key;
        if (key != OPT_ONLY && key != OPT_SKIP) continue;
        const char *v = co->args->items[i].value;
        if (!v[strspn(v, ",")]) { /* no id at all: not "every policy" by accident */
            cli_die_usage("--%s にはポリシー ID をカンマ区切りで指定してください",
                          "--%s needs comma-separated policy ids", co->args->items[i].opt->name);
            rc = -1;
            break;
        }
        while (*v) {
            size_t n = strcspn(v, ",");
            if (n) strvec_push_owned(&ids[key == OPT_SKIP], strndup(v, n));
            v += n + (v[n] == ',');
        }
    }
    const char *unknown = NULL;
    if (!rc && (ids[0].n || ids[1].n) &&
        runner_select(r, (const char *const *)ids[0].v, ids[0].n, (const char *const *)ids[1].v,
                      ids[1].n, &unknown)) {
        cJSON *meta = runner_metadata(r);
        strvec known = {0};
        const cJSON *m;
        cJSON_ArrayForEach(m, meta) strvec_push(&known, json_str_or(m, "id", ""));
        const char *near = cli_closest_word(unknown, (const char *const *)known.v, known.n);
        fprintf(stderr,
                cli_en() ? "kyojin: --only/--skip: no policy '%s'%s%s%s\n(see kyojin list)\n"
                         : "kyojin: --only/--skip: ポリシー '%s' はありません%s%s%s\n"
                           "（kyojin list を参照）\n",
                unknown, near ? (cli_en() ? " (did you mean " : "（") : "", near ? near : "",
                near ? (cli_en() ? "?)" : " のことですか？）") : "");
        strvec_free(&known);
        cJSON_Delete(meta);
        rc = -1;
    }
    strvec_free(&ids[0]);
    strvec_free(&ids[1]);
    return rc;
}

/* --waivers FILE: {"waivers": [...]} in the declaration's waiver format, read as strictly as
 * a declaration and validated as its "waivers" (errors as file:line:column with the line);
 * handed to the runner, which applies them to every declaration after its own. 0, or -1
 * after saying why. */
static int load_waivers(runner *r, check_opts *co)
{
    if (!co->waivers_file) return 0;
    decl_doc *d;
    decl_error e;
    if (decl_load_file(co->waivers_file, NULL, &d, &e)) {
        decl_error_print(stderr, &e, cli_lang);
        decl_error_clear(&e);
        return -1;
    }
    char err[1024];
    cJSON *errs = runner_validate_waivers(r, d, err, sizeof err);
    int rc = 0;
    if (!errs) {
        fprintf(stderr, "kyojin: %s: %s\n", co->waivers_file, err);
        rc = -1;
    } else if (cJSON_GetArraySize(errs) > 0) {
        const cJSON *v;
        cJSON_ArrayForEach(v, errs) {
            const cJSON *m = cJSON_GetObjectItemCaseSensitive(v, "message");
            decl_error de;
            memset(&de, 0, sizeof de);
            decl_error_at(d, json_str_or(v, "pointer", ""), json_str_or(m, "ja", ""),
                          json_str_or(m, "en", ""), &de);
            decl_error_print(stderr, &de, cli_lang);
            decl_error_clear(&de);
        }
        rc = -1;
    } else {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(decl_root(d), "waivers");
        /* the name shown: verify's recorded one, else the path as given (\xHH for stray bytes) */
        char *shown = co->waivers_shown ? NULL : utf8_show_name(co->waivers_file);
        snprintf(co->waivers_sha, sizeof co->waivers_sha, "%s", decl_sha256_hex(d));
        co->waivers_count = cJSON_GetArraySize(list);
        if ((!co->waivers_shown && !shown) ||
            runner_set_waivers(r, list, co->waivers_shown ? co->waivers_shown : shown)) {
            fprintf(stderr, "kyojin: out of memory\n");
            rc = -1;
        }
        free(shown);
    }
    cJSON_Delete(errs);
    decl_free(d);
    return rc;
}

/* The "rendering" record of the result document: every option of cli_recorded_options
 * (commands.c) that the command line gave, in the table's order (cli.h, enum
 * cli_record_kind). `ts`: the time --timestamp writes; `named`: the name a REC_NAMED file is
 * shown under (runner_waivers_file). NULL when out of memory or a file
 * cannot be read again. */
static cJSON *rendering_record(const check_opts *co, const char *ts, const char *named)
{
    const cli_args *a = co->args;
    cJSON *r = cJSON_CreateObject();
    for (const cli_recorded *e = cli_recorded_options; r && e->key; e++) {
        int key = e->opt ? e->opt->key : 0;
        const char *v = a && e->opt ? cli_value(a, key) : NULL;
        cJSON *item = NULL;
        switch (e->kind) {
        case REC_LANG: item = cJSON_CreateString(cli_lang); break;
        case REC_ENV:
            if ((v = getenv(e->key)) && *v) item = cJSON_CreateString(v);
            break;
        case REC_VALUE:
            if (v) item = cJSON_CreateString(v);
            break;
        case REC_FLAG:
            if (a && cli_flag(a, key)) item = cJSON_CreateTrue();
            break;
        case REC_TIME:
            if (a && cli_flag(a, key) && ts) item = cJSON_CreateString(ts);
            break;
        case REC_LIST:
            if (!a || !cli_flag(a, key)) break;
            item = cJSON_CreateArray();
            for (size_t i = 0; item && i < a->nitems; i++)
                if (a->items[i].opt->key == key)
                    cJSON_AddItemToArray(item, cJSON_CreateString(a->items[i].value));
            break;
        case REC_JSON:
            if (v) {
                char err[1024];
                if (!(item = read_json_file(v, err, sizeof err))) {
                    fprintf(stderr, "kyojin: %s\n", err);
                    cJSON_Delete(r);
                    return NULL;
                }
            }
            break;
        case REC_INPUT:
        case REC_NAMED:
            if (v) {
                size_t n;
                unsigned char *b = (unsigned char *)fileio_read(v, (size_t)1 << 31, &n), d[32];
                char hex[65];
                if (!b) {
                    fprintf(stderr,
                            cli_en() ? "kyojin: cannot read %s\n" : "kyojin: %s を読めません\n", v);
                    cJSON_Delete(r);
                    return NULL;
                }
                sha256(b, n, d);
                free(b);
                sha256_hex(d, hex);
                item = cJSON_CreateObject();
                if (item && e->kind == REC_NAMED) cJSON_AddStringToObject(item, "file", named);
                if (item) cJSON_AddStringToObject(item, "sha256", hex);
            }
            break;
        }
        if (item) cJSON_AddItemToObject(r, e->key, item);
    }
    return r;
}

static cJSON *envelope(runner *r, const check_opts *co)
{
    cJSON *doc = cJSON_CreateObject();
    /* the in-memory document the other writers read is v1-shaped; the JSON writer writes it
     * in the compact form of v2 (report.h, report_json_catalog) */
    cJSON_AddStringToObject(doc, "schema", json_v2(co) ? "kyojin/result/v2" : "kyojin/result/v1");
    cJSON *tool = cJSON_AddObjectToObject(doc, "tool");
    cJSON_AddStringToObject(tool, "name", "kyojin");
    cJSON_AddStringToObject(tool, "version", KYOJIN_VERSION);
    cJSON *ps = cJSON_AddObjectToObject(doc, "policy_set");
    cJSON_AddStringToObject(ps, "sha256", runner_policy_set_sha256(r));
    cJSON_AddNumberToObject(ps, "policies", runner_policy_count(r));
    const char *edition = json_str(runner_edition(r), "edition"); /* the pack's edition.lua */
    if (edition) cJSON_AddStringToObject(ps, "edition", edition);
    cJSON_AddItemToObject(doc, "parameters", runner_parameters(r));
    if (co->as_of)
        cJSON_AddStringToObject(doc, "as_of", co->as_of);
    else
        cJSON_AddNullToObject(doc, "as_of");
    { /* the auditor's report: options first, then the --params file's "report" */
        cJSON *rep = cJSON_AddObjectToObject(doc, "report");
        const char *date = co->report_date ? co->report_date : json_str(co->report_file, "date");
        const char *who = co->assessor ? co->assessor : json_str(co->report_file, "assessor");
        const char *contact = co->contact ? co->contact : json_str(co->report_file, "contact");
        if (date)
            cJSON_AddStringToObject(rep, "date", date);
        else
            cJSON_AddNullToObject(rep, "date");
        if (who)
            cJSON_AddStringToObject(rep, "assessor", who);
        else
            cJSON_AddNullToObject(rep, "assessor");
        if (contact)
            cJSON_AddStringToObject(rep, "contact", contact);
        else
            cJSON_AddNullToObject(rep, "contact");
        cJSON_AddStringToObject(rep, "detail", co->detail ? co->detail : "summary");
    }
    if (co->waivers_file) { /* --waivers FILE: applied as if declared, shown in the reports */
        cJSON *w = cJSON_AddObjectToObject(doc, "waivers");
        cJSON_AddStringToObject(w, "file", runner_waivers_file(r));
        cJSON_AddStringToObject(w, "sha256", co->waivers_sha);
        cJSON_AddNumberToObject(w, "waivers", co->waivers_count);
    }
    char ts[32] = "";
    if (co->timestamp) {
        time_t t = time(NULL);
        if (co->fixed_time)
            snprintf(ts, sizeof ts, "%s", co->fixed_time);
        else
            strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
        cJSON_AddStringToObject(doc, "timestamp", ts);
    }
    cJSON *rendering = rendering_record(co, ts[0] ? ts : NULL, runner_waivers_file(r));
    if (!rendering) {
        cJSON_Delete(doc);
        return NULL;
    }
    cJSON_AddItemToObject(doc, "rendering", rendering);
    if (json_v2(co)) { /* each policy's metadata, once */
        cJSON *meta = runner_metadata(r);
        cJSON *catalog = meta ? report_json_catalog(meta) : NULL;
        cJSON_Delete(meta);
        if (!catalog) {
            cJSON_Delete(doc);
            return NULL;
        }
        cJSON_AddItemToObject(doc, "catalog", catalog);
    }
    if (co->shard_n) { /* which share of the inputs (check --shard): summary checks the set */
        cJSON *sh = cJSON_AddObjectToObject(doc, "shard");
        cJSON_AddNumberToObject(sh, "index", (double)co->shard_i);
        cJSON_AddNumberToObject(sh, "count", (double)co->shard_n);
    }
    cJSON_AddArrayToObject(doc, "declarations");
    return doc;
}

/* load the risk tables (lua/kyojin/risk) once per run; NULL after printing the error. */
static risk_tables *load_risk_tables(void)
{
    char dir[PATH_MAX], err[1024];
    risk_set_lang(cli_lang);
    risk_set_bundle(builtin_bundle());
    default_path(dir, sizeof dir, "lua/kyojin/risk");
    risk_tables *t;
    if (risk_tables_load(dir, &t, err, sizeof err, stderr) != 0) {
        fprintf(stderr, cli_en() ? "kyojin: risk tables: %s\n" : "kyojin: リスク評価の表: %s\n",
                err);
        return NULL;
    }
    return t;
}

/* add "risk" (interfaces.md §8) to one declaration result, before its "error".
   Returns 0, or -1 after printing why (e.g. an attack tree naming an unknown damage). */
static int add_risk(const risk_tables *t, cJSON *res, const cJSON *decl, const cJSON *scenarios,
                    const char *file)
{
    char err[1024];
    cJSON *risk = risk_compute(t, decl, cJSON_GetObjectItemCaseSensitive(res, "policies"),
                               scenarios, err, sizeof err);
    cJSON *error = cJSON_DetachItemFromObjectCaseSensitive(res, "error");
    cJSON_AddItemToObject(res, "risk", risk ? risk : cJSON_CreateNull());
    if (error) cJSON_AddItemToObject(res, "error", error);
    if (!risk) fprintf(stderr, "kyojin: %s: %s\n", file, err);
    return risk ? 0 : -1;
}

/* the risk step of the per-declaration pipeline, for core/engine/batch.c. */
typedef struct {
    const risk_tables *rt;
    const cJSON *scenarios;
} batch_risk_ctx;

static int batch_add_risk(void *ctx, cJSON *res, const cJSON *decl, const char *file)
{
    const batch_risk_ctx *c = ctx;
    return add_risk(c->rt, res, decl, c->scenarios, file);
}

/* where declaration results go as they are produced. Formats that stream
 * (report_format_streams, the risk sheets) are written one declaration at a time and the result
 * freed, so a national batch needs the memory of one declaration; the others collect
 * the whole document first. The output is opened on the first result, so a run in
 * which nothing could be evaluated writes nothing (as before). */
typedef struct {
    const check_opts *co;
    cJSON *doc;         /* the envelope; collects "declarations" unless streaming */
    int stream, sheets; /* sheets: `kyojin risk` text, written per declaration */
    report_options ro;
    atomic_out of;      /* the output (util/atomic_out.h); a named temp file for xlsx */
    int opened, failed; /* output opened; a write failed (err says why) */
    char err[1024];
    size_t written;      /* results handed over */
    unsigned char *done; /* per input path: has a result */
    unsigned char *intr; /* per input path: its entry says the run was interrupted */
    baseline_index *bl;  /* --baseline, applied per declaration */
    long suppressed;
    int not_compliant;
    size_t evaluated; /* results of declarations that were evaluated */
    /* entries for inputs without an evaluation, held until the first evaluated result (so
     * that a run in which nothing could be evaluated still writes nothing) */
    batch_item *held;
    size_t nheld;
    char **paths;    /* the inputs, in order */
    int text_record; /* text: the envelope lists the file names for the trailing record */
} emitter;

static int emit_open(emitter *em)
{
    if (em->opened) return em->failed ? -1 : 0;
    em->opened = 1;
    char oerr[1024];
    int (*open_out)(atomic_out *, const char *, char *, size_t) =
        report_format_needs_file(em->co->format) ? atomic_out_open_named : atomic_out_open;
    if (open_out(&em->of, em->co->outpath, oerr, sizeof oerr)) {
        fprintf(stderr,
                cli_en() ? "kyojin: cannot write %s: %s\n" : "kyojin: %s に書き込めません: %s\n",
                em->co->outpath, strerror(errno));
        em->failed = 2; /* nothing written: not a write failure of the report */
        return -1;
    }
    em->ro.file = em->of.tmp; /* a file format (xlsx) creates it itself */
    if (em->stream && !em->sheets &&
        report_stream_begin(em->doc, &em->ro, em->of.fp, em->err, sizeof em->err)) {
        em->failed = 1;
        return -1;
    }
    return 0;
}

/* One declaration in the streamed output format (json, text, html, the risk sheets), without the
 * separator before it; run where the declaration is evaluated (the watchdog worker). */
static int render_decl(void *ctx, const cJSON *res, FILE *out)
{
    const emitter *em = ctx;
    if (em->sheets) return risk_write_sheets(res, cli_lang, out) ? -1 : 0; /* `kyojin risk` */
    char err[256];
    return report_stream_body(res, &em->ro, out, err, sizeof err);
}

static int emit_write(emitter *em, batch_item *it);

/* Write the held entries (see emitter.held); 0 or -1. */
static int emit_held(emitter *em)
{
    int rc = 0;
    for (size_t i = 0; i < em->nheld; i++)
        if (emit_write(em, &em->held[i])) rc = -1;
    free(em->held);
    em->held = NULL;
    em->nheld = 0;
    return rc;
}

static void drop_held(emitter *em)
{
    for (size_t i = 0; i < em->nheld; i++) {
        cJSON_Delete(em->held[i].res);
        free(em->held[i].text);
    }
    free(em->held);
    em->held = NULL;
    em->nheld = 0;
}

static int emit_result(void *ctx, size_t index, batch_item *it)
{
    emitter *em = ctx;
    em->done[index] = 1;
    if (em->text_record) { /* the names a text report records (report_text_end) */
        char *shown = it->res ? NULL : utf8_show_name(em->paths[index]);
        const char *name = it->res ? json_str(it->res, "file") : shown;
        cJSON *e = cJSON_CreateObject();
        if (e) {
            cJSON_AddStringToObject(e, "file", name ? name : "");
            cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(em->doc, "declarations"), e);
        }
        free(shown);
    }
    if (it->interrupted) em->intr[index] = 1;
    if (it->failed && em->sheets) { /* `kyojin risk` sheets: the failure is on stderr only */
        cJSON_Delete(it->res);
        free(it->text);
        return 0;
    }
    if (it->failed && em->evaluated == 0) {
        batch_item *h = realloc(em->held, (em->nheld + 1) * sizeof *h);
        if (!h) {
            cJSON_Delete(it->res);
            free(it->text);
            snprintf(em->err, sizeof em->err, "out of memory");
            em->failed = 1;
            return -1;
        }
        em->held = h;
        em->held[em->nheld++] = *it;
        return 0;
    }
    if (!it->failed) em->evaluated++;
    if (em->nheld && emit_held(em)) {
        cJSON_Delete(it->res);
        free(it->text);
        return -1;
    }
    return emit_write(em, it);
}

/* --fail-on warn: does a policy of the result stand at warn (a recommended policy unmet, or
 * a warning of another)? A preview policy decides nothing, so it never counts. */
static int unmet_recommendation(const cJSON *res)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(res, "policies"))
        if (!strcmp(json_str_or(p, "status", ""), "warn") &&
            strcmp(json_str_or(p, "level", ""), "preview") != 0)
            return 1;
    return 0;
}

/* Hand one result to the output (or the document). */
static int emit_write(emitter *em, batch_item *it)
{
    cJSON *res = it->res;
    if (res && em->bl && baseline_apply_decl(em->bl, res, &em->suppressed)) {
        snprintf(em->err, sizeof em->err, "out of memory");
        em->failed = 1;
    }
    if (res ? !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(res, "compliant")) : !it->compliant)
        em->not_compliant = 1;
    if (res && em->co->fail_on_warn && unmet_recommendation(res)) em->not_compliant = 1;
    if (!em->stream) {
        cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(em->doc, "declarations"), res);
        em->written++;
        return em->failed;
    }
    int rc = em->failed ? -1 : emit_open(em);
    if (rc == 0) {
        if (em->sheets) { /* the sheets of `kyojin risk` */
            if (em->written) fputc('\n', em->of.fp);
        } else {
            report_stream_separator(em->written, &em->ro, em->of.fp);
        }
        if (it->text) { /* rendered where it was evaluated */
            if (report_stream_put(it->text, it->len, &em->ro, em->of.fp, em->err, sizeof em->err))
                em->failed = 1;
        } else if (em->sheets || !report_stream_renders_alone(em->ro.format)) {
            /* written where the writer runs, in order (it keeps state: csv, xlsx, sarif, junit) */
            if (em->sheets ? render_decl(em, res, em->of.fp)
                           : report_stream_body(res, &em->ro, em->of.fp, em->err,
                                                sizeof em->err)) { /* the writer says why */
                if (em->sheets || !em->err[0])
                    snprintf(em->err, sizeof em->err, "%s",
                             errno ? strerror(errno) : "out of memory");
                em->failed = 1;
            }
        } else { /* rendered here, handed over as the bytes a worker would give (html) */
            size_t len = 0;
            char *text = watchdog_render_mem(render_decl, em, res, &len);
            if (!text) {
                snprintf(em->err, sizeof em->err, "%s", errno ? strerror(errno) : "out of memory");
                em->failed = 1;
            } else if (report_stream_put(text, len, &em->ro, em->of.fp, em->err, sizeof em->err)) {
                em->failed = 1;
            }
            free(text);
        }
        if (!em->failed && em->of.fp && ferror(em->of.fp)) { /* xlsx: no stream */
            snprintf(em->err, sizeof em->err, "%s", strerror(errno));
            em->failed = 1;
        }
    }
    em->written++;
    cJSON_Delete(res);
    free(it->text);
    return em->failed ? -1 : 0;
}

static int cmd_check(check_opts *co)
{
    if (co->nfiles == 0) {
        cli_die_usage("検査する申告ファイルを指定してください", "no declaration given%s", NULL);
        return EXIT_USAGE;
    }
    if (report_format_needs_file(co->format) && !co->outpath) {
        cli_die_usage("--format %s には -o FILE が必要です", "--format %s needs -o FILE",
                      co->format);
        return EXIT_USAGE;
    }
    int load_failed = 0;
    runner *r = make_runner(co, &load_failed);
    if (!r) return EXIT_POLICY;
    char verr[1024];
    if (report_format_needs_words(co->format) &&
        report_vocab_load_from(runner_sandbox(r), verr, sizeof verr)) {
        fprintf(stderr, "kyojin: %s\n", verr);
        runner_free(r);
        return EXIT_POLICY;
    }
    if (apply_params(r, co) || select_policies(r, co) || load_waivers(r, co)) {
        runner_free(r);
        return EXIT_USAGE;
    }
    if (co->no_risk && (co->risk_sheets || co->scenarios)) {
        cli_die_usage("--no-risk は kyojin risk や --scenarios と同時に使えません%s",
                      "--no-risk cannot be used with kyojin risk or --scenarios%s", "");
        runner_free(r);
        return EXIT_USAGE;
    }
    /* tables and the optional scenario file (none with --no-risk) */
    risk_tables *rt = co->no_risk ? NULL : load_risk_tables();
    if (!rt && !co->no_risk) {
        runner_free(r);
        return EXIT_POLICY;
    }
    cJSON *scenarios = NULL;
    if (co->scenarios) {
        char serr[1024];
        if (!(scenarios = read_json_file(co->scenarios, serr, sizeof serr))) {
            fprintf(stderr, "kyojin: %s\n", serr);
            risk_tables_free(rt);
            runner_free(r);
            return EXIT_USAGE;
        }
    }
    /* --baseline is read before any work, one declaration at a time (core/rollup/baseline.c);
     * known findings are then dropped per declaration, compliance follows what is left */
    baseline_index *bl = NULL;
    if (co->baseline) {
        char berr[1024];
        bl = baseline_index_load(co->baseline, cli_lang, berr, sizeof berr);
        if (!bl) {
            fprintf(stderr, "kyojin: --baseline: %s\n", berr);
            risk_tables_free(rt);
            cJSON_Delete(scenarios);
            runner_free(r);
            return EXIT_USAGE;
        }
    }
    /* directories expand to their *.json files; several files, --jobs and
     * progress go through core/engine/batch.c (output identical for any --jobs). */
    char **paths = NULL;
    size_t npaths = 0;
    {
        char berr[1024];
        if (co->sources) { /* verify: the names the report records, as they are */
            paths = calloc((size_t)co->nfiles, sizeof *paths);
            for (int i = 0; paths && i < co->nfiles; i++)
                if ((paths[npaths] = str_dup(co->files[i]))) npaths++;
        }
        if (co->sources ? !paths || npaths != (size_t)co->nfiles
                        : batch_collect(co->nfiles, (char *const *)co->files, &paths, &npaths, berr,
                                        sizeof berr) != 0 ||
                              npaths == 0) {
            if (co->sources)
                snprintf(berr, sizeof berr, "out of memory");
            else if (npaths == 0)
                snprintf(berr, sizeof berr,
                         cli_en() ? "no declaration (*.json) found"
                                  : "申告ファイル（*.json）が見つかりません");
            fprintf(stderr, "kyojin: %s\n", berr);
            baseline_index_free(bl);
            risk_tables_free(rt);
            cJSON_Delete(scenarios);
            runner_free(r);
            return EXIT_USAGE;
        }
    }
    /* --shard I/N: the inputs whose index (in that order) is I-1 mod N; verify gives the
     * share the report records, already chosen */
    if (co->shard_n && !co->sources) {
        size_t k = 0;
        for (size_t i = 0; i < npaths; i++)
            if (i % (size_t)co->shard_n == (size_t)co->shard_i - 1)
                paths[k++] = paths[i];
            else
                free(paths[i]);
        if (!(npaths = k)) {
            fprintf(stderr,
                    cli_en() ? "kyojin: --shard %ld/%ld: this share has no input (give at most as "
                               "many shards as declarations)\n"
                             : "kyojin: --shard %ld/%ld: この分割に入る申告がありません（分割数は"
                               "申告の数以下にしてください）\n",
                    co->shard_i, co->shard_n);
            free(paths);
            baseline_index_free(bl);
            risk_tables_free(rt);
            cJSON_Delete(scenarios);
            runner_free(r);
            return EXIT_USAGE;
        }
    }
    emitter em;
    memset(&em, 0, sizeof em);
    em.co = co;
    em.doc = envelope(r, co);
    em.bl = bl;
    em.done = calloc(npaths, 1);
    em.intr = calloc(npaths, 1);
    int sheets =
        co->risk_sheets && strcmp(co->format, "text") == 0; /* the sheets of `kyojin risk` */
    em.sheets = sheets;
    /* a kyojin/result/v1 report (verify) is written whole, in that form */
    em.stream = sheets || (report_format_streams(co->format) && !co->result_v1);
    em.ro = (report_options){.format = co->format, .lang = cli_lang, .csv_table = co->csv_table};
    em.ro.json_v2 = json_v2(co);
    em.ro.json_full = co->detail && !strcmp(co->detail, "full");
    em.ro.color = !co->outpath && !co->color_off && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    em.ro.terminal = (!co->outpath || !strcmp(co->outpath, "-")) && isatty(STDOUT_FILENO);
    em.ro.envelope = em.doc;
    em.paths = paths;
    em.text_record = em.stream && !sheets && !strcmp(co->format, "text");
    if (!em.doc || !em.done || !em.intr) {
        fprintf(stderr, "kyojin: out of memory\n");
        free(em.done);
        free(em.intr);
        cJSON_Delete(em.doc);
        baseline_index_free(bl);
        batch_free_paths(paths, npaths);
        risk_tables_free(rt);
        cJSON_Delete(scenarios);
        runner_free(r);
        return EXIT_POLICY;
    }
    watchdog_catch_signals();
    int interrupted = 0;
    int bad_input = 0, policy_error = load_failed;
    decl_limits lim = {co->max_input, 0};
    {
        /* one file without --jobs/--progress: no progress bar, even on a terminal */
        int progress = npaths == 1 && co->jobs <= 1 && co->progress < 0 ? 0 : co->progress;
        batch_risk_ctx brc = {rt, scenarios};
        batch_opts bo = {co->jobs > 1 ? co->jobs : 1,
                         progress,
                         co->as_of,
                         cli_lang,
                         &lim,
                         rt ? batch_add_risk : NULL,
                         &brc,
                         co->timeout,
                         em.stream && !bl && !co->fail_on_warn &&
                                 (sheets || report_stream_renders_alone(co->format))
                             ? render_decl
                             : NULL,
                         &em,
                         co->sources ? paths : NULL,
                         co->sources,
                         co->sources ? npaths : 0};
        batch_status bs;
        if (batch_check(r, paths, npaths, &bo, emit_result, &em, &bs)) policy_error = 1;
        bad_input |= bs.bad_input;
        policy_error |= bs.policy_error;
    }
    /* interrupted: the declarations with an "interrupted" entry (or none) were not evaluated */
    const char **not_eval = NULL;
    int n_not_eval = 0;
    if (watchdog_interrupted()) {
        interrupted = 1;
        not_eval = calloc(npaths ? npaths : 1, sizeof *not_eval);
        for (size_t i = 0; not_eval && i < npaths; i++)
            if (!em.done[i] || em.intr[i]) not_eval[n_not_eval++] = paths[i];
    }
    if (bl) {
        cJSON_AddItemToObject(em.doc, "baseline", baseline_mark(bl, em.suppressed));
        baseline_index_free(bl);
    }
    int rc = policy_error       ? EXIT_POLICY
             : bad_input        ? EXIT_USAGE
             : em.not_compliant ? EXIT_NOT_COMPLIANT
                                : EXIT_COMPLIANT;
    if (co->risk_sheets && rc == EXIT_NOT_COMPLIANT)
        rc = EXIT_COMPLIANT; /* `risk` reports, it does not judge */
    risk_tables_free(rt);
    cJSON_Delete(scenarios);
    if (interrupted) rc = watchdog_note_interrupt(em.doc, not_eval, n_not_eval, cli_en());
    free(not_eval);
    batch_free_paths(paths, npaths);
    free(em.done);
    free(em.intr);
    if (em.evaluated == 0 && bad_input) {
        /* nothing evaluated: only the errors are printed */
        drop_held(&em);
        cJSON_Delete(em.doc);
        runner_free(r);
        return interrupted ? rc : policy_error ? EXIT_POLICY : EXIT_USAGE;
    }
    if (em.nheld) emit_held(&em); /* inputs without an evaluation after the last result */
    int wr = 0;
    if (emit_open(&em) == 0) {
        /* a signal from now on removes the temp file and ends kyojin (watchdog.c) */
        watchdog_arm_abort(em.of.tmp);
        if (!em.stream) {
            /* xlsx: libxlsxwriter creates the named temp file itself */
            wr = report_write(em.doc, &em.ro, em.of.fp, em.of.fp ? co->outpath : em.of.tmp, em.err,
                              sizeof em.err);
        } else if (!sheets) {
            wr = report_stream_end(em.doc, &em.ro, em.of.fp, em.err, sizeof em.err);
        }
        if (wr) em.failed = 1;
    }
    if (em.failed == 2) { /* the output could not be opened; said so */
        cJSON_Delete(em.doc);
        runner_free(r);
        return EXIT_USAGE;
    }
    char cerr[1024];
    if (em.failed) {
        report_stream_abort(&em.ro);
        atomic_out_abort(&em.of);
    }
    int committed = em.failed ? -1 : atomic_out_commit(&em.of, cerr, sizeof cerr);
    watchdog_disarm_abort();
    if (committed != 0) {
        fprintf(stderr,
                cli_en() ? "kyojin: writing the report failed: %s\n"
                         : "kyojin: 報告書の書き込みに失敗しました: %s\n",
                em.failed ? em.err : strerror(errno));
        rc = EXIT_USAGE;
    }
    cJSON_Delete(em.doc);
    runner_free(r);
    return rc;
}

/* ------------------------------------------------------------------ list / explain */

static int cmd_list(check_opts *co, int coverage)
{
    int lf = 0;
    runner *r = make_runner(co, &lf);
    if (!r) return EXIT_POLICY;
    cJSON *meta = runner_metadata(r);
    const cJSON *m;
    if (!coverage) {
        cJSON_ArrayForEach(m, meta) {
            printf("%-12s %-12s ", json_str_or(m, "id", ""), json_str_or(m, "level", ""));
            const cJSON *q;
            int first = 1;
            cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(m, "requirements")) {
                printf("%s%s", first ? "" : ",", q->valuestring);
                first = 0;
            }
            printf("  ");
            term_puts(stdout, json_str_or(json_get(m, "title"), cli_lang, ""));
            printf("\n");
        }
    }
    int rc = lf ? EXIT_POLICY : EXIT_COMPLIANT;
    if (coverage) {
        /* catalog IDs from policies/catalog.lua (data) */
        char pol[PATH_MAX];
        if (co->policies)
            snprintf(pol, sizeof pol, "%s", co->policies);
        else
            default_path(pol, sizeof pol, "policies");
        lua_State *L = sandbox_state(runner_sandbox(r));
        char path[PATH_MAX + 32];
        snprintf(path, sizeof path, "%s/catalog.lua", pol);
        if (luaL_loadfilex(L, path, "t") != LUA_OK) {
            fprintf(stderr, "kyojin: %s\n", lua_tostring(L, -1));
            lua_pop(L, 1);
            cJSON_Delete(meta);
            runner_free(r);
            return EXIT_POLICY;
        }
        lua_newtable(L);
        lua_setupvalue(L, -2, 1);
        char err[512];
        if (sandbox_call_trusted(runner_sandbox(r), 0, 1, err, sizeof err)) {
            fprintf(stderr, "kyojin: %s\n", err);
            cJSON_Delete(meta);
            runner_free(r);
            return EXIT_POLICY;
        }
        cJSON *cat = luaconv_to_json(L, -1, err, sizeof err);
        lua_pop(L, 1);
        int missing = 0, total = 0;
        const cJSON *c;
        cJSON_ArrayForEach(c, cat) {
            const char *id = json_str_or(c, "id", "");
            total++;
            printf("%-7s ", id);
            int n = 0;
            cJSON_ArrayForEach(m, meta) {
                const cJSON *q;
                cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(m, "requirements"))
                    if (strcmp(q->valuestring, id) == 0) {
                        printf("%s%s", n ? ", " : "", json_str_or(m, "id", ""));
                        n++;
                    }
            }
            if (!n) {
                printf(cli_en() ? "NOT COVERED" : "未対応");
                missing++;
            }
            printf("\n");
        }
        printf(cli_en() ? "%d of %d requirements covered\n" : "要件 %d 件中 %d 件に対応\n",
               cli_en() ? total - missing : total, cli_en() ? total : total - missing);
        cJSON_Delete(cat);
        if (missing) rc = EXIT_NOT_COMPLIANT;
    }
    cJSON_Delete(meta);
    runner_free(r);
    return rc;
}

static int cmd_explain(check_opts *co, const char *id)
{
    int lf = 0;
    runner *r = make_runner(co, &lf);
    if (!r) return EXIT_POLICY;
    cJSON *meta = runner_metadata(r);
    const cJSON *m, *found = NULL;
    cJSON_ArrayForEach(m, meta)
        if (strcmp(json_str_or(m, "id", ""), id) == 0) found = m;
    int rc = lf ? EXIT_POLICY : EXIT_COMPLIANT; /* a policy not loaded: as check and list */
    if (!found) {
        fprintf(stderr,
                cli_en() ? "kyojin: no policy '%s' (see kyojin list)\n"
                         : "kyojin: ポリシー '%s' はありません（kyojin list を参照）\n",
                id);
        rc = EXIT_USAGE;
    } else {
        int e = cli_en();
        printf("%s  ", json_str_or(found, "id", ""));
        term_puts(stdout, json_str_or(json_get(found, "title"), cli_lang, ""));
        printf("\n\n%s %s\n", e ? "Level:       " : "レベル:    ", json_str_or(found, "level", ""));
        printf("%s ", e ? "Requirements:" : "要件:      ");
        const cJSON *q;
        cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(found, "requirements"))
            printf("%s ", q->valuestring);
        printf("\n%s ", e ? "Models:      " : "対象モデル:");
        const cJSON *models = cJSON_GetObjectItemCaseSensitive(found, "models");
        if (models)
            cJSON_ArrayForEach(q, models) printf("%s ", q->valuestring);
        else
            printf("%s", e ? "(decided by an applicability rule)" : "（適用条件による）");
        printf("\n%s ", e ? "Source:      " : "出典:      ");
        term_puts(stdout, json_str_or(found, "source", ""));
        printf("\n%s %s\n", e ? "File:        " : "ファイル:  ", json_str_or(found, "file", ""));
        const cJSON *ps = cJSON_GetObjectItemCaseSensitive(found, "params");
        if (cJSON_GetArraySize(ps) > 0) {
            printf("\n%s\n", e ? "Parameters:" : "パラメータ:");
            cJSON *cur = runner_parameters(r);
            cJSON_ArrayForEach(q, ps) {
                char full[512];
                snprintf(full, sizeof full, "%s.%s", json_str_or(found, "id", ""), q->string);
                char *dv = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(q, "default"));
                char *cv = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(cur, full));
                printf("  %s (%s) %s %s%s%s\n    ", q->string, json_str_or(q, "type", ""),
                       e ? "default" : "既定値", dv ? dv : "?",
                       cv && dv && strcmp(cv, dv) ? (e ? ", now " : "、現在 ") : "",
                       cv && dv && strcmp(cv, dv) ? cv : "");
                term_puts(stdout, json_str_or(json_get(q, "description"), cli_lang, ""));
                printf("\n");
                cJSON_free(dv);
                cJSON_free(cv);
            }
            cJSON_Delete(cur);
        }
        printf("\n%s\n  ", e ? "Remediation:" : "対処:");
        term_puts(stdout, json_str_or(json_get(found, "remediation"), cli_lang, ""));
        printf("\n");
    }
    cJSON_Delete(meta);
    runner_free(r);
    return rc;
}

/* Run a trusted Lua tool module (kyojin.schema_cli, kyojin.testrunner, kyojin.lint) with the
 * remaining arguments; its return value is the exit code. */
static int run_tool(check_opts *co, const char *module, int argc, char **argv)
{
    int lf = 0;
    runner *r = make_runner(co, &lf);
    if (!r) return EXIT_POLICY;
    lua_State *L = sandbox_state(runner_sandbox(r));
    lua_getglobal(L, "require");
    lua_pushstring(L, module);
    char err[2048];
    if (sandbox_call_trusted(runner_sandbox(r), 1, 1, err, sizeof err)) {
        fprintf(stderr, "kyojin: %s\n", err);
        runner_free(r);
        return EXIT_POLICY;
    }
    lua_getfield(L, -1, "main");
    lua_remove(L, -2);
    runner_push_host_api(r);
    lua_setglobal(L, "host");
    lua_createtable(L, argc, 4);
    for (int i = 0; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_pushstring(L, cli_lang);
    lua_setfield(L, -2, "lang");
    lua_pushstring(L, cli_home());
    lua_setfield(L, -2, "home");
    lua_pushboolean(L, lf);
    lua_setfield(L, -2, "load_failed");
    {
        char pol[PATH_MAX];
        if (co->policies)
            snprintf(pol, sizeof pol, "%s", co->policies);
        else
            default_path(pol, sizeof pol, "policies");
        lua_pushstring(L, pol);
        lua_setfield(L, -2, "policies");
    }
    int rc;
    if (sandbox_call_trusted(runner_sandbox(r), 1, 1, err, sizeof err)) {
        fprintf(stderr, "kyojin: %s\n", err);
        rc = EXIT_POLICY;
    } else {
        rc = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    /* a policy that could not be loaded (named on stderr by make_runner): exit 3, as check */
    if (lf && rc != EXIT_USAGE) rc = EXIT_POLICY;
    runner_free(r);
    return rc;
}

struct runner *cli_make_runner(const char *policies, int *load_failed)
{
    check_opts co;
    memset(&co, 0, sizeof co);
    co.policies = policies;
    return make_runner(&co, load_failed);
}

/* ------------------------------------------------------------------ options of these commands */

/* The engine's options from the parsed command line, each value checked as it comes (the first
 * bad one is reported). params: the --param values, malloc'd (caller frees). Returns 0, or
 * EXIT_USAGE after printing why. */
static int opts_from_args(const cli_args *a, check_opts *co, const char ***params)
{
    memset(co, 0, sizeof *co);
    co->format = "text";
    co->progress = -1;
    co->jobs = 1;
    co->timeout = WATCHDOG_DEFAULT_TIMEOUT;
    size_t np = 0;
    for (size_t i = 0; i < a->nitems; i++) np += a->items[i].opt->key == OPT_PARAM;
    *params = calloc(np ? np : 1, sizeof **params);
    if (!*params) {
        fprintf(stderr, "kyojin: out of memory\n");
        return EXIT_USAGE;
    }
    co->params = *params;
    for (size_t i = 0; i < a->nitems; i++) {
        const char *v = a->items[i].value;
        switch (a->items[i].opt->key) {
        case OPT_POLICIES: co->policies = v; break;
        case OPT_FORMAT: co->format = v; break;
        case OPT_OUTPUT: co->outpath = v; break;
        case OPT_PARAM: (*params)[co->nparams++] = v; break;
        case OPT_PARAMS: co->params_file = v; break;
        case OPT_AS_OF:
            co->as_of = v;
            if (!str_valid_date(v)) {
                cli_die_usage("--as-of は実在する日付（YYYY-MM-DD）です: %s",
                              "--as-of must be a real calendar date YYYY-MM-DD: %s", v);
                return EXIT_USAGE;
            }
            break;
        case OPT_MAX_INPUT:
            if (parse_size(v, &co->max_input, SIZE_MAX)) {
                cli_die_usage("--max-input はバイト数です: %s",
                              "--max-input must be a number of bytes: %s", v);
                return EXIT_USAGE;
            }
            break;
        case OPT_MAX_INSTRUCTIONS: {
            size_t n;
            if (parse_size(v, &n, INT_MAX)) {
                cli_die_usage("--max-instructions は 1〜2147483647 の整数です: %s",
                              "--max-instructions must be an integer 1-2147483647: %s", v);
                return EXIT_USAGE;
            }
            co->instructions = (long)n;
            break;
        }
        case OPT_MAX_MEMORY:
            if (parse_size(v, &co->policy_memory, SIZE_MAX)) {
                cli_die_usage("--max-memory はバイト数です: %s",
                              "--max-memory must be a number of bytes: %s", v);
                return EXIT_USAGE;
            }
            break;
        case OPT_JOBS: {
            size_t n;
            if (parse_size(v, &n, 256)) {
                cli_die_usage("--jobs は 1〜256 の整数です: %s",
                              "--jobs must be an integer 1-256: %s", v);
                return EXIT_USAGE;
            }
            co->jobs = (int)n;
            break;
        }
        case OPT_PROGRESS: co->progress = 1; break;
        case OPT_NO_PROGRESS: co->progress = 0; break;
        case OPT_BASELINE: co->baseline = v; break;
        case OPT_TIMESTAMP: co->timestamp = 1; break;
        case OPT_TIMEOUT: {
            char *end;
            co->timeout = strtod(v, &end);
            if (*end || end == v || !(co->timeout >= 0 && co->timeout <= 86400)) {
                cli_die_usage("--timeout は 0〜86400 の秒数です: %s",
                              "--timeout must be a number of seconds (0..86400): %s", v);
                return EXIT_USAGE;
            }
            break;
        }
        case OPT_NO_RISK: co->no_risk = 1; break;
        case OPT_SCENARIOS: co->scenarios = v; break;
        case OPT_CSV_TABLE:
            co->csv_table = v;
            if (strcmp(v, "findings") && strcmp(v, "assets") && strcmp(v, "trees") &&
                strcmp(v, "meta")) {
                cli_die_usage("--csv-table は findings・assets・trees・meta のいずれかです: %s",
                              "--csv-table must be findings, assets, trees or meta: %s", v);
                return EXIT_USAGE;
            }
            break;
        case OPT_REPORT_DATE:
            co->report_date = v;
            if (!str_valid_date(v)) {
                cli_die_usage("--report-date は実在する日付（YYYY-MM-DD）です: %s",
                              "--report-date must be a real calendar date YYYY-MM-DD: %s", v);
                return EXIT_USAGE;
            }
            break;
        case OPT_ASSESSOR:
        case OPT_CONTACT:
            *(a->items[i].opt->key == OPT_ASSESSOR ? &co->assessor : &co->contact) = v;
            if (!valid_report_text(v)) {
                cli_die_usage("--%s は制御文字を含まない 1〜200 文字です",
                              "--%s must be 1 to 200 characters without control characters",
                              a->items[i].opt->name);
                return EXIT_USAGE;
            }
            break;
        case OPT_SHARD: {
            char *end;
            errno = 0;
            co->shard_i = strtol(v, &end, 10);
            co->shard_n =
                *end == '/' && v[0] >= '1' && v[0] <= '9' && end[1] >= '1' && end[1] <= '9'
                    ? strtol(end + 1, &end, 10)
                    : 0;
            if (errno || *end || co->shard_n < 1 || co->shard_n > 100000 || co->shard_i < 1 ||
                co->shard_i > co->shard_n) {
                cli_die_usage("--shard は I/N（1 ≤ I ≤ N）です: %s",
                              "--shard must be I/N with 1 <= I <= N: %s", v);
                return EXIT_USAGE;
            }
            break;
        }
        case OPT_DETAIL:
            co->detail = v;
            if (strcmp(v, "summary") && strcmp(v, "full")) {
                cli_die_usage("--detail は summary・full のいずれかです: %s",
                              "--detail must be summary or full: %s", v);
                return EXIT_USAGE;
            }
            break;
        case OPT_FAIL_ON:
            co->fail_on_warn = !strcmp(v, "warn");
            if (strcmp(v, "fail") && strcmp(v, "warn")) {
                cli_die_usage("--fail-on は fail・warn のいずれかです: %s",
                              "--fail-on must be fail or warn: %s", v);
                return EXIT_USAGE;
            }
            break;
        case OPT_WAIVERS_FILE: co->waivers_file = v; break;
        case OPT_NO_COLOR: co->color_off = 1; break;
        case OPT_VERBOSE: co->verbose = 1; break;
        default: break; /* the command's own (--coverage, --mutate, ...) */
        }
    }
    if (!report_format_known(co->format)) {
        fprintf(stderr,
                cli_en() ? "kyojin: unknown format '%s' (formats: %s)\n"
                         : "kyojin: 不明な出力形式です: %s（使える形式: %s）\n",
                co->format, report_format_list());
        return EXIT_USAGE;
    }
    return 0;
}

/* check and risk: "-" reads the declaration from standard input (once) */
static int check_or_risk(const cli_args *a, int sheets)
{
    check_opts co;
    const char **params;
    int rc = opts_from_args(a, &co, &params);
    const char **files = rc ? NULL : calloc(a->npos ? a->npos : 1, sizeof *files);
    if (!rc && !files) {
        fprintf(stderr, "kyojin: out of memory\n");
        rc = EXIT_USAGE;
    }
    int stdin_seen = 0;
    for (size_t i = 0; !rc && i < a->npos; i++) {
        files[i] = a->pos[i];
        if (strcmp(a->pos[i], "-") == 0) {
            if (stdin_seen++) {
                cli_die_usage("標準入力（-）は 1 回だけ指定できます%s",
                              "standard input (-) can be given once only%s", "");
                rc = EXIT_USAGE;
            }
            files[i] = DECL_STDIN_PATH;
        }
    }
    if (!rc) {
        const char *others[] = {co.params_file, co.baseline, co.scenarios, co.waivers_file};
        rc = cli_refuse_output_input(co.outpath, files, a->npos);
        if (!rc) rc = cli_refuse_output_input(co.outpath, others, 4);
    }
    if (!rc) {
        co.files = files;
        co.nfiles = (int)a->npos;
        co.risk_sheets = sheets;
        co.args = a;
        rc = cmd_check(&co);
        cJSON_Delete(co.report_file);
    }
    free(files);
    free(params);
    return rc;
}

int cli_cmd_check(const cli_args *a)
{
    return check_or_risk(a, 0);
}

/* same pipeline as check, prints the risk sheets */
int cli_cmd_risk(const cli_args *a)
{
    return check_or_risk(a, 1);
}

int cli_cmd_list(const cli_args *a)
{
    check_opts co;
    const char **params;
    int rc = opts_from_args(a, &co, &params);
    if (!rc) rc = cmd_list(&co, cli_flag(a, OPT_COVERAGE));
    free(params);
    return rc;
}

int cli_cmd_explain(const cli_args *a)
{
    check_opts co;
    const char **params;
    int rc = opts_from_args(a, &co, &params);
    if (!rc && a->npos != 1) {
        cli_die_usage("explain にはポリシー ID を 1 つ指定してください%s",
                      "explain needs one policy id%s", "");
        rc = EXIT_USAGE;
    }
    if (!rc) rc = cmd_explain(&co, a->pos[0]);
    free(params);
    return rc;
}

/* The Lua tools get their arguments as words: the flag (if given), then the arguments. */
static int tool(const cli_args *a, const char *module, int flag_key, const char *flag,
                int skip_policies)
{
    check_opts co;
    const char **params;
    int rc = opts_from_args(a, &co, &params);
    char **words = rc ? NULL : calloc(a->npos + 2, sizeof *words);
    if (!rc && !words) {
        fprintf(stderr, "kyojin: out of memory\n");
        rc = EXIT_USAGE;
    }
    if (!rc) {
        int n = 0;
        if (flag && cli_flag(a, flag_key)) words[n++] = (char *)flag;
        for (size_t i = 0; i < a->npos; i++) words[n++] = a->pos[i];
        co.skip_policies = skip_policies;
        rc = run_tool(&co, module, n, words);
    }
    free(words);
    free(params);
    return rc;
}

int cli_cmd_test(const cli_args *a)
{
    /* a test file or directory that is not there is an error, not "0 passed" */
    for (size_t i = 0; i < a->npos; i++) {
        struct stat st;
        if (stat(a->pos[i], &st) != 0) {
            fprintf(stderr,
                    cli_en() ? "kyojin: no such test file or directory: %s (%s)\n"
                             : "kyojin: テストのファイルまたはディレクトリがありません: %s（%s）\n",
                    a->pos[i], strerror(errno));
            return EXIT_USAGE;
        }
    }
    return tool(a, "kyojin.testrunner", OPT_MUTATE, "--mutate", 0);
}

int cli_cmd_lint(const cli_args *a)
{
    return tool(a, "kyojin.lint", 0, NULL, 0);
}

int cli_cmd_schema(const cli_args *a)
{
    return tool(a, "kyojin.schema_cli", OPT_MARKDOWN, "--markdown", 1);
}

/* ------------------------------------------------------------------ verify */

/* An environment variable set (v non-NULL) or removed for the rendering; the old value is
 * kept in *saved (malloc'd, or NULL when it was not set). */
static void env_swap(const char *name, const char *v, char **saved)
{
    const char *old = getenv(name);
    *saved = old ? str_dup(old) : NULL;
    if (v)
        setenv(name, v, 1);
    else
        unsetenv(name);
}

/* Render a report again the way check made it (audit/verify.h, verify_render_fn): the
 * command line check had is rebuilt from the report's "rendering" record through the same
 * table (cli_recorded_options) — or from verify's own command line for the options it was
 * given again (--params, --param, --scenarios, --baseline) — and goes through check's option
 * handling and pipeline, writing r->out. ctx: verify's parsed command line. */
static int rerender(void *ctx, verify_render *r)
{
    const cli_args *va = ctx;
    cli_args ca = {0};
    size_t cap = 0, nsaved = 0;
    const char *lang = cli_lang, *fixed_time = NULL, *shown = NULL;
    char *saved_env[16], *files[16]; /* entries of kind REC_ENV and REC_JSON */
    const char *saved_name[16];
    size_t nfiles = 0;
    int rc = EXIT_USAGE, oom = 0;
    ca.cmd = cli_find_command("check");
    for (const cli_recorded *e = cli_recorded_options; e->key && !oom; e++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->rendering, e->key);
        int key = e->opt ? e->opt->key : 0;
        if (e->kind == REC_ENV) {
            if (nsaved < 16) {
                saved_name[nsaved] = e->key;
                env_swap(e->key, cJSON_IsString(v) ? v->valuestring : NULL, &saved_env[nsaved]);
                nsaved++;
            }
            continue;
        }
        if (e->kind == REC_LANG) {
            if (cJSON_IsString(v)) lang = !strcmp(v->valuestring, "en") ? "en" : "ja";
            continue;
        }
        if (e->opt && cli_flag(va, key)) { /* given to verify again: used instead */
            for (size_t i = 0; i < va->nitems && !oom; i++)
                if (va->items[i].opt->key == key)
                    oom = cli_push_item(&ca, &cap, e->opt, va->items[i].value);
            if (e->kind == REC_NAMED) shown = json_str(v, "file"); /* the name it showed */
            if (e->kind == REC_INPUT || e->kind == REC_NAMED) {    /* the one recorded */
                size_t n;
                unsigned char *b = (unsigned char *)fileio_read(cli_value(va, key), (size_t)1 << 31,
                                                                &n),
                              d[32];
                char hex[65] = "";
                if (b) {
                    sha256(b, n, d);
                    sha256_hex(d, hex);
                    free(b);
                }
                const char *rec = json_str(v, "sha256");
                if (!rec || strcmp(rec, hex)) {
                    r->input_mismatch = 1;
                    printf(
                        cli_en()
                            ? "  MISMATCH  --%s %s: not the file the report was made with\n"
                            : "  不一致  --%s %s: 報告書が作られたときのファイルではありません\n",
                        e->opt->name, cli_value(va, key));
                } else
                    printf(cli_en() ? "  match     --%s %s\n" : "  一致    --%s %s\n", e->opt->name,
                           cli_value(va, key));
            }
            continue;
        }
        if (!v) continue;
        switch (e->kind) {
        case REC_VALUE:
            if (cJSON_IsString(v)) oom = cli_push_item(&ca, &cap, e->opt, v->valuestring);
            break;
        case REC_FLAG:
            if (cJSON_IsTrue(v)) oom = cli_push_item(&ca, &cap, e->opt, NULL);
            break;
        case REC_TIME:
            if (cJSON_IsString(v)) {
                fixed_time = v->valuestring;
                oom = cli_push_item(&ca, &cap, e->opt, NULL);
            }
            break;
        case REC_LIST: {
            const cJSON *s;
            cJSON_ArrayForEach(s, v)
                if (cJSON_IsString(s) && !oom)
                    oom = cli_push_item(&ca, &cap, e->opt, s->valuestring);
            break;
        }
        case REC_JSON: { /* back to a file, read by check as it read the original */
            char *text = cJSON_PrintUnformatted(v);
            char *path = nfiles < 16 ? str_printf("%s/%s.json", r->tmpdir, e->key) : NULL;
            FILE *f = path ? fopen(path, "w") : NULL;
            int bad = !text || !f || fputs(text, f) == EOF;
            if (f && fclose(f) != 0) bad = 1;
            cJSON_free(text);
            if (path) files[nfiles++] = path;
            if (bad)
                oom = 1;
            else
                oom = cli_push_item(&ca, &cap, e->opt, path);
            break;
        }
        case REC_INPUT:
        case REC_NAMED:
            fprintf(stderr,
                    cli_en() ? "kyojin: the report was made with --%s; give the same file to "
                               "verify with --%s FILE\n"
                             : "kyojin: この報告書は --%s を使って作られています。同じファイルを "
                               "verify にも --%s で指定してください\n",
                    e->opt->name, e->opt->name);
            goto done;
        }
    }
    {
        static const cli_option out_opt = {OPT_OUTPUT, "output", 'o', "FILE", NULL, NULL, "", ""};
        static const cli_option pol_opt = {OPT_POLICIES, "policies", 0, "DIR", NULL, NULL, "", ""};
        static const cli_option np_opt = {
            OPT_NO_PROGRESS, "no-progress", 0, NULL, NULL, NULL, "", ""};
        if (!oom && cli_value(va, OPT_POLICIES))
            oom = cli_push_item(&ca, &cap, &pol_opt, cli_value(va, OPT_POLICIES));
        if (!oom) oom = cli_push_item(&ca, &cap, &out_opt, r->out);
        if (!oom) oom = cli_push_item(&ca, &cap, &np_opt, NULL);
    }
    if (oom) {
        fprintf(stderr, "kyojin: out of memory\n");
        goto done;
    }
    {
        check_opts co;
        const char **params;
        const char *verify_lang = cli_lang;
        cli_lang = lang; /* the report's language: its words and messages */
        rc = opts_from_args(&ca, &co, &params);
        if (!rc) {
            co.files = (const char **)r->names;
            co.nfiles = (int)r->n;
            co.sources = r->sources;
            co.fixed_time = fixed_time;
            co.result_v1 = r->result_v1;
            co.waivers_shown = shown;
            co.args = &ca;
            rc = cmd_check(&co);
        }
        free(params);
        cli_lang = verify_lang;
    }
done:
    for (size_t i = 0; i < nsaved; i++) {
        if (saved_env[i])
            setenv(saved_name[i], saved_env[i], 1);
        else
            unsetenv(saved_name[i]);
        free(saved_env[i]);
    }
    for (size_t i = 0; i < nfiles; i++) {
        unlink(files[i]);
        free(files[i]);
    }
    free(ca.items);
    return rc;
}

int cli_cmd_verify(const cli_args *a)
{
    size_t nd = 0;
    for (size_t i = 0; i < a->nitems; i++) nd += a->items[i].opt->key == OPT_DECLARATION;
    const char **decls = calloc(nd ? nd : 1, sizeof *decls);
    if (!decls) {
        fprintf(stderr, "kyojin: out of memory\n");
        return EXIT_USAGE;
    }
    nd = 0;
    for (size_t i = 0; i < a->nitems; i++)
        if (a->items[i].opt->key == OPT_DECLARATION) decls[nd++] = a->items[i].value;
    char pol[PATH_MAX], set[65];
    default_path(pol, sizeof pol, "policies");
    verify_args va = {a->pos,
                      a->npos,
                      decls,
                      nd,
                      cli_value(a, OPT_POLICIES),
                      cli_lang,
                      NULL,
                      0,
                      cli_value(a, OPT_PUBKEY),
                      cli_value(a, OPT_SIGNATURE),
                      rerender,
                      (void *)a};
    /* no installed policies: the policy set bundled in this binary (what check used) */
    struct stat st;
    const bundle *b = bundle_usable(builtin_bundle());
    if (!va.policies && (stat(pol, &st) != 0 || !S_ISDIR(st.st_mode)) && b && b->npolicies) {
        sha256_hex(b->policy_set_sha, set);
        va.bundled_set_sha256 = set;
        va.bundled_files = (int)b->npolicies;
        snprintf(pol, sizeof pol, "%s", CLI_MSG("同梱のポリシー", "the bundled policies"));
    }
    int rc = verify_main(&va, pol);
    free(decls);
    return rc;
}

/* summary and diff print status words (kyojin.vocab): loaded from the runtime first */
int cli_load_vocab(void)
{
    char lua[PATH_MAX], verr[1024];
    default_path(lua, sizeof lua, "lua");
    if (report_vocab_load(lua, builtin_bundle(), verr, sizeof verr)) {
        fprintf(stderr, "kyojin: %s\n", verr);
        return EXIT_POLICY;
    }
    return 0;
}
