/*
 * rollup.h — national roll-up, change over time and CI formats.
 *
 * Everything here reads the result document (docs/dev/interfaces.md §5,
 * schema "kyojin/result/v2", and the older "kyojin/result/v1") and nothing else: the SARIF and JUnit writers,
 * `kyojin summary`, `kyojin diff`, the baseline filter of `kyojin check
 * --baseline`, the declaration generator `kyojin gen`, and the batch driver
 * that spreads `kyojin check DIR` over worker processes.
 *
 * Shared helpers (rollup_common.c): loading JSON with file:line:column errors,
 * streaming the declarations of a large result document one at a time,
 * picking the ja/en text of a message. Output files: util/atomic_out.h.
 */
#ifndef KYOJIN_ROLLUP_H
#define KYOJIN_ROLLUP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cjson/cJSON.h>

#include "input/decl.h"

/* Exit codes of the roll-up commands (aligned with the CLI's enum). */
enum rollup_exit {
    ROLLUP_EXIT_OK = 0,       /* done; nothing got worse / everything compliant */
    ROLLUP_EXIT_FINDINGS = 1, /* diff: something got worse; batch: some failed */
    ROLLUP_EXIT_USAGE = 2,    /* bad command line */
    ROLLUP_EXIT_INPUT = 3,    /* unreadable or invalid input */
    ROLLUP_EXIT_OUTPUT = 4    /* output could not be written */
};

/* ---- report formats (read only the result document) ------------------- */

/* SARIF 2.1.0: one run, one rule per policy, results located in the
 * declaration file by line and column. Returns 0, or -1 with err set. */
int report_sarif_write(const cJSON *result, const char *lang, FILE *out, char *err, size_t errlen);

/* JUnit XML: one testsuite per declaration, one testcase per policy. */
int report_junit_write(const cJSON *result, const char *lang, FILE *out, char *err, size_t errlen);

/* ---- commands ---------------------------------------------------------- */

/* The options of summary and diff as the command line (core/cli) parsed them; NULL for an
 * option not given. Each returns an exit code (enum rollup_exit). */
typedef struct rollup_args {
    const char *format; /* NULL: text */
    const char *lang;   /* "ja" | "en"; NULL: ja */
    const char *output; /* NULL or "-": standard output */
    char *const *inputs;
    size_t ninputs;
} rollup_args;
int cmd_summary(const rollup_args *a); /* kyojin summary RESULT.json...|DIR... */
/* The same with --date YYYY-MM-DD (NULL: the newest report date or as-of date of the results). */
int cmd_summary_dated(const rollup_args *a, const char *date);
int cmd_diff(const rollup_args *a); /* kyojin diff OLD.json NEW.json */
typedef struct gen_args {
    const char *out, *seed, *count, *size, *waivers; /* as given; NULL when absent */
    int quiet;
    const char *lang;
} gen_args;
int cmd_gen(
    const gen_args *a); /* kyojin gen --out DIR [--seed N] [--count N] [--size S] [--waivers PCT] */

/* The generator behind `kyojin gen`: the declaration of body `index`
 * (0 … gen_national_count()-1, prefectures each followed by their
 * municipalities) for `seed`; NULL when index is out of range. */
enum gen_size { GEN_AUTO, GEN_SMALL, GEN_MEDIUM, GEN_LARGE };
cJSON *gen_declaration(uint64_t seed, size_t index, enum gen_size size);
size_t gen_national_count(void); /* 1,788 */

/* The generator's options besides seed and body (kyojin gen --size, --waivers; bench/gen.sh).
 * waivers_pct: per cent (0 … 100) of the bodies whose last screen-transfer connection reaches
 * the My Number segment that lengthen its refresh interval under a waiver of ST-06. The
 * defaults give the bytes gen_declaration gives. */
typedef struct gen_options {
    enum gen_size size;
    int waivers_pct;
} gen_options;
void gen_options_init(gen_options *o); /* the defaults: GEN_AUTO, 25 */
cJSON *gen_declaration_opts(uint64_t seed, size_t index, const gen_options *o);
/* The value of --waivers: an integer 0 … 100. Returns 0, or -1 for anything else. */
int gen_parse_waivers(const char *s, int *pct);

/* Filter `result` (modified in place) against a baseline result: drop every
 * non-passing finding whose (body, policy id, pointer) key is a non-passing
 * finding of the baseline — the body being its code (body.code), or its file when
 * it has none or the code is on more than one declaration — recompute policy
 * statuses, counts and `compliant`, and record the filter in result["baseline"]. Returns 0, or -1 with err in lang
 * ("en" English, otherwise Japanese). */
int baseline_apply(cJSON *result, const cJSON *baseline, const char *lang, char *err,
                   size_t errlen);

/* The same in steps, for results written as they are produced: the index of the
 * baseline's known findings (NULL with err when it is not a result document),
 * the filter applied to one declaration result, in document order (adds to
 * *suppressed; notes the codes met, to find a code repeated in the result; -1 when
 * out of memory), and the "baseline" record for the document. */
typedef struct baseline_index baseline_index;
baseline_index *baseline_index_new(const cJSON *baseline, const char *lang, char *err,
                                   size_t errlen);
/* The same index read from the result file `path` one declaration at a time
 * (rollup_each_declaration: a national baseline is never held whole). */
baseline_index *baseline_index_load(const char *path, const char *lang, char *err, size_t errlen);
int baseline_apply_decl(baseline_index *bi, cJSON *decl_result, long *suppressed);
cJSON *baseline_mark(const baseline_index *bi, long suppressed);
void baseline_index_free(baseline_index *bi);

/* ---- batch (kyojin check over many declarations) ---------------------- */

struct runner;

typedef struct {
    int jobs;                  /* worker processes; 1 = evaluate in this process */
    int progress;              /* -1: when stderr is a terminal; 0 off; 1 on */
    const char *as_of;         /* waiver-expiry date or NULL */
    const char *lang;          /* messages: "ja" | "en" */
    const decl_limits *limits; /* loader limits or NULL */
    /* Called after each successful evaluation with the result, the parsed
     * declaration and its path (main.c adds the risk section here); non-zero
     * marks the declaration as bad input. May be NULL. Runs where the declaration
     * is evaluated (a worker process), with its messages captured there. */
    int (*after_eval)(void *ctx, cJSON *res, const cJSON *decl, const char *path);
    void *after_ctx;
    /* > 0: evaluate each declaration in a watchdog worker process with this
     * wall-clock limit in seconds (core/watchdog.c); <= 0: in-process. */
    double timeout;
    /* Optional: renders one result in the output format. With it, results may reach
     * emit already rendered (batch_item.text), rendered where they were evaluated. */
    int (*render)(void *ctx, const cJSON *res, FILE *out);
    void *render_ctx;
    /* Optional (kyojin verify): the file a declaration path is read from. A path equal to
     * names[k] is read from sources[k] but keeps its name in the result and the messages,
     * so a report can be rendered again under the names it records. */
    char *const *names, *const *sources;
    size_t nsources;
} batch_opts;

typedef struct {
    int bad_input;     /* some declaration could not be read or was invalid */
    int not_compliant; /* some evaluated declaration is not compliant */
    int policy_error;  /* some policy raised, or a worker failed */
} batch_status;

/* One declaration result: the tree, or (with batch_opts.render) the bytes it renders to. */
typedef struct {
    cJSON *res; /* NULL when rendered */
    char *text; /* malloc'd rendered result, or NULL */
    size_t len;
    int compliant;
    int failed;      /* an entry for an input without an evaluation (its "error" is set) */
    int interrupted; /* ... because the run was interrupted (error kind "interrupted") */
} batch_item;

/* Receives each declaration result (res or text, owned by the callee from then on) with the
 * index of its file; non-zero stops the batch (the output could not be written). */
typedef int (*batch_emit_fn)(void *ctx, size_t index, batch_item *item);

/* Evaluate files[0..n) with the prepared policy set `r`, handing each
 * declaration result to `emit` in input order (identical for any jobs), as soon
 * as it and every earlier one are done; bad declarations are reported on stderr
 * and skipped. A batch interrupted by a signal (watchdog_catch_signals) stops at once: the
 * declaration being evaluated in a watchdog worker is abandoned, workers are told to stop,
 * and every input left without a result gets an entry of kind "interrupted", in order.
 * Returns 0, or -1 when the batch could not be started (temp directory, pipe). */
int batch_check(struct runner *r, char *const *files, size_t n, const batch_opts *o,
                batch_emit_fn emit, void *emit_ctx, batch_status *st);

/* Collect declaration paths from argv-style inputs: files are kept as given,
 * directories contribute their *.json files (sorted, not recursive).
 * On success *paths is a malloc'd array of malloc'd strings. */
int batch_collect(int n, char *const *inputs, char ***paths, size_t *npaths, char *err,
                  size_t errlen);
void batch_free_paths(char **paths, size_t npaths);

/* ---- revision impact (impact.c) ---------------------------------------- */

/* `kyojin impact DECLARATIONS... --old-policies DIR --new-policies DIR`: every declaration
 * evaluated with both packs (two runners the command line made, with batch_check), the
 * bodies whose verdict or policy statuses change listed with why. Exit codes: 0 no verdict
 * changes, 1 some body's verdict changes, 2 usage or an input not evaluated, 3 a policy
 * raised an error (load errors of a pack: the caller), 4 output error; 130 interrupted. */
typedef struct impact_args {
    struct runner *old_runner, *new_runner;
    const char *old_dir, *new_dir; /* as given, for the report */
    const char *format;            /* text (NULL) | json | html */
    const char *lang;              /* "ja" | "en" */
    const char *output;            /* NULL or "-": standard output */
    char *const *inputs;           /* declaration files and directories */
    size_t ninputs;
    int jobs;       /* worker processes (batch_opts.jobs) */
    double timeout; /* seconds per declaration (batch_opts.timeout) */
} impact_args;
int cmd_impact(const impact_args *a);

/* ---- shared helpers (rollup_common.c) ---------------------------------- */

/* Read and parse a JSON file; on a parse error err names file:line:column and the reason.
 * Messages (err) here and below are in lang: "en" English, otherwise (NULL too) Japanese. */
cJSON *rollup_load_json(const char *path, const char *lang, char *err, size_t errlen);

/* Call fn for each element of the top-level "declarations" array of the
 * result document in `path`, parsing one element at a time (bounded memory
 * for national result files). `header`, if non-NULL, receives the document
 * without its declarations (caller frees). fn returns 0 to go on, non-zero
 * to stop (that value is returned). Returns -1 with err on bad input. */
typedef int (*rollup_decl_fn)(const cJSON *decl, void *ctx);
int rollup_each_declaration(const char *path, rollup_decl_fn fn, void *ctx, cJSON **header,
                            const char *lang, char *err, size_t errlen);

/* The same, for readers that need the document's members before its declarations (its
 * policy_set, catalog, report…): head_fn (may be NULL) is called once, before the first
 * declaration, with the members that precede "declarations" (schema already checked); its
 * non-zero return stops the reading and is returned. The file is read in chunks: memory
 * follows the largest declaration, not the file. Errors name file:line:column. */
typedef int (*rollup_head_fn)(const cJSON *head, void *ctx);
/* skip (may be NULL): the members of each declaration the reader does not need, "member" or
 * "member/submember" (e.g. "risk/asset_rows"), NULL-terminated; their text is only checked to
 * be balanced and no tree is built for it. */
int rollup_stream(const char *path, rollup_head_fn head_fn, rollup_decl_fn fn,
                  const char *const *skip, void *ctx, cJSON **header, const char *lang, char *err,
                  size_t errlen);

/* Tests: the bytes rollup_stream reads at a time (0: the default, 1 MiB) and the largest file
 * whose syntax errors are told from its whole text (default 16 MiB; larger files are told
 * from the text of the declaration or member being read). */
void rollup_stream_tuning(size_t chunk, size_t whole_diag_max);

/* The result document schemas the readers accept: "kyojin/result/v2" (the policies'
 * metadata once, in the document's "catalog") and "kyojin/result/v1" (metadata in every
 * declaration's policy entries). Is `schema` one of them? */
int rollup_schema_known(const char *schema);

/* A policy's metadata member `key` (title, level, requirements, source, remediation,
 * countermeasures) for the policy entry `entry` of a declaration: the entry's own member when
 * it has one (v1), otherwise the member of the entry with the same "id" in
 * doc["catalog"]["policies"] (v2). `doc` is the document or its header (the document without
 * its declarations, as rollup_each_declaration gives it). NULL when neither has it. */
const cJSON *rollup_policy_meta(const cJSON *doc, const cJSON *entry, const char *key);
/* The same as a string (level, source), or `dflt`. */
const char *rollup_policy_meta_str(const cJSON *doc, const cJSON *entry, const char *key,
                                   const char *dflt);

/* The text of a {ja, en} message in `lang` (falling back to the other
 * language), the string itself for a plain string, "" otherwise. */
const char *rollup_text(const cJSON *msg, const char *lang);

/* The user-facing word for a status / level in lang ("ja" default). */
const char *rollup_status_word(const char *status, const char *lang);
const char *rollup_level_word(const char *level, const char *lang);

#endif
