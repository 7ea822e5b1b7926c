/* report_xlsx.c — the Excel workbook (--format xlsx) with libxlsxwriter.
 *
 * Sheets: findings, the asset-based risk sheet, the business-damage-based risk sheet
 * (IPA column order, laid out by report_tables.c; the countermeasure columns of the asset
 * sheet under a row of IPA stages) and the inputs with their hashes. Header rows frozen,
 * filters on, risk cells coloured A red … E green, column widths measured for Japanese text
 * and row heights for the wrapped text. Print-ready: A4 landscape, one page wide, header
 * rows repeated on every page, a print area, page numbers in the footer. Every value from a
 * declaration or a policy is a string cell with the text number format "@", so nothing is
 * ever a formula. The workbook's creation time is SOURCE_DATE_EPOCH when given, else the
 * report's issue date, else a fixed date: same inputs, same bytes. The hashes and the
 * report's options are also stored as custom document properties (docProps/custom.xml) for
 * `kyojin verify`. report_xlsx_write lands the file through util/atomic_out.c.
 * Written one declaration at a time (report_xlsx_begin, _decl, _end): each sheet's rows wait
 * in a temporary file (the column widths depend on every row), then the workbook is written
 * in libxlsxwriter's constant-memory mode, so memory does not grow with the batch. */
#define _POSIX_C_SOURCE 200809L
#include "report/report_formats.h"
#include "report/report_labels.h"
#include "util/cjson_cs.h"
#include "report/report_tables.h"
#include "util/atomic_out.h"
#include "util/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* 1980-01-01T00:00:00Z: the zip epoch, used when SOURCE_DATE_EPOCH is not given. */
#define KYOJIN_XLSX_DEFAULT_EPOCH 315532800LL
/* Longest string Excel keeps in a cell (bytes, as libxlsxwriter checks it). */
#define XLSX_STR_MAX              32767

/* Display width in spreadsheet character units: East Asian wide characters count 2. */
static double text_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t line = 0, best = 0;
    for (; p && *p; p++) {
        if (*p == '\n') {
            if (line > best) best = line;
            line = 0;
            continue;
        }
        if ((*p & 0xC0) == 0x80) continue;
        line += *p >= 0xE1 ? 2 : 1; /* 3- and 4-byte sequences: CJK and symbols */
    }
    if (line > best) best = line;
    return (double)best;
}

/* Lines that s takes in a wrapped cell `width` character units wide. */
static int text_lines(const char *s, double width)
{
    const unsigned char *p = (const unsigned char *)s;
    double line = 0, room = width > 2 ? width - 1.5 : 1;
    int lines = 1;
    for (; p && *p; p++) {
        if (*p == '\n') {
            lines++;
            line = 0;
            continue;
        }
        if ((*p & 0xC0) == 0x80) continue;
        /* a wide character is nearly two units; viewers differ, so lean to more lines */
        line += *p >= 0xE1 ? 1.75 : 1;
        if (line > room) {
            lines++;
            line = *p >= 0xE1 ? 1.75 : 1;
        }
    }
    return lines;
}

typedef struct {
    lxw_format *head, *head_up, *text, *num, *group_text, *group_num, *risk[5];
} formats;

static lxw_format *base_format(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "Meiryo UI");
    format_set_font_size(f, 10);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xC9CCD1);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void make_formats(lxw_workbook *wb, formats *F)
{
    static const lxw_color_t fill[5] = {0xC62828, 0xEF6C00, 0xF9A825, 0x7CB342, 0x2E7D32};
    static const lxw_color_t ink[5] = {0xFFFFFF, 0xFFFFFF, 0x1A1A1A, 0x1A1A1A, 0xFFFFFF};
    F->head = base_format(wb);
    format_set_bold(F->head);
    format_set_bg_color(F->head, 0xE3E8F0);
    format_set_text_wrap(F->head);
    F->head_up = base_format(wb); /* the narrow grouped columns: read bottom to top */
    format_set_bold(F->head_up);
    format_set_bg_color(F->head_up, 0xE3E8F0);
    format_set_text_wrap(F->head_up);
    format_set_rotation(F->head_up, 90);
    format_set_align(F->head_up, LXW_ALIGN_CENTER);
    F->text = base_format(wb);
    format_set_text_wrap(F->text);
    format_set_num_format(F->text, "@");
    F->num = base_format(wb);
    format_set_align(F->num, LXW_ALIGN_CENTER);
    F->group_text = base_format(wb);
    format_set_text_wrap(F->group_text);
    format_set_num_format(F->group_text, "@");
    format_set_bold(F->group_text);
    format_set_bg_color(F->group_text, 0xF2F4F7);
    F->group_num = base_format(wb);
    format_set_align(F->group_num, LXW_ALIGN_CENTER);
    format_set_bold(F->group_num);
    format_set_bg_color(F->group_num, 0xF2F4F7);
    for (int i = 0; i < 5; i++) {
        F->risk[i] = base_format(wb);
        format_set_bold(F->risk[i]);
        format_set_align(F->risk[i], LXW_ALIGN_CENTER);
        format_set_bg_color(F->risk[i], fill[i]);
        format_set_font_color(F->risk[i], ink[i]);
        format_set_num_format(F->risk[i], "@");
    }
}

/* The group headings above the header (the IPA stages over the countermeasure columns) in
 * row 0: each run of columns under one heading merged. Returns 1 when the table has groups
 * (the header is then row 1), 0 when not, -1 with e set on an error. */
static int group_row(lxw_worksheet *ws, const rt_table *t, const formats *F, lxw_error *e)
{
    size_t any = 0;
    for (size_t c = 0; c < t->ncols; c++) any += t->group && t->group[c];
    if (!any) return 0;
    for (size_t c = 0; c < t->ncols;) {
        const char *g = t->group[c] ? t->group[c] : "";
        size_t end = c;
        while (end + 1 < t->ncols && !strcmp(t->group[end + 1] ? t->group[end + 1] : "", g)) end++;
        *e = end > c ? worksheet_merge_range(ws, 0, (lxw_col_t)c, 0, (lxw_col_t)end, g, F->head)
                     : worksheet_write_string(ws, 0, (lxw_col_t)c, g, F->head);
        if (*e) return -1;
        c = end + 1;
    }
    worksheet_set_row(ws, 0, 20, NULL);
    return 1;
}

/* Print set-up: A4 landscape, one page wide, the header rows repeated on every page, the
 * table as the print area, page numbers in the footer. */
static lxw_error print_setup(lxw_worksheet *ws, const rt_table *t, size_t nrows,
                             lxw_row_t head_rows)
{
    lxw_error e;
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_set_margins(ws, 0.4, 0.4, 0.55, 0.55);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as many pages long as it takes */
    if ((e = worksheet_repeat_rows(ws, 0, head_rows - 1))) return e;
    if ((e = worksheet_set_footer(ws, "&L&A&R&P / &N"))) return e;
    if (!t->ncols) return LXW_NO_ERROR;
    return worksheet_print_area(ws, 0, 0, (lxw_row_t)(nrows + head_rows - 1),
                                (lxw_col_t)(t->ncols - 1));
}

/* One sheet while the declarations stream past: its table (headers, the rows of the
 * current declaration), the widest cell of each column so far, and the rows, spooled to a
 * temporary file until the workbook is written (the widths, and so the row heights, depend
 * on every row). */
typedef struct {
    rt_table t;
    double *cellw; /* ncols */
    FILE *rows;    /* report_spool_open */
    size_t nrows;
} xsheet;

/* A spooled row: its style, then per cell kind, style and a number or a text. */
typedef struct {
    unsigned char kind, style;
    double num;
    uint32_t len;
} cell_rec;

/* Measure and spool the rows built so far, then forget them. 0, or -1 with err set. */
static int spool_rows(xsheet *x, char *err, size_t errlen)
{
    rt_table *t = &x->t;
    if (!x->cellw && !(x->cellw = calloc(t->ncols ? t->ncols : 1, sizeof *x->cellw))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (!x->rows && !(x->rows = report_spool_open(err, errlen))) return -1;
    for (size_t r = 0; r < t->nrows; r++) {
        int style = t->row_style[r];
        if (fwrite(&style, sizeof style, 1, x->rows) != 1) goto io;
        for (size_t c = 0; c < t->ncols; c++) {
            const rt_cell *cell = rt_at(t, r, c);
            cell_rec rec = {(unsigned char)cell->kind, (unsigned char)cell->style, cell->num, 0};
            double cw = cell->kind == RT_TEXT     ? text_width(cell->text) + 2
                        : cell->kind == RT_NUMBER ? 6
                                                  : 0;
            if (cw > x->cellw[c]) x->cellw[c] = cw;
            if (cell->kind == RT_TEXT) rec.len = (uint32_t)strlen(cell->text);
            if (fwrite(&rec, sizeof rec, 1, x->rows) != 1 ||
                (rec.len && fwrite(cell->text, 1, rec.len, x->rows) != rec.len))
                goto io;
        }
        x->nrows++;
    }
    rt_drop_rows(t);
    return 0;
io:
    snprintf(err, errlen, "cannot write a temporary file: %s", strerror(errno));
    return -1;
}

/* Read the next spooled row into cells (ncols, texts malloc'd; the caller frees them) and
 * *style. 1, 0 at the end, -1 on an error. */
static int read_row(FILE *f, rt_cell *cells, size_t ncols, int *style)
{
    if (fread(style, sizeof *style, 1, f) != 1) return ferror(f) ? -1 : 0;
    for (size_t c = 0; c < ncols; c++) {
        cell_rec rec;
        if (fread(&rec, sizeof rec, 1, f) != 1) return -1;
        cells[c].kind = rec.kind;
        cells[c].style = rec.style;
        cells[c].num = rec.num;
        cells[c].text = NULL;
        if (rec.kind == RT_TEXT) {
            if (!(cells[c].text = malloc((size_t)rec.len + 1)) ||
                fread(cells[c].text, 1, rec.len, f) != rec.len)
                return -1;
            cells[c].text[rec.len] = 0;
        }
    }
    return 1;
}

static void free_row(rt_cell *cells, size_t ncols)
{
    for (size_t c = 0; c < ncols; c++) {
        free(cells[c].text);
        cells[c].text = NULL;
    }
}

static lxw_error write_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const rt_cell *cell,
                            int group, const formats *F)
{
    if (cell->kind == RT_NUMBER)
        return worksheet_write_number(ws, row, col, cell->num, group ? F->group_num : F->num);
    if (cell->kind != RT_TEXT)
        return worksheet_write_blank(ws, row, col, group ? F->group_text : F->text);
    lxw_format *f = group ? F->group_text : F->text;
    if (cell->style == RT_RISK && cell->text[0] >= 'A' && cell->text[0] <= 'E' && !cell->text[1])
        f = F->risk[cell->text[0] - 'A'];
    char *s = cell->text;
    size_t n = strlen(s);
    if (n <= XLSX_STR_MAX) return worksheet_write_string(ws, row, col, s, f);
    size_t k = XLSX_STR_MAX; /* cut at a UTF-8 boundary */
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    char saved = s[k];
    s[k] = 0;
    lxw_error e = worksheet_write_string(ws, row, col, s, f);
    s[k] = saved;
    return e;
}

/* Write a sheet from its spooled rows, in order (constant-memory mode). */
static int sheet(lxw_workbook *wb, xsheet *x, const formats *F, char *err, size_t errlen)
{
    const rt_table *t = &x->t;
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->title);
    lxw_error e = LXW_NO_ERROR;
    if (!ws) {
        snprintf(err, errlen, "cannot add the sheet %s", t->name);
        return -1;
    }
    size_t nc = t->ncols ? t->ncols : 1;
    double *width = calloc(nc, sizeof *width); /* as set, per column */
    rt_cell *cells = calloc(nc, sizeof *cells);
    if (!width || !cells) {
        free(width);
        free(cells);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int grouped = group_row(ws, t, F, &e);
    if (grouped < 0) goto fail;
    lxw_row_t top = (lxw_row_t)grouped; /* the header row */
    for (size_t c = 0; c < t->ncols; c++) {
        double w = text_width(t->head[c]) + 2;
        int narrow = grouped && t->group[c]; /* a countermeasure: ○, × and who invalidated it */
        if (narrow) {
            width[c] = 6.5;
            worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
            e = worksheet_write_string(ws, top, (lxw_col_t)c, t->head[c], F->head_up);
            if (e) goto fail;
            continue;
        }
        if (w > (grouped ? 10 : 24))
            w = grouped ? 10 : 24; /* long headers wrap (the grouped sheet's header row is tall) */
        if (x->cellw && x->cellw[c] > w) w = x->cellw[c];
        if (w > (grouped ? 36 : 40)) w = grouped ? 36 : 40; /* long text wraps */
        if (w < 6) w = 6;
        width[c] = w;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        e = worksheet_write_string(ws, top, (lxw_col_t)c, t->head[c], F->head);
        if (e) goto fail;
    }
    worksheet_set_row(ws, top, grouped ? 120 : 32, NULL);
    if (x->rows && (fflush(x->rows) || fseek(x->rows, 0, SEEK_SET))) goto io;
    for (size_t r = 0; x->rows && r < x->nrows; r++) {
        int style, k = read_row(x->rows, cells, t->ncols, &style);
        if (k != 1) {
            free_row(cells, t->ncols);
            goto io;
        }
        int group = style == RT_ROW_GROUP, lines = 1;
        lxw_row_t row = (lxw_row_t)(r + 1) + top;
        for (size_t c = 0; c < t->ncols; c++) { /* the row's height: its tallest wrapped cell */
            int n = cells[c].kind == RT_TEXT ? text_lines(cells[c].text, width[c]) : 1;
            if (n > lines) lines = n;
        }
        if (lines > 1) worksheet_set_row(ws, row, lines > 30 ? 409 : 13 * lines, NULL);
        for (size_t c = 0; c < t->ncols && !e; c++)
            e = write_cell(ws, row, (lxw_col_t)c, &cells[c], group, F);
        free_row(cells, t->ncols);
        if (e) goto fail;
    }
    worksheet_freeze_panes(ws, top + 1, 0);
    if (t->ncols) {
        e = worksheet_autofilter(ws, top, 0, (lxw_row_t)x->nrows + top, (lxw_col_t)(t->ncols - 1));
        if (e) goto fail;
    }
    if ((e = print_setup(ws, t, x->nrows, top + 1))) goto fail;
    free(width);
    free(cells);
    return 0;
io:
    free(width);
    free(cells);
    snprintf(err, errlen, "sheet %s: cannot read back its temporary file", t->name);
    return -1;
fail:
    free(width);
    free(cells);
    snprintf(err, errlen, "sheet %s: %s", t->name, lxw_strerror(e));
    return -1;
}

/* Hashes as custom properties: kyojin.policy_set.sha256, kyojin.parameters.sha256,
 * kyojin.declarations.N.sha256 / .file, kyojin.tool.version; the report's options
 * kyojin.report.date / .assessor / .contact / .detail when the result has them. */
static int properties(lxw_workbook *wb, const cJSON *result, long long epoch)
{
    lxw_doc_properties props;
    char hex[65], key[64];
    const cJSON *d, *ps = cJSON_GetObjectItemCaseSensitive(result, "policy_set");
    const cJSON *tool = cJSON_GetObjectItemCaseSensitive(result, "tool");
    int i = 0;
    memset(&props, 0, sizeof props);
    props.title = (char *)"kyojin audit report";
    props.author = (char *)"kyojin";
    props.created = (time_t)epoch;
    if (workbook_set_properties(wb, &props)) return -1;
    if (report_parameters_sha256(result, hex)) return -1;
    if (json_str(tool, "version") &&
        workbook_set_custom_property_string(wb, "kyojin.tool.version", json_str(tool, "version")))
        return -1;
    if (json_str(ps, "sha256") &&
        workbook_set_custom_property_string(wb, "kyojin.policy_set.sha256", json_str(ps, "sha256")))
        return -1;
    if (workbook_set_custom_property_string(wb, "kyojin.parameters.sha256", hex)) return -1;
    { /* the options of the auditor's report (the result's "report"), for a re-render */
        const cJSON *rep = cJSON_GetObjectItemCaseSensitive(result, "report");
        static const char *const keys[][2] = {{"date", "kyojin.report.date"},
                                              {"assessor", "kyojin.report.assessor"},
                                              {"contact", "kyojin.report.contact"},
                                              {"detail", "kyojin.report.detail"}};
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
            if (json_str(rep, keys[k][0]) &&
                workbook_set_custom_property_string(wb, keys[k][1], json_str(rep, keys[k][0])))
                return -1;
    }
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
        i++;
        snprintf(key, sizeof key, "kyojin.declarations.%d.sha256", i);
        if (json_str(d, "sha256") &&
            workbook_set_custom_property_string(wb, key, json_str(d, "sha256")))
            return -1;
        snprintf(key, sizeof key, "kyojin.declarations.%d.file", i);
        if (json_str(d, "file") &&
            workbook_set_custom_property_string(wb, key, json_str(d, "file")))
            return -1;
    }
    /* the options it was rendered with (the result's "rendering", as JSON) for kyojin verify:
     * kyojin.rendering.1, .2, ... pieces of at most 240 bytes, cut at character boundaries
     * (a property holds 255 characters) */
    const cJSON *rendering = cJSON_GetObjectItemCaseSensitive(result, "rendering");
    char *text = rendering ? cJSON_PrintUnformatted(rendering) : NULL;
    if (rendering && !text) return -1;
    size_t off = 0, len = text ? strlen(text) : 0;
    for (i = 1; off < len; i++) {
        char piece[256];
        size_t n = utf8_cut(text + off, len - off, 240);
        memcpy(piece, text + off, n);
        piece[n] = 0;
        snprintf(key, sizeof key, "kyojin.rendering.%d", i);
        if (n == 0 || workbook_set_custom_property_string(wb, key, piece)) {
            cJSON_free(text);
            return -1;
        }
        off += n;
    }
    cJSON_free(text);
    return 0;
}

/* Seconds since 1970-01-01 of a date YYYY-MM-DD at 00:00 UTC, or -1 when it is not one
 * (days from the civil date: the proleptic Gregorian calendar). */
static long long date_epoch(const char *s)
{
    int y, m, d;
    char tail;
    if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1 ||
        d > 31 || y < 1970)
        return -1;
    y -= m <= 2;
    long long era = y / 400, yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (era * 146097 + doe - 719468) * 86400;
}

/* The workbook being written (one at a time): its four sheets as they stream past, the
 * summary its properties need, the creation time. The workbook itself is written at the end
 * in libxlsxwriter's constant-memory mode (rows in order, strings inline), its temporary
 * files in a folder of its own that is removed afterwards. */
static struct {
    int active, en;
    long long sde; /* SOURCE_DATE_EPOCH, or -1 */
    cJSON *summary;
    xsheet s[4];
    size_t ns;
} xl;

static void xl_reset(void)
{
    for (size_t i = 0; i < xl.ns; i++) {
        rt_free(&xl.s[i].t);
        free(xl.s[i].cellw);
        if (xl.s[i].rows) fclose(xl.s[i].rows);
    }
    cJSON_Delete(xl.summary);
    memset(&xl, 0, sizeof xl);
}

static int xl_fail(const char *what, char *err, size_t errlen)
{
    if (what) snprintf(err, errlen, "%s", what);
    xl_reset();
    return -1;
}

int report_xlsx_begin(const cJSON *envelope, const report_opts *o, char *err, size_t errlen)
{
    xl_reset();
    xl.active = 1;
    xl.en = o ? rl_is_en(o->lang) : 0;
    xl.sde = o ? o->source_date_epoch : -1;
    if (!(xl.summary = report_summary_new(envelope))) return xl_fail("out of memory", err, errlen);
    for (; rt_table_names[xl.ns]; xl.ns++) {
        xsheet *x = &xl.s[xl.ns];
        if (rt_begin(envelope, rt_table_names[xl.ns], xl.en, &x->t, err, errlen) != 0) {
            xl.ns++;
            return xl_fail(NULL, err, errlen);
        }
        if (!x->t.deferred && spool_rows(x, err, errlen)) { /* the meta sheet's envelope rows */
            xl.ns++;
            return xl_fail(NULL, err, errlen);
        }
    }
    return 0;
}

int report_xlsx_decl(const cJSON *decl, char *err, size_t errlen)
{
    if (!xl.active) return xl_fail("no workbook begun", err, errlen);
    if (report_summary_add(xl.summary, decl)) return xl_fail("out of memory", err, errlen);
    for (size_t i = 0; i < xl.ns; i++) {
        if (rt_add(&xl.s[i].t, decl, err, errlen)) return xl_fail(NULL, err, errlen);
        if (!xl.s[i].t.deferred && spool_rows(&xl.s[i], err, errlen))
            return xl_fail(NULL, err, errlen);
    }
    return 0;
}

/* Remove the folder of libxlsxwriter's temporary files and anything left in it. */
static void remove_tmpdir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char *p = str_printf("%s/%s", dir, e->d_name);
        if (p) unlink(p);
        free(p);
    }
    if (d) closedir(d);
    rmdir(dir);
}

int report_xlsx_end(const char *file, char *err, size_t errlen)
{
    int k, rc = -1;
    if (!xl.active) return xl_fail("no workbook begun", err, errlen);
    for (size_t i = 0; i < xl.ns; i++) { /* the asset sheet: its columns are known now */
        xsheet *x = &xl.s[i];
        if (!x->t.deferred) continue;
        if (rt_finish(&x->t, err, errlen)) return xl_fail(NULL, err, errlen);
        if (spool_rows(x, err, errlen)) return xl_fail(NULL, err, errlen);
        while ((k = rt_more(&x->t, err, errlen)) > 0)
            if (spool_rows(x, err, errlen)) return xl_fail(NULL, err, errlen);
        if (k < 0) return xl_fail(NULL, err, errlen);
    }
    /* created: SOURCE_DATE_EPOCH when given, else the report's issue date, else fixed */
    long long issued = date_epoch(rl_report_date(xl.summary));
    long long epoch = xl.sde > 0 ? xl.sde : issued >= 0 ? issued : KYOJIN_XLSX_DEFAULT_EPOCH;
    const char *tdir = getenv("TMPDIR");
    char *tmp = str_printf("%s/kyojin-xlsx.XXXXXX", tdir && *tdir ? tdir : "/tmp");
    if (!tmp || !mkdtemp(tmp)) {
        free(tmp);
        return xl_fail("cannot create a temporary folder for the workbook", err, errlen);
    }
    lxw_workbook_options opt;
    memset(&opt, 0, sizeof opt);
    opt.constant_memory = LXW_TRUE;
    opt.tmpdir = tmp;
    lxw_workbook *wb = workbook_new_opt(file, &opt);
    formats F;
    if (!wb) {
        snprintf(err, errlen, "cannot create %s", file);
        goto done;
    }
    make_formats(wb, &F);
    if (properties(wb, xl.summary, epoch) != 0) {
        snprintf(err, errlen, "cannot set the workbook properties");
        goto done;
    }
    for (size_t i = 0; i < xl.ns; i++)
        if (sheet(wb, &xl.s[i], &F, err, errlen) != 0) goto done;
    lxw_error e = workbook_close(wb);
    wb = NULL;
    if (e) {
        snprintf(err, errlen, "%s: %s", file, lxw_strerror(e));
        goto done;
    }
    rc = 0;
done:
    if (wb) workbook_close(wb);
    remove_tmpdir(tmp);
    free(tmp);
    xl_reset();
    return rc;
}

int report_xlsx_build(const cJSON *result, const report_opts *o, const char *file, char *err,
                      size_t errlen)
{
    const cJSON *decls = cJSON_GetObjectItemCaseSensitive(result, "declarations"), *d;
    if (!cJSON_IsArray(decls)) {
        snprintf(err, errlen, "result document: /declarations is missing or not an array");
        return -1;
    }
    if (report_xlsx_begin(result, o, err, errlen)) return -1;
    cJSON_ArrayForEach(d, decls)
        if (report_xlsx_decl(d, err, errlen)) return -1;
    return report_xlsx_end(file, err, errlen);
}

int report_xlsx_write(const cJSON *result, const report_opts *o, const char *path, char *err,
                      size_t errlen)
{
    atomic_out out;
    if (atomic_out_open_named(&out, path, err, errlen) != 0) return -1;
    if (report_xlsx_build(result, o, out.tmp, err, errlen) != 0) {
        atomic_out_abort(&out);
        return -1;
    }
    return atomic_out_commit(&out, err, errlen);
}
