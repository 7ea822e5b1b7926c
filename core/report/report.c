/* report.c — the table of report writers, the output-format dispatch and the JSON writer.
 * Owns: which formats exist (the one table `writers` below: name, extension, streaming or
 * whole document, binary, the function) and calling the right writer; the CLI asks this file
 * for the list of formats. Each format lives in its own file (report_text.c, report_html.c,
 * …); every writer reads only the result document. The JSON writer also owns the compact
 * form of schema kyojin/result/v2 (docs/result-schema.md): the policies' metadata once in the
 * document's "catalog", per declaration the statuses, findings, counts and the risk summary;
 * the in-memory result the other writers read stays as it is. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "report/report.h"
#include "util/cjson_cs.h"
#include "util/jsonout.h"
#include "report/report_formats.h" /* html, csv, xlsx */
#include "rollup/rollup.h" /* sarif, junit (core/report/report_sarif.c, core/report/report_junit.c) */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A writer of the whole document (path: the output file, for formats written by name). */
typedef int (*writer_fn)(const cJSON *result, const report_options *o, FILE *out, const char *path,
                         char *err, size_t errlen);

static int write_json_v2(const cJSON *result, const report_options *o, FILE *out, char *err,
                         size_t errlen);

static int write_json(const cJSON *result, const report_options *o, FILE *out, const char *path,
                      char *err, size_t errlen)
{
    (void)path;
    /* v2: as check streams it; v1 (a report verify renders again): as cJSON prints it */
    if (o->json_v2) return write_json_v2(result, o, out, err, errlen);
    if (json_write(out, result, 1, 0) || fputc('\n', out) == EOF) {
        snprintf(err, errlen, "%s", ferror(out) ? strerror(errno) : "invalid result document");
        return -1;
    }
    return 0;
}

static int write_text(const cJSON *result, const report_options *o, FILE *out, const char *path,
                      char *err, size_t errlen)
{
    (void)path;
    (void)err;
    (void)errlen;
    return report_text_write(result, o, out);
}

static int write_sarif(const cJSON *result, const report_options *o, FILE *out, const char *path,
                       char *err, size_t errlen)
{
    (void)path;
    return report_sarif_write(result, o->lang, out, err, errlen);
}

static int write_junit(const cJSON *result, const report_options *o, FILE *out, const char *path,
                       char *err, size_t errlen)
{
    (void)path;
    return report_junit_write(result, o->lang, out, err, errlen);
}

/* the auditor reports take the creation time from SOURCE_DATE_EPOCH */
static report_opts auditor_opts(const report_options *o)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    report_opts ro = {o->lang, sde && *sde ? strtoll(sde, NULL, 10) : -1};
    return ro;
}

static int write_html(const cJSON *result, const report_options *o, FILE *out, const char *path,
                      char *err, size_t errlen)
{
    report_opts ro = auditor_opts(o);
    (void)path;
    return report_html_write(result, &ro, out, err, errlen);
}

static int write_csv(const cJSON *result, const report_options *o, FILE *out, const char *path,
                     char *err, size_t errlen)
{
    report_opts ro = auditor_opts(o);
    (void)path;
    return report_csv_write_table(result, &ro, o->csv_table, out, err, errlen);
}

static int write_xlsx(const cJSON *result, const report_options *o, FILE *out, const char *path,
                      char *err, size_t errlen)
{
    report_opts ro = auditor_opts(o);
    (void)out; /* a binary file format: path names the file to create */
    return report_xlsx_build(result, &ro, path, err, errlen);
}

/* ---- streaming ------------------------------------------------------------------ */

/* cJSON_Print of the envelope with an empty "declarations" array, split at that array:
 * *head gets everything up to and including its '[', the return value points just
 * past it (the ']' and what follows). The key is the document's last until the end. */
static char *split_envelope(const cJSON *envelope, char **text, char *err, size_t errlen)
{
    *text = json_print(envelope, 1, NULL);
    if (!*text) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    char *at = strstr(*text, "\n\t\"declarations\":\t[]");
    if (!at) {
        snprintf(err, errlen, "result document has no declarations array");
        free(*text);
        *text = NULL;
        return NULL;
    }
    return at + strlen("\n\t\"declarations\":\t[");
}

static int json_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)o;
    char *text;
    char *rest = split_envelope(envelope, &text, err, errlen);
    if (!rest) return -1;
    fwrite(text, 1, (size_t)(rest - text), out);
    free(text);
    return 0;
}

/* Streamed, the document has one declaration per line: the envelope as cJSON prints it, then
 * "[", each declaration on a line of its own (two tabs, the declaration without spaces), ","
 * between them, and "\n\t]" before the rest of the envelope. */
static void json_separator(FILE *out)
{
    fputc(',', out);
}

/* ---- the compact form of schema kyojin/result/v2 ------------------------------------ */

/* The members of a policy entry that are the policy's metadata: stated once per document in
 * "catalog" (report_json_catalog), left out of every declaration's entries. */
static const char *const catalog_keys[] = {"requirements", "level",       "title",
                                           "source",       "remediation", "countermeasures"};
/* Members of a finding written only when set (not null, not an empty array). */
static const char *const finding_optional[] = {"evidence", "evidence_refs", "classification",
                                               "waiver"};
/* What the risk tables give every declaration alike — the words in rows, trees and the ranked
 * fixes, and the section's matrix and rules: written with --detail full only. A
 * countermeasure's "name" (an object with an "id") and an empty "invalidated_by" are left out
 * as well. */
static const char *const risk_static[] = {
    "threat_name", "threat_examples", "importance_reason", "absent", "entry_name",
    "damage_name", "stages",          "counted",           "matrix", "rules"};
#define NELEM(a) (sizeof(a) / sizeof(a)[0])

static int one_of(const char *k, const char *const *list, size_t n)
{
    for (size_t i = 0; k && i < n; i++)
        if (strcmp(k, list[i]) == 0) return 1;
    return 0;
}

static int is_unset(const cJSON *v)
{
    return cJSON_IsNull(v) || (cJSON_IsArray(v) && !v->child);
}

cJSON *report_json_catalog(const cJSON *policies_meta)
{
    cJSON *cat = cJSON_CreateObject();
    cJSON *pols = cat ? add_arr(cat, "policies") : NULL;
    const cJSON *m;
    cJSON_ArrayForEach(m, (pols ? policies_meta : NULL)) {
        cJSON *e = cJSON_CreateObject();
        if (!e || !cJSON_AddItemToArray(pols, e)) {
            cJSON_Delete(e);
            break;
        }
        const cJSON *id = json_get(m, "id");
        if (!add_cs(e, "id", cJSON_Duplicate(id, 1))) pols = NULL;
        for (size_t k = 0; pols && k < NELEM(catalog_keys); k++) {
            const cJSON *v = json_get(m, catalog_keys[k]);
            /* as the entries have them: countermeasures always (an empty array), the others
             * when the policy declares them */
            cJSON *c = v                                             ? cJSON_Duplicate(v, 1)
                       : !strcmp(catalog_keys[k], "countermeasures") ? cJSON_CreateArray()
                                                                     : NULL;
            if ((v || c) && !add_cs(e, catalog_keys[k], c)) pols = NULL;
        }
        if (!pols) break;
    }
    if (!pols) {
        cJSON_Delete(cat);
        return NULL;
    }
    return cat;
}

/* Add `item` to object `o` under its own key, as a reference (the compact tree only points
 * into the result, which outlives it). 0, or -1 when out of memory. */
static int add_ref(cJSON *o, const cJSON *item)
{
    return cJSON_AddItemReferenceToObject(o, item->string, (cJSON *)item) ? 0 : -1;
}

/* Add `made` (NULL: out of memory) to object `o` under `key`; 0 or -1. */
static int add_made(cJSON *o, const char *key, cJSON *made)
{
    if (made && cJSON_AddItemToObject(o, key, made)) return 0;
    cJSON_Delete(made);
    return -1;
}

/* `o` when it was built (bad == 0), else NULL after freeing it. */
static cJSON *built(cJSON *o, int bad)
{
    if (!bad) return o;
    cJSON_Delete(o);
    return NULL;
}

/* Is the row's or tree's risk value one of the `nhigh` highest of the scale? The scale is the
 * order of the risk section's "counts" (matrix.lua's scale, highest first). */
static int is_high(const cJSON *row, const cJSON *counts, int nhigh)
{
    const char *v = json_str(row, "risk_value");
    const cJSON *k = cJSON_IsObject(counts) ? counts->child : NULL;
    for (int i = 0; v && k && i < nhigh; i++, k = k->next)
        if (k->string && !strcmp(k->string, v)) return 1;
    return 0;
}

typedef cJSON *(*compact_fn)(const cJSON *item, int full);

/* A new array of fn(x, full) for the elements x of `a`; with `counts`, only the rows of the
 * two highest risk values (A and B: is_high). NULL when out of memory. */
static cJSON *compact_array(const cJSON *a, compact_fn fn, int full, const cJSON *counts)
{
    cJSON *o = cJSON_CreateArray();
    const cJSON *x;
    int bad = !o;
    cJSON_ArrayForEach(x, (bad ? NULL : a)) {
        if (counts && !is_high(x, counts, 2)) continue;
        cJSON *c = fn(x, full);
        if ((bad = !c || !cJSON_AddItemToArray(o, c))) {
            cJSON_Delete(c);
            break;
        }
    }
    return built(o, bad);
}

/* A finding: the members that are set; a passing finding's message (what the declaration
 * says, in words) only with --detail full. */
static cJSON *compact_finding(const cJSON *f, int full)
{
    cJSON *o = cJSON_CreateObject();
    const cJSON *m;
    int passed = !strcmp(json_str_or(f, "status", ""), "pass"), bad = !o;
    cJSON_ArrayForEach(m, (bad ? NULL : f)) {
        if ((one_of(m->string, finding_optional, NELEM(finding_optional)) && is_unset(m)) ||
            (passed && !full && !strcmp(m->string, "message")))
            continue;
        if ((bad = add_ref(o, m))) break;
    }
    return built(o, bad);
}

/* A policy entry without its metadata (in the catalog), "reason" only when set, the findings
 * compact, "fields_read" only with --detail full. */
static cJSON *compact_policy(const cJSON *p, int full)
{
    cJSON *o = cJSON_CreateObject();
    const cJSON *m;
    int bad = !o;
    cJSON_ArrayForEach(m, (bad ? NULL : p)) {
        if (one_of(m->string, catalog_keys, NELEM(catalog_keys)) ||
            (!strcmp(m->string, "reason") && cJSON_IsNull(m)) ||
            (!strcmp(m->string, "fields_read") && !full))
            continue;
        bad = !strcmp(m->string, "findings") && cJSON_IsArray(m)
                  ? add_made(o, "findings", compact_array(m, compact_finding, full, NULL))
                  : add_ref(o, m);
        if (bad) break;
    }
    return built(o, bad);
}

/* A copy of a risk row, tree or ranked fix without the tables' static words (risk_static, a
 * countermeasure's "name", an empty "invalidated_by"), recursively; NULL when out of memory. */
static cJSON *without_static(const cJSON *v, int full)
{
    (void)full; /* only called without --detail full */
    cJSON *o = cJSON_IsObject(v) ? cJSON_CreateObject() : cJSON_CreateArray();
    int named = cJSON_IsObject(v) && cJSON_IsString(json_get(v, "id")), bad = !o;
    const cJSON *m;
    cJSON_ArrayForEach(m, (bad ? NULL : v)) {
        if (cJSON_IsObject(v) && (one_of(m->string, risk_static, NELEM(risk_static)) ||
                                  (named && !strcmp(m->string, "name")) ||
                                  (!strcmp(m->string, "invalidated_by") && is_unset(m))))
            continue;
        cJSON *c = cJSON_IsObject(m) || cJSON_IsArray(m) ? without_static(m, full) : NULL;
        if ((cJSON_IsObject(m) || cJSON_IsArray(m)) && !c)
            bad = 1;
        else if (cJSON_IsObject(v))
            bad = c ? add_made(o, m->string, c) : add_ref(o, m);
        else
            bad = c ? !cJSON_AddItemToArray(o, c) : !cJSON_AddItemReferenceToArray(o, (cJSON *)m);
        if (bad) break;
    }
    return built(o, bad);
}

/* The risk section: "detail" first; with --detail full everything the risk module wrote;
 * otherwise the counts, tree counts, out_of_scope, warnings, the ranked fixes and only the
 * rows and trees of the two highest risk values, all without the tables' static words. */
static cJSON *compact_risk(const cJSON *r, int full)
{
    cJSON *o = cJSON_CreateObject();
    int bad = !o || !add_str(o, "detail", full ? "full" : "summary");
    const cJSON *counts = json_get(r, "counts"), *m;
    cJSON_ArrayForEach(m, (bad ? NULL : r)) {
        int rows = !strcmp(m->string, "asset_rows") || !strcmp(m->string, "attack_trees");
        if (full)
            bad = add_ref(o, m);
        else if (one_of(m->string, risk_static, NELEM(risk_static)))
            continue;
        else if (rows || !strcmp(m->string, "delta"))
            bad = add_made(o, m->string,
                           compact_array(m, without_static, full, rows ? counts : NULL));
        else
            bad = add_ref(o, m);
        if (bad) break;
    }
    return built(o, bad);
}

/* One declaration result in the compact form: its policy entries and risk section compact,
 * the rest as it is. New tree of references into `d`; NULL when out of memory. */
static cJSON *compact_decl(const cJSON *d, int full)
{
    cJSON *o = cJSON_CreateObject();
    const cJSON *m;
    int bad = !o;
    cJSON_ArrayForEach(m, (bad ? NULL : d)) {
        if (!strcmp(m->string, "policies") && cJSON_IsArray(m))
            bad = add_made(o, "policies", compact_array(m, compact_policy, full, NULL));
        else if (!strcmp(m->string, "risk") && cJSON_IsObject(m))
            bad = add_made(o, "risk", compact_risk(m, full));
        else
            bad = add_ref(o, m);
        if (bad) break;
    }
    return built(o, bad);
}

static int json_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    cJSON *compact = o->json_v2 ? compact_decl(decl, o->json_full) : NULL;
    if (o->json_v2 && !compact) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = fputs("\n\t\t", out) == EOF || json_write(out, compact ? compact : decl, 0, 2);
    cJSON_Delete(compact);
    if (rc) {
        snprintf(err, errlen, "%s", ferror(out) ? strerror(errno) : "invalid result document");
        return -1;
    }
    return 0;
}

static int json_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    (void)o;
    char *text;
    char *rest = split_envelope(envelope, &text, err, errlen);
    if (!rest) return -1;
    fputs("\n\t", out);
    fputs(rest, out);
    fputc('\n', out);
    free(text);
    return 0;
}

/* The whole document in the compact form: the envelope (the document with an empty
 * "declarations"), then each declaration, as check streams it. */
static int write_json_v2(const cJSON *result, const report_options *o, FILE *out, char *err,
                         size_t errlen)
{
    cJSON *env = cJSON_CreateObject();
    const cJSON *m, *decls = json_get(result, "declarations");
    int bad = !env;
    cJSON_ArrayForEach(m, (bad ? NULL : result))
        if (m == decls ? !cJSON_AddArrayToObject(env, "declarations") : add_ref(env, m)) bad = 1;
    if (bad) {
        cJSON_Delete(env);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = json_begin(env, o, out, err, errlen);
    size_t i = 0;
    cJSON_ArrayForEach(m, (rc ? NULL : decls)) {
        if (i++) json_separator(out);
        if ((rc = json_body(m, o, out, err, errlen))) break;
    }
    if (!rc) rc = json_end(env, o, out, err, errlen);
    cJSON_Delete(env);
    return rc;
}

static int text_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)err;
    (void)errlen;
    report_text_begin(envelope, o, out);
    return 0;
}

static int text_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)err;
    (void)errlen;
    report_text_decl(decl, o, out, 1);
    return 0;
}

static int text_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    if (report_text_end(envelope, o, out) == 0) return 0;
    snprintf(err, errlen, "out of memory");
    return -1;
}

/* The HTML report being streamed (report_html_stream_*): one at a time, from begin to end. */
static html_stream *html_open;

static int html_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)envelope;
    (void)out; /* nothing before the bodies: the head needs all of them */
    report_opts ro = auditor_opts(o);
    report_html_stream_free(html_open);
    html_open = report_html_stream_new(&ro, err, errlen);
    return html_open ? 0 : -1;
}

static void html_separator(FILE *out)
{
    (void)out;
}

static int html_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    report_opts ro = auditor_opts(o);
    return report_html_body(o->envelope, decl, &ro, out, err, errlen);
}

static int html_put(const char *text, size_t len, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    (void)o;
    (void)out;
    if (!html_open) {
        snprintf(err, errlen, "HTML report: no stream begun");
        return -1;
    }
    return report_html_stream_put(html_open, text, len, err, errlen);
}

static int html_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    (void)o;
    html_stream *s = html_open;
    html_open = NULL;
    if (!s) {
        snprintf(err, errlen, "HTML report: no stream begun");
        return -1;
    }
    return report_html_stream_end(s, envelope, out, err, errlen);
}

static void html_abort(void)
{
    report_html_stream_free(html_open);
    html_open = NULL;
}

/* csv, sarif, junit: the writer keeps what the parts after the last declaration need (a small
 * summary, a temporary file), so a body is written where the writer runs, in order. */
static void no_separator(FILE *out)
{
    (void)out;
}

static int csv_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    report_opts ro = auditor_opts(o);
    return report_csv_begin(envelope, &ro, o->csv_table, out, err, errlen);
}

static int csv_body(const cJSON *decl, const report_options *o, FILE *out, char *err, size_t errlen)
{
    (void)o;
    return report_csv_decl(decl, out, err, errlen);
}

static int csv_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                   size_t errlen)
{
    (void)envelope;
    (void)o;
    return report_csv_end(out, err, errlen);
}

static int sarif_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                       size_t errlen)
{
    (void)out;
    return report_sarif_begin(envelope, o->lang, err, errlen);
}

static int sarif_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)o;
    (void)out;
    return report_sarif_decl(decl, err, errlen);
}

static int sarif_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)envelope;
    (void)o;
    return report_sarif_end(out, err, errlen);
}

static int junit_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                       size_t errlen)
{
    (void)out;
    return report_junit_begin(envelope, o->lang, err, errlen);
}

static int junit_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    (void)o;
    (void)out;
    return report_junit_decl(decl, err, errlen);
}

static int junit_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)envelope;
    (void)o;
    return report_junit_end(out, err, errlen);
}

static int xlsx_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    report_opts ro = auditor_opts(o);
    (void)out; /* a binary file format: o->file names the file, created at the end */
    return report_xlsx_begin(envelope, &ro, err, errlen);
}

static int xlsx_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                     size_t errlen)
{
    (void)o;
    (void)out;
    return report_xlsx_decl(decl, err, errlen);
}

static int xlsx_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                    size_t errlen)
{
    (void)envelope;
    (void)out;
    return report_xlsx_end(o->file, err, errlen);
}

/* How a format is written one declaration at a time (byte-identical to the whole document). */
typedef struct {
    int (*begin)(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                 size_t errlen);
    void (*separator)(FILE *out); /* between two declarations */
    int (*body)(const cJSON *decl, const report_options *o, FILE *out, char *err, size_t errlen);
    int (*end)(const cJSON *envelope, const report_options *o, FILE *out, char *err, size_t errlen);
    /* optional: what is done with a body's bytes (default: copied to out), and how a stream
     * that does not reach its end is given up */
    int (*put)(const char *text, size_t len, const report_options *o, FILE *out, char *err,
               size_t errlen);
    void (*abort)(void);
    int keeps_state; /* the writer keeps state between begin and end: every body is written in
                        this process, in order (never rendered apart, e.g. in a worker) */
} stream_ops;

static const stream_ops text_stream = {
    text_begin, report_text_separator, text_body, text_end, NULL, NULL, 0};
static const stream_ops json_stream = {json_begin, json_separator, json_body, json_end,
                                       NULL,       NULL,           0};
static const stream_ops html_stream_ops = {html_begin, html_separator, html_body, html_end,
                                           html_put,   html_abort,     0};
static const stream_ops csv_stream = {csv_begin, no_separator, csv_body, csv_end, NULL, NULL, 1};
static const stream_ops sarif_stream = {sarif_begin, no_separator, sarif_body, sarif_end,
                                        NULL,        NULL,         1};
static const stream_ops junit_stream = {junit_begin, no_separator, junit_body, junit_end,
                                        NULL,        NULL,         1};
static const stream_ops xlsx_stream = {xlsx_begin, no_separator, xlsx_body, xlsx_end,
                                       NULL,       NULL,         1};

/* ---- the table of writers --------------------------------------------------------- */

/* The report writers, in the order `--format` lists them: one row per format. */
static const struct {
    const char *name;         /* --format value */
    const char *extension;    /* usual file name extension of the output */
    const stream_ops *stream; /* written one declaration at a time (report_stream_*), or NULL:
                                  whole document only (report_write) */
    int needs_file;           /* binary output that needs -o */
    int words;                /* shows domain words: needs kyojin.vocab loaded (report_vocab.h) */
    writer_fn write;          /* the whole document */
} writers[] = {
    /* clang-format off */
    {"text",  "txt",   &text_stream, 0, 1, write_text},
    {"json",  "json",  &json_stream, 0, 0, write_json},
    {"html",  "html",  &html_stream_ops, 0, 1, write_html},
    {"csv",   "csv",   &csv_stream,  0, 1, write_csv},
    {"xlsx",  "xlsx",  &xlsx_stream, 1, 1, write_xlsx},
    {"sarif", "sarif", &sarif_stream, 0, 0, write_sarif},
    {"junit", "xml",   &junit_stream, 0, 1, write_junit},
    /* clang-format on */
};
#define NWRITERS (sizeof writers / sizeof writers[0])

static int find_writer(const char *format)
{
    for (size_t i = 0; format && i < NWRITERS; i++)
        if (strcmp(writers[i].name, format) == 0) return (int)i;
    return -1;
}

int report_format_known(const char *format)
{
    return find_writer(format) >= 0;
}

const char *report_format_list(void)
{
    static char list[256];
    if (!list[0])
        for (size_t i = 0, n = 0; i < NWRITERS && n < sizeof list; i++)
            n +=
                (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? ", " : "", writers[i].name);
    return list;
}

int report_format_needs_file(const char *format)
{
    int i = find_writer(format);
    return i >= 0 && writers[i].needs_file;
}

int report_format_needs_words(const char *format)
{
    int i = find_writer(format);
    return i >= 0 && writers[i].words;
}

const char *report_format_extension(const char *format)
{
    int i = find_writer(format);
    return i >= 0 ? writers[i].extension : NULL;
}

int report_write(const cJSON *result, const report_options *o, FILE *out, const char *path,
                 char *err, size_t errlen)
{
    int i = find_writer(o->format);
    if (i < 0) {
        snprintf(err, errlen, "unknown format '%s'", o->format ? o->format : "");
        return -1;
    }
    return writers[i].write(result, o, out, path, err, errlen);
}

static const stream_ops *stream_ops_of(const char *format)
{
    int i = find_writer(format);
    return i >= 0 ? writers[i].stream : NULL;
}

int report_format_streams(const char *format)
{
    return stream_ops_of(format) != NULL;
}

int report_stream_renders_alone(const char *format)
{
    const stream_ops *s = stream_ops_of(format);
    return s && !s->keeps_state;
}

/* the stream operations of o->format, or NULL with err set */
static const stream_ops *stream_of(const report_options *o, char *err, size_t errlen)
{
    const stream_ops *s = stream_ops_of(o->format);
    if (!s)
        snprintf(err, errlen, "format '%s' is not written one declaration at a time",
                 o->format ? o->format : "");
    return s;
}

int report_stream_begin(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                        size_t errlen)
{
    const stream_ops *s = stream_of(o, err, errlen);
    return s ? s->begin(envelope, o, out, err, errlen) : -1;
}

void report_stream_separator(size_t index, const report_options *o, FILE *out)
{
    const stream_ops *s = stream_ops_of(o->format);
    if (index && s) s->separator(out);
}

int report_stream_body(const cJSON *decl, const report_options *o, FILE *out, char *err,
                       size_t errlen)
{
    const stream_ops *s = stream_of(o, err, errlen);
    return s ? s->body(decl, o, out, err, errlen) : -1;
}

int report_stream_put(const char *text, size_t len, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    const stream_ops *s = stream_of(o, err, errlen);
    if (!s) return -1;
    if (s->put) return s->put(text, len, o, out, err, errlen);
    if (fwrite(text, 1, len, out) != len) {
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    return 0;
}

void report_stream_abort(const report_options *o)
{
    const stream_ops *s = stream_ops_of(o->format);
    if (s && s->abort) s->abort();
}

int report_stream_decl(const cJSON *decl, size_t index, const report_options *o, FILE *out,
                       char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = report_stream_body(decl, o, m, err, errlen);
    if (fclose(m) != 0 && rc == 0) {
        snprintf(err, errlen, "out of memory");
        rc = -1;
    }
    report_stream_separator(index, o, out);
    if (rc == 0) rc = report_stream_put(text, len, o, out, err, errlen);
    free(text);
    return rc;
}

int report_stream_end(const cJSON *envelope, const report_options *o, FILE *out, char *err,
                      size_t errlen)
{
    const stream_ops *s = stream_of(o, err, errlen);
    return s ? s->end(envelope, o, out, err, errlen) : -1;
}
