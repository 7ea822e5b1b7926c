/*
 * baseline.c — `kyojin check --baseline RESULT.json`: report only what is new.
 *
 * A finding is known when the baseline result has a non-passing finding
 * (fail, warn, error) with the same key (declaration file, policy id, JSON
 * pointer of the subject); a policy that errored without findings is keyed
 * with the empty pointer. Known findings are dropped from the result; each
 * policy's status, each declaration's counts and `compliant` are recomputed
 * from what remains, and the document records the filter in "baseline".
 *
 * It does not evaluate anything and never adds findings.
 */
#include "rollup/rollup.h"
#include "util/cjson_cs.h"
#include "util/strutil.h"

#include <stdlib.h>
#include <string.h>

/* A sorted array of "file\x1Fpolicy\x1Fpointer" keys. */
typedef strvec keyset;

static char *make_key(const char *file, const char *policy, const char *pointer)
{
    size_t l = strlen(file) + strlen(policy) + strlen(pointer) + 3;
    char *k = malloc(l);
    if (k) snprintf(k, l, "%s\x1f%s\x1f%s", file, policy, pointer);
    return k;
}

static int keyset_has(const keyset *s, const char *k)
{
    return s->n && bsearch(&k, s->v, s->n, sizeof *s->v, str_cmp_ptr) != NULL;
}

static int non_passing(const char *status)
{
    return strcmp(status, "fail") == 0 || strcmp(status, "warn") == 0 ||
           strcmp(status, "error") == 0;
}

/* Move one policy between the status counts of a declaration result. */
static void adjust_count(cJSON *decl, const char *status, int delta)
{
    cJSON *counts = cJSON_GetObjectItemCaseSensitive(decl, "counts");
    cJSON *c = cJSON_GetObjectItemCaseSensitive(counts, status);
    if (cJSON_IsNumber(c)) cJSON_SetNumberValue(c, c->valuedouble + delta);
}

/* The status of a policy after filtering, from its remaining findings. */
static const char *recompute_status(const cJSON *p)
{
    int fail = 0, warn = 0, waived = 0;
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
        const char *s = json_str_or(f, "status", "");
        if (strcmp(s, "fail") == 0)
            fail = 1;
        else if (strcmp(s, "warn") == 0)
            warn = 1;
        else if (strcmp(s, "waived") == 0)
            waived = 1;
        else if (strcmp(s, "error") == 0)
            return "error";
    }
    if (fail) return strcmp(json_str_or(p, "level", ""), "recommended") == 0 ? "warn" : "fail";
    if (warn) return "warn";
    (void)waived;
    return "pass";
}

static void set_string(cJSON *obj, const char *key, const char *value)
{
    cJSON *v = cJSON_CreateString(value);
    if (cJSON_GetObjectItemCaseSensitive(obj, key))
        cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
    else
        cJSON_AddItemToObject(obj, key, v);
}

static void set_item(cJSON *obj, const char *key, cJSON *v)
{
    if (cJSON_GetObjectItemCaseSensitive(obj, key))
        cJSON_ReplaceItemInObjectCaseSensitive(obj, key, v);
    else
        cJSON_AddItemToObject(obj, key, v);
}

struct baseline_index {
    keyset known;
};

static const char *msg(const char *lang, const char *ja, const char *en)
{
    return lang && strcmp(lang, "en") == 0 ? en : ja;
}

baseline_index *baseline_index_new(const cJSON *baseline, const char *lang, char *err,
                                   size_t errlen)
{
    const cJSON *bdecls = cJSON_GetObjectItemCaseSensitive(baseline, "declarations");
    if (!rollup_schema_known(json_str_or(baseline, "schema", NULL)) || !cJSON_IsArray(bdecls)) {
        snprintf(
            err, errlen, "%s",
            msg(lang,
                "基準の結果ファイルが kyojin の結果文書（schema kyojin/result/v1）ではありません",
                "baseline is not a kyojin result document (schema kyojin/result/v1)"));
        return NULL;
    }
    baseline_index *bi = calloc(1, sizeof *bi);
    if (!bi) goto oom;
    keyset *known = &bi->known;
    const cJSON *d, *p, *f;
    cJSON_ArrayForEach(d, bdecls) {
        const char *file = json_str_or(d, "file", "");
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
            const char *id = json_str_or(p, "id", "");
            int any = 0;
            cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
                if (!non_passing(json_str_or(f, "status", ""))) continue;
                any = 1;
                if (strvec_push_owned(known, make_key(file, id, json_str_or(f, "pointer", ""))) !=
                    0)
                    goto oom;
            }
            if (!any && strcmp(json_str_or(p, "status", ""), "error") == 0)
                if (strvec_push_owned(known, make_key(file, id, "")) != 0) goto oom;
        }
    }
    strvec_sort(known, 0);
    return bi;
oom:
    baseline_index_free(bi);
    snprintf(err, errlen, "%s", msg(lang, "メモリが不足しています", "out of memory"));
    return NULL;
}

void baseline_index_free(baseline_index *bi)
{
    if (!bi) return;
    strvec_free(&bi->known);
    free(bi);
}

int baseline_apply_decl(const baseline_index *bi, cJSON *dd, long *suppressed)
{
    const keyset *known = &bi->known;
    cJSON *pp;
    const char *file = json_str_or(dd, "file", "");
    cJSON *policies = cJSON_GetObjectItemCaseSensitive(dd, "policies");
    if (!cJSON_IsArray(policies)) return 0;
    int changed = 0;
    cJSON_ArrayForEach(pp, policies) {
        const char *id = json_str_or(pp, "id", "");
        const char *status = json_str_or(pp, "status", "");
        if (strcmp(status, "not_applicable") == 0) continue;
        cJSON *findings = cJSON_GetObjectItemCaseSensitive(pp, "findings");
        long dropped = 0;
        int had_nonpassing = 0;
        cJSON *ff = findings ? findings->child : NULL;
        while (ff) {
            cJSON *next = ff->next;
            if (non_passing(json_str_or(ff, "status", ""))) {
                had_nonpassing = 1;
                char *k = make_key(file, id, json_str_or(ff, "pointer", ""));
                if (!k) return -1;
                int has = keyset_has(known, k);
                free(k);
                if (has) {
                    cJSON_Delete(cJSON_DetachItemViaPointer(findings, ff));
                    dropped++;
                }
            }
            ff = next;
        }
        const char *new_status = NULL;
        if (!had_nonpassing && strcmp(status, "error") == 0) {
            char *k = make_key(file, id, "");
            if (!k) return -1;
            int has = keyset_has(known, k);
            free(k);
            if (has) {
                new_status = "pass";
                dropped = 1;
            }
        } else if (dropped) {
            new_status = recompute_status(pp);
        }
        if (!dropped) continue;
        *suppressed += dropped;
        set_item(pp, "baseline_suppressed", cJSON_CreateNumber((double)dropped));
        if (strcmp(new_status, status) != 0) {
            adjust_count(dd, status, -1);
            adjust_count(dd, new_status, +1);
            set_string(pp, "status", new_status);
            changed = 1;
        }
    }
    if (!changed) return 0;
    /* compliant: no required policy fails or errors */
    int compliant = 1;
    cJSON_ArrayForEach(pp, policies) {
        const char *status = json_str_or(pp, "status", "");
        if ((strcmp(status, "fail") == 0 || strcmp(status, "error") == 0) &&
            strcmp(json_str_or(pp, "level", ""), "required") == 0)
            compliant = 0;
    }
    set_item(dd, "compliant", cJSON_CreateBool(compliant));
    return 0;
}

cJSON *baseline_mark(const baseline_index *bi, long suppressed)
{
    cJSON *mark = cJSON_CreateObject();
    cJSON_AddStringToObject(mark, "key", "file+policy+pointer");
    cJSON_AddNumberToObject(mark, "known", (double)bi->known.n);
    cJSON_AddNumberToObject(mark, "suppressed", (double)suppressed);
    return mark;
}

int baseline_apply(cJSON *result, const cJSON *baseline, const char *lang, char *err, size_t errlen)
{
    cJSON *decls = cJSON_GetObjectItemCaseSensitive(result, "declarations");
    baseline_index *bi = baseline_index_new(baseline, lang, err, errlen);
    if (!bi) return -1;
    if (!cJSON_IsArray(decls)) {
        baseline_index_free(bi);
        snprintf(err, errlen, "%s",
                 msg(lang, "結果文書に declarations の配列がありません",
                     "result document has no declarations array"));
        return -1;
    }
    long suppressed = 0;
    cJSON *dd;
    cJSON_ArrayForEach(dd, decls) {
        if (baseline_apply_decl(bi, dd, &suppressed) != 0) {
            baseline_index_free(bi);
            snprintf(err, errlen, "%s", msg(lang, "メモリが不足しています", "out of memory"));
            return -1;
        }
    }
    set_item(result, "baseline", baseline_mark(bi, suppressed));
    baseline_index_free(bi);
    return 0;
}
