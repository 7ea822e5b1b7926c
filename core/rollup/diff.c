/*
 * diff.c — `kyojin diff OLD.json NEW.json`: what changed between two results.
 *
 * Declarations are matched by their file; findings by (policy id, JSON
 * pointer) within a declaration; risk values by (asset, threat) rows and by
 * attack-tree scenario. Reported: newly failing findings (fail, warn, error),
 * fixed findings, newly waived findings, expired waivers (waived before,
 * failing now), risk values that moved, declarations whose compliance changed,
 * declarations added or removed. Exit 1 when anything got worse (a newly
 * failing finding, an expired waiver, a worse risk value, lost compliance, a
 * declaration that no longer evaluates) so CI can gate on it.
 *
 * Both documents are streamed one declaration at a time and reduced to small
 * digests, so national results can be compared in bounded memory.
 */
#include "rollup/rollup.h"
#include "util/cjson_cs.h"
#include "util/atomic_out.h"

#include <stdlib.h>
#include <string.h>

/* ---- digests -------------------------------------------------------------
 * digest = { "file", "name", "code", "compliant", "error": bool,
 *            "f": { "<policy>\x1f<pointer>": {status, policy, pointer, line,
 *                                              column, message, waiver} },
 *            "r": { "<kind>\x1f<a>\x1f<b>": {kind, asset, threat, scenario, value} } }
 */

typedef struct {
    cJSON *list; /* array of digests in document order */
    cJSON *doc;  /* the header of the result being read: its catalog (rollup_policy_meta) */
} digest_set;

static int non_passing(const char *s)
{
    return strcmp(s, "fail") == 0 || strcmp(s, "warn") == 0 || strcmp(s, "error") == 0;
}

static void add_finding(cJSON *fmap, const cJSON *doc, const cJSON *p, const cJSON *f,
                        const char *status)
{
    const char *id = json_str_or(p, "id", "");
    const char *ptr = f ? json_str_or(f, "pointer", "") : "";
    size_t kl = strlen(id) + strlen(ptr) + 2;
    char *key = malloc(kl);
    if (!key) return;
    snprintf(key, kl, "%s\x1f%s", id, ptr);
    if (cJSON_GetObjectItemCaseSensitive(fmap, key)) {
        free(key);
        return;
    }
    cJSON *e = cJSON_CreateObject();
    cJSON_AddStringToObject(e, "status", status);
    cJSON_AddStringToObject(e, "policy", id);
    cJSON_AddStringToObject(e, "level", rollup_policy_meta_str(doc, p, "level", ""));
    cJSON_AddStringToObject(e, "pointer", ptr);
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(f, "line");
    const cJSON *col = cJSON_GetObjectItemCaseSensitive(f, "column");
    if (cJSON_IsNumber(line)) cJSON_AddNumberToObject(e, "line", line->valuedouble);
    if (cJSON_IsNumber(col)) cJSON_AddNumberToObject(e, "column", col->valuedouble);
    const cJSON *msg = f ? cJSON_GetObjectItemCaseSensitive(f, "message")
                         : cJSON_GetObjectItemCaseSensitive(p, "reason");
    if (!msg || cJSON_IsNull(msg)) msg = rollup_policy_meta(doc, p, "title");
    cJSON_AddItemToObject(e, "message", msg ? cJSON_Duplicate(msg, 1) : cJSON_CreateNull());
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(f, "waiver");
    if (w && !cJSON_IsNull(w)) cJSON_AddItemToObject(e, "waiver", cJSON_Duplicate(w, 1));
    cJSON_AddItemToObject(fmap, key, e);
    free(key);
}

static void add_risk(cJSON *rmap, const char *kind, const char *a, const char *b, const char *value)
{
    if (!value[0]) return;
    size_t kl = strlen(kind) + strlen(a) + strlen(b) + 3;
    char *key = malloc(kl);
    if (!key) return;
    snprintf(key, kl, "%s\x1f%s\x1f%s", kind, a, b);
    if (!cJSON_GetObjectItemCaseSensitive(rmap, key)) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "kind", kind);
        if (strcmp(kind, "asset") == 0) {
            cJSON_AddStringToObject(e, "asset", a);
            cJSON_AddStringToObject(e, "threat", b);
        } else {
            cJSON_AddStringToObject(e, "scenario", a);
        }
        cJSON_AddStringToObject(e, "value", value);
        cJSON_AddItemToObject(rmap, key, e);
    }
    free(key);
}

static int digest_decl(const cJSON *d, void *ctx)
{
    digest_set *set = ctx;
    cJSON *g = cJSON_CreateObject();
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(d, "body");
    cJSON_AddStringToObject(g, "file", json_str_or(d, "file", ""));
    cJSON_AddStringToObject(g, "name", json_str_or(body, "name", ""));
    cJSON_AddStringToObject(g, "code", json_str_or(body, "code", ""));
    cJSON_AddBoolToObject(g, "compliant", json_true(d, "compliant"));
    const cJSON *derr = cJSON_GetObjectItemCaseSensitive(d, "error");
    cJSON_AddBoolToObject(g, "error", derr && !cJSON_IsNull(derr));
    cJSON *fmap = cJSON_AddObjectToObject(g, "f");
    cJSON *rmap = cJSON_AddObjectToObject(g, "r");
    const cJSON *p, *f;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        int any = 0;
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
            const char *s = json_str_or(f, "status", "");
            if (strcmp(s, "fail") == 0 &&
                strcmp(rollup_policy_meta_str(set->doc, p, "level", ""), "recommended") == 0)
                s = "warn";
            if (non_passing(s) || strcmp(s, "waived") == 0) {
                add_finding(fmap, set->doc, p, f, s);
                any = 1;
            }
        }
        if (!any && strcmp(json_str_or(p, "status", ""), "error") == 0)
            add_finding(fmap, set->doc, p, NULL, "error");
    }
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(d, "risk");
    const cJSON *row;
    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(risk, "asset_rows"))
        add_risk(rmap, "asset", json_str_or(row, "asset", ""), json_str_or(row, "threat", ""),
                 json_str_or(row, "risk_value", ""));
    cJSON_ArrayForEach(row, cJSON_GetObjectItemCaseSensitive(risk, "attack_trees"))
        add_risk(rmap, "attack_tree", json_str_or(row, "scenario", ""), "",
                 json_str_or(row, "risk_value", ""));
    cJSON_AddItemToArray(set->list, g);
    return 0;
}

static const cJSON *find_decl(const cJSON *list, const char *file)
{
    const cJSON *g;
    cJSON_ArrayForEach(g, list)
        if (strcmp(json_str_or(g, "file", ""), file) == 0) return g;
    return NULL;
}

/* Risk values A (worst) … E (best) → 5 … 1; 0 when unknown. */
static int risk_rank(const char *v)
{
    if (v[0] >= 'A' && v[0] <= 'E' && v[1] == '\0') return 5 - (v[0] - 'A');
    return 0;
}

/* ---- comparison ----------------------------------------------------------- */

static cJSON *entry(const cJSON *g, const cJSON *e, const char *old_status, const char *new_status)
{
    cJSON *x = cJSON_CreateObject();
    cJSON_AddStringToObject(x, "file", json_str_or(g, "file", ""));
    cJSON_AddStringToObject(x, "body", json_str_or(g, "name", ""));
    cJSON_AddStringToObject(x, "code", json_str_or(g, "code", ""));
    cJSON_AddStringToObject(x, "policy", json_str_or(e, "policy", ""));
    cJSON_AddStringToObject(x, "level", json_str_or(e, "level", ""));
    cJSON_AddStringToObject(x, "pointer", json_str_or(e, "pointer", ""));
    if (old_status)
        cJSON_AddStringToObject(x, "old_status", old_status);
    else
        cJSON_AddNullToObject(x, "old_status");
    if (new_status)
        cJSON_AddStringToObject(x, "new_status", new_status);
    else
        cJSON_AddNullToObject(x, "new_status");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(e, "line");
    const cJSON *col = cJSON_GetObjectItemCaseSensitive(e, "column");
    if (cJSON_IsNumber(line)) cJSON_AddNumberToObject(x, "line", line->valuedouble);
    if (cJSON_IsNumber(col)) cJSON_AddNumberToObject(x, "column", col->valuedouble);
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(e, "message");
    cJSON_AddItemToObject(x, "message", m ? cJSON_Duplicate(m, 1) : cJSON_CreateNull());
    const cJSON *w = cJSON_GetObjectItemCaseSensitive(e, "waiver");
    if (w) cJSON_AddItemToObject(x, "waiver", cJSON_Duplicate(w, 1));
    return x;
}

static void compare_decl(const cJSON *og, const cJSON *ng, cJSON *out)
{
    cJSON *newly = cJSON_GetObjectItemCaseSensitive(out, "newly_failing");
    cJSON *fixed = cJSON_GetObjectItemCaseSensitive(out, "fixed");
    cJSON *waived = cJSON_GetObjectItemCaseSensitive(out, "newly_waived");
    cJSON *expired = cJSON_GetObjectItemCaseSensitive(out, "expired_waivers");
    cJSON *risk = cJSON_GetObjectItemCaseSensitive(out, "risk");
    cJSON *comp = cJSON_GetObjectItemCaseSensitive(out, "compliance");
    cJSON *errs = cJSON_GetObjectItemCaseSensitive(out, "declaration_errors");
    const cJSON *ofm = cJSON_GetObjectItemCaseSensitive(og, "f");
    const cJSON *nfm = cJSON_GetObjectItemCaseSensitive(ng, "f");
    const cJSON *e;

    int oerr = json_true(og, "error");
    int nerr = json_true(ng, "error");
    if (nerr && !oerr) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "file", json_str_or(ng, "file", ""));
        cJSON_AddStringToObject(x, "body", json_str_or(og, "name", ""));
        cJSON_AddItemToArray(errs, x);
    }
    if (oerr || nerr) return; /* nothing to compare finding by finding */

    cJSON_ArrayForEach(e, nfm) {
        const char *ns = json_str_or(e, "status", "");
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(ofm, e->string);
        const char *os = o ? json_str_or(o, "status", "") : NULL;
        if (non_passing(ns)) {
            if (os && strcmp(os, "waived") == 0)
                cJSON_AddItemToArray(expired, entry(ng, o, os, ns));
            else if (!os)
                cJSON_AddItemToArray(newly, entry(ng, e, NULL, ns));
        } else if (strcmp(ns, "waived") == 0) {
            if (!os || strcmp(os, "waived") != 0)
                cJSON_AddItemToArray(waived, entry(ng, e, os, ns));
        }
    }
    cJSON_ArrayForEach(e, ofm) {
        const char *os = json_str_or(e, "status", "");
        if (!non_passing(os)) continue;
        if (!cJSON_GetObjectItemCaseSensitive(nfm, e->string))
            cJSON_AddItemToArray(fixed, entry(ng, e, os, NULL));
    }

    const cJSON *orm = cJSON_GetObjectItemCaseSensitive(og, "r");
    const cJSON *nrm = cJSON_GetObjectItemCaseSensitive(ng, "r");
    cJSON_ArrayForEach(e, nrm) {
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(orm, e->string);
        if (!o) continue;
        const char *ov = json_str_or(o, "value", ""), *nv = json_str_or(e, "value", "");
        if (strcmp(ov, nv) == 0) continue;
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "file", json_str_or(ng, "file", ""));
        cJSON_AddStringToObject(x, "body", json_str_or(ng, "name", ""));
        cJSON_AddStringToObject(x, "kind", json_str_or(e, "kind", ""));
        if (strcmp(json_str_or(e, "kind", ""), "asset") == 0) {
            cJSON_AddStringToObject(x, "asset", json_str_or(e, "asset", ""));
            cJSON_AddStringToObject(x, "threat", json_str_or(e, "threat", ""));
        } else {
            cJSON_AddStringToObject(x, "scenario", json_str_or(e, "scenario", ""));
        }
        cJSON_AddStringToObject(x, "from", ov);
        cJSON_AddStringToObject(x, "to", nv);
        cJSON_AddStringToObject(x, "direction", risk_rank(nv) > risk_rank(ov) ? "worse" : "better");
        cJSON_AddItemToArray(risk, x);
    }

    int oc = json_true(og, "compliant");
    int nc = json_true(ng, "compliant");
    if (oc != nc) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "file", json_str_or(ng, "file", ""));
        cJSON_AddStringToObject(x, "body", json_str_or(ng, "name", ""));
        cJSON_AddBoolToObject(x, "from", oc);
        cJSON_AddBoolToObject(x, "to", nc);
        cJSON_AddItemToArray(comp, x);
    }
}

static int count_dir(const cJSON *arr, const char *key, const char *want)
{
    int n = 0;
    const cJSON *x;
    cJSON_ArrayForEach(x, arr) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(x, key);
        if (cJSON_IsString(v)
                ? strcmp(v->valuestring, want) == 0
                : (cJSON_IsBool(v) && (cJSON_IsTrue(v) == (strcmp(want, "true") == 0))))
            n++;
    }
    return n;
}

/* Compare two digest lists into a diff document (kyojin/diff/v1). */
static cJSON *diff_digests(const cJSON *old_list, const cJSON *new_list, const char *old_path,
                           const char *new_path)
{
    cJSON *out = cJSON_CreateObject();
    cJSON_AddStringToObject(out, "schema", "kyojin/diff/v1");
    cJSON_AddStringToObject(out, "old", old_path);
    cJSON_AddStringToObject(out, "new", new_path);
    cJSON *counts = cJSON_AddObjectToObject(out, "counts");
    static const char *const lists[] = {"newly_failing",      "fixed", "newly_waived",
                                        "expired_waivers",    "risk",  "compliance",
                                        "declaration_errors", "added", "removed"};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        cJSON_AddArrayToObject(out, lists[i]);

    const cJSON *g;
    cJSON_ArrayForEach(g, new_list) {
        const cJSON *o = find_decl(old_list, json_str_or(g, "file", ""));
        if (o)
            compare_decl(o, g, out);
        else
            cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(out, "added"),
                                 cJSON_CreateString(json_str_or(g, "file", "")));
    }
    cJSON_ArrayForEach(g, old_list)
        if (!find_decl(new_list, json_str_or(g, "file", "")))
            cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(out, "removed"),
                                 cJSON_CreateString(json_str_or(g, "file", "")));

    int n_new = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(out, "newly_failing"));
    int n_exp = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(out, "expired_waivers"));
    int n_err = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(out, "declaration_errors"));
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(out, "risk");
    const cJSON *comp = cJSON_GetObjectItemCaseSensitive(out, "compliance");
    int r_worse = count_dir(risk, "direction", "worse");
    int c_lost = count_dir(comp, "to", "false");
    cJSON_AddNumberToObject(counts, "newly_failing", n_new);
    cJSON_AddNumberToObject(counts, "fixed",
                            cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(out, "fixed")));
    cJSON_AddNumberToObject(
        counts, "newly_waived",
        cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(out, "newly_waived")));
    cJSON_AddNumberToObject(counts, "expired_waivers", n_exp);
    cJSON_AddNumberToObject(counts, "risk_worse", r_worse);
    cJSON_AddNumberToObject(counts, "risk_better", cJSON_GetArraySize(risk) - r_worse);
    cJSON_AddNumberToObject(counts, "compliance_lost", c_lost);
    cJSON_AddNumberToObject(counts, "compliance_gained", cJSON_GetArraySize(comp) - c_lost);
    cJSON_AddNumberToObject(counts, "declaration_errors", n_err);
    cJSON_AddNumberToObject(counts, "added",
                            cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(out, "added")));
    cJSON_AddNumberToObject(counts, "removed",
                            cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(out, "removed")));
    cJSON_AddBoolToObject(out, "worse", n_new || n_exp || n_err || r_worse || c_lost);
    return out;
}

/* ---- text output ------------------------------------------------------------ */

static void text_findings(FILE *out, const char *heading, const cJSON *arr, const char *lang)
{
    fprintf(out, "%s: %d\n", heading, cJSON_GetArraySize(arr));
    const cJSON *x;
    cJSON_ArrayForEach(x, arr) {
        const char *os = json_str_or(x, "old_status", ""), *ns = json_str_or(x, "new_status", "");
        fprintf(out, "  %s  %s %s", json_str_or(x, "file", ""), json_str_or(x, "policy", ""),
                json_str_or(x, "pointer", "")[0] ? json_str_or(x, "pointer", "") : "/");
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(x, "line");
        const cJSON *col = cJSON_GetObjectItemCaseSensitive(x, "column");
        if (cJSON_IsNumber(line))
            fprintf(out, " (%d:%d)", line->valueint, cJSON_IsNumber(col) ? col->valueint : 1);
        fprintf(out, "  %s → %s", os[0] ? rollup_status_word(os, lang) : "-",
                ns[0] ? rollup_status_word(ns, lang) : "-");
        const char *m = rollup_text(cJSON_GetObjectItemCaseSensitive(x, "message"), lang);
        if (m[0]) fprintf(out, "  %s", m);
        fputc('\n', out);
    }
}

static void write_text(FILE *out, const cJSON *d, const char *lang)
{
    int en = lang && strcmp(lang, "en") == 0;
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(d, "counts");
    fprintf(out, "%s: %s → %s\n", en ? "Comparing" : "比較", json_str_or(d, "old", ""),
            json_str_or(d, "new", ""));
    text_findings(out, en ? "Newly failing" : "新たな不適合・推奨未達・評価エラー",
                  cJSON_GetObjectItemCaseSensitive(d, "newly_failing"), lang);
    text_findings(out, en ? "Fixed" : "解消", cJSON_GetObjectItemCaseSensitive(d, "fixed"), lang);
    text_findings(out, en ? "Newly waived" : "新たな例外承認",
                  cJSON_GetObjectItemCaseSensitive(d, "newly_waived"), lang);
    text_findings(out, en ? "Expired waivers" : "期限切れ・取消しの例外承認",
                  cJSON_GetObjectItemCaseSensitive(d, "expired_waivers"), lang);
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(d, "risk");
    fprintf(out, "%s: %d (%s %d, %s %d)\n", en ? "Risk values moved" : "リスク値の変化",
            cJSON_GetArraySize(risk), en ? "worse" : "悪化",
            cJSON_GetObjectItemCaseSensitive(c, "risk_worse")->valueint, en ? "better" : "改善",
            cJSON_GetObjectItemCaseSensitive(c, "risk_better")->valueint);
    const cJSON *x;
    cJSON_ArrayForEach(x, risk) {
        if (strcmp(json_str_or(x, "kind", ""), "asset") == 0)
            fprintf(out, "  %s  %s / %s  %s → %s\n", json_str_or(x, "file", ""),
                    json_str_or(x, "asset", ""), json_str_or(x, "threat", ""),
                    json_str_or(x, "from", ""), json_str_or(x, "to", ""));
        else
            fprintf(out, "  %s  %s %s  %s → %s\n", json_str_or(x, "file", ""),
                    en ? "attack tree" : "攻撃ツリー", json_str_or(x, "scenario", ""),
                    json_str_or(x, "from", ""), json_str_or(x, "to", ""));
    }
    const cJSON *comp = cJSON_GetObjectItemCaseSensitive(d, "compliance");
    fprintf(out, "%s: %d\n", en ? "Compliance changed" : "準拠の変化", cJSON_GetArraySize(comp));
    cJSON_ArrayForEach(x, comp) {
        int from = json_true(x, "from");
        int to = json_true(x, "to");
        fprintf(out, "  %s  %s → %s\n", json_str_or(x, "file", ""),
                from ? (en ? "compliant" : "準拠") : (en ? "not compliant" : "非準拠"),
                to ? (en ? "compliant" : "準拠") : (en ? "not compliant" : "非準拠"));
    }
    const cJSON *errs = cJSON_GetObjectItemCaseSensitive(d, "declaration_errors");
    if (cJSON_GetArraySize(errs)) {
        fprintf(out, "%s: %d\n", en ? "Declarations no longer evaluated" : "評価できなくなった申告",
                cJSON_GetArraySize(errs));
        cJSON_ArrayForEach(x, errs) fprintf(out, "  %s\n", json_str_or(x, "file", ""));
    }
    fprintf(out, "%s: %d, %s: %d\n", en ? "Declarations added" : "追加された申告",
            cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d, "added")),
            en ? "removed" : "削除された申告",
            cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(d, "removed")));
    int worse = json_true(d, "worse");
    fprintf(out, "%s\n",
            worse ? (en ? "Result: something got worse" : "判定: 悪化あり")
                  : (en ? "Result: nothing got worse" : "判定: 悪化なし"));
}

/* ---- command ---------------------------------------------------------------- */

int cmd_diff(const rollup_args *a)
{
    const char *format = a->format ? a->format : "text", *lang = a->lang ? a->lang : "ja";
    const char *output = a->output;
    int en = strcmp(lang, "en") == 0;
    if (a->ninputs != 2) {
        fputs(en ? "kyojin diff: expects exactly two result files (OLD.json NEW.json)\n"
                   "(see kyojin diff --help)\n"
                 : "kyojin diff: 結果ファイルをちょうど二つ（旧.json 新.json）指定してください\n"
                   "（kyojin diff --help を参照）\n",
              stderr);
        return ROLLUP_EXIT_USAGE;
    }
    const char *paths[2] = {a->inputs[0], a->inputs[1]};
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        fprintf(stderr,
                en ? "kyojin diff: unknown format \"%s\" (text, json)\n"
                   : "kyojin diff: 不明な出力形式です: %s（使える形式: text, json）\n",
                format);
        return ROLLUP_EXIT_USAGE;
    }

    char err[512];
    digest_set od = {cJSON_CreateArray(), NULL}, nd = {cJSON_CreateArray(), NULL};
    int rc = ROLLUP_EXIT_INPUT;
    cJSON *out = NULL;
    if (rollup_each_declaration(paths[0], digest_decl, &od, &od.doc, lang, err, sizeof err) != 0 ||
        rollup_each_declaration(paths[1], digest_decl, &nd, &nd.doc, lang, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin diff: %s\n", err);
        goto done;
    }
    out = diff_digests(od.list, nd.list, paths[0], paths[1]);
    atomic_out o;
    if (atomic_out_open(&o, output, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin diff: %s\n", err);
        rc = ROLLUP_EXIT_OUTPUT;
        goto done;
    }
    if (strcmp(format, "json") == 0) {
        char *s = cJSON_Print(out);
        if (s) {
            fputs(s, o.fp);
            fputc('\n', o.fp);
            free(s);
        }
    } else {
        write_text(o.fp, out, lang);
    }
    if (atomic_out_commit(&o, err, sizeof err) != 0) {
        fprintf(stderr, "kyojin diff: %s\n", err);
        rc = ROLLUP_EXIT_OUTPUT;
        goto done;
    }
    rc = json_true(out, "worse") ? ROLLUP_EXIT_FINDINGS : ROLLUP_EXIT_OK;
done:
    cJSON_Delete(out);
    cJSON_Delete(od.list);
    cJSON_Delete(nd.list);
    cJSON_Delete(od.doc);
    cJSON_Delete(nd.doc);
    return rc;
}
