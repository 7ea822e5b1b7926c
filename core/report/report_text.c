/* report_text.c — the human-readable text report (Japanese by default).
 * Owns: grouping findings by status, terminal-safe printing, colours on a terminal.
 * Reads only the result document; status and level words and model symbols come from
 * kyojin.vocab (report_vocab.c). */
#include "report/report.h"
#include "report/report_labels.h"
#include "report/report_vocab.h"
#include "risk/risk.h" /* the short risk summary */
#include "util/cjson_cs.h"
#include "util/utf8.h"
#include <stdint.h>
#include <string.h>

static const char *L(const cJSON *o, const char *k, const char *lang)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    if (cJSON_IsString(v)) return v->valuestring;
    return json_str_or(v, lang, "");
}

/* Strip C0/C1 controls (so ESC-started ANSI/OSC sequences lose their introducer and the
 * rest is shown as plain text), DEL, and bidi overrides/isolates, line/paragraph separators. */
void term_puts(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c < 0x20 || c == 0x7f) {
            fputc(c == '\t' ? ' ' : '?', out);
            p++;
            continue;
        }
        if (c == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) { /* C1 controls incl. CSI, OSC */
            fputc('?', out);
            p += 2;
            continue;
        }
        if (c == 0xE2 && p[1] == 0x80 &&
            ((p[2] >= 0xAA && p[2] <= 0xAE) || p[2] == 0xA8 || p[2] == 0xA9)) {
            p += 3; /* U+202A..202E, U+2028, U+2029 */
            continue;
        }
        if (c == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) {
            p += 3; /* U+2066..2069 */
            continue;
        }
        fputc(c, out);
        p++;
    }
}

/* The text report's groups: most urgent first, with an English heading and a colour (its
 * presentation); the Japanese heading is the status word of kyojin.vocab. */
typedef struct {
    const char *key, *en, *color;
} group;

static const group groups[] = {
    {"fail", "Failed", "\033[31m"},      {"error", "Errors", "\033[35m"},
    {"warn", "Warnings", "\033[33m"},    {"waived", "Waived", "\033[36m"},
    {"info", "Information", "\033[34m"}, {"not_applicable", "Not applicable", "\033[2m"},
    {"pass", "Passed", "\033[32m"},
};

static const char *group_heading(const group *g, int en)
{
    const char *ja = report_vocab_word(RV_STATUS, g->key, 0);
    return en ? g->en : ja ? ja : g->key;
}

/* a policy level in the report language (kyojin.vocab) */
static const char *level_name(const char *lvl, int en)
{
    const char *w = report_vocab_word(RV_LEVEL, lvl, en);
    return w ? w : lvl;
}

/* a model as its symbol (kyojin.vocab) */
static const char *model_name(const char *m, int en)
{
    if (!m || !*m) return en ? "(not declared)" : "（未申告）";
    const rv_word *w = report_vocab_find(RV_MODEL, m);
    return w && w->symbol ? w->symbol : m;
}

static void write_decl(const cJSON *d, const report_options *o, FILE *out)
{
    int en = strcmp(o->lang, "en") == 0;
    const char *reset = o->color ? "\033[0m" : "", *bold = o->color ? "\033[1m" : "";
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(d, "body");
    const char *file = json_str_or(d, "file", "");
    fprintf(out, "%s%s%s ", bold, en ? "Declaration:" : "申告:", reset);
    term_puts(out, file);
    fputs(en ? " (" : "（", out);
    term_puts(out, json_str_or(body, "name", ""));
    fprintf(out, ", %s ", en ? "code" : "団体コード");
    term_puts(out, json_str_or(body, "code", ""));
    fprintf(out, ", %s ", en ? "model" : "モデル");
    term_puts(out, model_name(json_str_or(body, "model", ""), en));
    fputs(en ? ")\n" : "）\n", out);
    int compliant = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "compliant"));
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(d, "counts");
    int nfail = cJSON_GetObjectItemCaseSensitive(counts, "fail")
                    ? cJSON_GetObjectItemCaseSensitive(counts, "fail")->valueint
                    : 0;
    int nerr = cJSON_GetObjectItemCaseSensitive(counts, "error")
                   ? cJSON_GetObjectItemCaseSensitive(counts, "error")->valueint
                   : 0;
    /* failed or errored required policies decide the verdict */
    int req_fail = 0, req_err = 0;
    const cJSON *pp;
    cJSON_ArrayForEach(pp, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        if (strcmp(json_str_or(pp, "level", ""), "required") != 0) continue;
        if (strcmp(json_str_or(pp, "status", ""), "fail") == 0) req_fail++;
        if (strcmp(json_str_or(pp, "status", ""), "error") == 0) req_err++;
    }
    (void)nfail;
    (void)nerr;
    int unevaluated = rl_decl_error(d) != NULL;
    fprintf(out, "%s%s%s%s%s", bold,
            en ? "Verdict: " : "判定: ", o->color ? (compliant ? "\033[32m" : "\033[31m") : "",
            compliant     ? (en ? "compliant" : "準拠")
            : unevaluated ? (en ? "not evaluated" : "評価できませんでした")
                          : (en ? "not compliant" : "非準拠"),
            reset);
    if (!compliant && !unevaluated) {
        if (en)
            fprintf(out, " (required: %d failed, %d errors)", req_fail, req_err);
        else
            fprintf(out, "（必須要件の不適合 %d 件、評価エラー %d 件）", req_fail, req_err);
    }
    fputs("\n\n", out);

    const cJSON *pols = cJSON_GetObjectItemCaseSensitive(d, "policies");
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
        int n = 0;
        const cJSON *p;
        cJSON_ArrayForEach(p, pols)
            if (strcmp(json_str_or(p, "status", ""), groups[g].key) == 0) n++;
        if (!n) continue;
        fprintf(out, "%s%s■ %s (%d)%s\n", o->color ? groups[g].color : "", bold,
                group_heading(&groups[g], en), n, reset);
        int compact = strcmp(groups[g].key, "pass") == 0;
        if (compact) fputs("  ", out);
        cJSON_ArrayForEach(p, pols) {
            if (strcmp(json_str_or(p, "status", ""), groups[g].key) != 0) continue;
            if (compact) {
                term_puts(out, json_str_or(p, "id", ""));
                fputc(' ', out);
                continue;
            }
            fputs("  ", out);
            term_puts(out, json_str_or(p, "id", ""));
            fputs(" [", out);
            term_puts(out, level_name(json_str_or(p, "level", ""), en)); /* the id, if unknown */
            fputs("] ", out);
            term_puts(out, L(p, "title", o->lang));
            fputc('\n', out);
            if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "text_repaired")))
                fputs(en ? "      note: text of this policy that was not valid UTF-8 was repaired "
                           "(U+FFFD)\n"
                         : "      注: このポリシーの文字列に不正な UTF-8 があったため U+FFFD "
                           "に置き換えました\n",
                      out);
            if (!strcmp(json_str_or(p, "level", ""), "preview") &&
                strcmp(groups[g].key, "not_applicable") != 0) {
                fputs("      ", out);
                term_puts(out, rl_word("preview_note", en));
                fputc('\n', out);
            }
            const cJSON *reason = cJSON_GetObjectItemCaseSensitive(p, "reason");
            if (cJSON_IsObject(reason)) {
                fputs("      ", out);
                term_puts(out, json_str_or(reason, o->lang, ""));
                fputc('\n', out);
            }
            const cJSON *f;
            cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
                const char *fs = json_str_or(f, "status", "");
                if (strcmp(fs, "pass") == 0) continue;
                fputs("    ", out);
                term_puts(out, file);
                int line = cJSON_GetObjectItemCaseSensitive(f, "line")
                               ? cJSON_GetObjectItemCaseSensitive(f, "line")->valueint
                               : 0;
                if (line > 0) fprintf(out, ":%d", line);
                fputs(" ", out);
                const char *ptr = json_str_or(f, "pointer", "");
                term_puts(out, *ptr ? ptr : "/");
                const cJSON *msg = cJSON_GetObjectItemCaseSensitive(f, "message");
                if (cJSON_IsObject(msg)) {
                    fputs(" — ", out);
                    term_puts(out, json_str_or(msg, o->lang, ""));
                }
                const char *ev = json_str_or(f, "evidence", "");
                if (*ev)
                    fprintf(out, " [%s]",
                            strcmp(ev, "evidenced") == 0 ? (en ? "evidenced" : "証跡あり")
                                                         : (en ? "declared only" : "申告のみ"));
                fputc('\n', out);
                const cJSON *w = cJSON_GetObjectItemCaseSensitive(f, "waiver");
                if (cJSON_IsObject(w)) {
                    int expired = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(w, "expired"));
                    fputs(expired ? (en ? "      waiver EXPIRED on " : "      例外承認の期限切れ: ")
                                  : (en ? "      waived until " : "      例外承認（期限 "),
                          out);
                    term_puts(out, json_str_or(w, "expires", ""));
                    fputs(expired ? "" : (en ? "" : "）"), out);
                    fputs(en ? "; approver: " : " 承認者: ", out);
                    term_puts(out, json_str_or(w, "approver", ""));
                    fputs(en ? "; justification: " : " 理由: ", out);
                    term_puts(out, json_str_or(w, "justification", ""));
                    if (json_str(w, "file")) { /* from the --waivers file */
                        fputs(en ? "; " : " ", out);
                        term_puts(out, rl_word("waivers_file", en));
                        fputs(": ", out);
                        term_puts(out, json_str(w, "file"));
                    }
                    fputc('\n', out);
                }
            }
            if (strcmp(groups[g].key, "fail") == 0 || strcmp(groups[g].key, "warn") == 0) {
                fputs(en ? "      Remedy: " : "      対処: ", out);
                term_puts(out, L(p, "remediation", o->lang));
                fputc('\n', out);
            }
        }
        if (compact) fputc('\n', out);
        fputc('\n', out);
    }
    fputs(en ? "Totals: " : "集計: ", out);
    for (size_t g = 0; g < sizeof groups / sizeof *groups; g++) {
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(counts, groups[g].key);
        fprintf(out, "%s %d%s", group_heading(&groups[g], en), c ? c->valueint : 0,
                g + 1 < sizeof groups / sizeof *groups ? " / " : "\n");
    }
    int expired = rl_expired_waivers(d);
    if (expired) {
        term_puts(out, rl_word("expired_waivers", en));
        fprintf(out, en ? ": %d\n" : ": %d件\n", expired);
    }
    const cJSON *err = rl_decl_error(d);
    if (err) {
        fputs(en ? "Error: " : "エラー: ", out);
        term_puts(out, rl_decl_error_text(err, en));
        fputc('\n', out);
    }
    /* the risk summary is printed here by core/risk/risk_text.c when present. */
    if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(d, "risk"))) {
        fputc('\n', out);
        risk_write_summary(d, o->lang, out);
    }
}

void report_text_begin(const cJSON *result, const report_options *o, FILE *out)
{
    int en = strcmp(o->lang, "en") == 0;
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(result, "tool");
    fputs("kyojin ", out);
    term_puts(out, json_str_or(tool, "version", ""));
    fputs(en ? " — declaration check\n" : " — 構成申告の検査結果\n", out);
    /* the policy pack: its edition (policies/edition.lua) and size */
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(result, "policy_set");
    if (ps) {
        const char *ed = json_str(ps, "edition");
        term_puts(out, rl_word("policy_pack", en));
        fputs(": ", out);
        term_puts(out, rl_word("edition", en));
        fputc(' ', out);
        term_puts(out, ed ? ed : rl_word("edition_unset", en));
        fprintf(out, en ? " (%.0f policies)\n" : "（ポリシー数 %.0f）\n",
                json_num(ps, "policies", 0));
    }
    fputc('\n', out);
    const cJSON *wf = cJSON_GetObjectItemCaseSensitive(result, "waivers");
    if (cJSON_IsObject(wf)) { /* check --waivers FILE: applied as if declared */
        term_puts(out, rl_word("waivers_file", en));
        fputs(": ", out);
        term_puts(out, json_str_or(wf, "file", ""));
        fputs(" (SHA-256 ", out);
        term_puts(out, json_str_or(wf, "sha256", ""));
        fputs(")\n\n", out);
    }
}

void report_text_separator(FILE *out)
{
    fputs("\n────────────────────────────────────────\n\n", out);
}

void report_text_decl(const cJSON *d, const report_options *o, FILE *out, int first)
{
    if (!first) report_text_separator(out);
    write_decl(d, o, out);
}

/* The record as ASCII-only JSON: every character beyond ASCII, and DEL, as \uXXXX (a pair
 * beyond U+FFFF), so that no name or value in it can drive a terminal (cJSON already escapes
 * the other control characters). */
static void put_ascii_json(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p < 0x7f) {
            fputc(*p++, out);
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode(p, 4, &cp);
        if (cp == UTF8_INVALID) cp = 0xFFFD;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            fprintf(out, "\\u%04x\\u%04x", 0xD800u + (cp >> 10), 0xDC00u + (cp & 0x3FF));
        } else
            fprintf(out, "\\u%04x", cp);
        p += len;
    }
}

int report_text_end(const cJSON *result, const report_options *o, FILE *out)
{
    if (o->terminal || !cJSON_GetObjectItemCaseSensitive(result, "rendering")) return 0;
    char *meta = report_meta_text(result, 0);
    if (!meta) return -1;
    fputs("\n# kyojin-report ", out);
    put_ascii_json(out, meta);
    fputc('\n', out);
    cJSON_free(meta);
    return 0;
}

int report_text_write(const cJSON *result, const report_options *o, FILE *out)
{
    report_text_begin(result, o, out);
    const cJSON *d;
    int first = 1;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
        report_text_decl(d, o, out, first);
        first = 0;
    }
    return report_text_end(result, o, out);
}
