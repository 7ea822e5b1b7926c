/*
 * baseline.c — `kyojin check --baseline RESULT.json`: report only what is new.
 *
 * A finding is known when the baseline result has a non-passing finding
 * (fail, warn, error) with the same key: the body, the policy id and the JSON
 * pointer of the subject. The body is its 団体コード (body.code), so a renamed
 * declaration file still matches its baseline; a declaration without a code is
 * keyed by its file, and so is one whose code appears more than once in the
 * baseline or was already met earlier in the current run (both are told on
 * standard error and recorded, never merged). A policy that errored without
 * findings is keyed with the empty pointer. Known findings are dropped from
 * the result; each policy's status, each declaration's counts and `compliant`
 * are recomputed from what remains, and the document records the filter in
 * "baseline".
 *
 * It does not evaluate anything and never adds findings.
 */
#include "rollup/rollup.h"
#include "util/cjson_cs.h"
#include "util/strutil.h"

#include <stdlib.h>
#include <string.h>

/* A sorted array of "<body>\x1f<policy>\x1f<pointer>" keys, <body> being "c\x1f<code>" or
 * "f\x1f<file>". */
typedef strvec keyset;

static char *make_key(char kind, const char *body, const char *policy, const char *pointer)
{
    size_t l = strlen(body) + strlen(policy) + strlen(pointer) + 6;
    char *k = malloc(l);
    if (k) snprintf(k, l, "%c\x1f%s\x1f%s\x1f%s", kind, body, policy, pointer);
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
    keyset known;    /* every known finding under its file, and under its code when unique */
    strvec base_dup; /* codes on more than one declaration of the baseline (sorted) */
    strvec seen;     /* codes of the current result met so far */
    strvec cur_dup;  /* codes met more than once in the current result */
    strvec codes;    /* while being built: the codes of the baseline's declarations */
    long entries;    /* known findings */
    int en;
};

static const char *msg(const char *lang, const char *ja, const char *en)
{
    return lang && strcmp(lang, "en") == 0 ? en : ja;
}

static int has(const strvec *s, const char *k)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i], k) == 0) return 1;
    return 0;
}

/* The code of a declaration result, or NULL when it has none. */
static const char *decl_code(const cJSON *d)
{
    const char *c = json_str(json_get(d, "body"), "code");
    return c && c[0] ? c : NULL;
}

/* Is code on more than one declaration of the baseline? */
static int base_dup(const baseline_index *bi, const char *code)
{
    return bi->base_dup.n && bsearch(&code, bi->base_dup.v, bi->base_dup.n, sizeof *bi->base_dup.v,
                                     str_cmp_ptr) != NULL;
}

/* The known findings of one baseline declaration: under its file, and under its code when it
 * has one (dropped by index_finish when the code turns out to be repeated). */
static int index_decl(baseline_index *bi, const cJSON *d)
{
    const char *file = json_str_or(d, "file", "");
    const char *code = decl_code(d);
    if (code && strvec_push(&bi->codes, code) != 0) return -1;
    const cJSON *p, *f;
    cJSON_ArrayForEach(p, json_get(d, "policies")) {
        const char *id = json_str_or(p, "id", "");
        int any = 0;
        cJSON_ArrayForEach(f, json_get(p, "findings")) {
            if (!non_passing(json_str_or(f, "status", ""))) continue;
            any = 1;
            const char *ptr = json_str_or(f, "pointer", "");
            bi->entries++;
            if (strvec_push_owned(&bi->known, make_key('f', file, id, ptr)) != 0) return -1;
            if (code && strvec_push_owned(&bi->known, make_key('c', code, id, ptr)) != 0) return -1;
        }
        if (!any && strcmp(json_str_or(p, "status", ""), "error") == 0) {
            bi->entries++;
            if (strvec_push_owned(&bi->known, make_key('f', file, id, "")) != 0) return -1;
            if (code && strvec_push_owned(&bi->known, make_key('c', code, id, "")) != 0) return -1;
        }
    }
    return 0;
}

/* All declarations read: the repeated codes (told on stderr) lose their code keys. */
static int index_finish(baseline_index *bi)
{
    strvec *c = &bi->codes;
    strvec_sort(c, 0);
    for (size_t i = 0; i + 1 < c->n; i++)
        if (strcmp(c->v[i], c->v[i + 1]) == 0 &&
            (!bi->base_dup.n || strcmp(bi->base_dup.v[bi->base_dup.n - 1], c->v[i]) != 0))
            if (strvec_push(&bi->base_dup, c->v[i]) != 0) return -1;
    strvec_free(c);
    if (bi->base_dup.n) {
        size_t m = 0;
        for (size_t i = 0; i < bi->known.n; i++) {
            char *k = bi->known.v[i];
            if (k[0] == 'c') {
                char *end = strchr(k + 2, '\x1f');
                *end = '\0';
                int dup = base_dup(bi, k + 2);
                *end = '\x1f';
                if (dup) {
                    free(k);
                    continue;
                }
            }
            bi->known.v[m++] = k;
        }
        bi->known.n = m;
    }
    strvec_sort(&bi->known, 0);
    for (size_t i = 0; i < bi->base_dup.n; i++)
        fprintf(stderr,
                bi->en ? "kyojin: --baseline: body code %s appears on more than one declaration "
                         "of the baseline; its known findings are matched by file name\n"
                       : "kyojin: --baseline: 基準の結果で団体コード %s が複数の申告にあります。"
                         "この団体の既知の指摘はファイル名で照合します\n",
                bi->base_dup.v[i]);
    return 0;
}

baseline_index *baseline_index_new(const cJSON *baseline, const char *lang, char *err,
                                   size_t errlen)
{
    const cJSON *bdecls = json_get(baseline, "declarations");
    if (!rollup_schema_known(json_str_or(baseline, "schema", NULL)) || !cJSON_IsArray(bdecls)) {
        snprintf(err, errlen, "%s",
                 msg(lang,
                     "基準の結果ファイルが kyojin の結果文書（schema kyojin/result/v1 または "
                     "v2）ではありません",
                     "baseline is not a kyojin result document (schema kyojin/result/v1 or v2)"));
        return NULL;
    }
    baseline_index *bi = calloc(1, sizeof *bi);
    if (!bi) goto oom;
    bi->en = lang && strcmp(lang, "en") == 0;
    const cJSON *d;
    cJSON_ArrayForEach(d, bdecls)
        if (index_decl(bi, d) != 0) goto oom;
    if (index_finish(bi) != 0) goto oom;
    return bi;
oom:
    baseline_index_free(bi);
    snprintf(err, errlen, "%s", msg(lang, "メモリが不足しています", "out of memory"));
    return NULL;
}

static int load_decl(const cJSON *decl, void *ctx)
{
    return index_decl(ctx, decl) != 0 ? 1 : 0;
}

baseline_index *baseline_index_load(const char *path, const char *lang, char *err, size_t errlen)
{
    baseline_index *bi = calloc(1, sizeof *bi);
    if (!bi) {
        snprintf(err, errlen, "%s", msg(lang, "メモリが不足しています", "out of memory"));
        return NULL;
    }
    bi->en = lang && strcmp(lang, "en") == 0;
    int rc = rollup_each_declaration(path, load_decl, bi, NULL, lang, err, errlen);
    if (rc == 0 && index_finish(bi) == 0) return bi;
    if (rc >= 0) snprintf(err, errlen, "%s", msg(lang, "メモリが不足しています", "out of memory"));
    baseline_index_free(bi);
    return NULL;
}

void baseline_index_free(baseline_index *bi)
{
    if (!bi) return;
    strvec_free(&bi->known);
    strvec_free(&bi->base_dup);
    strvec_free(&bi->seen);
    strvec_free(&bi->cur_dup);
    strvec_free(&bi->codes);
    free(bi);
}

/* How a declaration of the current result is keyed: 'c' and its code, or 'f' and its file. */
static int body_key(baseline_index *bi, const cJSON *dd, char *kind, const char **body)
{
    const char *code = decl_code(dd);
    *kind = 'f';
    *body = json_str_or(dd, "file", "");
    if (!code) return 0;
    if (has(&bi->seen, code)) { /* a second declaration of the same body */
        if (!has(&bi->cur_dup, code)) {
            if (strvec_push(&bi->cur_dup, code) != 0) return -1;
            fprintf(stderr,
                    bi->en ? "kyojin: --baseline: body code %s appears on more than one "
                             "declaration (again in %s); from the second on, known findings are "
                             "matched by file name\n"
                           : "kyojin: --baseline: 団体コード %s の申告が複数あります（%s にも）。"
                             "2 件目からは既知の指摘をファイル名で照合します\n",
                    code, *body);
        }
        return 0;
    }
    if (strvec_push(&bi->seen, code) != 0) return -1;
    if (base_dup(bi, code)) return 0;
    *kind = 'c';
    *body = code;
    return 0;
}

int baseline_apply_decl(baseline_index *bi, cJSON *dd, long *suppressed)
{
    const keyset *known = &bi->known;
    cJSON *pp;
    char kind;
    const char *body;
    if (body_key(bi, dd, &kind, &body) != 0) return -1;
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
                char *k = make_key(kind, body, id, json_str_or(ff, "pointer", ""));
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
            char *k = make_key(kind, body, id, "");
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

static cJSON *codes_json(const strvec *s)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a && i < s->n; i++) cJSON_AddItemToArray(a, cJSON_CreateString(s->v[i]));
    return a;
}

cJSON *baseline_mark(const baseline_index *bi, long suppressed)
{
    cJSON *mark = cJSON_CreateObject();
    cJSON_AddStringToObject(mark, "key", "body+policy+pointer");
    cJSON_AddNumberToObject(mark, "known", (double)bi->entries);
    cJSON_AddNumberToObject(mark, "suppressed", (double)suppressed);
    if (bi->base_dup.n || bi->cur_dup.n) { /* matched by file: say which bodies */
        cJSON *d = cJSON_AddObjectToObject(mark, "duplicate_codes");
        cJSON_AddItemToObject(d, "baseline", codes_json(&bi->base_dup));
        cJSON_AddItemToObject(d, "result", codes_json(&bi->cur_dup));
    }
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
