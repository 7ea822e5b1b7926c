/* report_html.c — the auditor's HTML report (--format html).
 *
 * One self-contained file: inline CSS and SVG, no script that runs, no external fonts,
 * images or links. Laid out for A4 print: the cover (issue date, assessor, the assessed
 * body's contact, signature block) before the table of contents, then per declaration the
 * scope and method (self-declaration, evidenced facts, policy pack and guideline edition,
 * inputs and their hashes), summary, findings by requirement family with their evidence,
 * what passed per requirement and subject, waivers, risk heat map, the risk grouped by asset,
 * the business-damage-based sheet and the connection classification; the asset-based sheet
 * with every row is an appendix of --detail full (the result's "report"). Page numbers come
 * from the print stylesheet. Reads only the result document (interfaces.md §5/§8). Every
 * string from a declaration or a policy goes through html_escape (report_escape.c). The
 * result's hashes and the report's options are embedded as JSON data
 * (<script type="application/json" id="kyojin-result">) for `kyojin verify`.
 *
 * Written one declaration at a time (report_html_stream_*, report_formats.h): what comes before
 * the declarations (title, data block, cover, table of contents) depends on all of them, so
 * each declaration's body is rendered with its small entries for those parts, the bodies
 * wait in an unnamed temporary file, and the head is written at the end, followed by the
 * bodies. Memory holds the entries only, whatever the number of declarations. */
#define _POSIX_C_SOURCE 200809L /* open_memstream, mkstemp, fdopen */
#include "report/report_formats.h"
#include "report/report_escape.h"
#include "report/report_labels.h"
#include "util/cjson_cs.h"
#include "util/strutil.h"
#include "report/report_vocab.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define W(k) rl_word((k), en)
#define T(s) html_escape(out, (s))

/* open (a "<table …>" with its colgroup), then "<thead><tr><th>WORD</th>…</tr></thead><tbody>"
 * with the words of keys (NULL-ended). */
static void table_open(FILE *out, int en, const char *open, const char *const *keys)
{
    fputs(open, out);
    fputs("<thead><tr>", out);
    for (; *keys; keys++) {
        fputs("<th>", out);
        T(W(*keys));
        fputs("</th>", out);
    }
    fputs("</tr></thead><tbody>\n", out);
}

static void table_head(FILE *out, int en, const char *const *keys)
{
    table_open(out, en, "<table>", keys);
}

/* A paragraph holding the word of key, of class cls (NULL: none). */
static void para(FILE *out, int en, const char *cls, const char *key)
{
    fputs(cls ? "<p class=\"" : "<p>", out);
    if (cls) {
        html_escape(out, cls);
        fputs("\">", out);
    }
    T(W(key));
    fputs("</p>\n", out);
}

static const char css[] =
    ":root{--a:#c62828;--b:#ef6c00;--c:#f9a825;--d:#7cb342;--e:#2e7d32;--ink:#1a1a1a;--mute:#5f6368;--line:#c9ccd1}\n"
    "*{box-sizing:border-box}\n"
    "body{font-family:\"IPAPGothic\",\"IPAexGothic\",\"IPAGothic\",\"Noto Sans CJK JP\",\"Hiragino Kaku Gothic ProN\",\"Yu Gothic\",Meiryo,sans-serif;"
    "color:var(--ink);margin:0 auto;max-width:1180px;padding:24px;font-size:14px;line-height:1.5;background:#fff}\n"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;border-bottom:3px solid #1f3a68;padding-bottom:3px;margin:24px 0 10px}\n"
    "h3{font-size:16px;margin:16px 0 6px;color:#1f3a68}h4{font-size:14px;margin:10px 0 4px}p{margin:4px 0 8px}\n"
    "table{border-collapse:collapse;width:100%;margin:4px 0 12px}th,td{border:1px solid var(--line);padding:3px 6px;vertical-align:top;text-align:left}\n"
    "td{overflow-wrap:anywhere}th{background:#eef1f6;font-weight:bold;word-break:keep-all}td.n{text-align:right;white-space:nowrap}td.c{text-align:center}\n"
    ".kv th{width:26%}.mono,code{font-family:\"DejaVu Sans Mono\",monospace;font-size:12px;word-break:break-all}\n"
    ".cover{border:2px solid #1f3a68;padding:22px 26px;margin-bottom:18px}.cover h1{font-size:24px}.cover .sub{color:var(--mute)}\n"
    ".cover .bodyname{font-size:30px;font-weight:bold;margin:28px 0 6px}.cover .kv{margin-top:18px}\n"
    ".sign{margin-top:26px}.sign td{height:58px}.sign th{width:14%}.sign td.d{width:22%}\n"
    ".verdict{display:inline-block;font-size:24px;font-weight:bold;padding:8px 22px;border-radius:6px;color:#fff;margin:4px 0 10px}\n"
    ".verdict.ok{background:var(--e)}.verdict.ng{background:var(--a)}.verdict.err{background:#6a1b9a}\n"
    ".badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:bold;color:#fff;white-space:nowrap}\n"
    ".s-pass{background:var(--e)}.s-fail{background:var(--a)}.s-warn{background:var(--b)}.s-not_applicable{background:#9e9e9e}"
    ".v-ok{background:var(--e)}.v-ng{background:var(--a)}.v-err{background:#6a1b9a}.toc .badge{font-size:14px}"
    ".glance{font-size:13px;color:var(--ink)}\n"
    ".params{font-size:12px}.params td{padding:2px 6px}\n"
    ".s-error{background:#6a1b9a}.s-waived{background:#1565c0}.s-info{background:#546e7a}\n"
    ".r{font-weight:bold;text-align:center}span.r{padding:0 5px;border-radius:3px}.r-A{background:var(--a);color:#fff}.r-B{background:var(--b);color:#fff}"
    ".r-C{background:var(--c)}.r-D{background:var(--d)}.r-E{background:var(--e);color:#fff}\n"
    ".ft{font-size:12.5px}.ft tr.ph td{background:#f6f7f9;border-top:2px solid #9e9e9e}.ft tr.ph.p-fail td{border-top-color:var(--a)}"
    ".ft tr.ph.p-warn td{border-top-color:var(--b)}.ft tr.ph.p-error td{border-top-color:#6a1b9a}.ft tr.ph.p-waived td{border-top-color:#1565c0}"
    ".ft{table-layout:fixed}.ft .rem{display:block;margin-top:1px}.ft .w-st{width:5.8em}.ft .w-ev{width:17%}.ft .w-sub{width:22%}.ft .w-pol{width:9.5em}.ft .w-fact{width:42%}"
    ".ft tr.fam td{background:#eef1f6}.loc{color:var(--mute);white-space:nowrap}.subj code{word-break:normal;overflow-wrap:anywhere}.ft .w-subj{width:30%}\n"
    ".ev{display:block}.sha{font-size:10px;color:var(--mute)}\n"
    ".toc ol{margin:4px 0 4px 1.2em;padding:0}.toc a{color:#1f3a68;text-decoration:none}\n"
    ".counts td,.counts th{text-align:center}.riskbar span{display:inline-block;min-width:64px;padding:4px 8px;margin:2px;text-align:center;border-radius:4px}\n"
    ".step td:nth-child(2){padding-left:22px}.tree td{background:#f6f7f9;font-weight:bold}\n"
    ".headline{font-size:16px;font-weight:bold;margin:2px 0 8px}\n"
    ".sheet{table-layout:fixed;font-size:12px}.sheet th{word-break:normal;font-size:11px}.sheet td{padding:3px 5px}"
    ".fixes{table-layout:fixed}.w-rank{width:3.6em}.w-pol{width:22%}.w-rem{width:32%}"
    ".w-no{width:3.2em}.w-kind{width:7.5em}.w-name{width:11em}.w-lv{width:4.6em}.w-step{width:22em}\n"
    ".byasset{font-size:12.5px;table-layout:fixed}.byasset .w-asset{width:24%}.byasset .w-lv{width:5.2em}.byasset .w-cm{width:30%}"
    ".th{margin:0 8px 0 0}.th .r{white-space:nowrap}.byasset .cm,.sheet .cm{white-space:normal;display:inline}\n"
    ".cm{display:inline-block;margin:0 10px 0 0;white-space:nowrap}.cm .note{font-size:10px}\n"
    ".cm-on{color:var(--e)}.cm-off{color:var(--a)}.note{color:var(--mute);font-size:12px}\n"
    ".heat{display:flex;gap:28px;flex-wrap:wrap}.heat figure{margin:0}.heat figcaption{font-weight:bold;margin-bottom:4px}\n"
    "footer{margin-top:30px;color:var(--mute);font-size:12px;border-top:1px solid var(--line);padding-top:6px}\n"
    "@page{size:A4;margin:8mm 9mm 11mm;@bottom-right{content:counter(page) \" / \" counter(pages);font-size:8.5pt;color:#5f6368}}\n"
    "@media print{body{max-width:none;padding:0;font-size:9pt;line-height:1.3}.cover{break-after:page;border:none;padding:0}"
    ".decl+.decl,.appendix{break-before:page}h2{font-size:14pt;margin:14px 0 6px}h3{font-size:11.5pt;margin:10px 0 4px}"
    ".ft,.byasset,.sheet,.params,.kv,.counts,.fixes,table{font-size:8pt;margin:2px 0 8px}th,td{padding:1px 4px}code,.mono{font-size:7.5pt}.sha{font-size:6.5pt}p{margin:2px 0 5px}"
    ".note{font-size:8pt}.badge{font-size:7.5pt;padding:0 5px}.verdict{font-size:16pt;padding:4px 14px}.headline{font-size:11pt}"
    ".heat svg{max-height:62mm;width:auto}.sheet .w-lv{width:3.4em}.sheet .w-name{width:8.5em}.sheet .w-kind{width:5.5em}.sheet .w-step{width:16em}"
    "footer{display:none}thead{display:table-header-group}tr{break-inside:avoid}h2,h3,h4{break-after:avoid}a{color:inherit}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n";

/* What the writing functions share: where the bytes go, the language, the result document
 * (or its envelope: every member but "declarations"), the parameters' hash and the text of
 * the declaration's number in the document for its anchors (IX_MARK inside a body). */
typedef struct {
    FILE *out;
    int en;
    const cJSON *result;
    char params_sha[65];
    const char *ix;
} ctx;

/* A declaration's body is rendered before its place in the document is known (in a worker
 * process, see report_html_body): its anchors carry this byte for the number, which
 * html_escape never lets through (a C0 control), and the stream puts the number in its
 * place (copy_marked). */
#define IX_MARK "\x01"

static void copy_marked(FILE *out, const char *s, size_t n, const char *ix);

static void text_or_dash(FILE *out, const char *s)
{
    if (s && *s)
        html_escape(out, s);
    else
        fputs("—", out);
}

static void kv_row(FILE *out, const char *label, const char *value, int mono)
{
    fputs("<tr><th>", out);
    html_escape(out, label);
    fputs(mono ? "</th><td class=\"mono\">" : "</th><td>", out);
    text_or_dash(out, value);
    fputs("</td></tr>\n", out);
}

static void number(FILE *out, double v)
{
    if (v == (long long)v)
        fprintf(out, "%lld", (long long)v);
    else
        fprintf(out, "%g", v);
}

/* A JSON value shown as text: strings escaped, numbers and booleans printed, the rest
 * as compact JSON (escaped). */
static void value_text(FILE *out, const cJSON *v, int en)
{
    if (cJSON_IsString(v))
        html_escape(out, v->valuestring);
    else if (cJSON_IsNumber(v))
        number(out, v->valuedouble);
    else if (cJSON_IsBool(v))
        fputs(cJSON_IsTrue(v) ? "true" : "false", out);
    else if (!v || cJSON_IsNull(v))
        fputs("—", out);
    else if (cJSON_IsObject(v) && rl_text(v, en))
        html_escape(out, rl_text(v, en));
    else {
        char *s = cJSON_PrintUnformatted(v);
        if (s) {
            html_escape(out, s);
            cJSON_free(s);
        }
    }
}

static void status_badge(FILE *out, const char *status, int en)
{
    const char *s = status ? status : "error";
    fputs("<span class=\"badge s-", out);
    html_escape(out, s);
    fputs("\">", out);
    html_escape(out, rl_status(s, en));
    fputs("</span>", out);
}

static void risk_cell(FILE *out, const char *letter, const char *tag)
{
    char cls[2] = {letter && strchr("ABCDE", letter[0]) && letter[0] ? letter[0] : 'x', 0};
    fprintf(out, "<%s class=\"r r-%s\">", tag, cls);
    text_or_dash(out, letter);
    fprintf(out, "</%s>", tag);
}

static const char *risk_fill(const char *letter)
{
    switch (letter && *letter ? letter[0] : 0) {
    case 'A': return "#c62828";
    case 'B': return "#ef6c00";
    case 'C': return "#f9a825";
    case 'D': return "#7cb342";
    case 'E': return "#2e7d32";
    default: return "#bdbdbd";
    }
}

static const char *risk_ink(const char *letter)
{
    return letter && (letter[0] == 'C' || letter[0] == 'D') ? "#1a1a1a" : "#ffffff";
}

/* A declaration's entry in the data block kyojin verify reads: its file, hash, body and
 * verdict. NULL when memory runs out. */
static cJSON *meta_entry(const cJSON *d)
{
    cJSON *e = cJSON_CreateObject();
    if (!e) return NULL;
    cJSON_AddItemToObject(e, "file",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(d, "file"), 1));
    cJSON_AddItemToObject(e, "sha256",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(d, "sha256"), 1));
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(d, "body");
    cJSON *bb = cJSON_AddObjectToObject(e, "body");
    cJSON_AddItemToObject(bb, "name",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(b, "name"), 1));
    cJSON_AddItemToObject(bb, "code",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(b, "code"), 1));
    cJSON_AddItemToObject(e, "compliant",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(d, "compliant"), 1));
    cJSON_AddItemToObject(e, "counts",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(d, "counts"), 1));
    return e;
}

/* The data block kyojin verify reads: tool, policy set, parameters and their hash, and the
 * declarations' entries (meta_entry), which `decls` gives and this function takes over. */
static int embed_meta(ctx *c, cJSON *decls)
{
    FILE *out = c->out;
    const cJSON *r = c->result;
    cJSON *m = cJSON_CreateObject();
    int rc = -1;
    if (!m) {
        cJSON_Delete(decls);
        return -1;
    }
    cJSON_AddStringToObject(m, "schema", "kyojin/report-meta/v1");
    cJSON_AddItemToObject(m, "tool",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "tool"), 1));
    cJSON_AddItemToObject(m, "policy_set",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "policy_set"), 1));
    cJSON_AddItemToObject(m, "parameters",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "parameters"), 1));
    cJSON_AddStringToObject(m, "parameters_sha256", c->params_sha);
    cJSON_AddItemToObject(m, "as_of",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "as_of"), 1));
    cJSON_AddItemToObject(m, "report",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "report"), 1));
    if (cJSON_GetObjectItemCaseSensitive(r, "rendering"))
        cJSON_AddItemToObject(m, "rendering",
                              cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(r, "rendering"), 1));
    if (!decls || !cJSON_AddItemToObject(m, "declarations", decls)) {
        cJSON_Delete(decls);
        goto done;
    }
    fputs("<script type=\"application/json\" id=\"kyojin-result\">", out);
    rc = html_json_embed(out, m);
    fputs("</script>\n", out);
done:
    cJSON_Delete(m);
    return rc;
}

static const char *body_name(const cJSON *d)
{
    return json_str(cJSON_GetObjectItemCaseSensitive(d, "body"), "name");
}

/* The contact of the assessed body: the result's report.contact (the --params file), else
 * the declaration's body.contact (department, e-mail, telephone). */
static void contact_text(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    const char *given = json_str(cJSON_GetObjectItemCaseSensitive(c->result, "report"), "contact");
    const cJSON *ct =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(d, "body"), "contact");
    static const char *const keys[] = {"department", "email", "phone"};
    int k = 0;
    if (given) {
        T(given);
        return;
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (json_str(ct, keys[i])) {
            if (k++) fputs(" ／ ", out);
            T(json_str(ct, keys[i]));
        }
    if (!k) fputs("—", out);
}

/* The row of the contact at the assessed body (a kv table's). */
static void contact_row(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en;
    fputs("<tr><th>", out);
    T(W("contact"));
    fputs("</th><td>", out);
    contact_text(c, d);
    fputs("</td></tr>\n", out);
}

static const char *verdict(ctx *c, const cJSON *d, const char **words);

/* The parts before the declarations that name one declaration (the title, the cover, the
 * cover's rows of a single declaration, the table of contents) are rendered with its body
 * (decl_pieces) and kept by the stream until the end, the first ten's cover parts and every
 * declaration's entry of the table of contents. */
enum { P_TITLE, P_COVER, P_ONLY_TOP, P_ONLY_CONTACT, P_TOC, NPIECES };
#define NCOVER 10 /* the cover names the first ten bodies, the title the first three */
#define NTITLE 3

/* A streamed HTML report between its begin and end (report_html_stream_*). */
struct html_stream {
    report_opts o;
    FILE *spool;                /* the declarations' bodies, numbered */
    cJSON *meta;                /* their entries of the data block (meta_entry) */
    size_t n;                   /* declarations so far */
    char *first[NCOVER][P_TOC]; /* the pieces of the first ten but their toc entries */
    strvec toc;                 /* every declaration's entry of the table of contents */
    char *as_of;                /* the latest declaration date (rl_report_date) */
};

/* The issue date rl_report_date gives for the whole document: its rule applied to the
 * envelope's report and the latest declaration date the stream saw. A malloc'd copy, or NULL
 * (there is none, or memory ran out: *oom set). */
static char *issue_date(const html_stream *s, const cJSON *envelope, int *oom)
{
    cJSON *view = cJSON_CreateObject();
    cJSON *decls = cJSON_AddArrayToObject(view, "declarations");
    cJSON *d = cJSON_CreateObject();
    const cJSON *rep = cJSON_GetObjectItemCaseSensitive(envelope, "report");
    char *date = NULL;
    if (d && !cJSON_AddItemToArray(decls, d)) {
        cJSON_Delete(d);
        d = NULL;
    }
    cJSON *b = cJSON_AddObjectToObject(d, "body");
    *oom = !b || (s->as_of && !cJSON_AddStringToObject(b, "as_of", s->as_of)) ||
           (rep && !cJSON_AddItemReferenceToObject(view, "report", (cJSON *)rep));
    const char *r = *oom ? NULL : rl_report_date(view);
    if (r && !(date = str_dup(r))) *oom = 1;
    cJSON_Delete(view);
    return date;
}

/* The document's cover: title, the assessed body, the verdict, the issue date, the assessor,
 * the contact at the body and the signature block (署名欄: assessor, reviewer, date). A batch
 * names its first ten bodies with their verdicts. */
static void doc_cover(ctx *c, const html_stream *s, const char *date)
{
    FILE *out = c->out;
    int en = c->en;
    size_t nd = s->n;
    const cJSON *rep = cJSON_GetObjectItemCaseSensitive(c->result, "report");
    const char *who = json_str(rep, "assessor");
    fputs("<section class=\"cover\" id=\"cover\">\n<h1>", out);
    T(W("title"));
    fputs("</h1>\n", out);
    for (size_t k = 0; k < nd && k < NCOVER; k++) fputs(s->first[k][P_COVER], out);
    if (nd > NCOVER)
        fprintf(out, en ? "<p>and %zu more</p>\n" : "<p>ほか %zu 団体</p>\n", nd - NCOVER);
    fputs("<table class=\"kv\">\n", out);
    if (nd == 1) fputs(s->first[0][P_ONLY_TOP], out);
    kv_row(out, W("report_date"), date, 0);
    kv_row(out, W("assessor"), who, 0);
    if (nd == 1) fputs(s->first[0][P_ONLY_CONTACT], out);
    fputs("</table>\n<h3>", out);
    T(W("signatures"));
    fputs("</h3>\n", out);
    table_open(out, en, "<table class=\"sign\">",
               (const char *const[]){"sign_role", "sign_name", "sign_date", "sign_here", NULL});
    fputs("<tr><th>", out);
    T(W("assessor"));
    fputs("</th><td>", out);
    if (who) T(who);
    fputs("</td><td class=\"d\"></td><td></td></tr>\n<tr><th>", out);
    T(W("reviewer"));
    fputs("</th><td></td><td class=\"d\"></td><td></td></tr>\n</tbody></table>\n</section>\n", out);
}

/* One process fact of the declaration as the findings show it: its pointer, whether it is
 * evidenced, and its evidence reference (a member of a finding's evidence_refs) if any. */
typedef struct {
    const char *pointer;
    int evidenced;
    const cJSON *ref;
} fact_row;

/* Add (pointer, evidenced, ref) to rows unless the pointer is there already (an evidenced
 * entry wins); kept in pointer order. Returns -1 when memory runs out. */
static int fact_add(fact_row **rows, size_t *n, size_t *cap, const char *ptr, int evidenced,
                    const cJSON *ref)
{
    size_t at = 0;
    for (; at < *n; at++) {
        int cmp = strcmp((*rows)[at].pointer, ptr);
        if (cmp == 0) {
            if (evidenced && !(*rows)[at].evidenced) (*rows)[at] = (fact_row){ptr, 1, ref};
            return 0;
        }
        if (cmp > 0) break;
    }
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        fact_row *g = realloc(*rows, nc * sizeof *g);
        if (!g) return -1;
        *rows = g;
        *cap = nc;
    }
    memmove(*rows + at + 1, *rows + at, (*n - at) * sizeof **rows);
    (*rows)[at] = (fact_row){ptr, evidenced, ref};
    (*n)++;
    return 0;
}

static void evidence_ref(FILE *out, const cJSON *ref)
{
    fputs("<span class=\"ev\">", out);
    text_or_dash(out, json_str(ref, "title"));
    if (json_str(ref, "date")) {
        fputs(" (", out);
        html_escape(out, json_str(ref, "date"));
        fputs(")", out);
    }
    if (json_str(ref, "sha256")) {
        fputs("<br><code class=\"sha\">SHA-256 ", out);
        html_escape(out, json_str(ref, "sha256"));
        fputs("</code>", out);
    }
    fputs("</span>", out);
}

/* The evidence basis of a finding (申告のみ / 証跡あり, from its "evidence") and the evidence
 * documents the declaration gives for it (its "evidence_refs": title, date, SHA-256). */
static void evidence_cell(ctx *c, const cJSON *f)
{
    FILE *out = c->out;
    int en = c->en, k = 0;
    const char *ev = json_str(f, "evidence");
    const cJSON *r;
    if (ev) {
        char key[48];
        snprintf(key, sizeof key, "evidence_%s", ev);
        const char *w = W(key);
        T(strcmp(w, key) ? w : ev);
        k++;
    }
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(f, "evidence_refs")) {
        if (k++) fputs(" ", out);
        evidence_ref(out, r);
    }
    if (!k) fputs("—", out);
}

/* The declared process facts the policies read: each fact once, in pointer order, with its
 * evidence basis and document. Returns -1 when memory runs out. */
static int facts_table(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en, rc = 0;
    fact_row *rows = NULL;
    size_t n = 0, cap = 0, nev = 0;
    const cJSON *p, *f, *r;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies"))
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
            const char *ev = json_str(f, "evidence"), *ptr = json_str(f, "pointer");
            int nrefs = 0;
            cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(f, "evidence_refs")) {
                const char *rp = json_str(r, "pointer");
                nrefs++;
                if (rp && fact_add(&rows, &n, &cap, rp, 1, r)) rc = -1;
            }
            if (ev && ptr && !nrefs &&
                fact_add(&rows, &n, &cap, ptr, !strcmp(ev, "evidenced"), NULL))
                rc = -1;
        }
    for (size_t i = 0; i < n; i++) nev += rows[i].evidenced != 0;
    fputs("<h3>", out);
    T(W("facts"));
    fputs("</h3>\n<p>", out);
    T(W("facts_evidenced"));
    fprintf(out, en ? " %zu / " : " %zu件 ／ ", nev);
    T(W("facts_declared"));
    fprintf(out, en ? " %zu</p>\n" : " %zu件</p>\n", n - nev);
    if (n) {
        table_open(out, en,
                   "<table class=\"ft\"><colgroup><col class=\"w-fact\"><col class=\"w-st\">"
                   "<col></colgroup>",
                   (const char *const[]){"subject", "evidence", "evidence_doc", NULL});
        for (size_t i = 0; i < n; i++) {
            size_t len = strlen(rows[i].pointer);
            /* an evidence reference's pointer ends in /evidence: show the fact */
            if (rows[i].ref && len > 9 && !strcmp(rows[i].pointer + len - 9, "/evidence")) len -= 9;
            fputs("<tr><td><code>", out);
            html_escape_n(out, rows[i].pointer, len);
            fputs("</code></td><td>", out);
            T(W(rows[i].evidenced ? "evidence_evidenced" : "evidence_declared"));
            fputs("</td><td>", out);
            if (rows[i].ref)
                evidence_ref(out, rows[i].ref);
            else
                fputs("—", out);
            fputs("</td></tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
    }
    free(rows);
    return rc;
}

/* Scope and method of one declaration: the body, the basis (its self-declaration), the
 * policy pack and the guideline edition it encodes, the sources cited, which facts are
 * evidenced, the inputs with their hashes and the parameters in effect. */
static int scope(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en, rc;
    const cJSON *r = c->result, *b = cJSON_GetObjectItemCaseSensitive(d, "body");
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(r, "tool");
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(r, "policy_set");
    const cJSON *params = cJSON_GetObjectItemCaseSensitive(r, "parameters");
    rv_list sources = report_vocab_list(RV_SOURCE);
    char buf[64];
    fprintf(out, "<section class=\"part\" id=\"d%s-scope\">\n<h2>", c->ix);
    T(W("scope"));
    fputs(" — ", out);
    text_or_dash(out, body_name(d));
    fputs("</h2>\n<table class=\"kv\">\n", out);
    kv_row(out, W("body"), json_str(b, "name"), 0);
    kv_row(out, W("code"), json_str(b, "code"), 1);
    kv_row(out, W("prefecture"), json_str(b, "prefecture"), 0);
    kv_row(out, W("model"), json_str(b, "model") ? rl_model(json_str(b, "model"), en) : NULL, 0);
    kv_row(out, W("decl_date"), json_str(b, "as_of"), 0);
    contact_row(c, d);
    fputs("<tr><th>", out);
    T(W("as_of"));
    fputs("</th><td>", out);
    if (json_str(r, "as_of"))
        T(json_str(r, "as_of"));
    else {
        T(W("as_of_none"));
        fputs(" (", out);
        text_or_dash(out, json_str(b, "as_of"));
        fputc(')', out);
    }
    fputs("</td></tr>\n", out);
    kv_row(out, W("guideline"), W("guideline_edition"), 0);
    fputs("<tr><th>", out);
    T(W("policy_pack"));
    fputs("</th><td>", out);
    T(W("edition"));
    fputs(": ", out);
    T(json_str(ps, "edition") ? json_str(ps, "edition") : W("edition_unset"));
    fputs(" / ", out);
    if (json_str(ps, "version")) {
        T(json_str(ps, "version"));
        fputs(" / ", out);
    }
    snprintf(buf, sizeof buf, "%.0f", json_num(ps, "policies", 0));
    T(W("policy_count"));
    fputs(": ", out);
    T(buf);
    fputs(" (", out);
    text_or_dash(out, json_str(tool, "name"));
    fputc(' ', out);
    text_or_dash(out, json_str(tool, "version"));
    fputs(")</td></tr>\n<tr><th>", out);
    T(W("source"));
    fputs("</th><td>", out);
    for (size_t k = 0; k < sources.n; k++) { /* the sources the policies of this result cite */
        const cJSON *p;
        int cited = 0;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
            const char *src = json_str(p, "source");
            size_t l = strlen(sources.w[k].id);
            if (src && !strncmp(src, sources.w[k].id, l) && (src[l] == ' ' || !src[l])) cited = 1;
        }
        if (!cited) continue;
        fputs("<span class=\"ev\">", out);
        T(sources.w[k].id);
        fputs(" ", out);
        T(en ? sources.w[k].en : sources.w[k].ja);
        fputs("</span>", out);
    }
    fputs("</td></tr>\n</table>\n", out);
    para(out, en, NULL, "scope_basis");
    para(out, en, NULL, "scope_method");
    para(out, en, NULL, "scope_evidence");
    rc = facts_table(c, d);
    fputs("<h3>", out);
    T(W("inputs"));
    fputs("</h3>\n<table class=\"kv\">\n", out);
    kv_row(out, W("decl_file"), json_str(d, "file"), 1);
    kv_row(out, W("sha_decl"), json_str(d, "sha256"), 1);
    kv_row(out, W("sha_policy"), json_str(ps, "sha256"), 1);
    kv_row(out, W("sha_params"), c->params_sha, 1);
    if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(r, "waivers"))) { /* --waivers FILE */
        kv_row(out, W("waivers_file"), json_str(json_get(r, "waivers"), "file"), 1);
        kv_row(out, W("sha_waivers"), json_str(json_get(r, "waivers"), "sha256"), 1);
    }
    if (json_str(r, "timestamp")) kv_row(out, W("timestamp"), json_str(r, "timestamp"), 0);
    fputs("</table>\n<h4>", out);
    T(W("params"));
    fputs("</h4>\n", out);
    if (cJSON_GetArraySize(params) == 0) {
        para(out, en, NULL, "none");
    } else {
        /* two parameters per row keep the section short */
        int np = cJSON_GetArraySize(params), per = np < 2 ? np : 2, half = (np + per - 1) / per;
        fputs("<table class=\"params\"><thead><tr>", out);
        for (int k = 0; k < per; k++) {
            fputs("<th>", out);
            T(W("param"));
            fputs("</th><th>", out);
            T(W("value"));
            fputs("</th>", out);
        }
        fputs("</tr></thead><tbody>\n", out);
        for (int r = 0; r < half; r++) {
            fputs("<tr>", out);
            for (int k = 0; k < per; k++) {
                const cJSON *p = cJSON_GetArrayItem(params, r + k * half);
                if (!p) {
                    fputs("<td></td><td></td>", out);
                    continue;
                }
                fputs("<td class=\"mono\">", out);
                T(p->string);
                fputs("</td><td>", out);
                value_text(out, p, en);
                fputs("</td>", out);
            }
            fputs("</tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
    }
    fputs("<p class=\"note\">", out);
    T(W("hashes_note"));
    fputs("</p>\n</section>\n", out);
    return rc;
}

/* statuses (summary order) and levels: kyojin.vocab */
typedef int status_counts[RV_MAX_WORDS][RV_MAX_WORDS]; /* [level][status] */

static const cJSON *find_policy(const cJSON *d, const char *id)
{
    const cJSON *p;
    if (!id) return NULL;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies"))
        if (json_str(p, "id") && strcmp(json_str(p, "id"), id) == 0) return p;
    return NULL;
}

/* Summary: the verdict, counts per status and level, risk counts, the five best fixes. */
static void policy_counts(const cJSON *d, status_counts counts)
{
    const cJSON *p;
    rv_list levels = report_vocab_list(RV_LEVEL), statuses = report_vocab_list(RV_STATUS);
    memset(counts, 0, sizeof(status_counts));
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        const char *lv = json_str(p, "level"), *st = json_str(p, "status");
        for (size_t l = 0; l < levels.n; l++)
            for (size_t s = 0; s < statuses.n; s++)
                if (lv && st && !strcmp(lv, levels.w[l].id) && !strcmp(st, statuses.w[s].id))
                    counts[l][s]++;
    }
}

/* One line a manager reads: counts per status, in the order of the summary table. */
static void headline(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en;
    status_counts counts;
    rv_list levels = report_vocab_list(RV_LEVEL), statuses = report_vocab_list(RV_STATUS);
    policy_counts(d, counts);
    for (size_t s = 0; s < statuses.n; s++) {
        int n = 0;
        for (size_t l = 0; l < levels.n; l++) n += counts[l][s];
        if (s) fputs(en ? ", " : "、", out);
        T(rl_status(statuses.w[s].id, en));
        fprintf(out, en ? " %d" : " %d件", n);
    }
    int expired = rl_expired_waivers(d);
    if (expired) { /* not waived: the findings are counted as failed or warned above */
        fputs(en ? " (" : "（", out);
        T(W("expired_count"));
        fprintf(out, en ? " %d: " : " %d件：", expired);
        T(W("expired_note"));
        fputs(en ? ")" : "）", out);
    }
}

/* "ok", "ng" or "err" and the verdict words. */
static const char *verdict(ctx *c, const cJSON *d, const char **words)
{
    int en = c->en;
    if (rl_decl_error(d)) {
        *words = W("eval_error");
        return "err";
    }
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "compliant"))) {
        *words = W("compliant");
        return "ok";
    }
    *words = W("not_compliant");
    return "ng";
}

static void summary(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en;
    const cJSON *comp = cJSON_GetObjectItemCaseSensitive(d, "compliant");
    const cJSON *err = rl_decl_error(d);
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(d, "risk");
    status_counts counts;
    rv_list levels = report_vocab_list(RV_LEVEL), statuses = report_vocab_list(RV_STATUS);
    fprintf(out, "<section class=\"part\" id=\"d%s-summary\">\n<h2>", c->ix);
    T(W("summary"));
    fputs(" — ", out);
    text_or_dash(out, body_name(d));
    fputs("</h2>\n", out);
    if (err) {
        fputs("<div class=\"verdict err\">", out);
        T(W("eval_error"));
        fputs("</div>\n<p>", out);
        html_escape(out, rl_decl_error_text(err, en));
        fputs("</p>\n", out);
    } else if (cJSON_IsTrue(comp)) {
        fputs("<div class=\"verdict ok\">", out);
        T(W("verdict"));
        fputs(en ? ": " : "：", out);
        T(W("compliant"));
        fputs("</div>\n", out);
    } else {
        fputs("<div class=\"verdict ng\">", out);
        T(W("verdict"));
        fputs(en ? ": " : "：", out);
        T(W("not_compliant"));
        fputs("</div>\n", out);
    }
    policy_counts(d, counts);
    fprintf(out, "<p class=\"headline\" id=\"d%s-headline\">", c->ix);
    headline(c, d);
    fputs("</p>\n", out);
    fputs("<h3>", out);
    T(W("counts"));
    fputs("</h3>\n<table class=\"counts\"><thead><tr><th>", out);
    T(W("level"));
    fputs("</th>", out);
    for (size_t s = 0; s < statuses.n; s++) {
        fputs("<th>", out);
        status_badge(out, statuses.w[s].id, en);
        fputs("</th>", out);
    }
    fputs("<th>", out);
    T(W("total"));
    fputs("</th></tr></thead><tbody>\n", out);
    int col[RV_MAX_WORDS + 1] = {0};
    for (size_t l = 0; l < levels.n; l++) {
        int row = 0;
        for (size_t s = 0; s < statuses.n; s++) row += counts[l][s];
        if (!row) continue; /* a level no policy of this result has (preview, or --only) */
        row = 0;
        fputs("<tr><th>", out);
        T(rl_level(levels.w[l].id, en));
        fputs("</th>", out);
        for (size_t s = 0; s < statuses.n; s++) {
            fprintf(out, "<td>%d</td>", counts[l][s]);
            row += counts[l][s];
            col[s] += counts[l][s];
        }
        fprintf(out, "<td>%d</td></tr>\n", row);
        col[statuses.n] += row;
    }
    fputs("<tr><th>", out);
    T(W("total"));
    fputs("</th>", out);
    for (size_t s = 0; s <= statuses.n; s++) fprintf(out, "<td><b>%d</b></td>", col[s]);
    fputs("</tr>\n</tbody></table>\n", out);

    const cJSON *rc = cJSON_GetObjectItemCaseSensitive(risk, "counts");
    if (rc) {
        fputs("<h3>", out);
        T(W("risk_counts"));
        fputs("</h3>\n<div class=\"riskbar\">", out);
        for (const char *l = "ABCDE"; *l; l++) {
            char key[2] = {*l, 0}, word[8];
            snprintf(word, sizeof word, "risk_%c", *l);
            fprintf(out, "<span class=\"r r-%c\">", *l);
            T(W(word));
            fprintf(out, en ? ": %.0f</span>" : "：%.0f</span>", json_num(rc, key, 0));
        }
        fputs("</div>\n", out);
    }
    fputs("<h3>", out);
    T(W("top_fixes"));
    fputs("</h3>\n", out);
    const cJSON *delta = cJSON_GetObjectItemCaseSensitive(risk, "delta");
    if (cJSON_GetArraySize(delta) == 0) {
        para(out, en, NULL, "no_fixes");
    } else {
        table_open(
            out, en,
            "<table class=\"fixes\"><colgroup><col class=\"w-rank\"><col class=\"w-pol\">"
            "<col class=\"w-rem\"><col class=\"w-rank\"><col></colgroup>",
            (const char *const[]){"rank", "policy", "remediation", "score", "improves", NULL});
        int shown = 0, zero = 0;
        const cJSON *x;
        cJSON_ArrayForEach(x, delta) {
            if (shown++ == 5) break;
            const cJSON *pol = find_policy(d, json_str(x, "policy"));
            fprintf(out, "<tr><td class=\"n\">%.0f</td><td><b>", json_num(x, "rank", shown));
            text_or_dash(out, json_str(x, "policy"));
            fputs("</b> ", out);
            if (pol) T(rl_text(cJSON_GetObjectItemCaseSensitive(pol, "title"), en));
            fputs("</td><td>", out);
            text_or_dash(out,
                         pol ? rl_text(cJSON_GetObjectItemCaseSensitive(pol, "remediation"), en)
                             : NULL);
            fprintf(out, "</td><td class=\"n\">%.0f</td><td>", json_num(x, "score", 0));
            const cJSON *im;
            int k = 0;
            int nim = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(x, "improvements"));
            if (json_num(x, "score", 0) <= 0) zero++;
            cJSON_ArrayForEach(im, cJSON_GetObjectItemCaseSensitive(x, "improvements")) {
                const char *an = json_str(im, "asset_name"),
                           *tn = rl_text(cJSON_GetObjectItemCaseSensitive(im, "threat_name"), en);
                if (k == 4) {
                    fprintf(out,
                            en ? "<br><span class=\"note\">and %d more</span>"
                               : "<br><span class=\"note\">ほか %d件</span>",
                            nim - 4);
                    break;
                }
                if (k++) fputs("<br>", out);
                if (json_str(im, "scenario")) {
                    T(W("scenario"));
                    fputs(" ", out);
                    T(json_str(im, "scenario"));
                } else
                    text_or_dash(out, an ? an : json_str(im, "asset"));
                fputs(" / ", out);
                text_or_dash(out, tn ? tn : json_str(im, "threat"));
                fputs(en ? ": " : "：", out);
                risk_cell(out, json_str(im, "from"), "span");
                fputs(" → ", out);
                risk_cell(out, json_str(im, "to"), "span");
            }
            if (!k) fputs("—", out);
            fputs("</td></tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
        if (zero) { para(out, en, "note", "zero_score"); }
    }
    fputs("</section>\n", out);
}

static void finding_subject(FILE *out, const cJSON *f)
{
    fputs("<code>", out);
    text_or_dash(out, json_str(f, "pointer"));
    fputs("</code>", out);
}

static void finding_line(FILE *out, const cJSON *f)
{
    double line = json_num(f, "line", -1);
    if (line >= 0)
        fprintf(out, "%.0f", line);
    else
        fputs("—", out);
}

static int is_nonpass(const char *st)
{
    return st && strcmp(st, "pass") != 0 && strcmp(st, "not_applicable") != 0 &&
           strcmp(st, "info") != 0;
}

/* The requirement ids of a policy, comma-separated, or a dash. */
static void requirement_ids(FILE *out, const cJSON *p)
{
    int k = 0;
    const cJSON *q;
    cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(p, "requirements"))
        if (cJSON_IsString(q)) {
            if (k++) fputs(", ", out);
            html_escape(out, q->valuestring);
        }
    if (!k) fputs("—", out);
}

/* One policy that did not pass, as rows of its family's table: a heading row (status, id,
 * title, level, requirements, source, reason, remediation), then one row per finding that did
 * not pass with its subject, line, message and evidence. */
static void policy_detail(ctx *c, const cJSON *p)
{
    FILE *out = c->out;
    int en = c->en;
    const char *st = json_str(p, "status");
    const cJSON *f;
    fputs("<tr class=\"ph p-", out);
    T(st ? st : "error");
    fputs("\"><td colspan=\"3\">", out);
    status_badge(out, st, en);
    fputs(" <b>", out);
    text_or_dash(out, json_str(p, "id"));
    fputs(" ", out);
    T(rl_text(cJSON_GetObjectItemCaseSensitive(p, "title"), en));
    fputs("</b> <span class=\"note\">[", out);
    T(rl_level(json_str(p, "level"), en));
    fputs("] ", out);
    T(W("requirement"));
    fputs(": ", out);
    requirement_ids(out, p);
    fputs(" ／ ", out);
    T(W("source"));
    fputs(": ", out);
    text_or_dash(out, json_str(p, "source"));
    fputs("</span>", out);
    const cJSON *reason = cJSON_GetObjectItemCaseSensitive(p, "reason");
    if (reason && !cJSON_IsNull(reason)) {
        fputs("<span class=\"rem\">", out);
        T(W("reason"));
        fputs(": ", out);
        value_text(out, reason, en);
        fputs("</span>", out);
    }
    fputs("<span class=\"rem\">", out);
    T(W("remediation"));
    fputs(": ", out);
    text_or_dash(out, rl_text(cJSON_GetObjectItemCaseSensitive(p, "remediation"), en));
    fputs("</span></td></tr>\n", out);
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
        const char *fs = json_str(f, "status");
        if (!is_nonpass(fs)) continue;
        fputs("<tr><td>", out);
        status_badge(out, fs, en);
        fputs("</td><td>", out);
        text_or_dash(out, rl_text(cJSON_GetObjectItemCaseSensitive(f, "message"), en));
        fputs(" <span class=\"loc\">", out);
        finding_subject(out, f);
        fputs(" ", out);
        T(W("line"));
        fputs(" ", out);
        finding_line(out, f);
        fputs("</span></td><td>", out);
        evidence_cell(c, f);
        fputs("</td></tr>\n", out);
    }
}

/* Findings that did not pass, grouped by requirement family, known families in catalog
 * order first: one table per family. */
typedef char family_ids[RV_MAX_WORDS + 64][3];

/* The requirement families of a declaration's policies in display order: the catalog's
 * (kyojin.vocab), then unknown ones in order of appearance. Returns their number. */
static int family_order(const cJSON *pols, family_ids seen)
{
    rv_list order = report_vocab_list(RV_FAMILY); /* ids of two letters (report_vocab.c) */
    const cJSON *p;
    int nseen = 0;
    for (size_t k = 0; k < order.n; k++) {
        memcpy(seen[nseen], order.w[k].id, 3);
        nseen++;
    }
    cJSON_ArrayForEach(p, pols) {
        char fam[3];
        int found = 0;
        rl_policy_family(p, fam);
        for (int k = 0; k < nseen; k++)
            if (!strcmp(seen[k], fam)) found = 1;
        if (!found && nseen < RV_MAX_WORDS + 64) {
            memcpy(seen[nseen], fam, 3);
            nseen++;
        }
    }
    return nseen;
}

/* "ST 画面転送（…）": a family's code and name. */
static void family_name(FILE *out, int en, const char *code)
{
    const char *name = rl_family(code, en);
    T(code);
    if (name) {
        fputs(" ", out);
        T(name);
    }
}

static void findings(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en;
    const cJSON *pols = cJSON_GetObjectItemCaseSensitive(d, "policies"), *p;
    family_ids seen;
    int nseen = family_order(pols, seen);
    fprintf(out, "<section class=\"part\" id=\"d%s-findings\">\n<h2>", c->ix);
    T(W("findings"));
    fputs("</h2>\n", out);
    int any = 0;
    for (int k = 0; k < nseen; k++) {
        int n = 0;
        cJSON_ArrayForEach(p, pols) {
            char fam[3];
            rl_policy_family(p, fam);
            if (strcmp(fam, seen[k]) || !is_nonpass(json_str(p, "status"))) continue;
            if (!n++) {
                fprintf(out, "<h3 id=\"d%s-fam-%s\">", c->ix, seen[k][0] ? seen[k] : "other");
                family_name(out, en, seen[k]);
                table_open(out, en,
                           "</h3>\n<table class=\"ft\"><colgroup><col class=\"w-st\"><col><col "
                           "class=\"w-ev\"></colgroup>",
                           (const char *const[]){"status", "message_subject", "evidence", NULL});
            }
            policy_detail(c, p);
        }
        if (!n) continue;
        any = 1;
        fputs("</tbody></table>\n", out);
    }
    if (!any) { para(out, en, NULL, "no_findings"); }
    fputs("</section>\n", out);
}

/* The number of a policy's findings that passed. */
static int pass_count(const cJSON *p)
{
    const cJSON *f;
    int n = 0;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings"))
        n += json_str(f, "status") && !strcmp(json_str(f, "status"), "pass");
    return n;
}

/* Is the policy in the table of what passed: a finding passed, or it passed without one? */
static int in_passed(const cJSON *p)
{
    return pass_count(p) || (json_str(p, "status") && !strcmp(json_str(p, "status"), "pass"));
}

/* What passed, per requirement and subject: every finding that passed (of any policy), with
 * its evidence; a policy that passed without a finding has one row. Then the policies that
 * do not apply, with the reason. */
static void passed(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en, n = 0, na = 0;
    const cJSON *p, *f;
    fprintf(out, "<section class=\"part\" id=\"d%s-passed\">\n<h2>", c->ix);
    T(W("passed"));
    fputs("</h2>\n", out);
    const cJSON *pols = cJSON_GetObjectItemCaseSensitive(d, "policies");
    family_ids seen;
    int nseen = family_order(pols, seen);
    for (int k = 0; k < nseen; k++)
        cJSON_ArrayForEach(p, pols) {
            int rows = pass_count(p), first = 1;
            char fam[3];
            rl_policy_family(p, fam);
            if (strcmp(fam, seen[k]) || !in_passed(p)) continue;
            int fam_first = 1; /* the family's heading row before its first policy */
            for (const cJSON *q = pols->child; q && q != p; q = q->next) {
                char qf[3];
                rl_policy_family(q, qf);
                if (!strcmp(qf, fam) && in_passed(q)) fam_first = 0;
            }
            if (!n++) {
                table_open(out, en,
                           "<table class=\"ft subj\"><colgroup><col class=\"w-pol\"><col><col "
                           "class=\"w-subj\"><col class=\"w-sub\"></colgroup>",
                           (const char *const[]){"policy", "requirement_text", "subject",
                                                 "evidence", NULL});
            }
            if (fam_first) {
                fputs("<tr class=\"fam\"><td colspan=\"4\"><b>", out);
                family_name(out, en, fam);
                fputs("</b></td></tr>\n", out);
            }
            /* the subjects without evidence together in one row, each evidenced one in its own */
            for (int evidenced = 0; evidenced < 2; evidenced++) {
                int bare = 0;
                cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
                    int has =
                        json_str(f, "evidence") ||
                        cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "evidence_refs"));
                    if (!json_str(f, "status") || strcmp(json_str(f, "status"), "pass") ||
                        has != evidenced)
                        continue;
                    if (!evidenced && bare++) {
                        fputs(" ", out);
                        finding_subject(out, f);
                        continue;
                    }
                    fputs("<tr><td>", out);
                    if (first) text_or_dash(out, json_str(p, "id"));
                    fputs("</td><td>", out);
                    if (first) T(rl_text(cJSON_GetObjectItemCaseSensitive(p, "title"), en));
                    first = 0;
                    fputs("</td><td>", out);
                    finding_subject(out, f);
                    if (evidenced) {
                        fputs("</td><td>", out);
                        evidence_cell(c, f);
                        fputs("</td></tr>\n", out);
                    }
                }
                if (!evidenced && bare) fputs("</td><td>—</td></tr>\n", out);
            }
            if (!rows) {
                fputs("<tr><td>", out);
                text_or_dash(out, json_str(p, "id"));
                fputs("</td><td>", out);
                T(rl_text(cJSON_GetObjectItemCaseSensitive(p, "title"), en));
                fputs("</td><td>—</td><td>—</td></tr>\n", out);
            }
        }
    if (n)
        fputs("</tbody></table>\n", out);
    else {
        para(out, en, NULL, "none");
    }
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        const char *st = json_str(p, "status");
        if (!st || strcmp(st, "not_applicable")) continue;
        if (!na++) {
            fputs("<h3>", out);
            T(W("not_applicable_list"));
            fputs("</h3>\n", out);
            table_head(out, en,
                       (const char *const[]){"policy", "requirement_text", "reason", NULL});
        }
        fputs("<tr><td>", out);
        text_or_dash(out, json_str(p, "id"));
        fputs("</td><td>", out);
        T(rl_text(cJSON_GetObjectItemCaseSensitive(p, "title"), en));
        fputs("</td><td>", out);
        value_text(out, cJSON_GetObjectItemCaseSensitive(p, "reason"), en);
        fputs("</td></tr>\n", out);
    }
    if (na) fputs("</tbody></table>\n", out);
    fputs("</section>\n", out);
}

/* Waived findings with justification, approver and expiry: the valid waivers first, then
 * under their own heading the expired ones, whose findings still count (their expiry is
 * marked 期限切れ / expired). */
static void waivers(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en, total = 0;
    const cJSON *p, *f;
    fprintf(out, "<section class=\"part\" id=\"d%s-waivers\">\n<h2>", c->ix);
    T(W("waived"));
    fputs("</h2>\n", out);
    for (int expired = 0; expired < 2; expired++) {
        int n = 0;
        cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
            cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
                const cJSON *w = cJSON_GetObjectItemCaseSensitive(f, "waiver");
                if (!cJSON_IsObject(w) ||
                    cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(w, "expired")) != expired)
                    continue;
                if (!n++) {
                    if (expired) {
                        fputs("<h3>", out);
                        T(W("expired_waivers"));
                        fputs("</h3>\n", out);
                    }
                    table_head(out, en,
                               (const char *const[]){"policy", "subject", "message",
                                                     "justification", "approver", "expires", NULL});
                }
                fputs("<tr><td>", out);
                text_or_dash(out, json_str(p, "id"));
                fputs("</td><td>", out);
                finding_subject(out, f);
                fputs("<br><span class=\"note\">", out);
                T(W("line"));
                fputs(" ", out);
                finding_line(out, f);
                fputs("</span></td><td>", out);
                text_or_dash(out, rl_text(cJSON_GetObjectItemCaseSensitive(f, "message"), en));
                fputs("</td><td>", out);
                text_or_dash(out, json_str(w, "justification"));
                if (json_str(w, "compensating_control")) {
                    fputs("<br><span class=\"note\">", out);
                    T(W("compensating"));
                    fputs(": </span>", out);
                    T(json_str(w, "compensating_control"));
                }
                if (json_str(w, "file")) { /* from the --waivers file, not the declaration */
                    fputs("<br><span class=\"note\">", out);
                    T(W("waivers_file"));
                    fputs(": </span>", out);
                    T(json_str(w, "file"));
                }
                const cJSON *mit = cJSON_GetObjectItemCaseSensitive(w, "mitigation");
                if (mit && !cJSON_IsNull(mit)) {
                    fputs("<br><span class=\"note\">", out);
                    T(W("mitigation"));
                    fputs(": </span>", out);
                    value_text(out, mit, en);
                }
                fputs("</td><td>", out);
                text_or_dash(out, json_str(w, "approver"));
                fputs("</td><td>", out);
                text_or_dash(out, json_str(w, "expires"));
                if (expired) {
                    fputs("<br><span class=\"badge s-fail\">", out);
                    T(W("waiver_expired"));
                    fputs("</span>", out);
                }
                fputs("</td></tr>\n", out);
            }
        }
        if (n) fputs("</tbody></table>\n", out);
        total += n;
    }
    if (!total) para(out, en, NULL, "no_waivers");
    fputs("</section>\n", out);
}

/* The risk matrix as an SVG grid. Rows are the matrix's threat×vulnerability values,
 * columns its importance (or business-damage) levels; each cell holds its risk letter
 * and the number of rows (asset×threat, or attack trees) that fall in it. */
static void heat_svg(ctx *c, const cJSON *matrix, const cJSON *rows, const char *colkey,
                     const char *collabel, const char *caption)
{
    FILE *out = c->out;
    int en = c->en;
    const cJSON *mr = cJSON_GetObjectItemCaseSensitive(matrix, "rows");
    const cJSON *mc = cJSON_GetObjectItemCaseSensitive(matrix, "columns");
    const cJSON *cells = cJSON_GetObjectItemCaseSensitive(matrix, "cells");
    int nr = cJSON_GetArraySize(mr), nc = cJSON_GetArraySize(mc);
    const int cw = 92, ch = 46, left = 92, top = 46;
    int width = left + nc * cw + 10, height = top + nr * ch + 40;
    if (nr <= 0 || nc <= 0 || nr > 64 || nc > 16) return;
    fputs("<figure><figcaption>", out);
    T(caption);
    fputs("</figcaption>\n", out);
    fprintf(out,
            "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
            "font-family=\"IPAGothic, Noto Sans CJK JP, sans-serif\" font-size=\"13\">\n",
            width, height, width, height);
    fputs("<title>", out);
    T(caption);
    fputs("</title>\n", out);
    fprintf(out, "<text x=\"%d\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\">",
            left + nc * cw / 2);
    T(collabel);
    fputs("</text>\n", out);
    fprintf(out, "<text x=\"4\" y=\"38\" font-weight=\"bold\">");
    T(W("tv"));
    fputs("</text>\n", out);
    for (int j = 0; j < nc; j++) {
        fprintf(out, "<text x=\"%d\" y=\"38\" text-anchor=\"middle\">", left + j * cw + cw / 2);
        number(out, cJSON_GetArrayItem(mc, j)->valuedouble);
        fputs("</text>\n", out);
    }
    for (int r = 0; r < nr; r++) {
        const cJSON *rv = cJSON_GetArrayItem(mr, r);
        double tv = cJSON_IsNumber(rv) ? rv->valuedouble : -1;
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 12,
                top + r * ch + ch / 2 + 5);
        number(out, tv);
        fputs("</text>\n", out);
        for (int j = 0; j < nc; j++) {
            const cJSON *cv = cJSON_GetArrayItem(cJSON_GetArrayItem(cells, r), j);
            const cJSON *colv = cJSON_GetArrayItem(mc, j);
            const char *letter = cJSON_IsString(cv) ? cv->valuestring : "?";
            int count = 0;
            const cJSON *x;
            cJSON_ArrayForEach(x, rows) {
                double t = json_num(x, "threat_level", -1),
                       v = json_num(x, "vulnerability_level", -1);
                if (t * v == tv && cJSON_IsNumber(colv) &&
                    json_num(x, colkey, -1) == colv->valuedouble)
                    count++;
            }
            int x0 = left + j * cw, y0 = top + r * ch;
            fprintf(
                out,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#ffffff\" stroke-width=\"2\"%s/>\n",
                x0, y0, cw, ch, risk_fill(letter), count ? "" : " fill-opacity=\"0.45\"");
            fprintf(out, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"12\">", x0 + 6, y0 + 15,
                    risk_ink(letter));
            T(letter);
            fputs("</text>\n", out);
            fprintf(
                out,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\" font-size=\"%d\" font-weight=\"bold\">%d</text>\n",
                x0 + cw / 2, y0 + ch / 2 + 8, risk_ink(letter), count ? 22 : 14, count);
        }
    }
    /* legend */
    int lx = 4, ly = top + nr * ch + 14;
    for (const char *l = "ABCDE"; *l; l++) {
        char s[2] = {*l, 0};
        fprintf(
            out,
            "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>\n",
            lx, ly, risk_fill(s), lx + 18, ly + 12, s);
        lx += 40;
    }
    fputs("</svg></figure>\n", out);
}

static void countermeasure_list(ctx *c, const cJSON *cms)
{
    FILE *out = c->out;
    int en = c->en, k = 0;
    const cJSON *m;
    cJSON_ArrayForEach(m, cms) {
        const cJSON *inv = cJSON_GetObjectItemCaseSensitive(m, "invalidated_by");
        const char *name = rl_text(cJSON_GetObjectItemCaseSensitive(m, "name"), en);
        k++;
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "effective")))
            fputs("<span class=\"cm\"><span class=\"cm-on\">○</span>", out);
        else
            fputs("<span class=\"cm\"><span class=\"cm-off\">×</span>", out);
        text_or_dash(out, name ? name : json_str(m, "id"));
        if (cJSON_GetArraySize(inv) > 0) {
            const cJSON *q;
            int j = 0;
            fputs(" <span class=\"note\">(", out);
            cJSON_ArrayForEach(q, inv)
                if (cJSON_IsString(q)) {
                    if (j++) fputs(", ", out);
                    T(q->valuestring);
                }
            if (en) {
                fputs(" ", out);
                T(W("invalidated"));
            } else {
                T(W("by"));
                T(W("invalidated"));
            }
            fputs(")</span>", out);
        }
        fputs("</span> ", out);
    }
    if (!k) fputs("—", out);
}

/* The asset-kind (with its segment) and target cells of an asset-sheet row. */
static void asset_cells(ctx *c, const cJSON *x)
{
    FILE *out = c->out;
    int en = c->en;
    fputs("<td>", out);
    T(rl_asset_kind(json_str(x, "asset_kind"), en));
    if (json_str(x, "segment")) {
        fputs("<br><span class=\"note\">", out);
        T(rl_segment(json_str(x, "segment"), en));
        fputs("</span>", out);
    }
    fputs("</td><td>", out);
    text_or_dash(out, json_str(x, "asset_name"));
    fputs("<br><code>", out);
    text_or_dash(out, json_str(x, "asset"));
    fputs("</code></td>", out);
}

/* The candidates against the row's threat that are not in place ("未実施"). */
static void absent_list(ctx *c, const cJSON *absent)
{
    FILE *out = c->out;
    int en = c->en;
    const cJSON *m;
    cJSON_ArrayForEach(m, absent) {
        const char *name = rl_text(cJSON_GetObjectItemCaseSensitive(m, "name"), c->en);
        fputs("<span class=\"cm\"><span class=\"note\">", out);
        T(W("cm_absent"));
        fputs("</span> ", out);
        text_or_dash(out, name ? name : json_str(m, "id"));
        fputs("</span> ", out);
    }
}

static void level_cell(FILE *out, const cJSON *obj, const char *key)
{
    double v = json_num(obj, key, -1);
    fputs("<td class=\"c\">", out);
    if (v >= 0)
        number(out, v);
    else
        fputs("—", out);
    fputs("</td>", out);
}

/* A row of the asset-based sheet under its asset, in sheet order (`order`). */
typedef struct {
    const char *asset;
    const cJSON *row;
    size_t order;
} asset_row;

static int asset_row_cmp(const void *a, const void *b)
{
    const asset_row *x = a, *y = b;
    int c = strcmp(x->asset, y->asset);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* An asset's rows: rows[first .. first+n) of the index, in sheet order. */
typedef struct {
    size_t first, n, order; /* order: the sheet order of its first row */
} asset_group;

static int asset_group_cmp(const void *a, const void *b)
{
    size_t x = ((const asset_group *)a)->order, y = ((const asset_group *)b)->order;
    return (x > y) - (x < y);
}

/* The rows that name an asset, grouped by asset (each group in sheet order) and the groups in
 * the order their assets first appear: one sort instead of a scan of the sheet per row.
 * *rows and *groups are malloc'd (NULL when there is none); -1 when memory runs out. */
static int index_by_asset(const cJSON *arows, asset_row **rows, asset_group **groups,
                          size_t *ngroups)
{
    size_t n = 0, cap = (size_t)cJSON_GetArraySize(arows), ng = 0;
    const cJSON *x;
    *rows = NULL;
    *groups = NULL;
    *ngroups = 0;
    if (!cap) return 0;
    asset_row *r = malloc(cap * sizeof *r);
    if (!r) return -1;
    cJSON_ArrayForEach(x, arows) {
        const char *a = json_str(x, "asset");
        if (a && n < cap) r[n] = (asset_row){a, x, n}, n++;
    }
    qsort(r, n, sizeof *r, asset_row_cmp);
    asset_group *g = malloc((n ? n : 1) * sizeof *g);
    if (!g) {
        free(r);
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        if (k && !strcmp(r[k].asset, r[k - 1].asset))
            g[ng - 1].n++;
        else
            g[ng++] = (asset_group){k, 1, r[k].order};
    }
    qsort(g, ng, sizeof *g, asset_group_cmp);
    *rows = r;
    *groups = g;
    *ngroups = ng;
    return 0;
}

/* Is id among the n ids of seen? */
static int id_seen(const char *const *seen, size_t n, const char *id)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(seen[k], id)) return 1;
    return 0;
}

/* The asset-based risk grouped by asset: one row per asset with its threats and their risk
 * values (in the rows' order), the highest risk value and the countermeasures not in effect
 * (each id once, in row order then list order) with the failing policies that invalidate
 * them. The sheet with every row is the appendix of --detail full. 0, or -1 when memory
 * runs out. */
static int by_asset(ctx *c, const cJSON *risk, const cJSON *arows)
{
    FILE *out = c->out;
    int en = c->en;
    const cJSON *x, *y, *m;
    asset_row *rows;
    asset_group *groups;
    size_t ngroups;
    const char **seen = NULL; /* ids of the countermeasures named for the current asset */
    size_t nseen = 0, seen_cap = 0;
    if (index_by_asset(arows, &rows, &groups, &ngroups)) return -1;
    fprintf(out, "<section class=\"part\" id=\"d%s-byasset\">\n<h2>", c->ix);
    T(W("risk_by_asset"));
    fputs("</h2>\n", out);
    if (ngroups)
        table_open(out, en,
                   "<table class=\"byasset\"><colgroup><col class=\"w-asset\"><col class=\"w-lv\">"
                   "<col><col class=\"w-cm\"></colgroup>",
                   (const char *const[]){"target_worst", "importance", "threats_of_asset",
                                         "cms_not_effective", NULL});
    for (size_t gi = 0; gi < ngroups; gi++) {
        const asset_row *ar = rows + groups[gi].first, *ae = ar + groups[gi].n;
        const char *asset = ar->asset;
        x = ar->row;
        char worst = 0;
        for (const asset_row *a = ar; a < ae; a++) {
            const char *rv = json_str(a->row, "risk_value");
            if (rv && rv[0] >= 'A' && rv[0] <= 'E' && (!worst || rv[0] < worst)) worst = rv[0];
        }
        char wl[2] = {worst, 0};
        fputs("<tr><td>", out);
        risk_cell(out, worst ? wl : NULL, "span");
        fputs(" <b>", out);
        text_or_dash(out, json_str(x, "asset_name"));
        fputs("</b><br><span class=\"note\">", out);
        T(rl_asset_kind(json_str(x, "asset_kind"), en));
        if (json_str(x, "segment")) {
            fputs(" ／ ", out);
            T(rl_segment(json_str(x, "segment"), en));
        }
        fputs("</span> <code>", out);
        T(asset);
        fputs("</code></td>", out);
        level_cell(out, x, "importance");
        fputs("<td>", out);
        for (const asset_row *a = ar; a < ae; a++) {
            y = a->row;
            const char *rv = json_str(y, "risk_value");
            const char *tn = rl_text(cJSON_GetObjectItemCaseSensitive(y, "threat_name"), en);
            fputs("<span class=\"th\">", out);
            text_or_dash(out, tn ? tn : json_str(y, "threat"));
            fputs(" ", out);
            risk_cell(out, rv, "span");
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(y, "unpatched_override"))) {
                fputs(" <span class=\"cm-off\">", out);
                T(W("unpatched"));
                fputs("</span>", out);
            }
            fputs("</span>", out);
        }
        fputs("</td><td>", out);
        int k = 0;
        nseen = 0;
        for (const asset_row *a = ar; a < ae; a++) {
            cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(a->row, "countermeasures")) {
                const char *id = json_str(m, "id");
                if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(m, "effective"))) continue;
                if (id) {
                    if (id_seen(seen, nseen, id)) continue;
                    if (nseen == seen_cap) {
                        size_t nc = seen_cap ? seen_cap * 2 : 16;
                        const char **g = realloc(seen, nc * sizeof *g);
                        if (!g) {
                            free(seen);
                            free(rows);
                            free(groups);
                            return -1;
                        }
                        seen = g;
                        seen_cap = nc;
                    }
                    seen[nseen++] = id;
                }
                const char *name = rl_text(cJSON_GetObjectItemCaseSensitive(m, "name"), en);
                const cJSON *inv = cJSON_GetObjectItemCaseSensitive(m, "invalidated_by"), *q;
                k++;
                fputs("<span class=\"cm\"><span class=\"cm-off\">×</span>", out);
                text_or_dash(out, name ? name : json_str(m, "id"));
                if (cJSON_GetArraySize(inv) > 0) {
                    int j = 0;
                    fputs(" <span class=\"note\">(", out);
                    cJSON_ArrayForEach(q, inv)
                        if (cJSON_IsString(q)) {
                            if (j++) fputs(", ", out);
                            T(q->valuestring);
                        }
                    fputs(")</span>", out);
                }
                fputs("</span> ", out);
            }
        }
        if (!k) fputs("—", out);
        fputs("</td></tr>\n", out);
    }
    free(seen);
    free(rows);
    free(groups);
    if (ngroups)
        fputs("</tbody></table>\n", out);
    else {
        para(out, en, NULL, "none");
    }
    /* assets outside the analysis (the Government Cloud itself): named, not scored */
    int o = 0;
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(risk, "out_of_scope")) {
        fputs(o++ ? "<br><b>" : "<p class=\"note\"><b>", out);
        text_or_dash(out, json_str(x, "asset_name"));
        fputs("</b> <code>", out);
        text_or_dash(out, json_str(x, "asset"));
        fputs("</code> — ", out);
        text_or_dash(out, rl_text(cJSON_GetObjectItemCaseSensitive(x, "reason"), en));
    }
    if (o) fputs("</p>\n", out);
    if (!rl_detail_full(c->result)) { para(out, en, "note", "detail_note"); }
    fputs("</section>\n", out);
    return 0;
}

/* The asset-based risk analysis sheet with every row (IPA column order): the appendix of
 * --detail full. */
static void asset_sheet(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en;
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(d, "risk");
    const cJSON *arows = cJSON_GetObjectItemCaseSensitive(risk, "asset_rows");
    const cJSON *x;
    if (!cJSON_IsArray(arows)) return;
    fprintf(out, "<section class=\"appendix\" id=\"d%s-assets\">\n<h2>", c->ix);
    T(W("appendix"));
    fputs(": ", out);
    T(W("asset_sheet"));
    fputs("</h2>\n", out);
    fputs(
        "<table class=\"sheet\"><colgroup><col class=\"w-no\"><col class=\"w-kind\"><col class=\"w-name\">"
        "<col class=\"w-lv\"><col class=\"w-lv\"><col class=\"w-lv\"><col class=\"w-lv\"><col class=\"w-name\">"
        "<col class=\"w-name\"><col><col class=\"w-lv\"><col class=\"w-name\"></colgroup><thead><tr>",
        out);
    static const char *const ah[] = {
        "no",         "asset_kind",       "target", "threat_level",    "vuln_level",
        "importance", "risk_value",       "threat", "threat_examples", "countermeasure",
        "cm_level",   "importance_reason"};
    for (size_t k = 0; k < sizeof ah / sizeof ah[0]; k++) {
        fputs("<th>", out);
        T(W(ah[k]));
        fputs("</th>", out);
    }
    fputs("</tr></thead><tbody>\n", out);
    cJSON_ArrayForEach(x, arows) {
        fputs("<tr>", out);
        level_cell(out, x, "no");
        asset_cells(c, x);
        level_cell(out, x, "threat_level");
        level_cell(out, x, "vulnerability_level");
        level_cell(out, x, "importance");
        risk_cell(out, json_str(x, "risk_value"), "td");
        fputs("<td>", out);
        const char *tn = rl_text(cJSON_GetObjectItemCaseSensitive(x, "threat_name"), en);
        text_or_dash(out, tn ? tn : json_str(x, "threat"));
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "unpatched_override"))) {
            fputs("<br><span class=\"cm-off\">", out);
            T(W("unpatched"));
            fputs("</span>", out);
        }
        fputs("</td><td>", out);
        text_or_dash(out, rl_text(cJSON_GetObjectItemCaseSensitive(x, "threat_examples"), en));
        fputs("</td><td>", out);
        const cJSON *cms = cJSON_GetObjectItemCaseSensitive(x, "countermeasures"),
                    *absent = cJSON_GetObjectItemCaseSensitive(x, "absent");
        if (cJSON_GetArraySize(cms) > 0 || cJSON_GetArraySize(absent) == 0)
            countermeasure_list(c, cms);
        absent_list(c, absent);
        fputs("</td>", out);
        level_cell(out, x, "countermeasure_level");
        fputs("<td>", out);
        text_or_dash(out, rl_text(cJSON_GetObjectItemCaseSensitive(x, "importance_reason"), en));
        fputs("</td></tr>\n", out);
    }
    /* assets outside the analysis (the Government Cloud itself): listed, not scored */
    cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(risk, "out_of_scope")) {
        fputs("<tr><td class=\"c\">—</td>", out);
        asset_cells(c, x);
        fputs("<td class=\"c\" colspan=\"4\">", out);
        T(W("out_of_scope"));
        fputs("</td><td colspan=\"5\">", out);
        text_or_dash(out, rl_text(cJSON_GetObjectItemCaseSensitive(x, "reason"), en));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n</section>\n", out);
}

static int risk_sections(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en;
    const cJSON *risk = cJSON_GetObjectItemCaseSensitive(d, "risk");
    const cJSON *matrix = cJSON_GetObjectItemCaseSensitive(risk, "matrix");
    const cJSON *arows = cJSON_GetObjectItemCaseSensitive(risk, "asset_rows");
    const cJSON *trees = cJSON_GetObjectItemCaseSensitive(risk, "attack_trees");
    const cJSON *x;

    fprintf(out, "<section class=\"part\" id=\"d%s-heatmap\">\n<h2>", c->ix);
    T(W("heatmap"));
    fputs("</h2>\n", out);
    if (!cJSON_IsObject(risk)) {
        fputs("<p>", out);
        T(W("no_risk"));
        fputs("</p>\n</section>\n", out);
        return 0;
    }
    fputs("<div class=\"heat\">\n", out);
    heat_svg(c, matrix, arows, "importance", W("importance"), W("heatmap_assets"));
    heat_svg(c, matrix, trees, "damage_level", W("damage_level"), W("heatmap_trees"));
    fputs("</div>\n</section>\n", out);

    if (by_asset(c, risk, arows)) return -1;

    fprintf(out, "<section class=\"part\" id=\"d%s-trees\">\n<h2>", c->ix);
    T(W("tree_sheet"));
    fputs("</h2>\n", out);
    fputs(
        "<table class=\"sheet\"><colgroup><col class=\"w-kind\"><col class=\"w-step\"><col class=\"w-lv\">"
        "<col class=\"w-lv\"><col class=\"w-lv\"><col class=\"w-lv\"><col><col class=\"w-lv\"></colgroup><thead><tr>",
        out);
    static const char *const th[] = {"scenario",     "tree_step",  "threat_level",   "vuln_level",
                                     "damage_level", "risk_value", "countermeasure", "cm_level"};
    for (size_t k = 0; k < sizeof th / sizeof th[0]; k++) {
        fputs("<th>", out);
        T(W(th[k]));
        fputs("</th>", out);
    }
    fputs("</tr></thead><tbody>\n", out);
    cJSON_ArrayForEach(x, trees) {
        fputs("<tr class=\"tree\"><td>", out);
        text_or_dash(out, json_str(x, "scenario"));
        fputs("</td><td>", out);
        const char *dn = rl_text(cJSON_GetObjectItemCaseSensitive(x, "damage_name"), en);
        text_or_dash(out, dn ? dn : json_str(x, "damage"));
        if (json_str(x, "entry")) {
            fputs(" <span class=\"note\">", out);
            T(W("entry"));
            fputs(": ", out);
            T(json_str(x, "entry"));
            fputs("</span>", out);
        }
        fputs("</td>", out);
        level_cell(out, x, "threat_level");
        level_cell(out, x, "vulnerability_level");
        level_cell(out, x, "damage_level");
        risk_cell(out, json_str(x, "risk_value"), "td");
        fputs("<td></td>", out);
        level_cell(out, x, "countermeasure_level");
        fputs("</tr>\n", out);
        const cJSON *s;
        cJSON_ArrayForEach(s, cJSON_GetObjectItemCaseSensitive(x, "steps")) {
            fputs("<tr class=\"step\"><td></td><td>", out);
            text_or_dash(out, json_str(s, "name"));
            fputs("</td><td></td><td></td><td></td><td></td><td>", out);
            countermeasure_list(c, cJSON_GetObjectItemCaseSensitive(s, "countermeasures"));
            fputs("</td>", out);
            level_cell(out, s, "countermeasure_level");
            fputs("</tr>\n", out);
        }
    }
    fputs("</tbody></table>\n</section>\n", out);
    return 0;
}

static int pointer_under(const char *ptr, const char *prefix)
{
    size_t n = strlen(prefix);
    return ptr && strncmp(ptr, prefix, n) == 0 && (ptr[n] == '/' || ptr[n] == 0);
}

/* Classification table for findings whose pointer is under prefix (NULL: under neither
 * /screen_transfer nor /data_links). */
static int class_table(ctx *c, const cJSON *d, const char *prefix, const char *heading)
{
    FILE *out = c->out;
    int en = c->en, n = 0;
    const cJSON *p, *f;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
            const cJSON *cl = cJSON_GetObjectItemCaseSensitive(f, "classification");
            const char *ptr = json_str(f, "pointer");
            char buf[64];
            if (!cJSON_IsObject(cl)) continue;
            if (prefix
                    ? !pointer_under(ptr, prefix)
                    : (pointer_under(ptr, "/screen_transfer") || pointer_under(ptr, "/data_links")))
                continue;
            if (!n++) {
                fputs("<h3>", out);
                T(heading);
                fputs("</h3>\n", out);
                table_head(out, en,
                           (const char *const[]){"subject", "line", "class", "description",
                                                 "obligations", "policy", NULL});
            }
            fputs("<tr><td>", out);
            finding_subject(out, f);
            fputs("</td><td class=\"n\">", out);
            finding_line(out, f);
            fputs("</td><td class=\"c\"><b>", out);
            text_or_dash(out, rl_class_display(json_str(cl, "class"), buf, sizeof buf));
            fputs("</b></td><td>", out);
            text_or_dash(out, rl_text(cl, en));
            fputs("</td><td>", out);
            const cJSON *ob;
            int k = 0;
            cJSON_ArrayForEach(ob, cJSON_GetObjectItemCaseSensitive(cl, "obligations")) {
                if (k++) fputs("<br>", out);
                if (cJSON_IsString(ob))
                    T(rl_model(ob->valuestring, en));
                else
                    value_text(out, ob, en);
            }
            if (!k) fputs("—", out);
            fputs("</td><td>", out);
            text_or_dash(out, json_str(p, "id"));
            fputs("</td></tr>\n", out);
        }
    }
    if (n) fputs("</tbody></table>\n", out);
    return n;
}

static void classification(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en, n = 0;
    fprintf(out, "<section class=\"part\" id=\"d%s-class\">\n<h2>", c->ix);
    T(W("classification"));
    fputs("</h2>\n", out);
    n += class_table(c, d, "/screen_transfer", W("st_routes"));
    n += class_table(c, d, "/data_links", W("dl_models"));
    n += class_table(c, d, NULL, W("other_class"));
    if (!n) { para(out, en, NULL, "no_class"); }
    fputs("</section>\n", out);
}

/* The table of contents: per declaration (its entry rendered by toc_piece) the body, its
 * verdict, its counts and links to its parts. */
static void toc(ctx *c, const html_stream *s)
{
    FILE *out = c->out;
    int en = c->en;
    fputs("<nav class=\"toc\" id=\"toc\"><h2>", out);
    T(W("toc"));
    fputs("</h2>\n<ol>\n", out);
    for (size_t i = 0; i < s->toc.n; i++) {
        char ix[24];
        snprintf(ix, sizeof ix, "%zu", i + 1);
        copy_marked(out, s->toc.v[i], strlen(s->toc.v[i]), ix);
    }
    fputs("</ol></nav>\n", out);
}

/* ---- one declaration's pieces ---------------------------------------------------- */

static void title_piece(ctx *c, const cJSON *d)
{
    fputs(" — ", c->out);
    text_or_dash(c->out, body_name(d));
}

static void cover_piece(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en;
    const char *words, *v = verdict(c, d, &words);
    fputs("<p class=\"bodyname\">", out);
    text_or_dash(out, body_name(d));
    fputs("</p>\n", out);
    fprintf(out, "<div class=\"verdict %s\">", v);
    if (strcmp(v, "err")) {
        T(W("verdict"));
        fputs(en ? ": " : "：", out);
    }
    T(words);
    fputs("</div>\n", out);
}

/* the cover's rows of a report on one declaration: before the issue date, after the assessor */
static void only_top_piece(ctx *c, const cJSON *d)
{
    int en = c->en;
    const cJSON *b = cJSON_GetObjectItemCaseSensitive(d, "body");
    kv_row(c->out, W("code"), json_str(b, "code"), 0);
    kv_row(c->out, W("decl_date"), json_str(b, "as_of"), 0);
}

/* The declaration's entry of the table of contents. */
static void toc_piece(ctx *c, const cJSON *d)
{
    FILE *out = c->out;
    int en = c->en;
    static const char *const parts[][2] = {{"scope", "scope"},           {"summary", "summary"},
                                           {"findings", "findings"},     {"passed", "passed"},
                                           {"waivers", "waived"},        {"heatmap", "heatmap"},
                                           {"byasset", "risk_by_asset"}, {"trees", "tree_sheet"},
                                           {"class", "classification"},  {"assets", "asset_sheet"}};
    size_t nparts = sizeof parts / sizeof parts[0] - !rl_detail_full(c->result);
    const char *words, *v = verdict(c, d, &words);
    fputs("<li><b>", out);
    text_or_dash(out, body_name(d));
    fputs("</b>", out);
    const char *code = json_str(cJSON_GetObjectItemCaseSensitive(d, "body"), "code");
    if (code) {
        fputs(" (", out);
        T(code);
        fputs(")", out);
    }
    fprintf(out, " <span class=\"badge v-%s\">", v);
    T(words);
    fputs("</span><br><span class=\"glance\">", out);
    headline(c, d);
    fputs("</span><ol>\n", out);
    for (size_t k = 0; k < nparts; k++) {
        fprintf(out, "<li><a href=\"#d%s-%s\">", c->ix, parts[k][0]);
        T(W(parts[k][1]));
        fputs("</a></li>\n", out);
    }
    fputs("</ol></li>\n", out);
}

static void (*const piece_fn[NPIECES])(ctx *, const cJSON *) = {
    title_piece, cover_piece, only_top_piece, contact_row, toc_piece};
static const char *const piece_key[NPIECES] = {"title", "cover", "only_top", "only_contact", "toc"};

/* The pieces of declaration d as members of a new object, besides its data-block entry
 * ("meta"); NULL when memory runs out. */
static cJSON *decl_pieces(ctx *c, const cJSON *d)
{
    cJSON *p = cJSON_CreateObject(), *meta = meta_entry(d);
    FILE *out = c->out;
    const char *as_of = json_str(cJSON_GetObjectItemCaseSensitive(d, "body"), "as_of");
    if (!p || !meta || !cJSON_AddItemToObject(p, "meta", meta)) {
        cJSON_Delete(meta);
        goto fail;
    }
    if (as_of && !cJSON_AddStringToObject(p, "as_of", as_of)) goto fail;
    for (int k = 0; k < NPIECES; k++) {
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        if (!m) goto fail;
        c->out = m;
        piece_fn[k](c, d);
        c->out = out;
        int bad = ferror(m) != 0;
        if (fclose(m) != 0 || bad || !cJSON_AddStringToObject(p, piece_key[k], text)) {
            free(text);
            goto fail;
        }
        free(text);
    }
    return p;
fail:
    c->out = out;
    cJSON_Delete(p);
    return NULL;
}

/* ---- the document ------------------------------------------------------------------ */

int report_html_body(const cJSON *envelope, const cJSON *d, const report_opts *o, FILE *out,
                     char *err, size_t errlen)
{
    ctx c = {out, o ? rl_is_en(o->lang) : 0, envelope, {0}, IX_MARK};
    if (!cJSON_IsObject(envelope)) {
        snprintf(err, errlen, "HTML report: no result document for the declaration");
        return -1;
    }
    if (report_parameters_sha256(envelope, c.params_sha) != 0) {
        snprintf(err, errlen, "out of memory while hashing the parameters");
        return -1;
    }
    cJSON *pieces = decl_pieces(&c, d);
    char *text = pieces ? cJSON_PrintUnformatted(pieces) : NULL;
    cJSON_Delete(pieces);
    if (!text) {
        snprintf(err, errlen, "out of memory while rendering the table of contents");
        return -1;
    }
    fputs(text, out); /* one line: the printer escapes every control character */
    fputc('\n', out);
    cJSON_free(text);
    fprintf(out, "<div class=\"decl\" id=\"d%s\">\n", c.ix);
    if (scope(&c, d) != 0) {
        snprintf(err, errlen, "out of memory while listing the declared facts");
        return -1;
    }
    summary(&c, d);
    findings(&c, d);
    passed(&c, d);
    waivers(&c, d);
    if (risk_sections(&c, d) != 0) {
        snprintf(err, errlen, "out of memory while grouping the risk by asset");
        return -1;
    }
    classification(&c, d);
    if (rl_detail_full(envelope)) asset_sheet(&c, d);
    fputs("</div>\n", out);
    if (ferror(out)) {
        snprintf(err, errlen, "write error on the HTML report");
        return -1;
    }
    return 0;
}

/* Write s[0..n) to out with every IX_MARK replaced by ix. */
static void copy_marked(FILE *out, const char *s, size_t n, const char *ix)
{
    const char *end = s + n;
    while (s < end) {
        const char *mk = memchr(s, IX_MARK[0], (size_t)(end - s));
        size_t run = (size_t)((mk ? mk : end) - s);
        fwrite(s, 1, run, out);
        if (!mk) break;
        fputs(ix, out);
        s = mk + 1;
    }
}

/* A file that is gone once closed: in $TMPDIR (else /tmp), its name removed at once, so that no
 * path of the program, a crash or a kill included, leaves it behind. NULL with errno set. */
static FILE *spool_open(void)
{
    const char *dir = getenv("TMPDIR");
    char path[4096];
    if (!dir || !*dir) dir = "/tmp";
    if ((size_t)snprintf(path, sizeof path, "%s/.kyojin-spool.XXXXXX", dir) >= sizeof path) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+b");
    if (!f) close(fd);
    return f;
}

void report_html_stream_free(html_stream *s)
{
    if (!s) return;
    if (s->spool) fclose(s->spool);
    cJSON_Delete(s->meta);
    for (size_t k = 0; k < NCOVER; k++)
        for (int p = 0; p < P_TOC; p++) free(s->first[k][p]);
    strvec_free(&s->toc);
    free(s->as_of);
    free(s);
}

html_stream *report_html_stream_new(const report_opts *o, char *err, size_t errlen)
{
    html_stream *s = calloc(1, sizeof *s);
    if (s) s->o = o ? *o : (report_opts){"ja", -1};
    if (!s || !(s->meta = cJSON_CreateArray())) {
        snprintf(err, errlen, "out of memory");
        report_html_stream_free(s);
        return NULL;
    }
    if (!(s->spool = spool_open())) {
        snprintf(err, errlen, "cannot create a temporary file for the HTML report: %s",
                 strerror(errno));
        report_html_stream_free(s);
        return NULL;
    }
    return s;
}

int report_html_stream_put(html_stream *s, const char *text, size_t len, char *err, size_t errlen)
{
    const char *nl = memchr(text, '\n', len);
    cJSON *pieces = nl ? cJSON_ParseWithLength(text, (size_t)(nl - text)) : NULL;
    cJSON *meta = cJSON_DetachItemFromObjectCaseSensitive(pieces, "meta");
    const char *ps[NPIECES];
    int ok = pieces && cJSON_IsObject(meta);
    for (int k = 0; k < NPIECES; k++)
        if (!(ps[k] = json_str(pieces, piece_key[k]))) ok = 0;
    if (!ok) {
        snprintf(err, errlen, "%s",
                 pieces ? "HTML report: a declaration's parts are incomplete"
                        : "HTML report: a declaration's parts are unreadable (or memory ran out)");
        cJSON_Delete(meta);
        cJSON_Delete(pieces);
        return -1;
    }
    if (!cJSON_AddItemToArray(s->meta, meta)) {
        cJSON_Delete(meta);
        ok = 0;
    }
    if (ok && strvec_push(&s->toc, ps[P_TOC])) ok = 0;
    for (int k = 0; ok && s->n < NCOVER && k < P_TOC; k++)
        if (!(s->first[s->n][k] = str_dup(ps[k]))) ok = 0;
    const char *as_of = json_str(pieces, "as_of");
    if (ok && as_of && (!s->as_of || strcmp(as_of, s->as_of) > 0)) {
        free(s->as_of);
        if (!(s->as_of = str_dup(as_of))) ok = 0;
    }
    cJSON_Delete(pieces);
    if (!ok) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    char ix[24];
    snprintf(ix, sizeof ix, "%zu", ++s->n);
    copy_marked(s->spool, nl + 1, len - (size_t)(nl + 1 - text), ix);
    /* nothing stays buffered: a process forked meanwhile (a worker) never writes it */
    if (fflush(s->spool) != 0 || ferror(s->spool)) {
        snprintf(err, errlen, "cannot write the temporary file of the HTML report: %s",
                 strerror(errno));
        return -1;
    }
    return 0;
}

int report_html_stream_end(html_stream *s, const cJSON *envelope, FILE *out, char *err,
                           size_t errlen)
{
    ctx c = {out, rl_is_en(s->o.lang), envelope, {0}, NULL};
    int en = c.en, rc = -1;
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(envelope, "tool");
    char buf[65536];
    size_t got;
    if (report_parameters_sha256(envelope, c.params_sha) != 0) {
        snprintf(err, errlen, "out of memory while hashing the parameters");
        goto done;
    }
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
            en ? "en" : "ja");
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
    fputs("<meta name=\"generator\" content=\"", out);
    text_or_dash(out, json_str(tool, "name"));
    fputs(" ", out);
    text_or_dash(out, json_str(tool, "version"));
    fputs("\">\n<title>", out);
    T(W("title"));
    for (size_t k = 0; k < s->n && k < NTITLE; k++) fputs(s->first[k][P_TITLE], out);
    if (s->n > NTITLE) fprintf(out, en ? " and %zu more" : " ほか%zu団体", s->n - NTITLE);
    fprintf(out, "</title>\n<style>\n%s</style>\n", css);
    cJSON *meta = s->meta;
    s->meta = NULL;
    if (embed_meta(&c, meta) != 0) {
        snprintf(err, errlen, "out of memory while embedding the result's hashes");
        goto done;
    }
    fputs("</head>\n<body>\n", out);
    int oom;
    char *date = issue_date(s, envelope, &oom);
    if (oom) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    doc_cover(&c, s, date);
    free(date);
    toc(&c, s);
    /* the declarations' bodies */
    rewind(s->spool);
    while ((got = fread(buf, 1, sizeof buf, s->spool)) > 0) fwrite(buf, 1, got, out);
    if (ferror(s->spool)) {
        snprintf(err, errlen, "cannot read the temporary file of the HTML report: %s",
                 strerror(errno));
        goto done;
    }
    fputs("<footer>", out);
    T(W("generated_by"));
    fputs(": ", out);
    text_or_dash(out, json_str(tool, "name"));
    fputs(" ", out);
    text_or_dash(out, json_str(tool, "version"));
    fputs("</footer>\n</body>\n</html>\n", out);
    if (ferror(out)) {
        snprintf(err, errlen, "write error on the HTML report");
        goto done;
    }
    rc = 0;
done:
    report_html_stream_free(s);
    return rc;
}

/* The whole document: the same stream, each body rendered in memory and put in turn. */
int report_html_write(const cJSON *result, const report_opts *o, FILE *out, char *err,
                      size_t errlen)
{
    const cJSON *decls = cJSON_GetObjectItemCaseSensitive(result, "declarations"), *d;
    if (!cJSON_IsObject(result) || !cJSON_IsArray(decls)) {
        snprintf(err, errlen, "result document: /declarations is missing or not an array");
        return -1;
    }
    html_stream *s = report_html_stream_new(o, err, errlen);
    if (!s) return -1;
    cJSON_ArrayForEach(d, decls) {
        char *text = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&text, &len);
        int bad = !m || report_html_body(result, d, o, m, err, errlen) != 0;
        if (m && fclose(m) != 0 && !bad) {
            snprintf(err, errlen, "out of memory");
            bad = 1;
        }
        if (!m) snprintf(err, errlen, "out of memory");
        if (bad || report_html_stream_put(s, text, len, err, errlen) != 0) {
            free(text);
            report_html_stream_free(s);
            return -1;
        }
        free(text);
    }
    return report_html_stream_end(s, result, out, err, errlen);
}
