/* main.c — the kyojin command line.
 * Owns: subcommands, options, exit codes, atomic output files, the result document's
 * envelope. Everything else is called through the modules' headers. */
#define _POSIX_C_SOURCE 200809L
#include "input/decl.h"
#include "input/luaconv.h"
#include "report/report.h"
#include "report/report_vocab.h"
#include "risk/risk.h"     /* risk scoring (core/risk/risk.c) */
#include "rollup/rollup.h" /* summary, diff, gen; check over many files (core/rollup/rollup.h) */
#include "engine/bundle.h"
#include "engine/runner.h"
#include "util/sha256.h"
#include "engine/watchdog.h"
#include "audit/verify.h" /* kyojin verify */

#include <errno.h>
#include <lauxlib.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define KYOJIN_VERSION "0.1.0"

enum exit_code { EXIT_COMPLIANT = 0, EXIT_NOT_COMPLIANT = 1, EXIT_USAGE = 2, EXIT_POLICY = 3 };

static const char *lang = "ja";

static int en(void)
{
    return strcmp(lang, "en") == 0;
}

static void usage(FILE *f)
{
    if (en())
        fputs(
            "usage: kyojin COMMAND [OPTIONS]\n"
            "\n"
            "Commands:\n"
            "  check DECLARATION.json...|DIR  check declarations against the policies\n"
            "  summary RESULT.json...|DIR  national roll-up of results (text, json, csv, html)\n"
            "  diff OLD.json NEW.json      what changed between two results (exit 1 if worse)\n"
            "  gen --out DIR               write synthetic declarations of the whole country\n"
            "  list [--coverage]           list the policies (id, level, requirements, title)\n"
            "  explain POLICY-ID           show a policy: metadata, source, parameters, remediation\n"
            "  risk DECLARATION.json...    print the asset-based and business-damage-based risk sheets\n"
            "  schema                      print the declaration JSON Schema\n"
            "  test [DIR|FILE...]          run the policy tests (--mutate: mutation testing)\n"
            "  lint                        check policy metadata\n"
            "  verify REPORT --declaration FILE --policies DIR\n"
            "                              was the report produced from exactly these inputs?\n"
            "  version                     print the version\n"
            "\n"
            "Options of check:\n"
            "  --policies DIR        policy directory (default: the installed policies)\n"
            "  --format FORMAT       text, json, html, csv, xlsx, sarif or junit (default text; xlsx needs -o)\n"
            "  --jobs N              evaluate with N worker processes (default 1)\n"
            "  --progress, --no-progress  progress on stderr (default: when it is a terminal)\n"
            "  --baseline RESULT.json  report only findings not in this earlier result\n"
            "  --csv-table TABLE     csv: findings (default), assets, trees or meta\n"
            "  --lang ja|en          language of messages and reports (default ja)\n"
            "  -o FILE               write the report to FILE atomically\n"
            "  --param ID.NAME=VALUE set a policy parameter (repeatable)\n"
            "  --params FILE         parameters from a JSON file\n"
            "  --as-of YYYY-MM-DD    date for waiver expiry (default: the declaration's date)\n"
            "  --max-input BYTES     size limit of a declaration (default 16777216)\n"
            "  --timestamp           record the time of the run in the JSON result\n"
            "  --timeout SECONDS     wall-clock limit for evaluating one declaration (default 10;\n"
            "                        a policy exceeding it is reported as an error; 0 = no isolation)\n"
            "  --scenarios FILE      extra attack trees (JSON array) for the risk analysis\n"
            "  --no-risk             verdicts only: no risk analysis (faster; reports without risk sections)\n"
            "\n"
            "Exit codes: 0 compliant, 1 not compliant, 2 usage or input error,\n"
            "            3 a policy could not be loaded or raised an error.\n",
            f);
    else
        fputs(
            "使い方: kyojin コマンド [オプション]\n"
            "\n"
            "コマンド:\n"
            "  check 申告.json...|DIR      構成申告をポリシーで検査する\n"
            "  summary 結果.json...|DIR    結果を全国集計する（text, json, csv, html）\n"
            "  diff 旧.json 新.json         二つの結果の変化（悪化があれば終了コード 1）\n"
            "  gen --out DIR               全国分の合成申告を書き出す\n"
            "  list [--coverage]           ポリシーの一覧（ID・レベル・要件・表題）\n"
            "  explain ポリシーID          ポリシーの説明（出典・パラメータ・対処）\n"
            "  risk 申告.json...           資産ベース・事業被害ベースのリスク分析シートを出力する\n"
            "  schema                      構成申告の JSON Schema を出力する\n"
            "  test [DIR|FILE...]          ポリシーのテストを実行する（--mutate: 変異テスト）\n"
            "  lint                        ポリシーのメタデータを検査する\n"
            "  verify 報告書 --declaration 申告 --policies DIR\n"
            "                              報告書がこれらの入力から作られたかを確かめる\n"
            "  version                     バージョンを表示する\n"
            "\n"
            "check のオプション:\n"
            "  --policies DIR        ポリシーのディレクトリ（既定: 同梱のポリシー）\n"
            "  --format 形式         text・json・html・csv・xlsx・sarif・junit（既定 text。xlsx は -o が必要）\n"
            "  --jobs N              N 個のワーカープロセスで評価する（既定 1）\n"
            "  --progress, --no-progress  進捗を標準エラーに表示する（既定: 端末のとき）\n"
            "  --baseline 結果.json  以前の結果にない指摘だけを報告する\n"
            "  --csv-table 表        csv の表: findings（既定）・assets・trees・meta\n"
            "  --lang ja|en          メッセージと報告書の言語（既定 ja）\n"
            "  -o FILE               報告書を FILE に安全に書き出す（途中の状態を残さない）\n"
            "  --param ID.名前=値    ポリシーのパラメータを設定する（複数指定可）\n"
            "  --params FILE         パラメータを JSON ファイルから読む\n"
            "  --as-of YYYY-MM-DD    例外承認の期限判定に使う日付（既定: 申告の日付）\n"
            "  --max-input BYTES     申告ファイルの上限サイズ（既定 16777216）\n"
            "  --timestamp           JSON 結果に実行日時を記録する\n"
            "  --timeout 秒          申告 1 件の評価にかける時間の上限（既定 10。超えたポリシーは\n"
            "                        評価エラーになる。0 で隔離なし）\n"
            "  --scenarios FILE      リスク分析に加える攻撃ツリー（JSON 配列）\n"
            "  --no-risk             判定だけを行い、リスク分析を省く（速い。報告書にリスクの節は出ない）\n"
            "\n"
            "終了コード: 0 準拠、1 非準拠、2 使い方または入力の誤り、\n"
            "            3 ポリシーを読み込めない、またはポリシーがエラーを起こした\n",
            f);
}

static void die_usage(const char *ja, const char *en_msg, const char *arg)
{
    fprintf(stderr, "kyojin: ");
    fprintf(stderr, en() ? en_msg : ja, arg ? arg : "");
    fprintf(stderr, en() ? "\n(see kyojin --help)\n" : "\n（kyojin --help を参照）\n");
}

/* ------------------------------------------------------------------ locations */

static char home[PATH_MAX];

/* The installation directory: $KYOJIN_HOME, else the directory of the executable. */
static const char *kyojin_home(void)
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
    snprintf(dst, cap, "%s/%s", kyojin_home(), sub);
}

/* ------------------------------------------------------------------ atomic output */

typedef struct {
    const char *path;
    char tmp[PATH_MAX];
    FILE *f;
} outfile;

static int out_open(outfile *o, const char *path)
{
    o->path = path;
    o->f = NULL;
    if (!path || strcmp(path, "-") == 0) {
        o->path = NULL;
        o->f = stdout;
        return 0;
    }
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or pipe (/dev/stdout, a FIFO): write to it directly, never replace it */
        o->f = fopen(path, "wb");
        o->tmp[0] = 0;
        return o->f ? 0 : -1;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    snprintf(o->tmp, sizeof o->tmp, "%s/.kyojin-out.XXXXXX", dirname(dir));
    int fd = mkstemp(o->tmp);
    if (fd < 0) return -1;
    fchmod(fd, 0644);
    o->f = fdopen(fd, "wb");
    if (!o->f) {
        close(fd);
        unlink(o->tmp);
        return -1;
    }
    return 0;
}

/* Finish: flush, fsync, close and rename (or discard on failure). 0 or -1 with errno. */
static int out_close(outfile *o, int ok)
{
    if (!o->path) {
        if (fflush(stdout) != 0 || ferror(stdout)) return -1;
        return 0;
    }
    int rc = 0;
    if (!o->tmp[0]) {
        if (fflush(o->f) != 0 || ferror(o->f)) rc = -1;
        if (fclose(o->f) != 0) rc = -1;
        return rc;
    }
    if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0) rc = -1;
    if (fclose(o->f) != 0) rc = -1;
    if (rc == 0 && ok) {
        if (rename(o->tmp, o->path) != 0) rc = -1;
    }
    if (rc != 0 || !ok) unlink(o->tmp);
    return rc;
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
} check_opts;

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || !*s || v == 0) return -1;
    *out = (size_t)v;
    return 0;
}

static int valid_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return 0;
    return s[4] == '-' && s[7] == '-' && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

static cJSON *read_json_file(const char *path, char *err, size_t errlen)
{
    decl_doc *d;
    decl_error e;
    if (decl_load_file(path, NULL, &d, &e)) {
        snprintf(err, errlen, "%s:%d:%d: %s", e.file ? e.file : path, e.line, e.column,
                 en() ? e.msg_en : e.msg_ja);
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
    ro.skip_policies = co->skip_policies;
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
                en() ? "kyojin: policy not loaded: %s\n" : "kyojin: ポリシーを読み込めません: %s\n",
                *le);
        *load_failed = 1;
    }
    return r;
}

static int apply_params(runner *r, const check_opts *co)
{
    char err[1024];
    if (co->params_file) {
        cJSON *j = read_json_file(co->params_file, err, sizeof err);
        if (!j) {
            fprintf(stderr, "kyojin: %s\n", err);
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
        char buf[1024];
        snprintf(buf, sizeof buf, "%s", co->params[i]);
        char *eq = strchr(buf, '=');
        if (!eq) {
            die_usage("--param は ID.名前=値 の形で指定してください: %s",
                      "--param must be ID.NAME=VALUE: %s", co->params[i]);
            return -1;
        }
        *eq = 0;
        if (runner_set_param(r, buf, eq + 1, err, sizeof err)) {
            fprintf(stderr, "kyojin: --param: %s\n", err);
            return -1;
        }
    }
    return 0;
}

static cJSON *envelope(runner *r, const check_opts *co)
{
    cJSON *doc = cJSON_CreateObject();
    cJSON_AddStringToObject(doc, "schema", "kyojin/result/v1");
    cJSON *tool = cJSON_AddObjectToObject(doc, "tool");
    cJSON_AddStringToObject(tool, "name", "kyojin");
    cJSON_AddStringToObject(tool, "version", KYOJIN_VERSION);
    cJSON *ps = cJSON_AddObjectToObject(doc, "policy_set");
    cJSON_AddStringToObject(ps, "sha256", runner_policy_set_sha256(r));
    cJSON_AddNumberToObject(ps, "policies", runner_policy_count(r));
    cJSON_AddItemToObject(doc, "parameters", runner_parameters(r));
    if (co->as_of)
        cJSON_AddStringToObject(doc, "as_of", co->as_of);
    else
        cJSON_AddNullToObject(doc, "as_of");
    if (co->timestamp) {
        char ts[32];
        time_t t = time(NULL);
        strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
        cJSON_AddStringToObject(doc, "timestamp", ts);
    }
    cJSON_AddArrayToObject(doc, "declarations");
    return doc;
}

/* load the risk tables (lua/kyojin/risk) once per run; NULL after printing the error. */
static risk_tables *load_risk_tables(void)
{
    char dir[PATH_MAX], err[1024];
    risk_set_lang(lang);
    risk_set_bundle(builtin_bundle());
    default_path(dir, sizeof dir, "lua/kyojin/risk");
    risk_tables *t;
    if (risk_tables_load(dir, &t, err, sizeof err, stderr) != 0) {
        fprintf(stderr, en() ? "kyojin: risk tables: %s\n" : "kyojin: リスク評価の表: %s\n", err);
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
 * (json, text, the risk sheets) are written one declaration at a time and the result
 * freed, so a national batch needs the memory of one declaration; the others collect
 * the whole document first. The output is opened on the first result, so a run in
 * which nothing could be evaluated writes nothing (as before). */
typedef struct {
    const check_opts *co;
    cJSON *doc;         /* the envelope; collects "declarations" unless streaming */
    int stream, sheets; /* sheets: `kyojin risk` text, written per declaration */
    report_options ro;
    outfile of;
    int opened, failed; /* output opened; a write failed (err says why) */
    char err[1024];
    size_t written;      /* results handed over */
    unsigned char *done; /* per input path: has a result */
    baseline_index *bl;  /* --baseline, applied per declaration */
    long suppressed;
    int not_compliant;
} emitter;

static int emit_open(emitter *em)
{
    if (em->opened) return em->failed ? -1 : 0;
    em->opened = 1;
    if (out_open(&em->of, em->co->outpath)) {
        fprintf(stderr,
                en() ? "kyojin: cannot write %s: %s\n" : "kyojin: %s に書き込めません: %s\n",
                em->co->outpath, strerror(errno));
        em->failed = 2; /* nothing written: not a write failure of the report */
        return -1;
    }
    if (em->stream && !em->sheets &&
        report_stream_begin(em->doc, &em->ro, em->of.f, em->err, sizeof em->err)) {
        em->failed = 1;
        return -1;
    }
    return 0;
}

/* One declaration in the streamed output format (json, text, the risk sheets), without the
 * separator before it; run where the declaration is evaluated (the watchdog worker). */
static int render_decl(void *ctx, const cJSON *res, FILE *out)
{
    const emitter *em = ctx;
    if (em->sheets) return risk_write_sheets(res, lang, out) ? -1 : 0; /* `kyojin risk` */
    char err[256];
    return report_stream_body(res, &em->ro, out, err, sizeof err);
}

static int emit_result(void *ctx, size_t index, batch_item *it)
{
    emitter *em = ctx;
    cJSON *res = it->res;
    em->done[index] = 1;
    if (res && em->bl && baseline_apply_decl(em->bl, res, &em->suppressed)) {
        snprintf(em->err, sizeof em->err, "out of memory");
        em->failed = 1;
    }
    if (res ? !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(res, "compliant")) : !it->compliant)
        em->not_compliant = 1;
    if (!em->stream) {
        cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(em->doc, "declarations"), res);
        em->written++;
        return em->failed;
    }
    int rc = em->failed ? -1 : emit_open(em);
    if (rc == 0) {
        if (em->sheets) { /* the sheets of `kyojin risk` */
            if (em->written) fputc('\n', em->of.f);
        } else {
            report_stream_separator(em->written, &em->ro, em->of.f);
        }
        if (it->text) {
            fwrite(it->text, 1, it->len, em->of.f);
        } else if (render_decl(em, res, em->of.f)) {
            snprintf(em->err, sizeof em->err, "%s", errno ? strerror(errno) : "out of memory");
            em->failed = 1;
        }
        if (!em->failed && ferror(em->of.f)) {
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
        die_usage("検査する申告ファイルを指定してください", "no declaration given%s", NULL);
        return EXIT_USAGE;
    }
    if (report_format_needs_file(co->format) && !co->outpath) {
        die_usage("--format %s には -o FILE が必要です", "--format %s needs -o FILE", co->format);
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
    if (apply_params(r, co)) {
        runner_free(r);
        return EXIT_USAGE;
    }
    if (co->no_risk && (co->risk_sheets || co->scenarios)) {
        die_usage("--no-risk は kyojin risk や --scenarios と同時に使えません%s",
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
    /* --baseline is read before any work (core/rollup/baseline.c) */
    cJSON *baseline = NULL;
    if (co->baseline) {
        char berr[1024];
        baseline = rollup_load_json(co->baseline, berr, sizeof berr);
        if (!baseline) {
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
        if (batch_collect(co->nfiles, (char *const *)co->files, &paths, &npaths, berr,
                          sizeof berr) ||
            npaths == 0) {
            if (npaths == 0)
                snprintf(berr, sizeof berr,
                         en() ? "no declaration (*.json) found"
                              : "申告ファイル（*.json）が見つかりません");
            fprintf(stderr, "kyojin: %s\n", berr);
            cJSON_Delete(baseline);
            risk_tables_free(rt);
            cJSON_Delete(scenarios);
            runner_free(r);
            return EXIT_USAGE;
        }
    }
    /* --baseline keeps only new findings; compliance follows what is left */
    baseline_index *bl = NULL;
    if (baseline) {
        char berr[1024];
        bl = baseline_index_new(baseline, berr, sizeof berr);
        cJSON_Delete(baseline);
        if (!bl) {
            fprintf(stderr, "kyojin: --baseline: %s\n", berr);
            batch_free_paths(paths, npaths);
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
    int sheets =
        co->risk_sheets && strcmp(co->format, "text") == 0; /* the sheets of `kyojin risk` */
    em.sheets = sheets;
    em.stream = sheets || report_format_streams(co->format);
    em.ro = (report_options){co->format, lang, 0, co->csv_table}; /* csv_table */
    em.ro.color = !co->outpath && !co->color_off && isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
    if (!em.doc || !em.done) {
        fprintf(stderr, "kyojin: out of memory\n");
        free(em.done);
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
                         lang,
                         &lim,
                         rt ? batch_add_risk : NULL,
                         &brc,
                         co->timeout,
                         em.stream && !bl ? render_decl : NULL,
                         &em};
        batch_status bs;
        if (batch_check(r, paths, npaths, &bo, emit_result, &em, &bs)) policy_error = 1;
        bad_input |= bs.bad_input;
        policy_error |= bs.policy_error;
    }
    /* interrupted: the declarations without a result were not evaluated */
    const char **not_eval = NULL;
    int n_not_eval = 0;
    if (watchdog_interrupted()) {
        interrupted = 1;
        not_eval = calloc(npaths ? npaths : 1, sizeof *not_eval);
        for (size_t i = 0; not_eval && i < npaths; i++)
            if (!em.done[i]) not_eval[n_not_eval++] = paths[i];
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
    if (interrupted) rc = watchdog_note_interrupt(em.doc, not_eval, n_not_eval, en());
    free(not_eval);
    batch_free_paths(paths, npaths);
    free(em.done);
    if (em.written == 0 && bad_input) {
        /* nothing evaluated: only the errors are printed */
        cJSON_Delete(em.doc);
        runner_free(r);
        return interrupted ? rc : policy_error ? EXIT_POLICY : EXIT_USAGE;
    }
    int wr = 0;
    if (emit_open(&em) == 0) {
        if (!em.stream) {
            wr = report_write(em.doc, &em.ro, em.of.f, co->outpath, em.err, sizeof em.err);
        } else if (!sheets) {
            wr = report_stream_end(em.doc, &em.ro, em.of.f, em.err, sizeof em.err);
        }
        if (wr) em.failed = 1;
    }
    if (em.failed == 2) { /* the output could not be opened; said so */
        cJSON_Delete(em.doc);
        runner_free(r);
        return EXIT_USAGE;
    }
    if (out_close(&em.of, !em.failed) != 0 || em.failed) {
        fprintf(stderr,
                en() ? "kyojin: writing the report failed: %s\n"
                     : "kyojin: 報告書の書き込みに失敗しました: %s\n",
                em.failed ? em.err : strerror(errno));
        rc = EXIT_USAGE;
    }
    cJSON_Delete(em.doc);
    runner_free(r);
    return rc;
}

/* ------------------------------------------------------------------ list / explain */

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static int cmd_list(check_opts *co, int coverage)
{
    int lf = 0;
    runner *r = make_runner(co, &lf);
    if (!r) return EXIT_POLICY;
    cJSON *meta = runner_metadata(r);
    const cJSON *m;
    if (!coverage) {
        cJSON_ArrayForEach(m, meta) {
            printf("%-12s %-12s ", jstr(m, "id"), jstr(m, "level"));
            const cJSON *q;
            int first = 1;
            cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(m, "requirements")) {
                printf("%s%s", first ? "" : ",", q->valuestring);
                first = 0;
            }
            printf("  ");
            term_puts(stdout, jstr(cJSON_GetObjectItemCaseSensitive(m, "title"), lang));
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
            const char *id = jstr(c, "id");
            total++;
            printf("%-7s ", id);
            int n = 0;
            cJSON_ArrayForEach(m, meta) {
                const cJSON *q;
                cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(m, "requirements"))
                    if (strcmp(q->valuestring, id) == 0) {
                        printf("%s%s", n ? ", " : "", jstr(m, "id"));
                        n++;
                    }
            }
            if (!n) {
                printf(en() ? "NOT COVERED" : "未対応");
                missing++;
            }
            printf("\n");
        }
        printf(en() ? "%d of %d requirements covered\n" : "要件 %d 件中 %d 件に対応\n",
               en() ? total - missing : total, en() ? total : total - missing);
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
        if (strcmp(jstr(m, "id"), id) == 0) found = m;
    int rc = EXIT_COMPLIANT;
    if (!found) {
        fprintf(stderr,
                en() ? "kyojin: no policy '%s' (see kyojin list)\n"
                     : "kyojin: ポリシー '%s' はありません（kyojin list を参照）\n",
                id);
        rc = EXIT_USAGE;
    } else {
        int e = en();
        printf("%s  ", jstr(found, "id"));
        term_puts(stdout, jstr(cJSON_GetObjectItemCaseSensitive(found, "title"), lang));
        printf("\n\n%s %s\n", e ? "Level:       " : "レベル:    ", jstr(found, "level"));
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
        term_puts(stdout, jstr(found, "source"));
        printf("\n%s %s\n", e ? "File:        " : "ファイル:  ", jstr(found, "file"));
        const cJSON *ps = cJSON_GetObjectItemCaseSensitive(found, "params");
        if (cJSON_GetArraySize(ps) > 0) {
            printf("\n%s\n", e ? "Parameters:" : "パラメータ:");
            cJSON *cur = runner_parameters(r);
            cJSON_ArrayForEach(q, ps) {
                char full[512];
                snprintf(full, sizeof full, "%s.%s", jstr(found, "id"), q->string);
                char *dv = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(q, "default"));
                char *cv = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(cur, full));
                printf("  %s (%s) %s %s%s%s\n    ", q->string, jstr(q, "type"),
                       e ? "default" : "既定値", dv ? dv : "?",
                       cv && dv && strcmp(cv, dv) ? (e ? ", now " : "、現在 ") : "",
                       cv && dv && strcmp(cv, dv) ? cv : "");
                term_puts(stdout, jstr(cJSON_GetObjectItemCaseSensitive(q, "description"), lang));
                printf("\n");
                cJSON_free(dv);
                cJSON_free(cv);
            }
            cJSON_Delete(cur);
        }
        printf("\n%s\n  ", e ? "Remediation:" : "対処:");
        term_puts(stdout, jstr(cJSON_GetObjectItemCaseSensitive(found, "remediation"), lang));
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
    lua_pushstring(L, lang);
    lua_setfield(L, -2, "lang");
    lua_pushstring(L, kyojin_home());
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
    runner_free(r);
    return rc;
}

/* ------------------------------------------------------------------ main */

static int need_arg(int i, int argc, char **argv)
{
    if (i + 1 >= argc) {
        die_usage("オプション %s には値が必要です", "option %s needs a value", argv[i]);
        return 0;
    }
    return 1;
}

int main(int argc, char **argv)
{
    const char *l = getenv("KYOJIN_LANG");
    if (l && strcmp(l, "en") == 0) lang = "en";
    /* --lang anywhere applies to every message */
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--lang") == 0) lang = strcmp(argv[i + 1], "en") == 0 ? "en" : "ja";

    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("kyojin %s (Lua %s.%s, cJSON %d.%d.%d)\n", KYOJIN_VERSION, LUA_VERSION_MAJOR,
               LUA_VERSION_MINOR, CJSON_VERSION_MAJOR, CJSON_VERSION_MINOR, CJSON_VERSION_PATCH);
        return 0;
    }

    /* roll-up commands parse their own options (core/rollup/summary.c, diff.c, gen.c); summary
     * and diff print status words (kyojin.vocab) */
    if (strcmp(cmd, "summary") == 0 || strcmp(cmd, "diff") == 0) {
        char lua[PATH_MAX], verr[1024];
        default_path(lua, sizeof lua, "lua");
        if (report_vocab_load(lua, builtin_bundle(), verr, sizeof verr)) {
            fprintf(stderr, "kyojin: %s\n", verr);
            return EXIT_POLICY;
        }
        return strcmp(cmd, "summary") == 0 ? cmd_summary(argc - 1, argv + 1)
                                           : cmd_diff(argc - 1, argv + 1);
    }
    if (strcmp(cmd, "gen") == 0) return cmd_gen(argc - 1, argv + 1);

    /* kyojin verify has options of its own. */
    if (strcmp(cmd, "verify") == 0) {
        char pol[PATH_MAX];
        default_path(pol, sizeof pol, "policies");
        return verify_main(argc - 2, argv + 2, pol, lang);
    }

    static const char *files[4096];
    static const char *params[256];
    check_opts co = {0};
    co.format = "text";
    co.progress = -1;
    co.jobs = 1;
    co.timeout = WATCHDOG_DEFAULT_TIMEOUT;
    co.files = files;
    co.params = params;
    int coverage = 0;
    char *rest[256];
    int nrest = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--policies") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            co.policies = argv[++i];
        } else if (strcmp(a, "--format") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            co.format = argv[++i];
        } else if (strcmp(a, "--lang") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            const char *v = argv[++i];
            if (strcmp(v, "ja") && strcmp(v, "en")) {
                die_usage("--lang は ja か en です: %s", "--lang must be ja or en: %s", v);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            co.outpath = argv[++i];
        } else if (strcmp(a, "--param") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            if (co.nparams < 256) params[co.nparams++] = argv[++i];
        } else if (strcmp(a, "--params") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            co.params_file = argv[++i];
        } else if (strcmp(a, "--as-of") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            co.as_of = argv[++i];
            if (!valid_date(co.as_of)) {
                die_usage("--as-of は YYYY-MM-DD 形式の日付です: %s",
                          "--as-of must be a date YYYY-MM-DD: %s", co.as_of);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--max-input") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            if (parse_size(argv[++i], &co.max_input)) {
                die_usage("--max-input はバイト数です: %s",
                          "--max-input must be a number of bytes: %s", argv[i]);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--max-instructions") == 0) {
            size_t v;
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            if (parse_size(argv[++i], &v)) {
                die_usage("--max-instructions は正の整数です: %s",
                          "--max-instructions must be a positive integer: %s", argv[i]);
                return EXIT_USAGE;
            }
            co.instructions = (long)v;
        } else if (strcmp(a, "--max-memory") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            if (parse_size(argv[++i], &co.policy_memory)) {
                die_usage("--max-memory はバイト数です: %s",
                          "--max-memory must be a number of bytes: %s", argv[i]);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--jobs") == 0 || strcmp(a, "-j") == 0) { /* batch */
            size_t v;
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            if (parse_size(argv[++i], &v) || v > 256) {
                die_usage("--jobs は 1〜256 の整数です: %s", "--jobs must be an integer 1-256: %s",
                          argv[i]);
                return EXIT_USAGE;
            }
            co.jobs = (int)v;
        } else if (strcmp(a, "--progress") == 0)
            co.progress = 1;
        else if (strcmp(a, "--no-progress") == 0)
            co.progress = 0;
        else if (strcmp(a, "--baseline") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            co.baseline = argv[++i];
        } else if (strcmp(a, "--timestamp") == 0)
            co.timestamp = 1;
        else if (strcmp(a, "--timeout") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            char *end;
            co.timeout = strtod(argv[++i], &end);
            if (*end || end == argv[i] || !(co.timeout >= 0 && co.timeout <= 86400)) {
                die_usage("--timeout は 0〜86400 の秒数です: %s",
                          "--timeout must be a number of seconds (0..86400): %s", argv[i]);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--no-risk") == 0)
            co.no_risk = 1;
        else if (strcmp(a, "--scenarios") == 0) {
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            co.scenarios = argv[++i];
        } else if (strcmp(a, "--csv-table") == 0) { /* which CSV table */
            if (!need_arg(i, argc, argv)) return EXIT_USAGE;
            co.csv_table = argv[++i];
            if (strcmp(co.csv_table, "findings") && strcmp(co.csv_table, "assets") &&
                strcmp(co.csv_table, "trees") && strcmp(co.csv_table, "meta")) {
                die_usage("--csv-table は findings・assets・trees・meta のいずれかです: %s",
                          "--csv-table must be findings, assets, trees or meta: %s", co.csv_table);
                return EXIT_USAGE;
            }
        } else if (strcmp(a, "--no-color") == 0)
            co.color_off = 1;
        else if (strcmp(a, "--verbose") == 0)
            co.verbose = 1;
        else if (strcmp(a, "--coverage") == 0 && strcmp(cmd, "list") == 0)
            coverage = 1;
        else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(cmd, "test") == 0 || strcmp(cmd, "lint") == 0 ||
                   strcmp(cmd, "schema") == 0) {
            if (nrest < 256) rest[nrest++] = argv[i];
        } else if (a[0] == '-' && a[1]) {
            die_usage("不明なオプションです: %s", "unknown option: %s", a);
            return EXIT_USAGE;
        } else if (co.nfiles < 4096)
            files[co.nfiles++] = a;
        else {
            die_usage("ファイルが多すぎます: %s", "too many files: %s", a);
            return EXIT_USAGE;
        }
    }
    if (!report_format_known(co.format)) {
        fprintf(stderr,
                en() ? "kyojin: unknown format '%s' (formats: %s)\n"
                     : "kyojin: 不明な出力形式です: %s（使える形式: %s）\n",
                co.format, report_format_list());
        return EXIT_USAGE;
    }
    if (strcmp(cmd, "check") == 0) return cmd_check(&co);
    if (strcmp(cmd, "risk") == 0) { /* same pipeline as check, prints the risk sheets */
        co.risk_sheets = 1;
        return cmd_check(&co);
    }
    if (strcmp(cmd, "list") == 0) return cmd_list(&co, coverage);
    if (strcmp(cmd, "explain") == 0) {
        if (co.nfiles != 1) {
            die_usage("explain にはポリシー ID を 1 つ指定してください%s",
                      "explain needs one policy id%s", "");
            return EXIT_USAGE;
        }
        return cmd_explain(&co, co.files[0]);
    }
    if (strcmp(cmd, "test") == 0) return run_tool(&co, "kyojin.testrunner", nrest, rest);
    if (strcmp(cmd, "lint") == 0) return run_tool(&co, "kyojin.lint", nrest, rest);
    if (strcmp(cmd, "schema") == 0) {
        co.skip_policies = 1;
        return run_tool(&co, "kyojin.schema_cli", nrest, rest);
    }
    /* further subcommands are dispatched here. */
    die_usage("不明なコマンドです: %s", "unknown command: %s", cmd);
    return EXIT_USAGE;
}
