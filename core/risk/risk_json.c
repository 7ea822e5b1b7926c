/* risk_json.c — the risk section of a declaration result (docs/dev/interfaces.md §8).
 *
 * Owns: risk_compute (risk.h): running the scoring of score.c over one declaration and
 * building its risk section: the matrix and rules used, the asset rows, the attack trees,
 * the counts per risk value (in the order of matrix.lua's scale) and the delta ranking with
 * each policy's improvements.
 * Does not own: loading the tables (tables.c), scoring (score.c), text output
 * (risk_text.c).
 */
#include "risk/risk_internal.h"
#include "util/cjson_cs.h"

#include <stdlib.h>
#include <string.h>

/* Members of the risk section are added under constant keys (add_cs, add_str, …: cjson_cs.h). */

static cJSON *names_json(const char *ja, const char *en)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "ja", ja);
    add_str(o, "en", en);
    return o;
}

static cJSON *string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *risk_string(char r)
{
    char s[2] = {r, '\0'};
    return r ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *matrix_json(const risk_tables *t)
{
    cJSON *m = cJSON_CreateObject();
    add_str(m, "id", t->matrix_id);
    add_cs(m, "name", cJSON_Duplicate(t->matrix_name, 1));
    add_cs(m, "rows", cJSON_CreateIntArray(t->rows, t->nrows));
    add_cs(m, "columns", cJSON_CreateIntArray(t->cols, t->ncols));
    cJSON *cells = add_arr(m, "cells");
    for (int r = 0; r < t->nrows; r++) {
        cJSON *row = cJSON_CreateArray();
        for (int k = 0; k < t->ncols; k++) cJSON_AddItemToArray(row, risk_string(t->cells[r][k]));
        cJSON_AddItemToArray(cells, row);
    }
    return m;
}

static cJSON *rules_json(const risk_tables *t)
{
    cJSON *r = cJSON_CreateObject();
    cJSON *cs = add_arr(r, "counted_stages");
    for (int s = 0; s < NSTAGES; s++)
        if (t->counted[s]) cJSON_AddItemToArray(cs, cJSON_CreateString(risk_stage_names[s]));
    add_str(r, "tree_level", t->tree_max ? "max" : "min");
    add_num(r, "unpatched_vulnerability_level", t->unpatched_level);
    add_bool(r, "include_physical_threats", t->include_physical);
    add_num(r, "safe_product", t->safe_product);
    add_num(r, "tree_target_floor", t->tree_target_floor);
    return r;
}

/* Policies (failing, not `skip`) that invalidate countermeasure k on the assets in `on`
   (NULL = asset `a` only). */
static cJSON *invalidated_by(const risk_ctx *c, int k, int a, const tree_info *tr)
{
    cJSON *arr = cJSON_CreateArray();
    if (!tr) { /* asset `a` only: its failing policies, in policy order */
        const int *fl = c->fl + (size_t)a * (size_t)(c->npol ? c->npol : 1);
        for (int i = 0; i < c->nfl[a]; i++)
            if (c->pol[fl[i]].mask[a] >> k & 1)
                cJSON_AddItemToArray(arr, cJSON_CreateString(nz(c->pol[fl[i]].id)));
        return arr;
    }
    for (int p = 0; p < c->npol; p++) {
        if (!c->pol[p].failing) continue;
        bool hit = false;
        if (tr) {
            for (int x = 0; x < c->nassets && !hit; x++)
                if ((!tr->uses_any || tr->uses[x]) && (c->pol[p].mask[x] >> k & 1)) hit = true;
        } else {
            hit = c->pol[p].mask[a] >> k & 1;
        }
        if (hit) cJSON_AddItemToArray(arr, cJSON_CreateString(nz(c->pol[p].id)));
    }
    return arr;
}

/* Why the asset has its importance: declared, the importance.lua rule that applied, or the
   default (RA-01). */
static cJSON *importance_reason(const risk_tables *t, const asset_info *a)
{
    if (a->importance_declared) return names_json(t->imp_declared_ja, t->imp_declared_en);
    if (!a->importance_rule) return names_json(t->imp_default_ja, t->imp_default_en);
    const cJSON *r = json_get(a->importance_rule, "reason");
    return names_json(json_str(r, "ja"), json_str(r, "en"));
}

/* The assets outside the analysis (rules.lua out_of_scope): listed, not scored. */
static cJSON *out_of_scope_json(const risk_ctx *c)
{
    const risk_tables *t = c->t;
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; i < c->nassets; i++) {
        const asset_info *a = &c->assets[i];
        if (!a->out_of_scope) continue;
        char ptr[32];
        snprintf(ptr, sizeof ptr, "/assets/%d", i);
        cJSON *o = cJSON_CreateObject();
        add_cs(o, "asset", string_or_null(a->id));
        add_cs(o, "asset_name", string_or_null(a->name));
        add_cs(o, "asset_kind", string_or_null(a->kind));
        add_cs(o, "segment", string_or_null(a->segment));
        add_str(o, "pointer", ptr);
        add_cs(o, "reason", names_json(t->oos_ja, t->oos_en));
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

static cJSON *row_json(const risk_ctx *c, int no, const row_info *r, score s)
{
    const risk_tables *t = c->t;
    const asset_info *a = &c->assets[r->asset];
    const rt_threat *th = &t->threats[r->threat];
    cJSON *o = cJSON_CreateObject();
    char ptr[32];
    snprintf(ptr, sizeof ptr, "/assets/%d", r->asset);
    add_num(o, "no", no);
    add_cs(o, "asset", string_or_null(a->id));
    add_cs(o, "asset_name", string_or_null(a->name));
    add_cs(o, "asset_kind", string_or_null(a->kind));
    add_cs(o, "segment", string_or_null(a->segment));
    add_str(o, "pointer", ptr);
    add_str(o, "threat", th->id);
    add_cs(o, "threat_name", names_json(th->ja, th->en));
    add_num(o, "threat_level", r->threat_level);
    add_cs(o, "threat_examples", names_json(th->ex_ja, th->ex_en));
    add_num(o, "importance", a->importance);
    add_str(o, "importance_source", a->importance_declared ? "declared" : "derived");
    add_cs(o, "importance_reason", importance_reason(t, a));
    cJSON *cms = add_arr(o, "countermeasures");
    cJSON *missing = add_arr(o, "missing");
    cJSON *absent = add_arr(o, "absent");
    cmset eff = risk_effective_on(c, r->asset, -1);
    for (int k = 0; k < t->ncms; k++) {
        cmset bit = (cmset)1 << k;
        if (!(r->cand_all & bit)) continue;
        bool provided = (a->provided & bit) != 0;
        if (!provided) cJSON_AddItemToArray(missing, cJSON_CreateString(t->cms[k].id));
        /* a candidate in place (○ or ×) or absent: the same record, in its own list */
        cJSON *e = cJSON_CreateObject();
        add_str(e, "id", t->cms[k].id);
        add_cs(e, "name", names_json(t->cms[k].ja, t->cms[k].en));
        cJSON *stages = add_arr(e, "stages");
        for (int st = 0; st < NSTAGES; st++)
            if (th->stage[st] & bit)
                cJSON_AddItemToArray(stages, cJSON_CreateString(risk_stage_names[st]));
        add_bool(e, "counted", (r->cand_counted & bit) != 0);
        if (provided) {
            add_bool(e, "effective", (eff & bit) != 0);
            add_cs(e, "invalidated_by", invalidated_by(c, k, r->asset, NULL));
        }
        cJSON_AddItemToArray(provided ? cms : absent, e);
    }
    add_num(o, "effective_count", s.count);
    add_num(o, "countermeasure_level", s.cm_level);
    add_num(o, "vulnerability_level", s.vuln);
    add_num(o, "threat_x_vulnerability", s.product);
    add_cs(o, "risk_value", risk_string(s.risk));
    /* a row forced to the unpatched level is not one where the countermeasures work */
    add_bool(o, "countermeasures_work", s.product <= t->safe_product && !s.override);
    add_bool(o, "unpatched_override", s.override);
    if (s.override) {
        cJSON *cves = add_arr(o, "unpatched");
        const cJSON *vulns = json_get(c->decl, "vulnerabilities");
        for (int v = 0; v < c->nvulns; v++)
            if (c->vuln_asset[v] == r->asset)
                cJSON_AddItemToArray(cves,
                                     string_or_null(json_str(cJSON_GetArrayItem(vulns, v), "cve")));
    }
    return o;
}

static cJSON *tree_json(const risk_ctx *c, int no, const tree_info *tr, tree_score ts,
                        const int *step_levels)
{
    const risk_tables *t = c->t;
    const cJSON *obj = tr->obj;
    const rt_damage *d = &t->damages[tr->damage];
    const rt_entry *e = &t->entries[tr->entry];
    cJSON *o = cJSON_CreateObject();
    add_num(o, "no", no);
    add_str(o, "scenario", json_str(obj, "id"));
    add_str(o, "source", tr->source);
    add_str(o, "pointer", tr->pointer);
    add_cs(o, "attacker", string_or_null(json_str(obj, "attacker")));
    add_cs(o, "route", string_or_null(json_str(obj, "route")));
    add_str(o, "entry", e->id);
    add_cs(o, "entry_name", names_json(e->ja, e->en));
    const cJSON *via = json_get(obj, "via");
    add_cs(o, "via", via ? cJSON_Duplicate(via, 1) : cJSON_CreateArray());
    add_cs(o, "base", string_or_null(json_str(obj, "base")));
    add_cs(o, "target", string_or_null(json_str(obj, "target")));
    add_cs(o, "final_attack", string_or_null(json_str(obj, "final_attack")));
    add_str(o, "damage", d->id);
    add_str(o, "damage_label", d->label);
    add_cs(o, "damage_name", names_json(d->ja, d->en));
    add_num(o, "damage_level", d->level);
    add_num(o, "threat_level", tr->threat_level);
    cmset inval = risk_tree_invalid(c, tr, -1);
    cJSON *steps = add_arr(o, "steps");
    const cJSON *st;
    int si = 0;
    cJSON_ArrayForEach(st, json_get(obj, "steps")) {
        cJSON *so = cJSON_CreateObject();
        add_num(so, "no", si + 1);
        add_str(so, "name", json_str(st, "name"));
        cJSON *cms = add_arr(so, "countermeasures");
        const cJSON *cm;
        cJSON_ArrayForEach(cm, json_get(st, "countermeasures")) {
            const char *cid = cJSON_IsString(cm) ? cm->valuestring : json_str(cm, "id");
            int k = risk_find_cm(t, cid);
            const char *sn = cJSON_IsObject(cm) ? json_str(cm, "stage") : NULL;
            int stage = sn ? risk_stage_index(sn) : t->cms[k].category;
            cJSON *ce = cJSON_CreateObject();
            add_str(ce, "id", t->cms[k].id);
            add_cs(ce, "name", names_json(t->cms[k].ja, t->cms[k].en));
            add_str(ce, "stage", risk_stage_names[stage]);
            add_bool(ce, "counted", t->counted[stage]);
            add_bool(ce, "effective", !(inval >> k & 1));
            add_cs(ce, "invalidated_by", invalidated_by(c, k, -1, tr));
            cJSON_AddItemToArray(cms, ce);
        }
        add_num(so, "effective_count", risk_popcount(tr->step_counted[si] & ~inval));
        add_num(so, "countermeasure_level", step_levels[si]);
        cJSON_AddItemToArray(steps, so);
        si++;
    }
    add_num(o, "countermeasure_level", ts.level);
    add_num(o, "vulnerability_level", ts.vuln);
    add_num(o, "threat_x_vulnerability", ts.product);
    add_cs(o, "risk_value", risk_string(ts.risk));
    add_bool(o, "countermeasures_work", ts.product <= t->safe_product);
    add_bool(o, "unpatched_override", ts.override);
    return o;
}

/* The number of values of each risk value of the scale (keys in scale order). */
static cJSON *counts_json(const risk_tables *t, const char *values, int n)
{
    cJSON *o = cJSON_CreateObject();
    for (int k = 0; k < t->nscale; k++) {
        int cnt = 0;
        for (int i = 0; i < n; i++)
            if (values[i] == t->scale[k]) cnt++;
        char key[2] = {t->scale[k], '\0'};
        cJSON_AddNumberToObject(o, key, cnt);
    }
    return o;
}

static cJSON *delta_json(const risk_ctx *c, const char *base, int *levels, const delta_entry *de,
                         int rank)
{
    const risk_tables *t = c->t;
    const policy_info *pi = &c->pol[de->pol];
    cJSON *o = cJSON_CreateObject();
    add_cs(o, "policy", string_or_null(pi->id));
    add_cs(o, "level", string_or_null(pi->level));
    add_cs(o, "status", string_or_null(pi->status));
    add_num(o, "rank", rank);
    add_num(o, "score", de->score);
    cJSON *ties = add_arr(o, "countermeasures");
    for (int k = 0; k < t->ncms; k++)
        if (pi->tied >> k & 1) cJSON_AddItemToArray(ties, cJSON_CreateString(t->cms[k].id));
    cJSON *imp = add_arr(o, "improvements");
    for (int i = 0; i < c->nrows; i++) {
        char to = risk_score_row(c, &c->rows[i], de->pol).risk;
        if (risk_grade(t, to) >= risk_grade(t, base[i])) continue;
        const asset_info *a = &c->assets[c->rows[i].asset];
        const rt_threat *th = &t->threats[c->rows[i].threat];
        cJSON *e = cJSON_CreateObject();
        add_num(e, "no", i + 1);
        add_cs(e, "asset", string_or_null(a->id));
        add_cs(e, "asset_name", string_or_null(a->name));
        add_str(e, "threat", th->id);
        add_cs(e, "threat_name", names_json(th->ja, th->en));
        add_cs(e, "from", risk_string(base[i]));
        add_cs(e, "to", risk_string(to));
        cJSON_AddItemToArray(imp, e);
    }
    for (int i = 0; i < c->ntrees; i++) {
        char to = risk_score_tree(c, &c->trees[i], de->pol, levels).risk;
        if (risk_grade(t, to) >= risk_grade(t, base[c->nrows + i])) continue;
        cJSON *e = cJSON_CreateObject();
        add_num(e, "tree", i + 1);
        add_str(e, "scenario", json_str(c->trees[i].obj, "id"));
        add_cs(e, "from", risk_string(base[c->nrows + i]));
        add_cs(e, "to", risk_string(to));
        cJSON_AddItemToArray(imp, e);
    }
    return o;
}

cJSON *risk_compute(const risk_tables *t, const cJSON *decl, const cJSON *policies,
                    const cJSON *scenarios, char *err, size_t errlen)
{
    risk_ctx c;
    cJSON *out = NULL;
    char *base = NULL;
    int *levels = NULL;
    delta_entry *de = NULL;
    if (!risk_ctx_read(&c, t, decl, policies, scenarios, err, errlen)) goto done;
    int nall = c.nrows + c.ntrees;
    base = calloc((size_t)nall + 1, 1);
    levels = calloc((size_t)c.maxsteps, sizeof *levels);
    de = calloc(c.npol ? (size_t)c.npol : 1, sizeof *de);
    if (!base || !levels || !de) {
        risk_seterr(err, errlen, "risk: out of memory");
        goto done;
    }

    out = cJSON_CreateObject();
    add_cs(out, "matrix", matrix_json(t));
    add_cs(out, "rules", rules_json(t));
    cJSON *rows = add_arr(out, "asset_rows");
    for (int i = 0; i < c.nrows; i++) {
        score s = risk_score_row(&c, &c.rows[i], -1);
        base[i] = s.risk;
        cJSON_AddItemToArray(rows, row_json(&c, i + 1, &c.rows[i], s));
    }
    add_cs(out, "out_of_scope", out_of_scope_json(&c));
    cJSON *trees = add_arr(out, "attack_trees");
    for (int i = 0; i < c.ntrees; i++) {
        tree_score ts = risk_score_tree(&c, &c.trees[i], -1, levels);
        base[c.nrows + i] = ts.risk;
        cJSON_AddItemToArray(trees, tree_json(&c, i + 1, &c.trees[i], ts, levels));
    }
    add_cs(out, "counts", counts_json(t, base, c.nrows));
    add_cs(out, "tree_counts", counts_json(t, base + c.nrows, c.ntrees));
    int nde = risk_delta_rank(&c, base, levels, de);
    cJSON *delta = add_arr(out, "delta");
    for (int d = 0; d < nde; d++)
        cJSON_AddItemToArray(delta, delta_json(&c, base, levels, &de[d], d + 1));
    add_cs(out, "warnings", c.warnings);
    c.warnings = NULL;
done:
    free(base);
    free(levels);
    free(de);
    risk_ctx_free(&c);
    return out;
}
