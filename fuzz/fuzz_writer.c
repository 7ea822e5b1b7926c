/* fuzz_writer.c — every report writer with arbitrary result content.
 *
 * Input: a first byte choosing which strings to replace, then pieces separated by NUL. The
 * result document fuzz/result-template.json (every status, waivers, risk rows) is copied and
 * the chosen string values are replaced by the pieces (in turn), each followed by a hostile
 * suffix (terminal escapes, an HTML tag, a bidi override, a formula). An input starting with
 * '{' is used as the whole result document instead (malformed documents must not crash).
 * Each writer runs into memory and its output is checked by the writer's invariant.
 *
 * Table-driven: a new writer is one line in WRITERS (name, call, check).
 */
#define _GNU_SOURCE
#include "report/report.h"
#include "report/report_formats.h"
#include "rollup/rollup.h"
#include "fuzz_common.h"

#include <stdint.h>

#define SUFFIX "\x1b]8;;x\x07\x1b[2J<x-inj a=1>\xe2\x80\xae=1+2\r\n"

static cJSON *TEMPLATE;

/* ------------------------------------------------------------------ invariants */

/* Terminal text: nothing but printable text, tab and newline; no bidi controls. */
static void check_terminal(const char *name, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)b[i];
        FUZZ_CHECK(c >= 0x20 || c == '\n' || c == '\t',
                   "%s: control character 0x%02x at byte %zu after: %.*s", name, c, i,
                   (int)(i > 300 ? 300 : i), b + (i > 300 ? i - 300 : 0));
        FUZZ_CHECK(c != 0x7f, "%s: DEL at byte %zu", name, i);
        if (c == 0xC2 && i + 1 < n)
            FUZZ_CHECK(!((unsigned char)b[i + 1] >= 0x80 && (unsigned char)b[i + 1] <= 0x9f),
                       "%s: C1 control", name);
        if (c == 0xE2 && i + 2 < n && (unsigned char)b[i + 1] == 0x80)
            FUZZ_CHECK(!((unsigned char)b[i + 2] >= 0xAA && (unsigned char)b[i + 2] <= 0xAE),
                       "%s: bidi override after: %.*s", name, (int)(i > 300 ? 300 : i),
                       b + (i > 300 ? i - 300 : 0));
    }
}

/* Markup: the injected tag never appears as markup, no raw controls but tab, CR, LF. */
static void check_markup(const char *name, const char *b, size_t n)
{
    FUZZ_CHECK(!memmem(b, n, "<x-inj", 6), "%s: injected tag not escaped", name);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)b[i];
        FUZZ_CHECK(c >= 0x20 || c == '\n' || c == '\t' || c == '\r', "%s: control character 0x%02x",
                   name, c);
    }
}

/* JSON: parses back. */
static void check_json(const char *name, const char *b, size_t n)
{
    cJSON *j = cJSON_ParseWithLength(b, n);
    FUZZ_CHECK(j != NULL, "%s: output is not JSON", name);
    cJSON_Delete(j);
}

/* CSV: no cell may start like a formula (=, +, -, @, tab, CR) unless it is a plain number. */
static void check_csv(const char *name, const char *b, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < n) {
        /* one cell */
        char first = 0;
        size_t start = i;
        int quoted = b[i] == '"';
        if (quoted) {
            i++;
            if (i < n) first = b[i];
            while (i < n) {
                if (b[i] == '"') {
                    if (i + 1 < n && b[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                i++;
            }
        } else {
            first = b[i] == ',' || b[i] == '\r' || b[i] == '\n' ? 0 : b[i]; /* empty cell */
            while (i < n && b[i] != ',' && b[i] != '\n' && b[i] != '\r') i++;
        }
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
            first == '\r') {
            /* allow negative numbers */
            size_t k = start + (quoted ? 2 : 1);
            int numeric = first == '-' && k < i;
            for (; numeric && k < i - (quoted ? 1 : 0); k++)
                if (!((b[k] >= '0' && b[k] <= '9') || b[k] == '.')) numeric = 0;
            FUZZ_CHECK(numeric, "%s: a cell starts like a formula at byte %zu: %.40s", name, start,
                       b + start);
        }
        if (i < n && b[i] == ',')
            i++;
        else
            while (i < n && (b[i] == '\r' || b[i] == '\n')) i++;
    }
}

/* ------------------------------------------------------------------ writers */

static int w_text_ja(const cJSON *r, FILE *f)
{
    report_options o = {.format = "text", .lang = "ja"};
    char err[256];
    return report_write(r, &o, f, NULL, err, sizeof err);
}
static int w_text_en(const cJSON *r, FILE *f)
{
    report_options o = {.format = "text", .lang = "en"};
    char err[256];
    return report_write(r, &o, f, NULL, err, sizeof err);
}
/* JSON as the result in memory is (v1), and in the compact form of result v2 (summary, full) */
static int json_as(const cJSON *r, FILE *f, int v2, int full)
{
    report_options o = {.format = "json", .lang = "ja", .json_v2 = v2, .json_full = full};
    char err[256];
    return report_write(r, &o, f, NULL, err, sizeof err);
}
static int w_json(const cJSON *r, FILE *f)
{
    return json_as(r, f, 0, 0);
}
static int w_json_v2(const cJSON *r, FILE *f)
{
    return json_as(r, f, 1, 0);
}
static int w_json_v2_full(const cJSON *r, FILE *f)
{
    return json_as(r, f, 1, 1);
}
static int w_html(const cJSON *r, FILE *f)
{
    report_opts o = {"ja", 0};
    char err[256];
    return report_html_write(r, &o, f, err, sizeof err);
}
static int csv_table(const cJSON *r, FILE *f, const char *t)
{
    report_opts o = {"en", 0};
    char err[256];
    return report_csv_write_table(r, &o, t, f, err, sizeof err);
}
static int w_csv_findings(const cJSON *r, FILE *f)
{
    return csv_table(r, f, "findings");
}
static int w_csv_assets(const cJSON *r, FILE *f)
{
    return csv_table(r, f, "assets");
}
static int w_csv_trees(const cJSON *r, FILE *f)
{
    return csv_table(r, f, "trees");
}
static int w_csv_meta(const cJSON *r, FILE *f)
{
    return csv_table(r, f, "meta");
}
static int w_sarif(const cJSON *r, FILE *f)
{
    char err[256];
    return report_sarif_write(r, "ja", f, err, sizeof err);
}
static int w_junit(const cJSON *r, FILE *f)
{
    char err[256];
    return report_junit_write(r, "en", f, err, sizeof err);
}
static int w_xlsx(const cJSON *r, FILE *f)
{
    report_opts o = {"ja", 0};
    char err[256];
    (void)f; /* a binary file: written whole to its own path (through util/atomic_out.c) */
    return report_xlsx_write(r, &o, "/tmp/kyojin-fuzz-xlsx", err, sizeof err);
}

typedef struct {
    const char *name;
    int (*write)(const cJSON *result, FILE *out);
    void (*check)(const char *name, const char *buf, size_t len); /* NULL: only "no crash" */
    int every; /* run on 1 input in `every` (slow writers) */
} writer;

static const writer WRITERS[] = {
    {"text-ja", w_text_ja, check_terminal, 1},
    {"text-en", w_text_en, check_terminal, 1},
    {"json", w_json, check_json, 1},
    {"json-v2", w_json_v2, check_json, 1},
    {"json-v2-full", w_json_v2_full, check_json, 1},
    {"html", w_html, check_markup, 1},
    {"csv-findings", w_csv_findings, check_csv, 1},
    {"csv-assets", w_csv_assets, check_csv, 1},
    {"csv-trees", w_csv_trees, check_csv, 1},
    {"csv-meta", w_csv_meta, check_csv, 1},
    {"sarif", w_sarif, check_json, 1},
    {"junit", w_junit, check_markup, 1},
    {"xlsx", w_xlsx, NULL, 16},
};

/* ------------------------------------------------------------------ input → document */

typedef struct {
    const char **piece;
    size_t *len;
    size_t n, next;
    unsigned mask;
    size_t index;
} filler;

static void fill(cJSON *node, filler *f)
{
    for (cJSON *c = node; c; c = c->next) {
        if (cJSON_IsString(c)) {
            size_t k = f->index++;
            if ((f->mask >> (k % 8)) & 1) {
                size_t p = f->next++ % f->n;
                size_t l = f->len[p];
                char *s = malloc(l + sizeof SUFFIX);
                if (s) {
                    memcpy(s, f->piece[p], l);
                    memcpy(s + l, SUFFIX, sizeof SUFFIX);
                    cJSON_SetValuestring(c, s);
                    free(s);
                }
            }
        }
        if (c->child) fill(c->child, f);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[4096];
    fuzz_path(path, sizeof path, "fuzz/result-template.json");
    size_t len;
    char *t = fuzz_read(path, &len);
    TEMPLATE = t ? cJSON_Parse(t) : NULL;
    free(t);
    if (!TEMPLATE) {
        fprintf(stderr, "fuzz_writer: cannot read %s\n", path);
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static unsigned long runs;
    runs++;
    if (size == 0 || size > 8192) return 0;
    cJSON *doc;
    if (data[0] == '{') {
        doc = cJSON_ParseWithLength((const char *)data, size);
        if (!doc) return 0;
    } else {
        doc = cJSON_Duplicate(TEMPLATE, 1);
        const char *pieces[64];
        size_t lens[64], n = 0;
        const char *s = (const char *)data + 1, *end = (const char *)data + size;
        while (n < 64) {
            const char *z = memchr(s, 0, (size_t)(end - s));
            pieces[n] = s;
            lens[n++] = (size_t)((z ? z : end) - s);
            if (!z) break;
            s = z + 1;
        }
        filler f = {pieces, lens, n, 0, data[0] ? data[0] : 0xFF, 0};
        fill(doc, &f);
    }
    for (size_t w = 0; w < sizeof WRITERS / sizeof *WRITERS; w++) {
        if (runs % (unsigned long)WRITERS[w].every) continue;
        char *buf = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&buf, &len);
        if (!f) continue;
        int rc = WRITERS[w].write(doc, f);
        fclose(f);
        /* a writer may refuse a document it cannot make sense of; what it writes must be safe */
        if (rc == 0 && WRITERS[w].check) WRITERS[w].check(WRITERS[w].name, buf, len);
        free(buf);
    }
    cJSON_Delete(doc);
    return 0;
}
