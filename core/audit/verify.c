/* verify.c — `kyojin verify REPORT --declaration FILE [--policies DIR] [--pubkey KEY.pub]`.
 *
 * Is the report exactly what these inputs give? Reads what the report records in its own
 * format (the JSON result itself; the HTML data block id="kyojin-result"; XLSX custom
 * properties kyojin.*; the CSV meta table's rows or the last row "#kyojin-report" of the
 * other tables; the SARIF run's properties.kyojin; the JUnit property kyojin.report; the
 * last line "# kyojin-report" of text): the inputs' hashes and the options it was rendered
 * with. Recomputes the hashes of the declarations and policies given, renders the report
 * again with check's own code (verify_render_fn, from core/cli) and compares byte for byte;
 * compare.c says where it differs. With --pubkey, sign.c checks the signature.
 * Owns the verdict and its exit code. Does not own report writing or rendering. */
#define _POSIX_C_SOURCE 200809L
#include "audit/verify.h"
#include "audit/compare.h"
#include "audit/sign.h"
#include "report/report_formats.h"
#include "rollup/rollup.h"
#include "engine/runner.h"
#include "util/cjson_cs.h"
#include "util/fileio.h"
#include "util/sha256.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPORT_MAX ((size_t)256 << 20)
#define MAX_DECLS  100000

static int en;
#define MSG(ja, e) (en ? (e) : (ja))

/* ------------------------------------------------------------------ files */

static int file_sha256(const char *path, char hex[65])
{
    size_t n;
    unsigned char *b = (unsigned char *)fileio_read(path, REPORT_MAX, &n), d[32];
    if (!b) return -1;
    sha256(b, n, d);
    sha256_hex(d, hex);
    free(b);
    return 0;
}

/* ------------------------------------------------------------------ policy set */

int verify_policy_set_sha256(const char *dir, char hex[65])
{
    char **files;
    struct stat st;
    sha256_ctx c;
    unsigned char d[32];
    int n = 0;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) return -1;
    /* the engine's selection of policy files, in its order */
    size_t nfiles = runner_list_sources(dir, 1, &files);
    sha256_init(&c);
    for (size_t i = 0; i < nfiles; i++) {
        char path[8192];
        size_t len;
        unsigned char *text;
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        text = (unsigned char *)fileio_read(path, (size_t)64 << 20, &len);
        if (text) {
            sha256_update(&c, files[i], strlen(files[i]) + 1);
            sha256_update(&c, text, len);
            sha256_update(&c, "", 1);
            free(text);
            n++;
        }
    }
    runner_free_list(files, nfiles);
    sha256_final(&c, d);
    sha256_hex(d, hex);
    return n;
}

/* ------------------------------------------------------------------ reading reports */

/* What a report records, in the shape of report_meta (report_labels.h):
 * { rendering, policy_set: {sha256}, parameters?, parameters_sha256?,
 *   declarations: [{file, sha256?}] } */

static cJSON *parse_n(const char *s, size_t n)
{
    return cJSON_ParseWithLength(s, n);
}

/* The HTML data block */
static cJSON *meta_from_html(const char *text)
{
    static const char open[] = "<script type=\"application/json\" id=\"kyojin-result\">";
    const char *s = strstr(text, open), *e;
    if (!s) return NULL;
    s += strlen(open);
    if (!(e = strstr(s, "</script>"))) return NULL;
    return parse_n(s, (size_t)(e - s));
}

/* Value of custom property `name` in docProps/custom.xml (hex and paths; the five XML
 * entities are decoded). */
static char *custom_prop(const char *xml, const char *name)
{
    char key[256];
    const char *s, *e;
    snprintf(key, sizeof key, "name=\"%s\"><vt:lpwstr>", name);
    if (!(s = strstr(xml, key))) return NULL;
    s += strlen(key);
    if (!(e = strstr(s, "</vt:lpwstr>"))) return NULL;
    return xml_unescape(s, (size_t)(e - s));
}

static cJSON *meta_from_xlsx(const unsigned char *z, size_t n)
{
    char *xml = zip_member(z, n, "docProps/custom.xml", NULL), *v;
    cJSON *m, *ps, *decls;
    if (!xml) return NULL;
    m = cJSON_CreateObject();
    ps = cJSON_AddObjectToObject(m, "policy_set");
    if ((v = custom_prop(xml, "kyojin.policy_set.sha256"))) {
        cJSON_AddStringToObject(ps, "sha256", v);
        free(v);
    }
    if ((v = custom_prop(xml, "kyojin.parameters.sha256"))) {
        cJSON_AddStringToObject(m, "parameters_sha256", v);
        free(v);
    }
    decls = cJSON_AddArrayToObject(m, "declarations");
    for (int i = 1; i <= MAX_DECLS; i++) {
        char key[64];
        cJSON *d;
        snprintf(key, sizeof key, "kyojin.declarations.%d.file", i);
        char *file = custom_prop(xml, key);
        snprintf(key, sizeof key, "kyojin.declarations.%d.sha256", i);
        if (!(v = custom_prop(xml, key)) && !file) break;
        d = cJSON_CreateObject();
        cJSON_AddStringToObject(d, "file", file ? file : "");
        if (v) cJSON_AddStringToObject(d, "sha256", v);
        free(v);
        free(file);
        cJSON_AddItemToArray(decls, d);
    }
    /* the rendering record in pieces kyojin.rendering.1, .2, ... */
    strvec parts = {0};
    size_t total = 0;
    for (int i = 1; i <= 100000; i++) {
        char key[64];
        snprintf(key, sizeof key, "kyojin.rendering.%d", i);
        if (!(v = custom_prop(xml, key))) break;
        total += strlen(v);
        strvec_push_owned(&parts, v);
    }
    if (parts.n) {
        char *all = malloc(total + 1);
        if (all) {
            all[0] = 0;
            for (size_t i = 0; i < parts.n; i++) strcat(all, parts.v[i]);
            cJSON *r = cJSON_Parse(all);
            if (r) cJSON_AddItemToObject(m, "rendering", r);
            free(all);
        }
    }
    strvec_free(&parts);
    free(xml);
    return m;
}

/* CSV: the meta table ("key","value" rows, with "rendering"), or the last row
 * "#kyojin-report","{json}" of the other tables. */
static cJSON *meta_from_csv(const char *text, size_t n)
{
    char ***rows;
    size_t nrows;
    cJSON *m = NULL;
    if (csv_parse(text, n, &rows, &nrows)) return NULL;
    if (nrows && rows[0][0] && (!strcmp(rows[0][0], "項目") || !strcmp(rows[0][0], "Key"))) {
        m = cJSON_CreateObject();
        cJSON *ps = cJSON_AddObjectToObject(m, "policy_set");
        cJSON *decls = cJSON_AddArrayToObject(m, "declarations");
        for (size_t r = 1; r < nrows; r++) {
            const char *k = rows[r][0], *v = k ? rows[r][1] : NULL;
            if (!v) continue;
            if (v[0] == '\'') v++; /* undo formula neutralising */
            int idx;
            char field[16];
            if (!strcmp(k, "policy_set.sha256"))
                cJSON_AddStringToObject(ps, "sha256", v);
            else if (!strcmp(k, "parameters_sha256"))
                cJSON_AddStringToObject(m, "parameters_sha256", v);
            else if (!strcmp(k, "rendering")) {
                cJSON *rj = cJSON_Parse(v);
                if (rj) cJSON_AddItemToObject(m, "rendering", rj);
            } else if (sscanf(k, "declarations.%d.%15s", &idx, field) == 2 && idx >= 1 &&
                       idx <= MAX_DECLS && (!strcmp(field, "sha256") || !strcmp(field, "file"))) {
                while (cJSON_GetArraySize(decls) < idx)
                    cJSON_AddItemToArray(decls, cJSON_CreateObject());
                cJSON_AddStringToObject(cJSON_GetArrayItem(decls, idx - 1), field, v);
            }
        }
    } else if (nrows && rows[nrows - 1][0] && !strcmp(rows[nrows - 1][0], "#kyojin-report") &&
               rows[nrows - 1][1])
        m = cJSON_Parse(rows[nrows - 1][1]);
    csv_free(rows, nrows);
    return m;
}

static cJSON *meta_from_junit(const char *text)
{
    static const char key[] = "<property name=\"kyojin.report\" value=\"";
    const char *s = strstr(text, key), *e;
    if (!s) return NULL;
    s += strlen(key);
    if (!(e = strchr(s, '"'))) return NULL;
    char *v = xml_unescape(s, (size_t)(e - s));
    cJSON *m = v ? cJSON_Parse(v) : NULL;
    free(v);
    return m;
}

/* text: the last line "# kyojin-report {json}" */
static cJSON *meta_from_text(const char *text, size_t n)
{
    static const char key[] = "\n# kyojin-report ";
    const char *last = NULL;
    for (const char *p = text; (p = strstr(p, key)); p++) last = p;
    if (!last) return NULL;
    last += strlen(key);
    const char *e = memchr(last, '\n', n - (size_t)(last - text));
    return parse_n(last, e ? (size_t)(e - last) : n - (size_t)(last - text));
}

typedef struct {
    unsigned char *bytes;
    size_t n;
    const char *kind; /* json, sarif, html, junit, csv, xlsx, text */
    cJSON *meta;
} report;

/* Reads the report and what it records. 0; 2 after saying why (unreadable, unsupported,
 * or not a report of kyojin). */
static int read_report(const char *path, report *r)
{
    memset(r, 0, sizeof *r);
    r->bytes = (unsigned char *)fileio_read(path, REPORT_MAX, &r->n);
    if (!r->bytes) {
        fprintf(stderr,
                MSG("kyojin: 報告書を読めません: %s\n", "kyojin: cannot read the report %s\n"),
                path);
        return 2;
    }
    const char *b = (const char *)r->bytes, *t = b;
    const char *unsupported = NULL;
    if (r->n >= 5 && !memcmp(b, "%PDF-", 5))
        unsupported = "PDF";
    else if (r->n >= 4 && !memcmp(b, "PK\x03\x04", 4)) {
        r->kind = "xlsx";
        r->meta = meta_from_xlsx(r->bytes, r->n);
    } else if (memchr(b, 0, r->n))
        unsupported = MSG("バイナリ", "binary");
    else {
        if (r->n >= 3 && !strncmp(t, "\xEF\xBB\xBF", 3)) t += 3;
        while (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n') t++;
        if (*t == '{') {
            cJSON *doc = cJSON_ParseWithLength(b, r->n);
            const cJSON *runs = cJSON_GetObjectItemCaseSensitive(doc, "runs");
            if (cJSON_IsArray(runs)) {
                r->kind = "sarif";
                const cJSON *props =
                    cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(runs, 0), "properties");
                r->meta = cJSON_DetachItemFromObjectCaseSensitive((cJSON *)props, "kyojin");
                cJSON_Delete(doc);
            } else {
                r->kind = "json";
                const cJSON *schema = cJSON_GetObjectItemCaseSensitive(doc, "schema");
                if (cJSON_IsString(schema) && rollup_schema_known(schema->valuestring))
                    r->meta = doc;
                else
                    cJSON_Delete(doc);
            }
        } else if (!strncmp(t, "<?xml", 5) && strstr(t, "<testsuites")) {
            r->kind = "junit";
            r->meta = meta_from_junit(t);
        } else if (*t == '<') {
            r->kind = "html";
            r->meta = meta_from_html(t);
        } else if (b[0] == '\xEF' && *t == '"') {
            r->kind = "csv";
            r->meta = meta_from_csv(b, r->n);
        } else if (!strncmp(t, "kyojin ", 7)) {
            r->kind = "text";
            r->meta = meta_from_text(b, r->n);
        } else
            unsupported = MSG("不明", "unknown");
    }
    if (unsupported) {
        fprintf(
            stderr,
            MSG("kyojin: %s: この形式（%s）の報告書は確かめられません。kyojin check が書いた形式"
                "（text・json・html・csv・xlsx・sarif・junit）の報告書を指定してください\n",
                "kyojin: %s: cannot verify a report of this kind (%s); give a report kyojin "
                "check wrote (text, json, html, csv, xlsx, sarif or junit)\n"),
            path, unsupported);
        return 2;
    }
    if (!r->meta || !cJSON_IsObject(r->meta)) {
        fprintf(
            stderr,
            MSG("kyojin: %s: kyojin の報告書として読めません（%s として読みましたが、kyojin の記録が"
                "見つからないか壊れています）\n",
                "kyojin: %s: not a kyojin report (read as %s, but kyojin's record is missing or "
                "damaged)\n"),
            path, r->kind);
        return 2;
    }
    return 0;
}

static void report_free(report *r)
{
    free(r->bytes);
    cJSON_Delete(r->meta);
}
/* ------------------------------------------------------------------ verify */

/* A declaration the report records, and the input given for it. */
typedef struct {
    const char *file;   /* the name in the report */
    const char *sha256; /* its recorded hash, or NULL (text reports, inputs without a result) */
    int input;          /* index of the input given for it, or -1 */
} recorded;

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* Pair the recorded declarations with the inputs: by hash, then by name (the same path, or
 * the same file name), then in order. */
static void pair_inputs(recorded *rec, int nr, const char *const *decl, char (*dhex)[65], int nd,
                        int *used)
{
    for (int pass = 0; pass < 4; pass++)
        for (int k = 0; k < nr; k++) {
            for (int i = 0; i < nd && rec[k].input < 0; i++) {
                if (used[i]) continue;
                int hit = pass == 0   ? rec[k].sha256 && !strcmp(rec[k].sha256, dhex[i])
                          : pass == 1 ? !strcmp(rec[k].file, decl[i])
                          : pass == 2 ? !strcmp(base_name(rec[k].file), base_name(decl[i]))
                                      : 1;
                if (hit) {
                    rec[k].input = i;
                    used[i] = 1;
                }
            }
        }
}

/* The hashes of the inputs against those the report records; prints one line per input.
 * Sets *mismatch; fills rec. Returns 0, or 2 after printing an input error. */
static int check_inputs(const report *r, const verify_args *a, const char *policies,
                        char (*dhex)[65], recorded **rec_out, int *nrec, int *mismatch)
{
    const char *const *decl = a->decls;
    int nd = (int)a->ndecls;
    for (int i = 0; i < nd; i++)
        if (file_sha256(decl[i], dhex[i]) != 0) {
            fprintf(
                stderr,
                MSG("kyojin: 申告を読めません: %s\n", "kyojin: cannot read the declaration %s\n"),
                decl[i]);
            return 2;
        }
    char phex[65];
    int nfiles = a->policies || !a->bundled_set_sha256
                     ? verify_policy_set_sha256(policies, phex)
                     : (snprintf(phex, sizeof phex, "%s", a->bundled_set_sha256), a->bundled_files);
    if (nfiles < 0) {
        fprintf(stderr,
                MSG("kyojin: ポリシーのディレクトリがありません: %s\n",
                    "kyojin: no policy directory %s\n"),
                policies);
        return 2;
    }
    const cJSON *m = r->meta;
    char *pshow = utf8_show_name(policies);
    const char *rp = json_str(cJSON_GetObjectItemCaseSensitive(m, "policy_set"), "sha256");
    if (rp && !strcmp(rp, phex))
        printf(MSG("  一致    ポリシーセット %s（%d ファイル）\n",
                   "  match     policy set %s (%d files)\n"),
               pshow ? pshow : policies, nfiles);
    else {
        *mismatch = 1;
        printf(MSG("  不一致  ポリシーセット %s\n          報告書: %s\n          入力:   %s\n",
                   "  MISMATCH  policy set %s\n            report: %s\n            input:  %s\n"),
               pshow ? pshow : policies, rp ? rp : "-", phex);
    }
    free(pshow);

    const cJSON *decls = cJSON_GetObjectItemCaseSensitive(m, "declarations"), *d;
    int nr = cJSON_GetArraySize(decls), k = 0;
    recorded *rec = calloc((size_t)(nr ? nr : 1), sizeof *rec);
    int *used = calloc((size_t)(nd ? nd : 1), sizeof *used);
    if (!rec || !used) {
        free(rec);
        free(used);
        fputs(MSG("kyojin: メモリが不足しています\n", "kyojin: out of memory\n"), stderr);
        return 2;
    }
    cJSON_ArrayForEach(d, decls) {
        rec[k].file = json_str(d, "file") ? json_str(d, "file") : "";
        rec[k].sha256 = json_str(d, "sha256");
        rec[k].input = -1;
        k++;
    }
    pair_inputs(rec, nr, decl, dhex, nd, used);
    for (k = 0; k < nr; k++) {
        int i = rec[k].input;
        char *show = i >= 0 ? utf8_show_name(decl[i]) : NULL;
        const char *given = show ? show : i >= 0 ? decl[i] : "-";
        if (i < 0) {
            *mismatch = 1;
            printf(MSG("  不一致  報告書の申告 %s（%s）に合う入力がありません\n",
                       "  MISMATCH  no input matches the report's declaration %s (%s)\n"),
                   rec[k].file, rec[k].sha256 ? rec[k].sha256 : "-");
        } else if (!rec[k].sha256)
            printf(
                MSG("  照合    申告 %s（報告書では %s。ハッシュの記録がないため、作り直して比べます）\n",
                    "  paired    declaration %s (in the report: %s; no hash recorded, so it is "
                    "compared by rendering)\n"),
                given, rec[k].file);
        else if (!strcmp(rec[k].sha256, dhex[i]))
            printf(MSG("  一致    申告 %s（報告書では %s）\n",
                       "  match     declaration %s (in the report: %s)\n"),
                   given, rec[k].file);
        else {
            *mismatch = 1;
            printf(MSG("  不一致  申告 %s は報告書の %s と内容が違います\n          報告書: %s\n"
                       "          入力:   %s\n",
                       "  MISMATCH  declaration %s differs from the report's %s\n"
                       "            report: %s\n            input:  %s\n"),
                   given, rec[k].file, rec[k].sha256, dhex[i]);
        }
        free(show);
    }
    for (int i = 0; i < nd; i++)
        if (!used[i]) {
            char *show = utf8_show_name(decl[i]);
            *mismatch = 1;
            printf(MSG("  不一致  申告 %s（%s）は報告書にありません\n",
                       "  MISMATCH  declaration %s (%s) is not in the report\n"),
                   show ? show : decl[i], dhex[i]);
            free(show);
        }
    if (nr == 0) *mismatch = 1;
    free(used);
    /* parameters: the recorded values against the recorded hash */
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(m, "parameters");
    const char *rph = json_str(m, "parameters_sha256");
    char hex[65];
    if (params && rph && report_parameters_sha256(m, hex) == 0 && strcmp(rph, hex)) {
        *mismatch = 1;
        printf(MSG(
            "  不一致  パラメータが記録されたハッシュと合いません（報告書が書き換えられています）\n",
            "  MISMATCH  the parameters do not match their recorded hash (the report was "
            "altered)\n"));
    }
    *rec_out = rec;
    *nrec = nr;
    return 0;
}

/* Render the report again from the inputs and compare. Sets *mismatch; returns 0, or 2 after
 * printing why it could not be rendered. */
static int check_content(const report *r, const verify_args *a, const recorded *rec, int nr,
                         int *mismatch)
{
    const cJSON *rendering = cJSON_GetObjectItemCaseSensitive(r->meta, "rendering");
    if (!cJSON_IsObject(rendering)) {
        *mismatch = 1;
        printf(MSG(
            "  不一致  報告書に作り直すための記録（rendering）がありません。内容は確かめられません\n"
            "          （古い版の kyojin で作られたか、書き換えられています）\n",
            "  MISMATCH  the report has no record of how it was rendered; its content "
            "cannot be checked\n            (made by an older kyojin, or altered)\n"));
        return 0;
    }
    for (int k = 0; k < nr; k++)
        if (rec[k].input < 0) {
            printf(MSG("  未確認  入力が足りないため、報告書の内容は作り直して比べられません\n",
                       "  unchecked the inputs are incomplete: the content cannot be rendered "
                       "again\n"));
            return 0;
        }
    const char *fmt = json_str(rendering, "format");
    if (!fmt) fmt = "text";
    if (strcmp(fmt, r->kind)) {
        *mismatch = 1;
        printf(MSG("  不一致  報告書は %s ですが、記録では %s 形式で作られています\n",
                   "  MISMATCH  the report is %s but records being rendered as %s\n"),
               r->kind, fmt);
        return 0;
    }
    const char *td = getenv("TMPDIR");
    char *dir = str_printf("%s/kyojin-verify.XXXXXX", td && *td ? td : "/tmp");
    if (!dir || !mkdtemp(dir)) {
        free(dir);
        fprintf(stderr, MSG("kyojin: 一時ディレクトリを作れません\n",
                            "kyojin: cannot make a temporary directory\n"));
        return 2;
    }
    char *out = str_printf("%s/report", dir);
    char **names = calloc((size_t)nr, sizeof *names),
         **sources = calloc((size_t)nr, sizeof *sources);
    int rc = 2;
    if (!out || !names || !sources) {
        fputs(MSG("kyojin: メモリが不足しています\n", "kyojin: out of memory\n"), stderr);
        goto done;
    }
    for (int k = 0; k < nr; k++) {
        names[k] = (char *)rec[k].file;
        sources[k] = (char *)a->decls[rec[k].input];
    }
    fflush(stdout);
    /* a JSON result of the older schema kyojin/result/v1 (every policy's metadata in each
     * declaration, every risk row) is rendered again in that form */
    int v1 =
        !strcmp(r->kind, "json") && !strcmp(json_str_or(r->meta, "schema", ""), "kyojin/result/v1");
    verify_render vr = {rendering, names, sources, (size_t)nr, out, dir, 0, v1};
    /* check's exit code says what the inputs give (2 also for an input without a result, which
     * the report shows); the report was rendered when the file is there */
    a->render(a->render_ctx, &vr);
    if (vr.input_mismatch) *mismatch = 1;
    size_t n;
    unsigned char *again = (unsigned char *)fileio_read(out, REPORT_MAX, &n);
    if (!again) {
        fprintf(stderr, MSG("kyojin: 報告書を作り直せませんでした（上のメッセージを参照）\n",
                            "kyojin: the report could not be rendered again (see above)\n"));
        goto done;
    }
    int diffs = compare_report(r->kind, r->bytes, r->n, again, n, en);
    if (diffs) {
        *mismatch = 1;
        printf(
            MSG("  不一致  報告書の内容が、これらの入力から作られる報告書と %d か所違います（上の「違い」）\n",
                "  MISMATCH  the report's content differs from what these inputs give in %d "
                "places (DIFFERS above)\n"),
            diffs);
    } else
        printf(
            MSG("  一致    内容（%s、%zu バイト）: これらの入力から作り直した報告書と 1 バイトも違いません\n",
                "  match     content (%s, %zu bytes): identical to the report these inputs give\n"),
            r->kind, r->n);
    free(again);
    rc = 0;
done:
    if (out) unlink(out);
    rmdir(dir);
    free(dir);
    free(out);
    free(names);
    free(sources);
    return rc;
}

int verify_main(const verify_args *a, const char *default_policies)
{
    const char *path = a->nreports ? a->reports[0] : NULL;
    const char *policies = a->policies ? a->policies : default_policies;
    int nd = (int)a->ndecls, mismatch = 0, rc;
    en = a->lang && !strcmp(a->lang, "en");
    if (a->nreports > 1) {
        fprintf(stderr,
                MSG("kyojin: 報告書は 1 つだけ指定してください: %s\n",
                    "kyojin: give one report only: %s\n"),
                a->reports[1]);
        return 2;
    }
    if (!path || nd == 0 || !policies) {
        fputs(MSG("kyojin: 報告書と --declaration 申告 を指定してください\n"
                  "（kyojin verify --help を参照）\n",
                  "kyojin: give the report and --declaration FILE\n"
                  "(see kyojin verify --help)\n"),
              stderr);
        return 2;
    }
    report r;
    if ((rc = read_report(path, &r)) != 0) {
        report_free(&r);
        return rc;
    }
    char(*dhex)[65] = calloc((size_t)nd, sizeof *dhex);
    recorded *rec = NULL;
    int nr = 0;
    if (!dhex) {
        report_free(&r);
        fputs(MSG("kyojin: メモリが不足しています\n", "kyojin: out of memory\n"), stderr);
        return 2;
    }
    char *rshow = utf8_show_name(path);
    printf(MSG("報告書: %s（%s）\n", "Report: %s (%s)\n"), rshow ? rshow : path, r.kind);
    free(rshow);
    rc = check_inputs(&r, a, policies, dhex, &rec, &nr, &mismatch);
    if (rc == 0) rc = check_content(&r, a, rec, nr, &mismatch);
    int sig_rc = 0;
    if (rc == 0 && a->pubkey) {
        char *sig = a->signature ? NULL : str_printf("%s.sig", path);
        sig_rc = sign_check(r.bytes, r.n, a->signature ? a->signature : sig, a->pubkey, a->lang);
        free(sig);
        if (sig_rc == 2) rc = 2;
    }
    if (rc == 0) {
        if (mismatch)
            printf(MSG("結果: 報告書は、これらの入力から作られるものと同じではありません。\n",
                       "Result: the report is NOT what these inputs give.\n"));
        else
            printf(MSG("結果: 報告書は、これらの入力から作られるものと 1 バイトも違いません。\n",
                       "Result: the report is exactly what these inputs give.\n"));
        if (a->pubkey)
            printf(sig_rc
                       ? MSG("結果: 署名は正しくありません。\n",
                             "Result: the signature is NOT valid.\n")
                       : MSG("結果: 署名は正しく、報告書は署名されたときのままです。\n",
                             "Result: the signature is valid; the report is as it was signed.\n"));
    }
    free(dhex);
    free(rec);
    report_free(&r);
    return rc ? rc : mismatch || sig_rc ? 1 : 0;
}
