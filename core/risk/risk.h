/* risk.h — the shared risk scoring of kyojin (requirements.md RA-01 … RA-06).
 *
 * The IPA method (制御システムのセキュリティリスク分析ガイド) as S000/S001 apply it:
 * asset importance (or business-damage level) × threat level × vulnerability level → risk
 * value A (very high) … E (very low). Every number and list is data in lua/kyojin/risk/ (*.lua);
 * this module loads and validates those tables, computes the risk section of a declaration
 * result (docs/dev/interfaces.md §8) from the declaration and the policy results, and
 * (risk_text.c) writes it as text.
 *
 * Tables (all in one directory, each a Lua data file returning a table):
 *   rules.lua                  level mapping, counted stages, tree rule, placement levels,
 *                              unpatched override, physical threats, "safe" product
 *   matrix.lua                 the risk matrix: scale A…E, dimensions, rows threat×vulnerability,
 *                              columns 1..3, cells, the seeds' anchor cells
 *   threats.lua                threat catalog (S000 list) with catalog level and basis
 *   applicability.lua          which threats apply to which asset kinds/placements/segments
 *   countermeasures.lua        countermeasure catalog (ids of interfaces.md §7)
 *   threat_countermeasures.lua which countermeasures act against which threat at which stage
 *   controls.lua               which declared controls provide which countermeasure
 *   damages.lua                business damages (S001, S000) and their levels
 *   entry_points.lua           ATT&CK Initial Access entry points (RA-06) and threat levels
 *   importance.lua             derivation of asset importance (RA-01)
 *
 * Scoring, in short (details in the comments of score.c and of each table):
 *   asset rows  — for each asset and each applicable threat: threat level = min(catalog level,
 *                 placement level on the threat's basis); effective countermeasures = those the
 *                 declaration provides (controls.lua) minus those invalidated by a failing or
 *                 warning policy tied to them (interfaces.md §7); count of effective ones in the
 *                 counted stages → countermeasure level → vulnerability level; a known unpatched
 *                 vulnerability of the asset forces vulnerability 3; matrix(threat ×
 *                 vulnerability, importance) → risk value.
 *   attack trees — each step's declared countermeasures (minus invalidated ones) → step level;
 *                 tree level = max (or min) of step levels → vulnerability; threat level =
 *                 min(entry point level, logical placement level of the target asset when the
 *                 target is a declared asset, raised to rules.lua's tree_target_floor);
 *                 matrix(threat × vulnerability, damage level).
 *   delta       — for each failing/warning required or recommended policy with ties: recompute
 *                 with that policy passing (its invalidations lifted, and its tied
 *                 countermeasures present on the assets its findings name); score = sum over
 *                 asset rows and trees of the drop in risk grade (A=5 … E=1); ranked by score,
 *                 then required before recommended, then policy id.
 */
#ifndef KYOJIN_RISK_H
#define KYOJIN_RISK_H

#include <stddef.h>
#include <stdio.h>
#include <cJSON.h>

typedef struct risk_tables risk_tables;

/* Load and validate every table from DIR (normally lua/kyojin/risk). Tables are Lua data files
   evaluated in the policies' sandbox (core/engine/sandbox.h) with an empty environment, text
   mode only (or the build's chunk of an unchanged file), with an instruction budget and a
   memory cap. On error returns -1, *out is NULL and err holds "file: message". Warnings (a
   non-monotonic matrix, a matrix that does not reproduce the seeds' cells, matrix.lua's
   anchors) are written to `warn` (may be NULL) as lines "file: warning: …". */
int risk_tables_load(const char *dir, risk_tables **out, char *err, size_t errlen, FILE *warn);
void risk_tables_free(risk_tables *t);

/* Compute the risk section (interfaces.md §8) for one declaration. `decl` is the parsed
   declaration (cJSON, field names of §1), `policies` the array of policy results of §5
   (each with id, level, status, countermeasures (the ties), findings[].pointer; may be NULL).
   `scenarios` may be NULL or a cJSON array of extra attack trees from a scenario file.
   Returns a new cJSON object or NULL with err set (e.g. an attack tree naming an unknown
   damage, entry point or countermeasure: "/attack_trees/0/damage: …"). Never modifies its
   inputs. */
cJSON *risk_compute(const risk_tables *t, const cJSON *decl, const cJSON *policies,
                    const cJSON *scenarios, char *err, size_t errlen);

/* Language ("ja", the default, or "en") of risk_compute's messages about attack trees,
   which declaration authors read. Table errors (for maintainers) are English. */
void risk_set_lang(const char *lang);

/* Precompiled chunks for the table files (core/engine/bundle.h; NULL, the default, compiles every
   file from its text). A table file is taken from the bundle only when its text is byte for
   byte the bundled source; the chunk runs under the same limits. Set before loading. */
struct bundle;
void risk_set_bundle(const struct bundle *b);

/* Small accessors used by tests and by the CLI. */
const char *risk_matrix_id(const risk_tables *t);
/* Risk value of the loaded matrix for threat × vulnerability `product` and importance or
   damage level `column`; 0 when the matrix has no such cell. */
char risk_matrix_value(const risk_tables *t, int product, int column);
/* RA-03: countermeasure level for a count of effective countermeasures, and the
   vulnerability level of a countermeasure level (rules.lua). */
int risk_countermeasure_level(const risk_tables *t, int effective_count);
int risk_vulnerability_level(const risk_tables *t, int countermeasure_level);
/* RA-05: the level of an attack tree from its steps' countermeasure levels. */
int risk_tree_level(const risk_tables *t, const int *step_levels, int nsteps);

/* Text: full sheets (`kyojin risk`) and the short summary appended to `kyojin check` text
   output. `decl_result` is one element of the result's "declarations" (with "risk").
   lang "ja" | "en". Return 0, or -1 on a write error. */
int risk_write_sheets(const cJSON *decl_result, const char *lang, FILE *out);
int risk_write_summary(const cJSON *decl_result, const char *lang, FILE *out);

#endif
