/* risk_internal.h — what the files of the risk module share (private to core/risk).
 *
 * Owns: the loaded tables (struct risk_tables and its records), the scoring context of one
 * declaration (risk_ctx and the records it holds), and the declarations of the functions one
 * file of the module calls in another: tables.c (loading and validating lua/kyojin/risk),
 * score.c (reading a declaration and its policy results, scoring rows and trees, ranking the
 * delta), risk_json.c (the risk section of the result), risk_text.c (the words of the
 * text sheets that come with the tables).
 * Does not own: the public API (risk.h) or the text output (risk_text.c, which otherwise reads
 * only the result document).
 */
#ifndef KYOJIN_RISK_INTERNAL_H
#define KYOJIN_RISK_INTERNAL_H

#include "risk/risk.h"
#include "util/cjson_cs.h"

#include <stdbool.h>
#include <stdint.h>

#define MAX_COUNTERMEASURES 64
/* Every level of the tables (threat, vulnerability, countermeasure, importance, damage,
   placement) is 1, 2 or 3; the matrix dimensions of matrix.lua must match. */
#define RISK_LEVELS         3
#define MAX_MATRIX_ROWS     (RISK_LEVELS * RISK_LEVELS)
#define MAX_MATRIX_COLS     RISK_LEVELS
#define MAX_SCALE           9 /* risk values on matrix.lua's scale */

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

typedef uint64_t cmset; /* one bit per countermeasure of the catalog */

enum { ST_INTRUSION, ST_OBJECTIVE, ST_DETECTION, ST_CONTINUITY, NSTAGES };
extern const char *const risk_stage_names[NSTAGES];

enum { BASIS_LOGICAL, BASIS_PHYSICAL, BASIS_FIXED };
extern const char *const risk_logical_names[3];
extern const char *const risk_physical_names[3];

enum {
    T_RULES,
    T_MATRIX,
    T_THREATS,
    T_APPLICABILITY,
    T_COUNTERMEASURES,
    T_TIES,
    T_CONTROLS,
    T_DAMAGES,
    T_ENTRIES,
    T_IMPORTANCE,
    NTABLES
};

typedef struct {
    const char *id, *ja, *en;
    int category;
} rt_cm;
typedef struct {
    const char *id, *ja, *en;
    const char *ex_ja, *ex_en; /* examples (具体例) */
    int level, basis;
    bool physical, boundary;
    const cJSON *kinds, *placements, *segments; /* applicability; NULL = any */
    const cJSON *except_data;                   /* not for assets holding these data */
    cmset stage[NSTAGES];
} rt_threat;
typedef struct {
    const char *id, *label, *ja, *en;
    int level;
} rt_damage;
/* one rule of controls.lua, its fields looked up once when the table is loaded */
typedef struct {
    const cJSON *all, *any, *kinds, *except_kinds, *segments;
    const char *each, *match, *match_segment;
    int cm;
} rt_control;
typedef struct {
    const char *id, *ja, *en;
    int threat_level;
} rt_entry;

struct risk_tables {
    cJSON *docs[NTABLES];
    /* kyojin.schema's enumerations the tables name: asset_kind, segment, data_class (lists of
       ids) and segment_asset (segment id → { ja, en }, the asset type of the text sheets) */
    cJSON *schema;
    /* rules.lua */
    int ncl, cl_min[8], cl_level[8];
    int vuln_of[4]; /* index 1..3 */
    bool counted[NSTAGES];
    bool tree_max;
    int logical[3], physical[3]; /* placement → level */
    bool boundary_reachable, mitigation_lifts, include_physical;
    int unpatched_level, safe_product;
    int tree_target_floor;
    const cJSON *oos_flags;      /* asset fields that put an asset outside the analysis */
    const char *oos_ja, *oos_en; /* and why */
    /* matrix.lua: the scale (highest risk first), rows sorted by product descending,
       columns ascending */
    const char *matrix_id;
    const cJSON *matrix_name;
    char scale[MAX_SCALE + 1];
    int nscale;
    int nrows, ncols, rows[MAX_MATRIX_ROWS], cols[MAX_MATRIX_COLS];
    char cells[MAX_MATRIX_ROWS][MAX_MATRIX_COLS];
    /* catalogs */
    rt_cm cms[MAX_COUNTERMEASURES];
    int ncms;
    rt_threat *threats;
    int nthreats;
    rt_damage *damages;
    int ndamages;
    rt_entry *entries;
    int nentries;
    const cJSON *controls;
    rt_control *ctl;
    int nctl;
    int imp_default;
    const char *imp_default_ja, *imp_default_en;   /* importance.lua default_reason */
    const char *imp_declared_ja, *imp_declared_en; /* and declared_reason */
    const cJSON *imp_rules;
};

/* tables.c ---------------------------------------------------------------------------- */

void risk_seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int risk_find_cm(const risk_tables *t, const char *id);
int risk_find_damage(const risk_tables *t, const char *id);
int risk_find_entry(const risk_tables *t, const char *id);
int risk_stage_index(const char *s);
bool risk_list_has(const cJSON *list, const char *s);
/* Grade of a risk value on the loaded scale: the lowest value 1, each higher one more;
   0 for 0 (no value) or a letter not on the scale. */
int risk_grade(const risk_tables *t, char value);

/* risk_text.c ------------------------------------------------------------------------- */

/* Keep a copy of segment_asset (segment id → { ja, en }) as the asset-type words of the text
   sheets, replacing the words of an earlier load (risk_tables_load calls it). Returns 0, or -1
   when out of memory (the earlier words are kept). */
int risk_text_set_segments(const cJSON *segment_asset);

/* score.c ----------------------------------------------------------------------------- */

typedef struct {
    const cJSON *obj;
    const char *id, *name, *kind, *segment, *logical_name, *physical_name;
    int importance;
    bool importance_declared;
    const cJSON *importance_rule; /* the importance.lua rule that applied; NULL: default */
    int logical, physical;        /* placement levels */
    cmset provided;
    bool unpatched;
    bool out_of_scope; /* rules.lua out_of_scope: listed, not scored */
} asset_info;

typedef struct {
    const char *id, *level, *status;
    bool failing;   /* status fail or warn: its ties stop counting */
    bool candidate; /* failing, required or recommended, with known ties: ranked in the delta */
    cmset tied;
    cmset *mask; /* per asset: countermeasures this policy invalidates */
    cmset *add;  /* per asset: countermeasures present if this policy passed */
    bool *lifts; /* per vulnerability: patched if this policy passed (a failing finding names
                     it and the policy is tied to patching for its asset's kind) */
} policy_info;

typedef struct {
    int asset, threat, threat_level;
    cmset cand_all, cand_counted;
} row_info;

typedef struct {
    const cJSON *obj;
    const char *source;
    char pointer[64];
    int damage, entry, threat_level, target_asset;
    bool *uses; /* per asset: named by the tree (via, base, target) */
    bool uses_any;
    int nsteps;
    cmset *step_cms, *step_counted;
} tree_info;

typedef struct {
    const risk_tables *t;
    const cJSON *decl;
    int nassets, npol, nrows, ntrees, nvulns;
    int maxsteps;    /* the most steps of any tree (at least 1) */
    int *vuln_asset; /* per entry of /vulnerabilities: the asset it keeps unpatched, or -1 */
    asset_info *assets;
    policy_info *pol;
    row_info *rows;
    tree_info *trees;
    cJSON *warnings;
    /* per asset, from the policies: the failing policies that invalidate something on it
     (fl[a * npol ..], nfl[a] of them, in policy order) and everything they invalidate */
    int *fl, *nfl;
    cmset *inval_all;
} risk_ctx;

typedef struct {
    int count, cm_level, vuln, product;
    char risk;
    bool override;
} score;

typedef struct {
    int level, vuln, product;
    char risk;
    bool override;
} tree_score;

typedef struct {
    int pol, score, required;
} delta_entry;

/* Read the declaration, the policy results and the attack trees (the declaration's, then
   the scenario file's) into c. Returns false with err set; call risk_ctx_free either way. */
bool risk_ctx_read(risk_ctx *c, const risk_tables *t, const cJSON *decl, const cJSON *policies,
                   const cJSON *scenarios, char *err, size_t errlen);
void risk_ctx_free(risk_ctx *c);

/* Scores with policy `skip` (or -1) treated as passing; score_tree writes each step's
   countermeasure level into step_levels (c->maxsteps entries). */
score risk_score_row(const risk_ctx *c, const row_info *r, int skip);
tree_score risk_score_tree(const risk_ctx *c, const tree_info *tr, int skip, int *step_levels);
/* Effective countermeasures of asset `a`, and the countermeasures invalidated for a tree,
   with policy `skip` (or -1) passing. */
cmset risk_effective_on(const risk_ctx *c, int a, int skip);
cmset risk_tree_invalid(const risk_ctx *c, const tree_info *tr, int skip);
int risk_popcount(cmset x);

/* The delta (risk.h): for each candidate policy, the sum of the grade drops over the rows and
   trees (current values base[0 .. nrows + ntrees)) when it alone passes; ranked by score,
   then required before recommended, then policy order. Fills de (c->npol entries) and
   returns how many; levels is scratch (c->maxsteps entries). */
int risk_delta_rank(const risk_ctx *c, const char *base, int *levels, delta_entry *de);

static inline const char *nz(const char *s)
{
    return s ? s : "";
}

#endif
