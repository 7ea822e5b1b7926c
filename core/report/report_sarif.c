/*
 * report_sarif.c — the SARIF 2.1.0 writer (`--format sarif`).
 *
 * Reads the result document (interfaces.md §5) only. One run; one rule per
 * policy (id, a PascalCase name, title, remediation as help, level mapped
 * required → error, recommended → warning, info → note); one result per
 * non-passing finding (fail, warn, error, waived — waived findings carry an
 * accepted suppression), located in the declaration file by line and column,
 * with the JSON pointer as logical location. Declarations that could not be
 * evaluated become tool execution notifications. Written one declaration at a time
 * (report_sarif_begin, _decl, _end): the declarations' policies and findings wait in a
 * temporary file until the rules are known.
 *
 * It does not decide statuses; it reports what the result document says.
 */
#define _POSIX_C_SOURCE 200809L

#include "report/report_formats.h"
#include "report/report_labels.h"
#include "report/report_tables.h"
#include "rollup/rollup.h"
#include "util/jsonout.h"
#include "util/cjson_cs.h"
#include "util/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <sys/types.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA_URI                                                                           \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* required → error, recommended → warning; info and preview (a policy being rolled out,
 * which decides nothing) → note */
static const char *sarif_level(const char *level)
{
    if (strcmp(level, "required") == 0) return "error";
    if (strcmp(level, "recommended") == 0) return "warning";
    return "note";
}

/* "Clipboard is blocked both ways" → "ClipboardIsBlockedBothWays";
 * falls back to the id when there is no usable English title. */
static char *rule_name(const cJSON *policy)
{
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(policy, "title");
    const cJSON *en = cJSON_GetObjectItemCaseSensitive(title, "en");
    const char *src = cJSON_IsString(en) ? en->valuestring : "";
    size_t n = strlen(src);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    size_t o = 0;
    int up = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)src[i];
        if (isalnum(c)) {
            out[o++] = (char)(up ? toupper(c) : c);
            up = 0;
        } else {
            up = 1;
        }
    }
    out[o] = '\0';
    if (o == 0) {
        free(out);
        return strdup(json_str_or(policy, "id", ""));
    }
    return out;
}

/* Percent-encode a path into a URI reference; absolute paths become
 * file:// URIs. */
static char *path_to_uri(const char *path)
{
    size_t n = strlen(path);
    char *out = malloc(n * 3 + 8);
    if (!out) return NULL;
    size_t o = 0;
    if (path[0] == '/') {
        memcpy(out, "file://", 7);
        o = 7;
    }
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        if (isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            out[o++] = (char)c;
        } else {
            out[o++] = '%';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        }
    }
    out[o] = '\0';
    return out;
}

static cJSON *text_obj(const char *text)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "text", text);
    return m;
}

static cJSON *make_rule(const cJSON *p, const char *lang)
{
    cJSON *r = cJSON_CreateObject();
    const char *id = json_str_or(p, "id", "");
    const char *level = json_str_or(p, "level", "");
    cJSON_AddStringToObject(r, "id", id);
    char *name = rule_name(p);
    cJSON_AddStringToObject(r, "name", name ? name : id);
    free(name);
    const char *title = rollup_text(cJSON_GetObjectItemCaseSensitive(p, "title"), lang);
    const char *source = json_str_or(p, "source", "");
    cJSON_AddItemToObject(r, "shortDescription", text_obj(title[0] ? title : id));
    size_t fl = strlen(title) + strlen(source) + 8;
    char *full = malloc(fl);
    if (full) {
        if (source[0])
            snprintf(full, fl, "%s (%s)", title[0] ? title : id, source);
        else
            snprintf(full, fl, "%s", title[0] ? title : id);
        cJSON_AddItemToObject(r, "fullDescription", text_obj(full));
        free(full);
    }
    const char *rem = rollup_text(cJSON_GetObjectItemCaseSensitive(p, "remediation"), lang);
    cJSON_AddItemToObject(r, "help", text_obj(rem[0] ? rem : (title[0] ? title : id)));
    cJSON *conf = cJSON_AddObjectToObject(r, "defaultConfiguration");
    cJSON_AddStringToObject(conf, "level", sarif_level(level));
    cJSON *props = cJSON_AddObjectToObject(r, "properties");
    cJSON *tags = cJSON_AddArrayToObject(props, "tags");
    if (level[0]) cJSON_AddItemToArray(tags, cJSON_CreateString(level));
    const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(p, "requirements");
    const cJSON *it;
    cJSON_ArrayForEach(it, reqs)
        if (cJSON_IsString(it)) cJSON_AddItemToArray(tags, cJSON_CreateString(it->valuestring));
    cJSON_AddItemToObject(props, "requirements",
                          reqs ? cJSON_Duplicate(reqs, 1) : cJSON_CreateArray());
    cJSON_AddStringToObject(props, "level", level);
    if (source[0]) cJSON_AddStringToObject(props, "source", source);
    const cJSON *cms = cJSON_GetObjectItemCaseSensitive(p, "countermeasures");
    if (cJSON_IsArray(cms))
        cJSON_AddItemToObject(props, "countermeasures", cJSON_Duplicate(cms, 1));
    return r;
}

static cJSON *make_location(const char *uri, int artifact, const cJSON *line, const cJSON *column,
                            const char *pointer)
{
    cJSON *loc = cJSON_CreateObject();
    cJSON *phys = cJSON_AddObjectToObject(loc, "physicalLocation");
    cJSON *al = cJSON_AddObjectToObject(phys, "artifactLocation");
    cJSON_AddStringToObject(al, "uri", uri);
    cJSON_AddNumberToObject(al, "index", artifact);
    if (cJSON_IsNumber(line) && line->valuedouble >= 1) {
        cJSON *region = cJSON_AddObjectToObject(phys, "region");
        cJSON_AddNumberToObject(region, "startLine", (double)(long)line->valuedouble);
        if (cJSON_IsNumber(column) && column->valuedouble >= 1)
            cJSON_AddNumberToObject(region, "startColumn", (double)(long)column->valuedouble);
    }
    if (pointer && pointer[0]) {
        cJSON *lls = cJSON_AddArrayToObject(loc, "logicalLocations");
        cJSON *ll = cJSON_CreateObject();
        cJSON_AddStringToObject(ll, "fullyQualifiedName", pointer);
        cJSON_AddItemToArray(lls, ll);
    }
    return loc;
}

static int is_reported(const char *status)
{
    return strcmp(status, "fail") == 0 || strcmp(status, "warn") == 0 ||
           strcmp(status, "error") == 0 || strcmp(status, "waived") == 0;
}

static cJSON *make_result(const cJSON *p, int rule_index, const char *status, const char *message,
                          const char *uri, int artifact, const cJSON *finding, const char *file,
                          const char *lang)
{
    const char *id = json_str_or(p, "id", "");
    const char *level = json_str_or(p, "level", "");
    const char *pointer = finding ? json_str_or(finding, "pointer", "") : "";
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "ruleId", id);
    cJSON_AddNumberToObject(r, "ruleIndex", rule_index);
    const char *lv = sarif_level(level);
    if (strcmp(status, "warn") == 0)
        lv = "warning";
    else if (strcmp(status, "error") == 0)
        lv = "error";
    cJSON_AddStringToObject(r, "level", lv);
    cJSON_AddItemToObject(r, "message", text_obj(message));
    cJSON *locs = cJSON_AddArrayToObject(r, "locations");
    cJSON_AddItemToArray(
        locs, make_location(uri, artifact, cJSON_GetObjectItemCaseSensitive(finding, "line"),
                            cJSON_GetObjectItemCaseSensitive(finding, "column"), pointer));
    /* Stable identity across runs of the same files: file, policy and pointer. (The baseline
     * filter keys a finding by the body's code instead, so that renamed files still match.) */
    size_t kl = strlen(file) + strlen(id) + strlen(pointer) + 4;
    char *key = malloc(kl);
    if (key) {
        snprintf(key, kl, "%s|%s|%s", file, id, pointer);
        cJSON *fp = cJSON_AddObjectToObject(r, "partialFingerprints");
        cJSON_AddStringToObject(fp, "kyojinFindingKey/v1", key);
        free(key);
    }
    if (strcmp(status, "waived") == 0) {
        const cJSON *w = cJSON_GetObjectItemCaseSensitive(finding, "waiver");
        cJSON *sups = cJSON_AddArrayToObject(r, "suppressions");
        cJSON *s = cJSON_CreateObject();
        cJSON_AddStringToObject(s, "kind", "external");
        cJSON_AddStringToObject(s, "status", "accepted");
        const char *just = rollup_text(cJSON_GetObjectItemCaseSensitive(w, "justification"), lang);
        if (just[0]) cJSON_AddStringToObject(s, "justification", just);
        cJSON_AddItemToArray(sups, s);
    }
    cJSON *props = cJSON_AddObjectToObject(r, "properties");
    cJSON_AddStringToObject(props, "status", status);
    cJSON_AddStringToObject(props, "pointer", pointer);
    if (strcmp(level, "preview") == 0) cJSON_AddTrueToObject(props, "preview");
    const char *ev = finding ? json_str_or(finding, "evidence", "") : "";
    if (ev[0]) cJSON_AddStringToObject(props, "evidence", ev);
    return r;
}

/* The report being written (one at a time): the rules met so far (their SARIF objects, from
 * each policy's first occurrence), whether every declaration was evaluated, the
 * notifications for those that were not, the summary the run's property bag needs, and
 * each declaration's policies and findings spooled to a temporary file. The artifacts,
 * results and rule indexes are written at the end, from the spool, once the rules (sorted
 * by id) are known. */
static struct {
    int active, en, success;
    char lang[8];
    cJSON *summary, *rules, *notes;
    const char **ids; /* the rules' ids once sorted (report_sarif_end) */
    FILE *spool;
    int artifact;
    char *line;
    size_t linecap;
} sarif;

static void sarif_reset(void)
{
    cJSON_Delete(sarif.summary);
    cJSON_Delete(sarif.rules);
    cJSON_Delete(sarif.notes);
    if (sarif.spool) fclose(sarif.spool);
    free(sarif.line);
    free(sarif.ids);
    memset(&sarif, 0, sizeof sarif);
}

static int sarif_fail(const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", what);
    sarif_reset();
    return -1;
}

int report_sarif_begin(const cJSON *envelope, const char *lang, char *err, size_t errlen)
{
    sarif_reset();
    sarif.active = 1;
    sarif.en = lang && strcmp(lang, "en") == 0;
    snprintf(sarif.lang, sizeof sarif.lang, "%s", lang ? lang : "ja");
    sarif.success = 1;
    if (!(sarif.summary = report_summary_new(envelope)) || !(sarif.rules = cJSON_CreateArray()) ||
        !(sarif.notes = cJSON_CreateArray()))
        return sarif_fail("out of memory", err, errlen);
    char why[512];
    if (!(sarif.spool = report_spool_open(why, sizeof why))) return sarif_fail(why, err, errlen);
    return 0;
}

/* What the artifacts and results read of a declaration: file, sha256 and per policy id,
 * level, status, title, reason and findings. */
static cJSON *spooled(const cJSON *d)
{
    static const char *const pkeys[] = {"id",     "level",    "status", "title",
                                        "reason", "findings", NULL};
    cJSON *s = cJSON_CreateObject(), *ps = cJSON_AddArrayToObject(s, "policies");
    const cJSON *p;
    if (!ps) goto oom;
    if (json_str(d, "file") && !cJSON_AddStringToObject(s, "file", json_str(d, "file"))) goto oom;
    if (json_str(d, "sha256") && !cJSON_AddStringToObject(s, "sha256", json_str(d, "sha256")))
        goto oom;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(ps, e)) {
            cJSON_Delete(e);
            goto oom;
        }
        for (size_t k = 0; pkeys[k]; k++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(p, pkeys[k]);
            if (v && !cJSON_AddItemReferenceToObject(e, pkeys[k], (cJSON *)v)) goto oom;
        }
    }
    return s;
oom:
    cJSON_Delete(s);
    return NULL;
}

int report_sarif_decl(const cJSON *d, char *err, size_t errlen)
{
    const cJSON *p, *r;
    if (!sarif.active) return sarif_fail("no SARIF report begun", err, errlen);
    if (report_summary_add(sarif.summary, d)) return sarif_fail("out of memory", err, errlen);
    /* rules: the union of policies over all declarations, by id */
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        const char *id = json_str_or(p, "id", "");
        int known = 0;
        if (!id[0]) continue;
        cJSON_ArrayForEach(r, sarif.rules) known |= strcmp(json_str_or(r, "id", ""), id) == 0;
        if (!known && !cJSON_AddItemToArray(sarif.rules, make_rule(p, sarif.lang)))
            return sarif_fail("out of memory", err, errlen);
        if (strcmp(json_str_or(p, "status", ""), "error") == 0) sarif.success = 0;
    }
    const cJSON *derr = rl_decl_error(d);
    if (derr) {
        const char *file = json_str_or(d, "file", "");
        char *uri = path_to_uri(file[0] ? file : "-");
        if (!uri) return sarif_fail("out of memory", err, errlen);
        sarif.success = 0;
        cJSON *n = cJSON_CreateObject();
        cJSON_AddStringToObject(n, "level", "error");
        cJSON_AddItemToObject(n, "message", text_obj(rl_decl_error_text(derr, sarif.en)));
        cJSON *locs = cJSON_AddArrayToObject(n, "locations");
        cJSON_AddItemToArray(locs, make_location(uri, sarif.artifact,
                                                 cJSON_GetObjectItemCaseSensitive(derr, "line"),
                                                 cJSON_GetObjectItemCaseSensitive(derr, "column"),
                                                 json_str_or(derr, "pointer", "")));
        cJSON_AddItemToArray(sarif.notes, n);
        free(uri);
    }
    sarif.artifact++;
    cJSON *s = spooled(d);
    int bad = !s || json_write(sarif.spool, s, 0, 0) || fputc('\n', sarif.spool) == EOF;
    cJSON_Delete(s);
    return bad ? sarif_fail("cannot write the SARIF report's temporary file", err, errlen) : 0;
}

static int cmp_rule_obj(const void *a, const void *b)
{
    return strcmp(json_str_or(*(cJSON *const *)a, "id", ""),
                  json_str_or(*(cJSON *const *)b, "id", ""));
}

static int cmp_id(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The rules array sorted by id (its items re-linked in order) and their ids in sarif.ids;
 * 0 or -1. */
static int sort_rules(void)
{
    int n = cJSON_GetArraySize(sarif.rules);
    cJSON **v = malloc((size_t)(n ? n : 1) * sizeof *v);
    sarif.ids = malloc((size_t)(n ? n : 1) * sizeof *sarif.ids);
    if (!v || !sarif.ids) {
        free(v);
        return -1;
    }
    for (int i = 0; i < n; i++) v[i] = cJSON_DetachItemFromArray(sarif.rules, 0);
    qsort(v, (size_t)n, sizeof *v, cmp_rule_obj);
    for (int i = 0; i < n; i++) {
        cJSON_AddItemToArray(sarif.rules, v[i]);
        sarif.ids[i] = json_str_or(v[i], "id", "");
    }
    free(v);
    return 0;
}

static int rule_index(const char *id)
{
    const char **hit =
        bsearch(&id, sarif.ids, (size_t)cJSON_GetArraySize(sarif.rules), sizeof *sarif.ids, cmp_id);
    return hit ? (int)(hit - sarif.ids) : -1;
}

/* Read the spool once, writing each declaration's artifact (results 0) or its results
 * (results 1) as elements of the run's arrays. 0, or -1 with err set. */
static int spool_pass(FILE *out, int results, char *err, size_t errlen)
{
    ssize_t len;
    int artifact = 0, first = 1;
    if (fflush(sarif.spool) || fseek(sarif.spool, 0, SEEK_SET)) goto io;
    while ((len = getline(&sarif.line, &sarif.linecap, sarif.spool)) > 0) {
        cJSON *d = cJSON_ParseWithLength(sarif.line, (size_t)len), *items = cJSON_CreateArray();
        const char *file = json_str_or(d, "file", "");
        char *uri = path_to_uri(file[0] ? file : "-");
        const cJSON *p, *f, *it;
        if (!d || !items || !uri) {
            cJSON_Delete(d);
            cJSON_Delete(items);
            free(uri);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        if (!results) {
            cJSON *a = cJSON_CreateObject();
            cJSON *al = cJSON_AddObjectToObject(a, "location");
            cJSON_AddStringToObject(al, "uri", uri);
            const char *sha = json_str_or(d, "sha256", "");
            if (strlen(sha) == 64) {
                cJSON *h = cJSON_AddObjectToObject(a, "hashes");
                cJSON_AddStringToObject(h, "sha-256", sha);
            }
            cJSON_AddItemToArray(items, a);
        }
        const cJSON *policies = results ? cJSON_GetObjectItemCaseSensitive(d, "policies") : NULL;
        cJSON_ArrayForEach(p, policies) {
            int ri = rule_index(json_str_or(p, "id", ""));
            if (ri < 0) continue;
            const char *pstatus = json_str_or(p, "status", "");
            const char *title =
                rollup_text(cJSON_GetObjectItemCaseSensitive(p, "title"), sarif.lang);
            int reported = 0;
            cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
                const char *fs = json_str_or(f, "status", "");
                /* a recommended policy's failing finding is reported as warn */
                if (strcmp(fs, "fail") == 0 &&
                    strcmp(json_str_or(p, "level", ""), "recommended") == 0)
                    fs = "warn";
                if (!is_reported(fs)) continue;
                const char *msg =
                    rollup_text(cJSON_GetObjectItemCaseSensitive(f, "message"), sarif.lang);
                cJSON_AddItemToArray(items, make_result(p, ri, fs, msg[0] ? msg : title, uri,
                                                        artifact, f, file, sarif.lang));
                reported = 1;
            }
            if (strcmp(pstatus, "error") == 0 && !reported) {
                const char *reason =
                    rollup_text(cJSON_GetObjectItemCaseSensitive(p, "reason"), sarif.lang);
                char *buf = str_printf("%s: %s", sarif.en ? "evaluation error" : "評価エラー",
                                       reason[0] ? reason : title);
                cJSON_AddItemToArray(items, make_result(p, ri, "error", buf ? buf : reason, uri,
                                                        artifact, NULL, file, sarif.lang));
                free(buf);
            }
        }
        cJSON_ArrayForEach(it, items) {
            if (!first) fputs(", ", out);
            first = 0;
            json_write(out, it, 1, 4); /* an element of an array of the run: four levels deep */
        }
        cJSON_Delete(items);
        cJSON_Delete(d);
        free(uri);
        artifact++;
    }
    if (!ferror(sarif.spool)) return 0;
io:
    snprintf(err, errlen, "cannot read back the SARIF report's temporary file: %s",
             strerror(errno));
    return -1;
}

int report_sarif_end(FILE *out, char *err, size_t errlen)
{
    if (!sarif.active) return sarif_fail("no SARIF report begun", err, errlen);
    if (sort_rules()) return sarif_fail("out of memory", err, errlen);
    cJSON *log = cJSON_CreateObject();
    cJSON_AddStringToObject(log, "$schema", SARIF_SCHEMA_URI);
    cJSON_AddStringToObject(log, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(log, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, run);
    /* what `kyojin verify` reads (report_meta), as the run's property bag */
    if (cJSON_GetObjectItemCaseSensitive(sarif.summary, "rendering")) {
        cJSON *run_props = cJSON_AddObjectToObject(run, "properties");
        if (run_props) cJSON_AddItemToObject(run_props, "kyojin", report_meta(sarif.summary, 1));
    }
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON *driver = cJSON_AddObjectToObject(tool, "driver");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(sarif.summary, "tool");
    const char *tname = json_str_or(t, "name", "");
    const char *tver = json_str_or(t, "version", "");
    cJSON_AddStringToObject(driver, "name", tname[0] ? tname : "kyojin");
    if (tver[0]) cJSON_AddStringToObject(driver, "version", tver);
    cJSON_AddItemReferenceToObject(driver, "rules", sarif.rules);
    cJSON *invs = cJSON_AddArrayToObject(run, "invocations");
    cJSON *inv = cJSON_CreateObject();
    cJSON_AddItemToArray(invs, inv);
    cJSON_AddBoolToObject(inv, "executionSuccessful", sarif.success);
    if (cJSON_GetArraySize(sarif.notes) > 0)
        cJSON_AddItemReferenceToObject(inv, "toolExecutionNotifications", sarif.notes);
    cJSON_AddArrayToObject(run, "artifacts");
    cJSON_AddArrayToObject(run, "results");
    cJSON_AddStringToObject(run, "language", sarif.en ? "en-US" : "ja-JP");
    cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
    /* the document with both arrays empty, written around the spooled elements */
    char *text = json_print(log, 1, NULL);
    cJSON_Delete(log);
    static const char arts[] = "\"artifacts\":\t[", ress[] = "\"results\":\t[";
    char *a = text ? strstr(text, arts) : NULL, *r = a ? strstr(a, ress) : NULL;
    if (!a || !r) {
        free(text);
        return sarif_fail("out of memory", err, errlen);
    }
    a += strlen(arts);
    r += strlen(ress);
    if (errlen) err[0] = 0; /* spool_pass says why it failed */
    int bad = fwrite(text, 1, (size_t)(a - text), out) != (size_t)(a - text) ||
              spool_pass(out, 0, err, errlen) ||
              fwrite(a, 1, (size_t)(r - a), out) != (size_t)(r - a) ||
              spool_pass(out, 1, err, errlen) || fputs(r, out) < 0 || fputc('\n', out) == EOF ||
              ferror(out);
    free(text);
    if (bad && !err[0]) snprintf(err, errlen, "write error");
    sarif_reset();
    return bad ? -1 : 0;
}

int report_sarif_write(const cJSON *result, const char *lang, FILE *out, char *err, size_t errlen)
{
    const cJSON *decls = cJSON_GetObjectItemCaseSensitive(result, "declarations"), *d;
    if (!cJSON_IsArray(decls)) {
        snprintf(err, errlen, "result document has no declarations array");
        return -1;
    }
    if (report_sarif_begin(result, lang, err, errlen)) return -1;
    cJSON_ArrayForEach(d, decls)
        if (report_sarif_decl(d, err, errlen)) return -1;
    return report_sarif_end(out, err, errlen);
}
