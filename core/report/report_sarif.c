/*
 * report_sarif.c — the SARIF 2.1.0 writer (`--format sarif`).
 *
 * Reads the result document (interfaces.md §5) only. One run; one rule per
 * policy (id, a PascalCase name, title, remediation as help, level mapped
 * required → error, recommended → warning, info → note); one result per
 * non-passing finding (fail, warn, error, waived — waived findings carry an
 * accepted suppression), located in the declaration file by line and column,
 * with the JSON pointer as logical location. Declarations that could not be
 * evaluated become tool execution notifications.
 *
 * It does not decide statuses; it reports what the result document says.
 */
#define _POSIX_C_SOURCE 200809L

#include "report/report_labels.h"
#include "rollup/rollup.h"
#include "util/cjson_cs.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA_URI                                                                           \
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

typedef struct {
    const char *id;
    const cJSON *policy; /* first occurrence, for the metadata */
} rule_ref;

static int cmp_rule(const void *a, const void *b)
{
    return strcmp(((const rule_ref *)a)->id, ((const rule_ref *)b)->id);
}

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
    /* Stable identity across runs: the same key the baseline filter uses. */
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

int report_sarif_write(const cJSON *result, const char *lang, FILE *out, char *err, size_t errlen)
{
    const cJSON *decls = cJSON_GetObjectItemCaseSensitive(result, "declarations");
    if (!cJSON_IsArray(decls)) {
        snprintf(err, errlen, "result document has no declarations array");
        return -1;
    }
    int en = lang && strcmp(lang, "en") == 0;

    /* Rules: the union of policies over all declarations, by id. */
    size_t nrules = 0, cap = 64;
    rule_ref *rules = malloc(cap * sizeof *rules);
    if (!rules) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const cJSON *d, *p, *f;
    cJSON_ArrayForEach(d, decls) {
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
            const char *id = json_str_or(p, "id", "");
            if (!id[0]) continue;
            size_t k;
            for (k = 0; k < nrules; k++)
                if (strcmp(rules[k].id, id) == 0) break;
            if (k < nrules) continue;
            if (nrules == cap) {
                rule_ref *nr = realloc(rules, cap * 2 * sizeof *rules);
                if (!nr) {
                    free(rules);
                    snprintf(err, errlen, "out of memory");
                    return -1;
                }
                rules = nr;
                cap *= 2;
            }
            rules[nrules].id = id;
            rules[nrules].policy = p;
            nrules++;
        }
    }
    qsort(rules, nrules, sizeof *rules, cmp_rule);

    cJSON *log = cJSON_CreateObject();
    cJSON_AddStringToObject(log, "$schema", SARIF_SCHEMA_URI);
    cJSON_AddStringToObject(log, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(log, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON_AddItemToArray(runs, run);
    /* what `kyojin verify` reads (report_meta), as the run's property bag */
    if (cJSON_GetObjectItemCaseSensitive(result, "rendering")) {
        cJSON *run_props = cJSON_AddObjectToObject(run, "properties");
        if (run_props) cJSON_AddItemToObject(run_props, "kyojin", report_meta(result, 1));
    }
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON *driver = cJSON_AddObjectToObject(tool, "driver");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(result, "tool");
    const char *tname = json_str_or(t, "name", "");
    const char *tver = json_str_or(t, "version", "");
    cJSON_AddStringToObject(driver, "name", tname[0] ? tname : "kyojin");
    if (tver[0]) cJSON_AddStringToObject(driver, "version", tver);
    cJSON *rarr = cJSON_AddArrayToObject(driver, "rules");
    for (size_t k = 0; k < nrules; k++)
        cJSON_AddItemToArray(rarr, make_rule(rules[k].policy, lang));

    cJSON *invs = cJSON_AddArrayToObject(run, "invocations");
    cJSON *inv = cJSON_CreateObject();
    cJSON_AddItemToArray(invs, inv);
    cJSON *notes = cJSON_CreateArray();
    int success = 1;

    cJSON *artifacts = cJSON_AddArrayToObject(run, "artifacts");
    cJSON *results = cJSON_AddArrayToObject(run, "results");
    int artifact = 0;
    cJSON_ArrayForEach(d, decls) {
        const char *file = json_str_or(d, "file", "");
        char *uri = path_to_uri(file[0] ? file : "-");
        if (!uri) {
            cJSON_Delete(notes);
            cJSON_Delete(log);
            free(rules);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        cJSON *a = cJSON_CreateObject();
        cJSON *al = cJSON_AddObjectToObject(a, "location");
        cJSON_AddStringToObject(al, "uri", uri);
        const char *sha = json_str_or(d, "sha256", "");
        if (strlen(sha) == 64) {
            cJSON *h = cJSON_AddObjectToObject(a, "hashes");
            cJSON_AddStringToObject(h, "sha-256", sha);
        }
        cJSON_AddItemToArray(artifacts, a);

        const cJSON *derr = rl_decl_error(d);
        if (derr) {
            success = 0;
            cJSON *n = cJSON_CreateObject();
            cJSON_AddStringToObject(n, "level", "error");
            cJSON_AddItemToObject(n, "message", text_obj(rl_decl_error_text(derr, en)));
            cJSON *locs = cJSON_AddArrayToObject(n, "locations");
            cJSON_AddItemToArray(
                locs, make_location(uri, artifact, cJSON_GetObjectItemCaseSensitive(derr, "line"),
                                    cJSON_GetObjectItemCaseSensitive(derr, "column"),
                                    json_str_or(derr, "pointer", "")));
            cJSON_AddItemToArray(notes, n);
        }

        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
            const char *id = json_str_or(p, "id", "");
            rule_ref key = {id, NULL};
            rule_ref *rr = bsearch(&key, rules, nrules, sizeof *rules, cmp_rule);
            if (!rr) continue;
            int ri = (int)(rr - rules);
            const char *pstatus = json_str_or(p, "status", "");
            const char *title = rollup_text(cJSON_GetObjectItemCaseSensitive(p, "title"), lang);
            int reported = 0;
            cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
                const char *fs = json_str_or(f, "status", "");
                /* a recommended policy's failing finding is reported as warn */
                if (strcmp(fs, "fail") == 0 &&
                    strcmp(json_str_or(p, "level", ""), "recommended") == 0)
                    fs = "warn";
                if (!is_reported(fs)) continue;
                const char *msg = rollup_text(cJSON_GetObjectItemCaseSensitive(f, "message"), lang);
                cJSON_AddItemToArray(results, make_result(p, ri, fs, msg[0] ? msg : title, uri,
                                                          artifact, f, file, lang));
                reported = 1;
            }
            if (strcmp(pstatus, "error") == 0) {
                success = 0;
                if (!reported) {
                    const char *reason =
                        rollup_text(cJSON_GetObjectItemCaseSensitive(p, "reason"), lang);
                    char *buf = str_printf("%s: %s", en ? "evaluation error" : "評価エラー",
                                           reason[0] ? reason : title);
                    cJSON_AddItemToArray(results, make_result(p, ri, "error", buf ? buf : reason,
                                                              uri, artifact, NULL, file, lang));
                    free(buf);
                }
            }
        }
        free(uri);
        artifact++;
    }
    cJSON_AddBoolToObject(inv, "executionSuccessful", success);
    if (cJSON_GetArraySize(notes) > 0)
        cJSON_AddItemToObject(inv, "toolExecutionNotifications", notes);
    else
        cJSON_Delete(notes);
    cJSON_AddStringToObject(run, "language", en ? "en-US" : "ja-JP");
    cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");

    char *text = cJSON_Print(log);
    cJSON_Delete(log);
    free(rules);
    if (!text) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int bad = fputs(text, out) < 0 || fputc('\n', out) == EOF;
    free(text);
    if (bad) {
        snprintf(err, errlen, "write error");
        return -1;
    }
    return 0;
}
