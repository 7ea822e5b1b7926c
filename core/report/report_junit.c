/*
 * report_junit.c — the JUnit XML writer (`--format junit`).
 *
 * Reads the result document (interfaces.md §5) only. One <testsuite> per
 * declaration, one <testcase> per policy and declaration:
 *   fail           → <failure> with every failing finding's message
 *   error          → <error> with the reason
 *   not_applicable → <skipped> with the reason
 *   waived         → <skipped> naming the waiver
 *   warn           → passes (recommended requirements do not break a build);
 *                    the warnings are listed in <system-out>
 *   preview        → a failing or warning policy of level preview passes too (it decides
 *                    nothing yet); its findings are listed in <system-out>
 * A declaration that could not be evaluated is one testcase with <error>.
 * No timestamps or durations: the output is deterministic. Written one declaration at
 * a time (report_junit_begin, _decl, _end): the <testsuite> elements wait in a temporary
 * file until the totals of <testsuites> are known.
 */
#define _POSIX_C_SOURCE 200809L
#include "report/report_formats.h"
#include "report/report_labels.h"
#include "report/report_tables.h"
#include "rollup/rollup.h"
#include "util/cjson_cs.h"
#include "util/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Write s as XML character data / attribute value: escapes markup, turns
 * newlines into &#10; inside attributes, and replaces bytes XML 1.0 cannot
 * carry (control characters, invalid UTF-8) with '?'. */
static void xml_put(FILE *out, const char *s, int attr)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c < 0x80) {
            switch (c) {
            case '&': fputs("&amp;", out); break;
            case '<': fputs("&lt;", out); break;
            case '>': fputs("&gt;", out); break;
            case '"': fputs(attr ? "&quot;" : "\"", out); break;
            case '\n': fputs(attr ? "&#10;" : "\n", out); break;
            case '\t': fputs(attr ? "&#9;" : "\t", out); break;
            case '\r': fputs("&#13;", out); break;
            default: fputc(c < 0x20 || c == 0x7F ? '?' : c, out);
            }
            p++;
            continue;
        }
        uint32_t cp;
        size_t len = utf8_decode(p, 4, &cp);                    /* stops at the NUL (utf8.h) */
        if (cp == UTF8_INVALID || cp == 0xFFFE || cp == 0xFFFF) /* not XML 1.0 characters */
            fputc('?', out);
        else
            fwrite(p, 1, len, out);
        p += len;
    }
}

static void attr(FILE *out, const char *name, const char *value)
{
    fprintf(out, " %s=\"", name);
    xml_put(out, value, 1);
    fputc('"', out);
}

static const char *finding_status(const cJSON *p, const cJSON *f)
{
    const char *s = json_str_or(f, "status", "");
    if (strcmp(s, "fail") == 0 && strcmp(json_str_or(p, "level", ""), "recommended") == 0)
        return "warn";
    return s;
}

/* Effective status of a policy for JUnit purposes. */
static const char *policy_status(const cJSON *p)
{
    const char *s = json_str_or(p, "status", "");
    if ((strcmp(s, "fail") == 0 || strcmp(s, "warn") == 0) &&
        strcmp(json_str_or(p, "level", ""), "preview") == 0)
        return "preview";
    if (strcmp(s, "fail") == 0 && strcmp(json_str_or(p, "level", ""), "recommended") == 0)
        return "warn";
    if (strcmp(s, "pass") == 0) {
        const cJSON *f;
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings"))
            if (strcmp(json_str_or(f, "status", ""), "waived") == 0) return "waived";
    }
    return s;
}

/* The finding lines of status `want` as "pointer (line:column): message". */
static void finding_lines(FILE *out, const cJSON *p, const char *want, const char *lang)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings")) {
        if (strcmp(finding_status(p, f), want) != 0) continue;
        const char *ptr = json_str_or(f, "pointer", "");
        const cJSON *line = cJSON_GetObjectItemCaseSensitive(f, "line");
        const cJSON *col = cJSON_GetObjectItemCaseSensitive(f, "column");
        xml_put(out, ptr[0] ? ptr : "/", 0);
        if (cJSON_IsNumber(line))
            fprintf(out, " (%d:%d)", line->valueint, cJSON_IsNumber(col) ? col->valueint : 1);
        fputs(": ", out);
        xml_put(out, rollup_text(cJSON_GetObjectItemCaseSensitive(f, "message"), lang), 0);
        if (strcmp(want, "waived") == 0) {
            const cJSON *w = cJSON_GetObjectItemCaseSensitive(f, "waiver");
            const char *j = rollup_text(cJSON_GetObjectItemCaseSensitive(w, "justification"), lang);
            const char *exp = json_str_or(w, "expires", "");
            if (j[0]) {
                fputs(" — ", out);
                xml_put(out, j, 0);
            }
            if (exp[0]) {
                fputs(" (", out);
                xml_put(out, exp, 0);
                fputc(')', out);
            }
        }
        fputc('\n', out);
    }
}

static const char *first_message(const cJSON *p, const char *want, const char *lang)
{
    const cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings"))
        if (strcmp(finding_status(p, f), want) == 0)
            return rollup_text(cJSON_GetObjectItemCaseSensitive(f, "message"), lang);
    return "";
}

typedef struct {
    int tests, failures, errors, skipped;
} tally;

static void count_decl(const cJSON *d, tally *t)
{
    memset(t, 0, sizeof *t);
    const cJSON *derr = cJSON_GetObjectItemCaseSensitive(d, "error");
    if (derr && !cJSON_IsNull(derr)) {
        t->tests = 1;
        t->errors = 1;
        return;
    }
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        const char *s = policy_status(p);
        t->tests++;
        if (strcmp(s, "fail") == 0)
            t->failures++;
        else if (strcmp(s, "error") == 0)
            t->errors++;
        else if (strcmp(s, "not_applicable") == 0 || strcmp(s, "waived") == 0)
            t->skipped++;
    }
}

static void tally_attrs(FILE *out, const tally *t)
{
    fprintf(out, " tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\"", t->tests,
            t->failures, t->errors, t->skipped);
}

static void property(FILE *out, const char *name, const char *value)
{
    fputs("      <property", out);
    attr(out, "name", name);
    attr(out, "value", value);
    fputs("/>\n", out);
}

/* The report being written (one at a time): the totals of the <testsuites> element, the
 * summary the verification property needs, the first declaration's <testsuite> up to where
 * that property goes (in memory) and everything after it spooled to a temporary file. */
static struct {
    int active, en, n;
    char lang[8];
    tally all;
    cJSON *summary;
    char *head; /* the first <testsuite> up to its properties' end */
    size_t headlen;
    FILE *spool;
} junit;

static void junit_reset(void)
{
    cJSON_Delete(junit.summary);
    free(junit.head);
    if (junit.spool) fclose(junit.spool);
    memset(&junit, 0, sizeof junit);
}

static int junit_fail(const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", what);
    junit_reset();
    return -1;
}

int report_junit_begin(const cJSON *envelope, const char *lang, char *err, size_t errlen)
{
    junit_reset();
    junit.active = 1;
    junit.en = lang && strcmp(lang, "en") == 0;
    snprintf(junit.lang, sizeof junit.lang, "%s", lang ? lang : "ja");
    if (!(junit.summary = report_summary_new(envelope)))
        return junit_fail("out of memory", err, errlen);
    char why[512];
    if (!(junit.spool = report_spool_open(why, sizeof why))) return junit_fail(why, err, errlen);
    return 0;
}

/* A declaration's <testsuite> from its start to the last property before the verification
 * record (which only the first one has). */
static void suite_head(FILE *out, const cJSON *d, const tally *t)
{
    const char *file = json_str_or(d, "file", "");
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(d, "body");
    fputs("  <testsuite", out);
    attr(out, "name", file);
    tally_attrs(out, t);
    fputs(">\n    <properties>\n", out);
    property(out, "body.name", json_str_or(body, "name", ""));
    property(out, "body.code", json_str_or(body, "code", ""));
    property(out, "body.prefecture", json_str_or(body, "prefecture", ""));
    property(out, "body.model", json_str_or(body, "model", ""));
    const cJSON *comp = cJSON_GetObjectItemCaseSensitive(d, "compliant");
    property(out, "compliant", cJSON_IsTrue(comp) ? "true" : "false");
}

/* The rest of it: its test cases. 0 or -1 (out of memory). */
static int suite_tail(FILE *out, const cJSON *d)
{
    const char *lang = junit.lang;
    int en = junit.en;
    const char *file = json_str_or(d, "file", "");
    const cJSON *p;
    fputs("    </properties>\n", out);

    const cJSON *derr = rl_decl_error(d);
    if (derr) {
        const char *msg = rl_decl_error_text(derr, en);
        fputs("    <testcase", out);
        attr(out, "classname", file);
        attr(out, "name", en ? "declaration" : "申告");
        fputs(">\n      <error", out);
        attr(out, "type", "declaration");
        attr(out, "message", msg);
        fputs(">", out);
        xml_put(out, msg, 0);
        fputs("</error>\n    </testcase>\n  </testsuite>\n", out);
        return 0;
    }
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        const char *id = json_str_or(p, "id", "");
        const char *title = rollup_text(cJSON_GetObjectItemCaseSensitive(p, "title"), lang);
        const char *status = policy_status(p);
        size_t nl = strlen(id) + strlen(title) + 4;
        char *name = malloc(nl);
        if (!name) return -1;
        snprintf(name, nl, title[0] ? "%s %s" : "%s", id, title);
        fputs("    <testcase", out);
        attr(out, "classname", file);
        attr(out, "name", name);
        free(name);
        const char *reason = rollup_text(cJSON_GetObjectItemCaseSensitive(p, "reason"), lang);
        const char *rem = rollup_text(cJSON_GetObjectItemCaseSensitive(p, "remediation"), lang);
        if (strcmp(status, "fail") == 0) {
            fputs(">\n      <failure", out);
            attr(out, "type", json_str_or(p, "level", ""));
            /* the whole first message: a fixed buffer would cut a character */
            fprintf(out, " message=\"%s: ", rollup_status_word("fail", lang));
            xml_put(out, first_message(p, "fail", lang), 1);
            fputc('"', out);
            fputs(">", out);
            finding_lines(out, p, "fail", lang);
            if (rem[0]) {
                fputs(en ? "remediation: " : "対処: ", out);
                xml_put(out, rem, 0);
                fputc('\n', out);
            }
            fputs("</failure>\n    </testcase>\n", out);
        } else if (strcmp(status, "error") == 0) {
            fputs(">\n      <error", out);
            attr(out, "type", "policy");
            attr(out, "message", reason[0] ? reason : rollup_status_word("error", lang));
            fputs(">", out);
            xml_put(out, reason, 0);
            fputs("</error>\n    </testcase>\n", out);
        } else if (strcmp(status, "not_applicable") == 0) {
            fputs(">\n      <skipped", out);
            attr(out, "message", reason[0] ? reason : rollup_status_word("not_applicable", lang));
            fputs("/>\n    </testcase>\n", out);
        } else if (strcmp(status, "waived") == 0) {
            fputs(">\n      <skipped", out);
            attr(out, "message", rollup_status_word("waived", lang));
            fputs(">", out);
            finding_lines(out, p, "waived", lang);
            fputs("</skipped>\n    </testcase>\n", out);
        } else if (strcmp(status, "preview") == 0) {
            fputs(">\n      <system-out>", out);
            xml_put(out, rl_word("preview_note", en), 0);
            fputs("\n", out);
            finding_lines(out, p, "fail", lang);
            finding_lines(out, p, "warn", lang);
            fputs("</system-out>\n    </testcase>\n", out);
        } else if (strcmp(status, "warn") == 0) {
            fputs(">\n      <system-out>", out);
            fputs(rollup_status_word("warn", lang), out);
            fputs("\n", out);
            finding_lines(out, p, "warn", lang);
            fputs("</system-out>\n    </testcase>\n", out);
        } else {
            fputs("/>\n", out);
        }
    }
    fputs("  </testsuite>\n", out);
    return 0;
}

int report_junit_decl(const cJSON *d, char *err, size_t errlen)
{
    tally t;
    if (!junit.active) return junit_fail("no JUnit report begun", err, errlen);
    if (report_summary_add(junit.summary, d)) return junit_fail("out of memory", err, errlen);
    count_decl(d, &t);
    junit.all.tests += t.tests;
    junit.all.failures += t.failures;
    junit.all.errors += t.errors;
    junit.all.skipped += t.skipped;
    if (junit.n++ == 0) { /* the verification record follows its properties (at the end) */
        FILE *h = open_memstream(&junit.head, &junit.headlen);
        if (!h) return junit_fail("out of memory", err, errlen);
        suite_head(h, d, &t);
        if (fclose(h)) return junit_fail("out of memory", err, errlen);
    } else
        suite_head(junit.spool, d, &t);
    if (suite_tail(junit.spool, d) || ferror(junit.spool))
        return junit_fail("cannot write the JUnit report's temporary file", err, errlen);
    return 0;
}

int report_junit_end(FILE *out, char *err, size_t errlen)
{
    if (!junit.active) return junit_fail("no JUnit report begun", err, errlen);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", out);
    attr(out, "name", "kyojin");
    tally_attrs(out, &junit.all);
    fputs(">\n", out);
    if (junit.n) {
        fwrite(junit.head, 1, junit.headlen, out);
        if (cJSON_GetObjectItemCaseSensitive(junit.summary, "rendering")) {
            /* what `kyojin verify` reads (report_meta), once */
            char *meta = report_meta_text(junit.summary, 1);
            if (!meta) return junit_fail("out of memory", err, errlen);
            property(out, "kyojin.report", meta);
            cJSON_free(meta);
        }
        if (report_spool_copy(junit.spool, out))
            return junit_fail("cannot read back the JUnit report's temporary file", err, errlen);
    }
    fputs("</testsuites>\n", out);
    if (ferror(out)) return junit_fail("write error", err, errlen);
    junit_reset();
    return 0;
}

int report_junit_write(const cJSON *result, const char *lang, FILE *out, char *err, size_t errlen)
{
    const cJSON *decls = cJSON_GetObjectItemCaseSensitive(result, "declarations"), *d;
    if (!cJSON_IsArray(decls)) {
        snprintf(err, errlen, "result document has no declarations array");
        return -1;
    }
    if (report_junit_begin(result, lang, err, errlen)) return -1;
    cJSON_ArrayForEach(d, decls)
        if (report_junit_decl(d, err, errlen)) return -1;
    return report_junit_end(out, err, errlen);
}
