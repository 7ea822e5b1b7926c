/* commands.c — the command table of kyojin: every subcommand with its options, synopsis and
 * help in Japanese and English. The parser, the usage texts, the man page and the bash
 * completion are all made from this table (options.c, doc.c).
 *
 * Owns: the table, and handing the parsed options of summary, diff, impact and gen (core/rollup) and
 * verify (core/audit) to those modules. Does not own: parsing (options.c), the commands that
 * evaluate policies (check.c), what the roll-up and audit commands do. */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "rollup/rollup.h"
#include "audit/sign.h"
#include "engine/runner.h"
#include "engine/watchdog.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ options */

#define OPT(var, key, name, sh, value, value_ja, choices, ja, en)                                  \
    static const cli_option var = {key, name, sh, value, value_ja, choices, ja, en}

/* common to every command */
OPT(o_help, OPT_HELP, "help", 'h', NULL, NULL, NULL, "このコマンドの使い方を表示する",
    "show the usage of this command");
OPT(o_version, OPT_VERSION, "version", 'V', NULL, NULL, NULL, "バージョンを表示する",
    "print the version");
OPT(o_lang, OPT_LANG, "lang", 0, "ja|en", NULL, "ja en",
    "メッセージと報告書の言語（既定 ja。コマンド行のどこに置いてもよい）",
    "language of messages and reports (default ja; anywhere on the line)");

/* policies and the engine */
OPT(o_policies, OPT_POLICIES, "policies", 0, "DIR", NULL, NULL,
    "ポリシーのディレクトリ（既定: 同梱のポリシー）",
    "policy directory (default: the installed policies)");
OPT(o_max_instructions, OPT_MAX_INSTRUCTIONS, "max-instructions", 0, "N", NULL, NULL,
    "ポリシー 1 回の実行で使える命令数の上限", "instruction limit of one policy run");
OPT(o_max_memory, OPT_MAX_MEMORY, "max-memory", 0, "BYTES", NULL, NULL,
    "ポリシー 1 回の実行で使えるメモリの上限（バイト）", "memory limit of one policy run (bytes)");
OPT(o_verbose, OPT_VERBOSE, "verbose", 0, NULL, NULL, NULL, "ポリシー実行の詳細を表示する",
    "print details of the policy runs");

/* check and risk */
OPT(o_format_check, OPT_FORMAT, "format", 0, "FORMAT", "形式",
    "text json html csv xlsx sarif junit",
    "text・json・html・csv・xlsx・sarif・junit（既定 text。xlsx は -o が必要）",
    "text, json, html, csv, xlsx, sarif or junit (default text; xlsx needs -o)");
OPT(o_jobs, OPT_JOBS, "jobs", 'j', "N", NULL, NULL, "N 個のワーカープロセスで評価する（既定 1）",
    "evaluate with N worker processes (default 1)");
OPT(o_progress, OPT_PROGRESS, "progress", 0, NULL, NULL, NULL,
    "進捗を標準エラーに表示する（既定: 端末のとき）",
    "progress on stderr (default: when it is a terminal)");
OPT(o_no_progress, OPT_NO_PROGRESS, "no-progress", 0, NULL, NULL, NULL, "進捗を表示しない",
    "no progress on stderr");
OPT(o_baseline, OPT_BASELINE, "baseline", 0, "RESULT.json", "結果.json", NULL,
    "以前の結果にない指摘だけを報告する", "report only findings not in this earlier result");
OPT(o_csv_table, OPT_CSV_TABLE, "csv-table", 0, "TABLE", "表", "findings assets trees meta",
    "csv の表: findings（既定）・assets・trees・meta",
    "csv: findings (default), assets, trees or meta");
OPT(o_output_check, OPT_OUTPUT, "output", 'o', "FILE", NULL, NULL,
    "報告書を FILE に安全に書き出す（途中の状態を残さない）",
    "write the report to FILE atomically");
OPT(o_param, OPT_PARAM, "param", 0, "ID.NAME=VALUE", "ID.名前=値", NULL,
    "ポリシーのパラメータを設定する（複数指定可）", "set a policy parameter (repeatable)");
OPT(o_params, OPT_PARAMS, "params", 0, "FILE", NULL, NULL, "パラメータを JSON ファイルから読む",
    "parameters from a JSON file");
OPT(o_as_of, OPT_AS_OF, "as-of", 0, "YYYY-MM-DD", NULL, NULL,
    "例外承認の期限判定に使う日付（既定: 申告の日付）",
    "date for waiver expiry (default: the declaration's date)");
OPT(o_max_input, OPT_MAX_INPUT, "max-input", 0, "BYTES", NULL, NULL,
    "申告ファイルの上限サイズ（既定 16777216）", "size limit of a declaration (default 16777216)");
OPT(o_timestamp, OPT_TIMESTAMP, "timestamp", 0, NULL, NULL, NULL, "JSON 結果に実行日時を記録する",
    "record the time of the run in the JSON result");
OPT(o_timeout, OPT_TIMEOUT, "timeout", 0, "SECONDS", "秒", NULL,
    "申告 1 件の評価にかける時間の上限（既定 10。超えたポリシーは\n評価エラーになる。0 で隔離なし）",
    "wall-clock limit for evaluating one declaration (default 10;\na policy exceeding it is "
    "reported as an error; 0 = no isolation)");
OPT(o_scenarios, OPT_SCENARIOS, "scenarios", 0, "FILE", NULL, NULL,
    "リスク分析に加える攻撃ツリー（JSON 配列）",
    "extra attack trees (JSON array) for the risk analysis");
OPT(o_no_risk, OPT_NO_RISK, "no-risk", 0, NULL, NULL, NULL,
    "判定だけを行い、リスク分析を省く（速い。報告書にリスクの節は出ない）",
    "verdicts only: no risk analysis (faster; reports without risk sections)");
OPT(o_no_color, OPT_NO_COLOR, "no-color", 0, NULL, NULL, NULL, "端末でも色をつけない",
    "no colours, even on a terminal");

/* rolling out policies and auditing without editing the declaration (docs/rollout.md) */
OPT(o_only, OPT_ONLY, "only", 0, "ID,...", NULL, NULL,
    "これらのポリシーだけを評価する（ポリシー ID をカンマ区切りで。複数指定可）",
    "evaluate only these policies (comma-separated policy ids; repeatable)");
OPT(o_skip, OPT_SKIP, "skip", 0, "ID,...", NULL, NULL,
    "これらのポリシーを評価しない（ポリシー ID をカンマ区切りで。複数指定可）",
    "do not evaluate these policies (comma-separated policy ids; repeatable)");
OPT(o_fail_on, OPT_FAIL_ON, "fail-on", 0, "LEVEL", "段階", "fail warn",
    "終了コード 1 にする結果: fail（既定。必須要件の不適合）・warn（推奨要件の未達も）",
    "what makes the exit code 1: fail (default; a required policy fails) or warn (a\nrecommended "
    "one is unmet too)");
OPT(o_waivers_check, OPT_WAIVERS_FILE, "waivers", 0, "FILE", NULL, NULL,
    "例外承認を申告とは別の JSON ファイル {\"waivers\": [...]} から加える（申告の\nwaivers と同じ形。"
    "ファイル名と SHA-256 を報告書に記録する）",
    "add waivers from a JSON file {\"waivers\": [...]} apart from the declaration (the\n"
    "declaration's waiver format; its name and SHA-256 are recorded in the report)");

/* the auditor's report (html, xlsx): recorded in the result's "report" */
OPT(o_report_date, OPT_REPORT_DATE, "report-date", 0, "YYYY-MM-DD", NULL, NULL,
    "報告書の発行日（既定: 申告の日付。実行日時は使わない）",
    "issue date of the report (default: the declaration's date, never the clock)");
OPT(o_assessor, OPT_ASSESSOR, "assessor", 0, "NAME", "氏名・所属", NULL,
    "評価者（氏名・所属）。--params のファイルの \"report\" でも指定できる",
    "the assessor (name, organisation); also \"report\" in the --params file");
OPT(o_contact, OPT_CONTACT, "contact", 0, "TEXT", "連絡先", NULL,
    "被評価団体の連絡先（既定: 申告の body.contact）。--params のファイルの \"report\" でも指定できる",
    "contact at the assessed body (default: the declaration's body.contact); also \"report\"\nin "
    "the --params file");
OPT(o_detail, OPT_DETAIL, "detail", 0, "LEVEL", "詳しさ", "summary full",
    "報告書の詳しさ: summary（既定。リスク分析は資産ごとの要約）・full（全行の付録つき）",
    "detail of the report: summary (default; risk grouped by asset) or full (every row\nin an "
    "appendix)");

/* list, test, schema */
OPT(o_coverage, OPT_COVERAGE, "coverage", 0, NULL, NULL, NULL,
    "ガイドラインの要件ごとに対応するポリシーを示す（未対応があれば終了コード 1）",
    "the policies of each requirement of the guideline (exit 1 if one is not covered)");
OPT(o_mutate, OPT_MUTATE, "mutate", 0, NULL, NULL, NULL,
    "変異テスト: 申告を変えると判定が変わることを確かめる",
    "mutation testing: check that changing the declaration changes the verdict");
OPT(o_markdown, OPT_MARKDOWN, "markdown", 0, NULL, NULL, NULL,
    "JSON Schema の代わりに Markdown の説明を出力する",
    "print the Markdown description instead of the JSON Schema");

/* verify */
OPT(o_declaration, OPT_DECLARATION, "declaration", 0, "FILE", "申告", NULL,
    "報告書の元になったはずの申告（複数指定可）",
    "a declaration the report should come from (repeatable)");
OPT(o_policies_verify, OPT_POLICIES, "policies", 0, "DIR", NULL, NULL,
    "報告書の元になったはずのポリシーのディレクトリ（既定: 同梱のポリシー）",
    "the policy directory the report should come from (default: the installed policies)");

OPT(o_params_verify, OPT_PARAMS, "params", 0, "FILE", NULL, NULL,
    "パラメータの JSON ファイル（既定: 報告書に記録されたもの）",
    "parameters from a JSON file (default: those the report records)");
OPT(o_param_verify, OPT_PARAM, "param", 0, "ID.NAME=VALUE", "ID.名前=値", NULL,
    "ポリシーのパラメータ（複数指定可。既定: 報告書に記録されたもの）",
    "a policy parameter (repeatable; default: those the report records)");
OPT(o_scenarios_verify, OPT_SCENARIOS, "scenarios", 0, "FILE", NULL, NULL,
    "攻撃ツリーの JSON ファイル（既定: 報告書に記録されたもの）",
    "extra attack trees (default: those the report records)");
OPT(o_baseline_verify, OPT_BASELINE, "baseline", 0, "RESULT.json", "結果.json", NULL,
    "報告書が --baseline で作られたときの、その結果ファイル",
    "the --baseline result the report was made with, if any");
OPT(o_waivers_verify, OPT_WAIVERS_FILE, "waivers", 0, "FILE", NULL, NULL,
    "報告書が --waivers で作られたときの、その例外承認のファイル",
    "the --waivers file the report was made with, if any");
OPT(o_pubkey, OPT_PUBKEY, "pubkey", 0, "KEY.pub", "鍵.pub", NULL,
    "署名も確かめる: 署名者の公開鍵（kyojin keygen が作る .pub）",
    "check the signature too: the signer's public key (the .pub of kyojin keygen)");
OPT(o_signature, OPT_SIGNATURE, "signature", 0, "SIG", "署名", NULL,
    "署名ファイル（既定: 報告書.sig）", "the signature file (default: REPORT.sig)");

/* keygen, sign */
OPT(o_key_out, OPT_OUTPUT, "output", 'o', "KEY", "鍵", NULL,
    "秘密鍵を書き出すファイル（必須。公開鍵は 鍵.pub。既存のファイルは上書きしない）",
    "file for the private key (required; the public key goes to KEY.pub; never overwrites)");
OPT(o_key, OPT_KEY, "key", 0, "KEY", "鍵", NULL, "署名に使う秘密鍵（kyojin keygen が作るもの）",
    "the private key to sign with (made by kyojin keygen)");
OPT(o_signer, OPT_SIGNER, "signer", 0, "NAME", "氏名", NULL,
    "署名者の氏名・所属（署名ファイルに記録され、署名される。必須）",
    "the signer's name (recorded in the signature file and signed; required)");
OPT(o_time, OPT_TIME, "time", 0, "TIME", "日時", NULL,
    "署名日時 YYYY-MM-DDThh:mm:ssZ、または now で現在時刻（既定: 記録しない）",
    "signing time YYYY-MM-DDThh:mm:ssZ, or now for the clock (default: none)");
OPT(o_sig_out, OPT_OUTPUT, "output", 'o', "SIG", "署名", NULL,
    "署名ファイル（既定: 報告書.sig。既存のものは置き換える）",
    "the signature file (default: REPORT.sig; replaced if present)");

/* summary, diff, gen */
OPT(o_format_summary, OPT_FORMAT, "format", 0, "FORMAT", "形式", "text json csv html",
    "text・json・csv・html（既定 text）", "text, json, csv or html (default text)");
OPT(o_date_summary, OPT_DATE, "date", 0, "YYYY-MM-DD", NULL, NULL,
    "集計日（既定: 結果の報告日・基準日のうち最も新しいもの）",
    "the date of the summary (default: the newest report date or as-of date of the results)");
OPT(o_format_diff, OPT_FORMAT, "format", 0, "FORMAT", "形式", "text json",
    "text・json（既定 text）", "text or json (default text)");
OPT(o_output, OPT_OUTPUT, "output", 'o', "FILE", NULL, NULL,
    "FILE に安全に書き出す（既定: 標準出力）",
    "write to FILE atomically (default: standard output)");
OPT(o_out, OPT_OUTPUT, "out", 'o', "DIR", NULL, NULL, "申告を書き出すディレクトリ（必須）",
    "directory to write the declarations to (required)");
OPT(o_seed, OPT_SEED, "seed", 0, "N", NULL, NULL, "乱数の種（既定 1。同じ種からは同じファイル）",
    "random seed (default 1; the same seed gives the same files)");
OPT(o_count, OPT_COUNT, "count", 0, "N", NULL, NULL,
    "最初の N 団体だけ書き出す（既定: 1,788 全部）",
    "write the first N bodies only (default: all 1,788)");
OPT(o_size, OPT_SIZE, "size", 0, "SIZE", "大きさ", "small medium large auto",
    "申告の大きさ: small・medium・large・auto（既定 auto）",
    "size of the declarations: small, medium, large or auto (default auto)");
OPT(o_waivers, OPT_WAIVERS, "waivers", 0, "PCT", "百分率", NULL,
    "マイナンバー利用事務系への接続をもつ団体のうち ST-06 の例外承認を付ける割合（既定 25）",
    "per cent of the bodies with a My Number connection that waive ST-06 (default 25)");
/* impact */
OPT(o_old_policies, OPT_OLD_POLICIES, "old-policies", 0, "DIR", NULL, NULL,
    "今の版のポリシーのディレクトリ（既定: 同梱のポリシー）",
    "policy directory of the current edition (default: the installed policies)");
OPT(o_new_policies, OPT_NEW_POLICIES, "new-policies", 0, "DIR", NULL, NULL,
    "新しい版のポリシーのディレクトリ（必須）", "policy directory of the new edition (required)");
OPT(o_format_impact, OPT_FORMAT, "format", 0, "FORMAT", "形式", "text json html",
    "text・json・html（既定 text）", "text, json or html (default text)");
OPT(o_quiet, OPT_QUIET, "quiet", 0, NULL, NULL, NULL, "書き出した件数を表示しない",
    "do not print what was written");

OPT(o_shard, OPT_SHARD, "shard", 0, "I/N", NULL, NULL,
    "入力（並べた順）を N 分割した I 番目だけを評価する（複数の計算機で分担するとき）",
    "evaluate only the I-th of N shares of the inputs (in their sorted order), to split a run "
    "over machines");

/* The options that change the bytes of a report (cli.h, enum cli_record_kind): check records
 * those given in the result's "rendering" object, verify gives them back to check to render
 * the report again. A new option that changes what a report shows needs one line here (and
 * nothing in core/audit). Not here: options that leave the report as it is (--jobs,
 * --progress, --no-color, --verbose, -o) and --timeout, a wall-clock limit whose outcome no
 * second run can promise to repeat (the result is the same for any --timeout otherwise). */
const cli_recorded cli_recorded_options[] = {{&o_format_check, "format", REC_VALUE},
                                             {&o_lang, "lang", REC_LANG},
                                             {&o_csv_table, "csv-table", REC_VALUE},
                                             {&o_as_of, "as-of", REC_VALUE},
                                             {&o_no_risk, "no-risk", REC_FLAG},
                                             {&o_params, "params", REC_JSON},
                                             {&o_param, "param", REC_LIST},
                                             {&o_scenarios, "scenarios", REC_JSON},
                                             {&o_baseline, "baseline", REC_INPUT},
                                             {&o_timestamp, "timestamp", REC_TIME},
                                             {&o_max_input, "max-input", REC_VALUE},
                                             {&o_max_instructions, "max-instructions", REC_VALUE},
                                             {&o_max_memory, "max-memory", REC_VALUE},
                                             {&o_report_date, "report-date", REC_VALUE},
                                             {&o_assessor, "assessor", REC_VALUE},
                                             {&o_contact, "contact", REC_VALUE},
                                             {&o_detail, "detail", REC_VALUE},
                                             {&o_only, "only", REC_LIST},
                                             {&o_skip, "skip", REC_LIST},
                                             {&o_fail_on, "fail-on", REC_VALUE},
                                             {&o_waivers_check, "waivers", REC_NAMED},
                                             {&o_shard, "shard", REC_VALUE},
                                             {NULL, "SOURCE_DATE_EPOCH", REC_ENV},
                                             {NULL, NULL, 0}};
/* template, convert */
OPT(o_model, OPT_MODEL, "model", 0, "MODEL", "モデル", "alpha alpha_prime beta beta_prime",
    "ネットワーク分離のモデルを記入しておく（alpha・alpha_prime・beta・beta_prime）",
    "fill in the network-separation model (alpha, alpha_prime, beta, beta_prime)");
OPT(o_from, OPT_FROM, "from", 0, "FILE.json", "申告.json", NULL,
    "この申告の内容を記入したブックを作る", "fill the workbook from this declaration");
OPT(o_output_xlsx, OPT_OUTPUT, "output", 'o', "FILE.xlsx", NULL, NULL,
    "ブックを FILE.xlsx に安全に書き出す（必須）",
    "write the workbook to FILE.xlsx atomically (required)");
OPT(o_output_convert, OPT_OUTPUT, "output", 'o', "FILE", NULL, NULL,
    "変換結果を FILE に安全に書き出す（必須）", "write the result to FILE atomically (required)");

const cli_option *const cli_common_options[] = {&o_help, &o_version, &o_lang, NULL};

/* the options that load the policies (list, explain, test, lint) */
#define ENGINE_OPTS &o_policies, &o_max_instructions, &o_max_memory, &o_verbose

/* check: rolling out policies and auditing without editing the declaration (docs/rollout.md) */
#define ROLLOUT_OPTS &o_only, &o_skip, &o_fail_on, &o_waivers_check

static const cli_option *const check_opts[] = {&o_policies,   &o_format_check, &o_jobs,
                                               &o_progress,   &o_no_progress,  &o_baseline,
                                               &o_csv_table,  &o_output_check, &o_param,
                                               &o_params,     &o_as_of,        &o_max_input,
                                               &o_timestamp,  &o_timeout,      &o_scenarios,
                                               &o_no_risk,    &o_no_color,     &o_max_instructions,
                                               &o_max_memory, &o_verbose,      &o_report_date,
                                               &o_assessor,   &o_contact,      &o_detail,
                                               ROLLOUT_OPTS,  &o_shard,        NULL};
static const cli_option *const list_opts[] = {ENGINE_OPTS, &o_coverage, NULL};
static const cli_option *const explain_opts[] = {ENGINE_OPTS, NULL};
static const cli_option *const test_opts[] = {ENGINE_OPTS, &o_mutate, NULL};
static const cli_option *const lint_opts[] = {ENGINE_OPTS, NULL};
static const cli_option *const schema_opts[] = {ENGINE_OPTS, &o_markdown, NULL};
static const cli_option *const verify_opts[] = {&o_declaration,      &o_policies_verify,
                                                &o_params_verify,    &o_param_verify,
                                                &o_scenarios_verify, &o_baseline_verify,
                                                &o_pubkey,           &o_signature,
                                                &o_waivers_verify,   NULL};
static const cli_option *const keygen_opts[] = {&o_key_out, NULL};
static const cli_option *const sign_opts[] = {&o_key, &o_signer, &o_time, &o_sig_out, NULL};
static const cli_option *const summary_opts[] = {&o_format_summary, &o_output, &o_date_summary,
                                                 NULL};
static const cli_option *const diff_opts[] = {&o_format_diff, &o_output, NULL};
static const cli_option *const impact_opts[] = {
    &o_old_policies, &o_new_policies, &o_format_impact, &o_output, &o_jobs, &o_timeout, NULL};
static const cli_option *const template_opts[] = {&o_model, &o_from, &o_output_xlsx, NULL};
static const cli_option *const convert_opts[] = {&o_output_convert, NULL};
static const cli_option *const gen_opts[] = {&o_out,     &o_seed,  &o_count, &o_size,
                                             &o_waivers, &o_quiet, NULL};

/* ------------------------------------------------------------------ roll-up and audit */

static int cmd_summary_args(const cli_args *a)
{
    rollup_args r = {cli_value(a, OPT_FORMAT), cli_lang, cli_value(a, OPT_OUTPUT), a->pos, a->npos};
    int rc = cli_refuse_output_input(r.output, (const char *const *)a->pos, a->npos);
    if (!rc) rc = cli_load_vocab();
    return rc ? rc : cmd_summary_dated(&r, cli_value(a, OPT_DATE));
}

static int cmd_diff_args(const cli_args *a)
{
    rollup_args r = {cli_value(a, OPT_FORMAT), cli_lang, cli_value(a, OPT_OUTPUT), a->pos, a->npos};
    int rc = cli_refuse_output_input(r.output, (const char *const *)a->pos, a->npos);
    if (!rc) rc = cli_load_vocab();
    return rc ? rc : cmd_diff(&r);
}

static int cmd_impact_args(const cli_args *a)
{
    impact_args ia = {NULL,
                      NULL,
                      cli_value(a, OPT_OLD_POLICIES),
                      cli_value(a, OPT_NEW_POLICIES),
                      cli_value(a, OPT_FORMAT),
                      cli_lang,
                      cli_value(a, OPT_OUTPUT),
                      a->pos,
                      a->npos,
                      1,
                      WATCHDOG_DEFAULT_TIMEOUT};
    const char *v;
    char *end;
    if (!ia.new_dir) {
        cli_die_usage("新しい版のポリシーを --new-policies DIR で指定してください%s",
                      "give the new edition with --new-policies DIR%s", "");
        return EXIT_USAGE;
    }
    if (!a->npos) {
        cli_die_usage("申告ファイルかディレクトリを指定してください%s",
                      "give declaration files or directories%s", "");
        return EXIT_USAGE;
    }
    if ((v = cli_value(a, OPT_JOBS))) {
        long n = strtol(v, &end, 10);
        if (*end || end == v || n < 1 || n > 256) {
            cli_die_usage("--jobs は 1〜256 の整数です: %s", "--jobs must be an integer 1-256: %s",
                          v);
            return EXIT_USAGE;
        }
        ia.jobs = (int)n;
    }
    if ((v = cli_value(a, OPT_TIMEOUT))) {
        ia.timeout = strtod(v, &end);
        if (*end || end == v || !(ia.timeout >= 0 && ia.timeout <= 86400)) {
            cli_die_usage("--timeout は 0〜86400 の秒数です: %s",
                          "--timeout must be a number of seconds (0..86400): %s", v);
            return EXIT_USAGE;
        }
    }
    int rc = cli_refuse_output_input(ia.output, (const char *const *)a->pos, a->npos);
    if (!rc) rc = cli_load_vocab();
    if (rc) return rc;
    int lf = 0;
    ia.old_runner = cli_make_runner(ia.old_dir, &lf);
    ia.new_runner = ia.old_runner ? cli_make_runner(ia.new_dir, &lf) : NULL;
    rc = !ia.new_runner || lf ? EXIT_POLICY : cmd_impact(&ia);
    runner_free(ia.old_runner);
    runner_free(ia.new_runner);
    return rc;
}

static int cmd_gen_args(const cli_args *a)
{
    gen_args g = {cli_value(a, OPT_OUTPUT),
                  cli_value(a, OPT_SEED),
                  cli_value(a, OPT_COUNT),
                  cli_value(a, OPT_SIZE),
                  cli_value(a, OPT_WAIVERS),
                  cli_flag(a, OPT_QUIET),
                  cli_lang};
    return cmd_gen(&g);
}

static int cmd_keygen_args(const cli_args *a)
{
    if (a->npos) {
        cli_die_usage("keygen は引数をとりません（鍵のファイルは -o で指定）: %s",
                      "keygen takes no arguments (name the key file with -o): %s", a->pos[0]);
        return EXIT_USAGE;
    }
    return sign_keygen(cli_value(a, OPT_OUTPUT), cli_lang);
}

static int cmd_sign_args(const cli_args *a)
{
    sign_args s = {a->npos ? a->pos[0] : NULL, cli_value(a, OPT_KEY),    cli_value(a, OPT_SIGNER),
                   cli_value(a, OPT_TIME),     cli_value(a, OPT_OUTPUT), cli_lang};
    if (a->npos > 1) {
        cli_die_usage("報告書は 1 つだけ指定してください: %s", "give one report only: %s",
                      a->pos[1]);
        return EXIT_USAGE;
    }
    return sign_report(&s);
}

static int cmd_help(const cli_args *a)
{
    const cli_command *c = a->npos ? cli_find_command(a->pos[0]) : NULL;
    if (a->npos && (!c || c->hidden)) {
        cli_die_usage("不明なコマンドです: %s", "unknown command: %s", a->pos[0]);
        return EXIT_USAGE;
    }
    cli_usage(stdout, c);
    return 0;
}

static int cmd_version(const cli_args *a)
{
    (void)a;
    cli_print_version();
    return 0;
}

/* ------------------------------------------------------------------ the table */

#define CHECK_NOTES_JA                                                                                              \
    "終了コード: 0 準拠、1 非準拠、2 使い方または入力の誤り、\n"                            \
    "            3 ポリシーを読み込めない、またはポリシーがエラーを起こした、\n"       \
    "            130・143 中断された（Ctrl-C・SIGTERM。評価済みの分だけの報告書を書く）\n" \
    "            --fail-on warn のときは推奨要件の未達も 1\n"
#define CHECK_NOTES_EN                                                                             \
    "Exit codes: 0 compliant, 1 not compliant, 2 usage or input error,\n"                          \
    "            3 a policy could not be loaded or raised an error,\n"                             \
    "            130, 143 interrupted (Ctrl-C, SIGTERM; the report holds what was evaluated);\n"   \
    "            with --fail-on warn, 1 also when a recommended policy is unmet.\n"

static const cli_command c_check = {
    "check",
    "申告.json...|DIR|-",
    "DECLARATION.json...|DIR|-",
    "構成申告をポリシーで検査する（- は標準入力）",
    "check declarations against the policies (- reads standard input)",
    check_opts,
    cli_cmd_check,
    CHECK_NOTES_JA,
    CHECK_NOTES_EN,
    -1,
    0};
static const cli_command c_risk = {
    "risk",
    "申告.json...|DIR|-",
    "DECLARATION.json...|DIR|-",
    "資産ベース・事業被害ベースのリスク分析シートを出力する",
    "print the asset-based and business-damage-based risk sheets",
    check_opts,
    cli_cmd_risk,
    "終了コード: 0 出力した、2 使い方または入力の誤り、3 ポリシーの誤り\n",
    "Exit codes: 0 printed, 2 usage or input error, 3 policy error\n",
    -1,
    0};
static const cli_command c_summary = {
    "summary",
    "結果.json...|DIR",
    "RESULT.json...|DIR",
    "結果を全国集計する（text, json, csv, html）",
    "national roll-up of results (text, json, csv, html)",
    summary_opts,
    cmd_summary_args,
    "終了コード: 0 集計した、2 使い方の誤り、3 入力の誤り、4 書き込めない\n",
    "Exit codes: 0 done, 2 usage error, 3 input error, 4 output error\n",
    -1,
    0};
static const cli_command c_diff = {
    "diff",
    "旧.json 新.json",
    "OLD.json NEW.json",
    "二つの結果の変化（悪化があれば終了コード 1）",
    "what changed between two results (exit 1 if worse)",
    diff_opts,
    cmd_diff_args,
    "終了コード: 0 悪化なし、1 悪化あり（団体コードの重複を含む。試行中のポリシーの指摘は\n"
    "            数えない）、2 使い方の誤り、3 入力の誤り、4 書き込めない\n",
    "Exit codes: 0 nothing worse, 1 something worse (a duplicated body code too; findings of\n"
    "            preview policies do not count), 2 usage error, 3 input error, 4 output error\n",
    -1,
    0};
static const cli_command c_impact = {
    "impact",
    "申告.json...|DIR --new-policies DIR",
    "DECLARATION.json...|DIR --new-policies DIR",
    "ポリシーパックの新しい版で判定が変わる団体とその理由（text, json, html）",
    "bodies whose verdict a new edition of the policy pack changes, and why (text, json, html)",
    impact_opts,
    cmd_impact_args,
    "終了コード: 0 判定が変わる団体なし、1 判定が変わる団体あり、2 使い方または入力の誤り、\n"
    "            3 ポリシーを読み込めない、またはポリシーがエラーを起こした、4 書き込めない、\n"
    "            130 中断された\n",
    "Exit codes: 0 no body's verdict changes, 1 some body's verdict changes, 2 usage or input\n"
    "            error, 3 a policy could not be loaded or raised an error, 4 output error,\n"
    "            130 interrupted\n",
    -1,
    0};
static const cli_command c_gen = {
    "gen",
    "--out DIR",
    "--out DIR",
    "全国分の合成申告を書き出す",
    "write synthetic declarations of the whole country",
    gen_opts,
    cmd_gen_args,
    "DIR/<団体コード>.json を 1,788 団体（47 都道府県と 1,741 市区町村）の最初の N 件について\n"
    "書き出します。同じ種からは常に同じファイルになります。\n",
    "Writes DIR/<code>.json for the first N of the 1,788 bodies (47 prefectures and\n"
    "1,741 municipalities); the same seed always gives the same files.\n",
    0,
    0};
static const cli_command c_list = {
    "list",
    "",
    "",
    "ポリシーの一覧（ID・レベル・要件・表題）",
    "list the policies (id, level, requirements, title)",
    list_opts,
    cli_cmd_list,
    "終了コード: 0 表示した、1 未対応の要件がある（--coverage）、\n"
    "            3 ポリシーを読み込めない（ファイルと理由を表示）\n",
    "Exit codes: 0 listed, 1 requirements not covered (--coverage),\n"
    "            3 a policy could not be loaded (file and reason shown)\n",
    -1,
    0};
static const cli_command c_explain = {"explain",
                                      "ポリシーID",
                                      "POLICY-ID",
                                      "ポリシーの説明（出典・パラメータ・対処）",
                                      "show a policy: metadata, source, parameters, remediation",
                                      explain_opts,
                                      cli_cmd_explain,
                                      NULL,
                                      NULL,
                                      -1,
                                      0};
static const cli_command c_schema = {"schema",
                                     "",
                                     "",
                                     "構成申告の JSON Schema を出力する",
                                     "print the declaration JSON Schema",
                                     schema_opts,
                                     cli_cmd_schema,
                                     NULL,
                                     NULL,
                                     0,
                                     0};
static const cli_command c_test = {
    "test",
    "[DIR|FILE...]",
    "[DIR|FILE...]",
    "ポリシーのテストを実行する（--mutate: 変異テスト）",
    "run the policy tests (--mutate: mutation testing)",
    test_opts,
    cli_cmd_test,
    "終了コード: 0 すべて成功、1 失敗あり、2 使い方の誤り、\n"
    "            3 ポリシーを読み込めない（ファイルと理由を表示）\n",
    "Exit codes: 0 all passed, 1 some failed, 2 usage error,\n"
    "            3 a policy could not be loaded (file and reason shown)\n",
    -1,
    0};
static const cli_command c_lint = {
    "lint",
    "",
    "",
    "ポリシーのメタデータを検査する",
    "check policy metadata",
    lint_opts,
    cli_cmd_lint,
    "終了コード: 0 問題なし、1 問題あり、2 使い方の誤り、\n"
    "            3 ポリシーを読み込めない（ファイルと理由を表示）\n",
    "Exit codes: 0 no problem, 1 problems found, 2 usage error,\n"
    "            3 a policy could not be loaded (file and reason shown)\n",
    -1,
    0};
static const cli_command c_verify = {
    "verify",
    "報告書 --declaration 申告 [--policies DIR] [--pubkey 鍵.pub]",
    "REPORT --declaration FILE [--policies DIR] [--pubkey KEY.pub]",
    "報告書がこれらの入力からそのまま作られたものかを確かめる（署名も）",
    "is the report exactly what these inputs give? (and its signature)",
    verify_opts,
    cli_cmd_verify,
    "報告書に記録された条件（形式・言語・日付・パラメータなど）で入力から報告書を作り直し、\n"
    "1 バイトずつ比べます。違いがあれば、その場所（節と指摘、表と行、シートとセル）を示します。\n"
    "--pubkey を指定すると、署名（kyojin sign）も確かめ、署名者を示します。\n"
    "形式: text・json・html・csv・xlsx・sarif・junit（docs/verify.md）\n"
    "終了コード: 0 報告書はこれらの入力から作られるものと同一、\n"
    "            1 違いがある・入力が合わない・署名が正しくない、2 使い方または入力の誤り\n",
    "Renders the report again from the inputs with the options it records (format, language,\n"
    "dates, parameters, ...) and compares byte for byte; a difference is located (section and\n"
    "finding, table and row, sheet and cell). With --pubkey the signature (kyojin sign) is\n"
    "checked as well and the signer named. Formats: text, json, html, csv, xlsx, sarif,\n"
    "junit (docs/verify.md).\n"
    "Exit codes: 0 the report is exactly what these inputs give, 1 it differs, its inputs do\n"
    "            not match or the signature is not valid, 2 usage or unreadable input\n",
    -1,
    0};
static const cli_command c_keygen = {
    "keygen",
    "-o 鍵",
    "-o KEY",
    "報告書に署名するための鍵（Ed25519）を作る",
    "make a key pair (Ed25519) for signing reports",
    keygen_opts,
    cmd_keygen_args,
    "秘密鍵を KEY（権限 0600）に、公開鍵を KEY.pub に PEM 形式で書き出します。\n"
    "既存のファイルは上書きしません。公開鍵は報告書を受け取る人に渡します。\n"
    "終了コード: 0 作成した、2 使い方の誤りまたは書き込めない\n",
    "Writes the private key to KEY (mode 0600) and the public key to KEY.pub, both PEM;\n"
    "an existing file is never overwritten. Hand the public key to those who receive reports.\n"
    "Exit codes: 0 written, 2 usage error or cannot write\n",
    0,
    0};
static const cli_command c_sign = {
    "sign",
    "報告書 --key 鍵 --signer 氏名 [--time 日時]",
    "REPORT --key KEY --signer NAME [--time TIME]",
    "報告書に署名する（報告書.sig を書き出す）",
    "sign a report (writes REPORT.sig)",
    sign_opts,
    cmd_sign_args,
    "報告書の SHA-256・署名者・日時・鍵 ID と Ed25519 署名を REPORT.sig に書き出します。\n"
    "確かめるには kyojin verify REPORT ... --pubkey KEY.pub（openssl だけでも確かめられます:\n"
    "docs/verify.md）。\n"
    "終了コード: 0 署名した、2 使い方または入力の誤り\n",
    "Writes the report's SHA-256, the signer, the time, the key id and the Ed25519\n"
    "signatures to REPORT.sig. Check with kyojin verify REPORT ... --pubkey KEY.pub (or with\n"
    "openssl alone: docs/verify.md).\n"
    "Exit codes: 0 signed, 2 usage or input error\n",
    1,
    0};
static const cli_command c_template = {
    "template",
    "[--model モデル] [--from 申告.json] -o ブック.xlsx",
    "[--model MODEL] [--from FILE.json] -o FILE.xlsx",
    "申告を記入する Excel ブック（様式）を作る",
    "write the Excel workbook (form) in which to fill in a declaration",
    template_opts,
    cli_cmd_template,
    "スキーマから作る様式です。記入したブックは kyojin check でそのまま検査できます。\n"
    "終了コード: 0 書き出した、2 使い方または入力の誤り、3 実行環境の誤り\n",
    "The form is generated from the schema; kyojin check reads a filled workbook directly.\n"
    "Exit codes: 0 written, 2 usage or input error, 3 runtime error\n",
    0,
    0};
static const cli_command c_convert = {
    "convert",
    "入力 -o 出力",
    "IN -o OUT",
    "申告を JSON から Excel ブックへ、Excel ブックから JSON へ変換する",
    "convert a declaration from JSON to an Excel workbook, or from a workbook to JSON",
    convert_opts,
    cli_cmd_convert,
    "入力が JSON ならブック（.xlsx）を、ブックなら JSON を書き出します。値は失われません。\n"
    "終了コード: 0 変換した、2 使い方または入力の誤り、3 実行環境の誤り\n",
    "A JSON input gives a workbook (.xlsx), a workbook gives JSON; no value is lost.\n"
    "Exit codes: 0 converted, 2 usage or input error, 3 runtime error\n",
    1,
    0};
static const cli_command c_version = {
    "version", "", "", "バージョンを表示する", "print the version", NULL, cmd_version, NULL,
    NULL,      0,  0};
static const cli_command c_help = {"help",
                                   "[コマンド]",
                                   "[COMMAND]",
                                   "使い方を表示する（コマンドを指定するとその使い方）",
                                   "show the usage (of a command, when one is named)",
                                   NULL,
                                   cmd_help,
                                   NULL,
                                   NULL,
                                   1,
                                   0};
static const cli_command c_man = {"__man",
                                  "",
                                  "",
                                  "man ページ（roff）を出力する",
                                  "print the man page (roff)",
                                  NULL,
                                  cli_cmd_man,
                                  NULL,
                                  NULL,
                                  0,
                                  1};
static const cli_command c_completion = {"__completion",
                                         "bash",
                                         "bash",
                                         "シェルの補完スクリプトを出力する",
                                         "print the shell completion script",
                                         NULL,
                                         cli_cmd_completion,
                                         NULL,
                                         NULL,
                                         1,
                                         1};

const cli_command *const cli_commands[] = {
    &c_check,    &c_summary, &c_diff,    &c_impact, &c_gen,    &c_list,       &c_explain,
    &c_risk,     &c_schema,  &c_test,    &c_lint,   &c_verify, &c_keygen,     &c_sign,
    &c_template, &c_convert, &c_version, &c_help,   &c_man,    &c_completion, NULL};
