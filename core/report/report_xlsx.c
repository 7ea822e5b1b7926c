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
 * `kyojin verify`. report_xlsx_write lands the file through util/atomic_out.c. */
#define _POSIX_C_SOURCE 200809L
#include "report/report_formats.h"
#include "report/report_labels.h"
#include "util/cjson_cs.h"
#include "report/report_tables.h"
#include "util/atomic_out.h"
#include "util/utf8.h"

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
static lxw_error print_setup(lxw_worksheet *ws, const rt_table *t, lxw_row_t head_rows)
{
    lxw_error e;
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_landscape(ws);
    worksheet_set_margins(ws, 0.4, 0.4, 0.55, 0.55);
    worksheet_fit_to_pages(ws, 1, 0); /* one page wide, as many pages long as it takes */
    if ((e = worksheet_repeat_rows(ws, 0, head_rows - 1))) return e;
    if ((e = worksheet_set_footer(ws, "&L&A&R&P / &N"))) return e;
    if (!t->ncols) return LXW_NO_ERROR;
    return worksheet_print_area(ws, 0, 0, (lxw_row_t)(t->nrows + head_rows - 1),
                                (lxw_col_t)(t->ncols - 1));
}

static int sheet(lxw_workbook *wb, const rt_table *t, const formats *F, char *err, size_t errlen)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, t->title);
    lxw_error e = LXW_NO_ERROR;
    if (!ws) {
        snprintf(err, errlen, "cannot add the sheet %s", t->name);
        return -1;
    }
    double *width = calloc(t->ncols ? t->ncols : 1, sizeof *width); /* as set, per column */
    if (!width) {
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
        for (size_t r = 0; r < t->nrows; r++) {
            const rt_cell *cell = rt_at(t, r, c);
            double cw = cell->kind == RT_TEXT     ? text_width(cell->text) + 2
                        : cell->kind == RT_NUMBER ? 6
                                                  : 0;
            if (cw > w) w = cw;
        }
        if (w > (grouped ? 36 : 40)) w = grouped ? 36 : 40; /* long text wraps */
        if (w < 6) w = 6;
        width[c] = w;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        e = worksheet_write_string(ws, top, (lxw_col_t)c, t->head[c], F->head);
        if (e) goto fail;
    }
    worksheet_set_row(ws, top, grouped ? 120 : 32, NULL);
    for (size_t r = 0; r < t->nrows; r++) {
        int group = t->row_style[r] == RT_ROW_GROUP, lines = 1;
        for (size_t c = 0; c < t->ncols; c++) { /* the row's height: its tallest wrapped cell */
            const rt_cell *cell = rt_at(t, r, c);
            int n = cell->kind == RT_TEXT ? text_lines(cell->text, width[c]) : 1;
            if (n > lines) lines = n;
        }
        if (lines > 1)
            worksheet_set_row(ws, (lxw_row_t)(r + 1) + top, lines > 30 ? 409 : 13 * lines, NULL);
        for (size_t c = 0; c < t->ncols; c++) {
            const rt_cell *cell = rt_at(t, r, c);
            lxw_row_t row = (lxw_row_t)(r + 1) + top;
            lxw_col_t col = (lxw_col_t)c;
            if (cell->kind == RT_NUMBER) {
                e = worksheet_write_number(ws, row, col, cell->num, group ? F->group_num : F->num);
            } else if (cell->kind == RT_TEXT) {
                lxw_format *f = group ? F->group_text : F->text;
                if (cell->style == RT_RISK && cell->text[0] >= 'A' && cell->text[0] <= 'E' &&
                    !cell->text[1])
                    f = F->risk[cell->text[0] - 'A'];
                char *s = cell->text, saved = 0;
                size_t n = strlen(s);
                if (n > XLSX_STR_MAX) { /* cut at a UTF-8 boundary */
                    size_t k = XLSX_STR_MAX;
                    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
                    saved = s[k];
                    s[k] = 0;
                    e = worksheet_write_string(ws, row, col, s, f);
                    s[k] = saved;
                } else
                    e = worksheet_write_string(ws, row, col, s, f);
            } else {
                e = worksheet_write_blank(ws, row, col, group ? F->group_text : F->text);
            }
            if (e) goto fail;
        }
    }
    worksheet_freeze_panes(ws, top + 1, 0);
    if (t->ncols) {
        e = worksheet_autofilter(ws, top, 0, (lxw_row_t)t->nrows + top, (lxw_col_t)(t->ncols - 1));
        if (e) goto fail;
    }
    if ((e = print_setup(ws, t, top + 1))) goto fail;
    free(width);
    return 0;
fail:
    free(width);
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

int report_xlsx_build(const cJSON *result, const report_opts *o, const char *file, char *err,
                      size_t errlen)
{
    int en = o ? rl_is_en(o->lang) : 0, rc = -1;
    /* created: SOURCE_DATE_EPOCH when given, else the report's issue date, else fixed */
    long long issued = date_epoch(rl_report_date(result));
    long long epoch = o && o->source_date_epoch > 0 ? o->source_date_epoch
                      : issued >= 0                 ? issued
                                                    : KYOJIN_XLSX_DEFAULT_EPOCH;
    rt_table tables[4];
    size_t nt = 0;
    lxw_workbook *wb = NULL;
    formats F;
    memset(tables, 0, sizeof tables);
    if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(result, "declarations"))) {
        snprintf(err, errlen, "result document: /declarations is missing or not an array");
        goto done;
    }
    for (; rt_table_names[nt]; nt++)
        if (rt_build(result, rt_table_names[nt], en, &tables[nt], err, errlen) != 0) {
            nt++;
            goto done;
        }
    wb = workbook_new(file);
    if (!wb) {
        snprintf(err, errlen, "cannot create %s", file);
        goto done;
    }
    make_formats(wb, &F);
    if (properties(wb, result, epoch) != 0) {
        snprintf(err, errlen, "cannot set the workbook properties");
        goto done;
    }
    for (size_t i = 0; i < nt; i++)
        if (sheet(wb, &tables[i], &F, err, errlen) != 0) goto done;
    lxw_error e = workbook_close(wb);
    wb = NULL;
    if (e) {
        snprintf(err, errlen, "%s: %s", file, lxw_strerror(e));
        goto done;
    }
    rc = 0;
done:
    if (wb) workbook_close(wb);
    for (size_t i = 0; i < nt; i++) rt_free(&tables[i]);
    return rc;
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
