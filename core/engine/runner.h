/* runner.h — the policy set and evaluating declarations against it. */
#ifndef KYOJIN_RUNNER_H
#define KYOJIN_RUNNER_H
#include <cjson/cJSON.h>
#include <stdio.h>
#include "input/decl.h"
#include "engine/sandbox.h"

typedef struct runner runner;

typedef struct {
    const char *policies_dir; /* default "policies" */
    const char *lua_dir;      /* default "lua" */
    const char *only_policy;  /* evaluate just this policy id (tests), or NULL */
    sandbox_opts sandbox;
    int validate;      /* run schema validation before policies (default on) */
    int skip_policies; /* load the runtime only (kyojin schema) */
    /* with policies_dir absent: the policy set is the bundle's (bundle.h; a kyojin binary
     * without its policies/ folder). The runtime comes from the bundle whenever lua_dir is
     * absent (sandbox_runtime_bundled). */
    int policies_from_bundle;
    const char *lang; /* messages of runner_set_param(s): "en", else Japanese */
} runner_opts;

typedef enum { ST_PASS, ST_FAIL, ST_WARN, ST_NA, ST_ERROR, ST_WAIVED, ST_INFO } policy_status;
const char *status_name(policy_status s);

/* Load every policy file under the directory (recursively; `*_test.lua`, the top-level
 * `catalog.lua` and `edition.lua` and `fixtures/` are skipped), validate metadata. Load problems are collected: the runner still
 * works with the policies that loaded; runner_load_errors() lists the others (exit code 3).
 * Returns NULL only when nothing can work (err set). */
runner *runner_new(const runner_opts *o, char *err, size_t errlen);
void runner_free(runner *r);

/* The Lua sources under `base` as paths relative to it, sorted; with `policies`, only what a
 * policy directory loads (no fixtures/, *_test.lua or top-level catalog.lua or edition.lua). Returns the
 * count; free the list with runner_free_list. The one selection of policy files: the runner,
 * tools/mkbundle.c and `kyojin verify` (audit/verify.c) all list through it. */
size_t runner_list_sources(const char *base, int policies, char ***out);
void runner_free_list(char **v, size_t n);
/* Load errors as "file: message" lines (NULL-terminated array, owned by the runner). */
const char *const *runner_load_errors(const runner *r);
sandbox *runner_sandbox(runner *r);

/* Set a parameter ("ST-06.max_refresh_days", "14"): typed by the policy's declaration.
 * Returns 0 or -1 with err (unknown policy or parameter, wrong type). */
int runner_set_param(runner *r, const char *name, const char *value, char *err, size_t errlen);
/* Set parameters from a JSON object { "ST-06.max_refresh_days": 14, ... } or
 * { "ST-06": { "max_refresh_days": 14 } }. */
int runner_set_params_json(runner *r, const cJSON *obj, char *err, size_t errlen);
/* The parameters in effect, { "ID.name": value } sorted. New object. */
cJSON *runner_parameters(runner *r);
/* The pack's edition: the file at the top of a policy directory that is data, not a policy
 * (skipped like catalog.lua), and the runner's reading of it as
 * { "edition", "date" (YYYY-MM-DD), "title": { "ja", "en" } }; NULL when the pack has none.
 * An ill-formed edition.lua is a load error (runner_load_errors). Not part of the policy-set
 * hash: it names the pack, it does not change a verdict. */
#define EDITION_FILE "edition.lua"
const cJSON *runner_edition(const runner *r);
/* SHA-256 hex of the policy set (relative names and contents, sorted). */
const char *runner_policy_set_sha256(const runner *r);
int runner_policy_count(const runner *r);
/* For the bundle builder (tools/mkbundle.c): loaded policy i (0 .. count-1): its file name
 * under the policy directory, its metadata as JSON (new string, free()) without has_applies,
 * and has_applies. Returns 0, or -1 (no such policy, out of memory). */
int runner_policy_export(const runner *r, int i, const char **relname, char **meta_json,
                         int *has_applies);
/* The helper files loaded (names under lua/kyojin/helpers, in load order). */
int runner_helper_count(const runner *r);
const char *runner_helper_name(const runner *r, int i);
/* Metadata of every policy as a JSON array (list, explain, coverage). New array. */
cJSON *runner_metadata(runner *r);

/* Evaluate only some of the policies (check --only, --skip): with `only` (n_only ids) just
 * those, and never the `skip` ones; the others are left out of every result (no entry, not
 * counted). Returns 0, or -1 with *unknown set to the first id that names no policy of the
 * set (nothing changed then). */
int runner_select(runner *r, const char *const *only, size_t n_only, const char *const *skip,
                  size_t n_skip, const char **unknown);

/* Waivers kept outside the declarations (check --waivers FILE): `waivers` is the file's
 * "waivers" array (validated with runner_validate_waivers), `file` its name as shown. They
 * apply to every declaration as if it declared them, after its own: a finding takes the first
 * waiver in force of the declaration, else the first in force of the file; an expired one is
 * reported only when none in force covers it. The runner keeps a copy. 0, or -1 (memory). */
int runner_set_waivers(runner *r, const cJSON *waivers, const char *file);
/* The name runner_set_waivers was given, or NULL. */
const char *runner_waivers_file(const runner *r);
/* Validation errors of a waivers file ({"waivers": [...]}, the declaration's waiver format,
 * subjects checked as JSON pointers only): an array as runner_validate gives. */
cJSON *runner_validate_waivers(runner *r, decl_doc *d, char *err, size_t errlen);

/* Validation errors of a declaration against the schema, as an array of
 * { pointer, message{ja,en} }; empty array when valid or when no schema is installed. */
cJSON *runner_validate(runner *r, decl_doc *d, char *err, size_t errlen);

/* Evaluate one declaration. `as_of` (YYYY-MM-DD) overrides the declaration's date for
 * waiver expiry, or NULL. Returns the declaration result object (interfaces.md §5).
 * *any_error is set when a policy raised or hit a limit. */
cJSON *runner_eval(runner *r, decl_doc *d, const char *as_of, int *any_error, char *err,
                   size_t errlen);

/* Hook called before each policy of runner_eval with the policy's index in the sorted set
 * (0-based) and its id. A non-NULL return marks the policy `error` with that reason without
 * running it. Used by the watchdog (core/watchdog.c) to track progress and skip culprits. */
typedef const char *(*runner_policy_hook)(void *ud, int index, const char *id);
void runner_set_policy_hook(runner *r, runner_policy_hook fn, void *ud);

/* Register host functions for trusted Lua tools (kyojin test, lint): pushes a table. */
void runner_push_host_api(runner *r);

#endif
