/* verify.c — `kyojin verify REPORT --declaration FILE --policies DIR`.
 *
 * Reads the hashes a report records (JSON result; HTML data block id="kyojin-result";
 * XLSX custom properties kyojin.*; CSV meta table), recomputes the SHA-256 of the given
 * declaration files and of the policy directory the way the engine does (runner.c), and
 * says whether the report was produced from exactly those inputs. The parameters in a
 * report are checked against the parameters hash it records. Owns no report writing. */
#define _POSIX_C_SOURCE 200809L
#include "audit/verify.h"
#include "report/report_formats.h"
#include "engine/runner.h"
#include "util/cjson_cs.h"
#include "util/fileio.h"
#include "util/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define REPORT_MAX ((size_t)256 << 20)
#define MAX_DECLS  4096

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

/* The recorded inputs, in the shape of the HTML data block (report-meta/v1):
 * { policy_set: {sha256}, parameters?, parameters_sha256?, declarations: [{file, sha256}] } */

static cJSON *meta_from_json(cJSON *doc)
{
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(doc, "schema");
    if (!cJSON_IsString(schema) || (strcmp(schema->valuestring, "kyojin/result/v1") &&
                                    strcmp(schema->valuestring, "kyojin/report-meta/v1"))) {
        cJSON_Delete(doc);
        return NULL;
    }
    return doc;
}

static cJSON *meta_from_html(const char *text)
{
    static const char open[] = "<script type=\"application/json\" id=\"kyojin-result\">";
    const char *s = strstr(text, open), *e;
    char *body;
    cJSON *doc;
    if (!s) return NULL;
    s += strlen(open);
    if (!(e = strstr(s, "</script>"))) return NULL;
    if (!(body = strndup(s, (size_t)(e - s)))) return NULL;
    doc = cJSON_Parse(body);
    free(body);
    return doc ? meta_from_json(doc) : NULL;
}

static uint32_t le32(const unsigned char *p)
{
    return p[0] | p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static unsigned le16(const unsigned char *p)
{
    return p[0] | p[1] << 8;
}

/* One member of a zip archive, inflated; NULL when absent or damaged. */
static char *zip_member(const unsigned char *z, size_t n, const char *name)
{
    size_t eocd = 0, nl = strlen(name);
    if (n < 22) return NULL;
    for (size_t i = n - 22 + 1; i-- > 0 && n - i <= 22 + 65535;)
        if (le32(z + i) == 0x06054b50) {
            eocd = i + 1;
            break;
        }
    if (!eocd--) return NULL;
    size_t count = le16(z + eocd + 10), off = le32(z + eocd + 16);
    for (size_t k = 0; k < count; k++) {
        if (off + 46 > n || le32(z + off) != 0x02014b50) return NULL;
        size_t fnl = le16(z + off + 28), xl = le16(z + off + 30), cl = le16(z + off + 32);
        unsigned method = le16(z + off + 10);
        size_t csize = le32(z + off + 20), usize = le32(z + off + 24), lho = le32(z + off + 42);
        if (off + 46 + fnl > n) return NULL;
        if (fnl == nl && memcmp(z + off + 46, name, nl) == 0) {
            if (lho + 30 > n || le32(z + lho) != 0x04034b50) return NULL;
            size_t data = lho + 30 + le16(z + lho + 26) + le16(z + lho + 28);
            if (data > n || csize > n - data || usize > REPORT_MAX) return NULL;
            char *out = malloc(usize + 1);
            if (!out) return NULL;
            if (method == 0 && csize == usize)
                memcpy(out, z + data, usize);
            else if (method == 8) {
                z_stream s;
                memset(&s, 0, sizeof s);
                if (inflateInit2(&s, -15) != Z_OK) {
                    free(out);
                    return NULL;
                }
                s.next_in = (unsigned char *)(z + data);
                s.avail_in = (uInt)csize;
                s.next_out = (unsigned char *)out;
                s.avail_out = (uInt)usize;
                int rc = inflate(&s, Z_FINISH);
                inflateEnd(&s);
                if (rc != Z_STREAM_END || s.total_out != usize) {
                    free(out);
                    return NULL;
                }
            } else {
                free(out);
                return NULL;
            }
            out[usize] = 0;
            return out;
        }
        off += 46 + fnl + xl + cl;
    }
    return NULL;
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
    char *v = malloc((size_t)(e - s) + 1), *o = v;
    if (!v) return NULL;
    static const struct {
        const char *ent;
        char c;
    } ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    while (s < e) {
        int done = 0;
        for (size_t i = 0; i < 5 && !done; i++) {
            size_t k = strlen(ents[i].ent);
            if ((size_t)(e - s) >= k && !strncmp(s, ents[i].ent, k)) {
                *o++ = ents[i].c;
                s += k;
                done = 1;
            }
        }
        if (!done) *o++ = *s++;
    }
    *o = 0;
    return v;
}

static cJSON *meta_from_xlsx(const unsigned char *z, size_t n)
{
    char *xml = zip_member(z, n, "docProps/custom.xml"), *v;
    cJSON *m, *ps, *decls;
    if (!xml) return NULL;
    m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "schema", "kyojin/report-meta/v1");
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
        snprintf(key, sizeof key, "kyojin.declarations.%d.sha256", i);
        if (!(v = custom_prop(xml, key))) break;
        d = cJSON_CreateObject();
        cJSON_AddStringToObject(d, "sha256", v);
        free(v);
        snprintf(key, sizeof key, "kyojin.declarations.%d.file", i);
        if ((v = custom_prop(xml, key))) {
            cJSON_AddStringToObject(d, "file", v);
            free(v);
        }
        cJSON_AddItemToArray(decls, d);
    }
    free(xml);
    return m;
}

/* CSV meta table (report_csv.c, --csv-table meta): "key","value" rows. */
static char *csv_field(const char **pp)
{
    const char *p = *pp;
    size_t cap = strlen(p) + 1, k = 0;
    char *f = malloc(cap);
    if (!f) return NULL;
    if (*p == '"') {
        for (p++; *p; p++) {
            if (*p == '"' && p[1] == '"') {
                f[k++] = '"';
                p++;
            } else if (*p == '"') {
                p++;
                break;
            } else
                f[k++] = *p;
        }
    } else {
        while (*p && *p != ',' && *p != '\r' && *p != '\n') f[k++] = *p++;
    }
    f[k] = 0;
    *pp = p;
    return f;
}

static cJSON *meta_from_csv(const char *text)
{
    const char *p = text;
    cJSON *m = NULL, *ps, *decls;
    if (!strncmp(p, "\xEF\xBB\xBF", 3)) p += 3;
    if (strncmp(p, "\"項目\",", strlen("\"項目\",")) && strncmp(p, "\"Key\",", 6)) return NULL;
    m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "schema", "kyojin/report-meta/v1");
    ps = cJSON_AddObjectToObject(m, "policy_set");
    decls = cJSON_AddArrayToObject(m, "declarations");
    while (*p) {
        char *k = csv_field(&p), *v = NULL;
        if (*p == ',') {
            p++;
            v = csv_field(&p);
        }
        while (*p && *p != '\n') p++;
        if (*p) p++;
        if (k && v) {
            const char *val = v[0] == '\'' ? v + 1 : v; /* undo formula neutralising */
            int idx;
            char field[16];
            if (!strcmp(k, "policy_set.sha256"))
                cJSON_AddStringToObject(ps, "sha256", val);
            else if (!strcmp(k, "parameters_sha256"))
                cJSON_AddStringToObject(m, "parameters_sha256", val);
            else if (sscanf(k, "declarations.%d.%15s", &idx, field) == 2 && idx >= 1 &&
                     idx <= MAX_DECLS && (!strcmp(field, "sha256") || !strcmp(field, "file"))) {
                while (cJSON_GetArraySize(decls) < idx)
                    cJSON_AddItemToArray(decls, cJSON_CreateObject());
                cJSON_AddStringToObject(cJSON_GetArrayItem(decls, idx - 1), field, val);
            }
        }
        free(k);
        free(v);
    }
    return m;
}

/* Recorded inputs of the report at path, or NULL with a message printed. */
static cJSON *read_report(const char *path)
{
    size_t n;
    unsigned char *b = (unsigned char *)fileio_read(path, REPORT_MAX, &n);
    cJSON *m = NULL;
    const char *what;
    if (!b) {
        fprintf(stderr,
                MSG("kyojin: 報告書を読めません: %s\n", "kyojin: cannot read the report %s\n"),
                path);
        return NULL;
    }
    if (n >= 4 && !memcmp(b, "PK\x03\x04", 4)) {
        what = "XLSX";
        m = meta_from_xlsx(b, n);
    } else {
        const char *t = (const char *)b;
        if (!strncmp(t, "\xEF\xBB\xBF", 3)) t += 3;
        while (*t == ' ' || *t == '\t' || *t == '\r' || *t == '\n') t++;
        if (*t == '{') {
            what = "JSON";
            cJSON *doc = cJSON_Parse(t);
            m = doc ? meta_from_json(doc) : NULL;
        } else if (*t == '<') {
            what = "HTML";
            m = meta_from_html(t);
        } else {
            what = "CSV";
            m = meta_from_csv((const char *)b);
        }
    }
    if (!m)
        fprintf(
            stderr,
            MSG("kyojin: %s: kyojin の報告書として読めません（%s。CSV は --csv-table meta の表だけが対象です）\n",
                "kyojin: %s: not a kyojin report (%s; of CSV files only the --csv-table meta table records the inputs)\n"),
            path, what);
    free(b);
    return m;
}

/* ------------------------------------------------------------------ verify */

/* The hashes of the inputs against those the report records; prints one line per input and
 * the verdict. Returns 0 (mismatch set), or -1 after printing an input error. */
static int verify_inputs(const char *report, const char *const *decl, int nd, const char *policies,
                         const verify_args *a, char (*dhex)[65], int *used, int *mismatch_out)
{
    int mismatch = 0;
    for (int i = 0; i < nd; i++)
        if (file_sha256(decl[i], dhex[i]) != 0) {
            fprintf(
                stderr,
                MSG("kyojin: 申告を読めません: %s\n", "kyojin: cannot read the declaration %s\n"),
                decl[i]);
            return -1;
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
        return -1;
    }
    cJSON *m = read_report(report);
    if (!m) return -1;

    printf(MSG("報告書: %s\n", "Report: %s\n"), report);
    const char *rp = json_str(cJSON_GetObjectItemCaseSensitive(m, "policy_set"), "sha256");
    if (rp && !strcmp(rp, phex))
        printf(MSG("  一致    ポリシーセット %s（%d ファイル）\n",
                   "  match     policy set %s (%d files)\n"),
               policies, nfiles);
    else {
        mismatch = 1;
        printf(MSG("  不一致  ポリシーセット %s\n          報告書: %s\n          入力:   %s\n",
                   "  MISMATCH  policy set %s\n            report: %s\n            input:  %s\n"),
               policies, rp ? rp : "-", phex);
    }
    const cJSON *decls = cJSON_GetObjectItemCaseSensitive(m, "declarations"), *d;
    int nr = cJSON_GetArraySize(decls);
    cJSON_ArrayForEach(d, decls) {
        const char *h = json_str(d, "sha256"), *f = json_str(d, "file");
        int hit = -1;
        for (int i = 0; i < nd && hit < 0; i++)
            if (!used[i] && h && !strcmp(h, dhex[i])) hit = i;
        if (hit >= 0) {
            used[hit] = 1;
            printf(MSG("  一致    申告 %s（報告書では %s）\n",
                       "  match     declaration %s (in the report: %s)\n"),
                   decl[hit], f ? f : "-");
        } else {
            mismatch = 1;
            printf(MSG("  不一致  報告書の申告 %s（%s）に合う入力がありません\n",
                       "  MISMATCH  no input matches the report's declaration %s (%s)\n"),
                   f ? f : "-", h ? h : "-");
        }
    }
    for (int i = 0; i < nd; i++)
        if (!used[i]) {
            mismatch = 1;
            printf(MSG("  不一致  申告 %s（%s）は報告書にありません\n",
                       "  MISMATCH  declaration %s (%s) is not in the report\n"),
                   decl[i], dhex[i]);
        }
    if (nr == 0) mismatch = 1;
    /* parameters: the recorded values against the recorded hash */
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(m, "parameters");
    const char *rph = json_str(m, "parameters_sha256");
    char hex[65];
    if (params && report_parameters_sha256(m, hex) == 0) {
        if (rph && strcmp(rph, hex)) {
            mismatch = 1;
            printf(MSG(
                "  不一致  パラメータが記録されたハッシュと合いません（報告書が書き換えられています）\n",
                "  MISMATCH  the parameters do not match their recorded hash (the report was altered)\n"));
        } else
            printf(MSG("  記録    パラメータ %s\n", "  recorded  parameters %s\n"), hex);
    } else if (rph)
        printf(MSG("  記録    パラメータ %s\n", "  recorded  parameters %s\n"), rph);
    printf(mismatch ? MSG("結果: 報告書はこれらの入力から作られたものではありません。\n",
                          "Result: the report was NOT produced from these inputs.\n")
                    : MSG("結果: 報告書はこれらの入力から作られています。\n",
                          "Result: the report was produced from exactly these inputs.\n"));
    cJSON_Delete(m);
    *mismatch_out = mismatch;
    return 0;
}

int verify_main(const verify_args *a, const char *default_policies)
{
    const char *report = a->nreports ? a->reports[0] : NULL;
    const char *policies = a->policies ? a->policies : default_policies;
    const char *const *decl = a->decls;
    int nd = (int)a->ndecls, mismatch = 0;
    en = a->lang && !strcmp(a->lang, "en");
    if (a->nreports > 1) {
        fprintf(stderr,
                MSG("kyojin: 報告書は 1 つだけ指定してください: %s\n",
                    "kyojin: give one report only: %s\n"),
                a->reports[1]);
        return 2;
    }
    if (!report || nd == 0 || !policies) {
        fputs(MSG("kyojin: 報告書と --declaration 申告 を指定してください\n"
                  "（kyojin verify --help を参照）\n",
                  "kyojin: give the report and --declaration FILE\n"
                  "(see kyojin verify --help)\n"),
              stderr);
        return 2;
    }
    char(*dhex)[65] = calloc((size_t)nd, sizeof *dhex);
    int *used = calloc((size_t)nd, sizeof *used);
    if (!dhex || !used) {
        free(dhex);
        free(used);
        fputs(MSG("kyojin: メモリが不足しています\n", "kyojin: out of memory\n"), stderr);
        return 2;
    }
    int rc = verify_inputs(report, decl, nd, policies, a, dhex, used, &mismatch);
    free(dhex);
    free(used);
    return rc < 0 ? 2 : mismatch ? 1 : 0;
}
