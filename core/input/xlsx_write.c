/* xlsx_write.c — writing a declaration workbook with libxlsxwriter (kyojin template, and
 * kyojin convert from JSON): the instructions sheet, one data sheet per section of the layout
 * (lua/kyojin/workbook.lua: labels in row 1, the column specs in hidden row 2, data from row
 * 3), the evidence sheet and the hidden lists of choices. Drop-downs (data validation) for
 * enumerations, yes/no and ids of the 資産 sheet, each field's help as the cell's input
 * message, header rows frozen, widths for Japanese text, text cells with the number format
 * "@" so that Excel keeps codes and dates as typed. The creation time is the given epoch:
 * same inputs, same bytes. Filled from a declaration, every value must land in a cell; one
 * that has no column is an error, never dropped. Like report_xlsx.c (the same conventions),
 * it writes to a file name its caller chose (util/atomic_out.c's named temp file).
 * Does not own: the layout (kyojin.workbook), reading workbooks (xlsx_read.c). */
#define _POSIX_C_SOURCE 200809L
#include "input/xlsx.h"
#include "util/cjson_cs.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

typedef struct {
    lxw_format *head, *spec, *text, *list, *num, *title, *line;
} formats;

/* nodes of the declaration that found a cell */
typedef struct {
    const cJSON **p;
    size_t n, cap;
    int oom;
} nodeset;

static void mark(nodeset *s, const cJSON *n)
{
    if (!n) return;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 256;
        const cJSON **p = realloc(s->p, nc * sizeof *p);
        if (!p) {
            s->oom = 1;
            return;
        }
        s->p = p;
        s->cap = nc;
    }
    s->p[s->n++] = n;
}

static int cmp_ptr(const void *a, const void *b)
{
    const void *x = *(const void *const *)a, *y = *(const void *const *)b;
    return x < y ? -1 : x > y;
}

static int marked(const nodeset *s, const cJSON *n)
{
    return bsearch(&n, s->p, s->n, sizeof *s->p, cmp_ptr) != NULL;
}

typedef struct {
    lxw_workbook *wb;
    const cJSON *layout, *decl;
    formats F;
    nodeset seen;
    /* evidence rows gathered while the data sheets are written */
    cJSON *evidence;
    double row_height; /* of the row being written: its longest list */
    char *err;
    size_t errlen;
} writer;

static lxw_format *base_format(lxw_workbook *wb)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, "Meiryo UI");
    format_set_font_size(f, 10);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

static void make_formats(lxw_workbook *wb, formats *F)
{
    F->head = base_format(wb);
    format_set_bold(F->head);
    format_set_bg_color(F->head, 0xE3E8F0);
    format_set_text_wrap(F->head);
    format_set_border(F->head, LXW_BORDER_THIN);
    format_set_border_color(F->head, 0xC9CCD1);
    F->spec = base_format(wb);
    format_set_font_color(F->spec, 0x808080);
    F->text = base_format(wb);
    format_set_num_format(F->text, "@");
    F->list = base_format(wb);
    format_set_text_wrap(F->list);
    format_set_num_format(F->list, "@");
    F->num = base_format(wb);
    F->title = base_format(wb);
    format_set_bold(F->title);
    format_set_font_size(F->title, 14);
    F->line = base_format(wb);
    format_set_text_wrap(F->line);
}

/* The label column of an enumeration on the lists sheet: "'選択肢'!$C$3:$C$7". */
static char *list_range(const cJSON *layout, const char *enumname)
{
    const cJSON *lists = json_get(layout, "lists"), *e;
    int k = 0;
    cJSON_ArrayForEach(e, json_get(lists, "enums")) {
        if (!strcmp(json_str_or(e, "name", ""), enumname)) {
            char col[16];
            xlsx_cell_name((unsigned)(2 * k), 0, col);
            col[strcspn(col, "0123456789")] = 0;
            return str_printf("='%s'!$%s$3:$%s$%d", json_str_or(lists, "name", ""), col, col,
                              2 + cJSON_GetArraySize(json_get(e, "items")));
        }
        k++;
    }
    return NULL;
}

/* label of an enumeration value, or NULL */
static const char *enum_label(const cJSON *layout, const char *enumname, const char *value)
{
    const cJSON *e, *it;
    cJSON_ArrayForEach(e, json_get(json_get(layout, "lists"), "enums")) {
        if (strcmp(json_str_or(e, "name", ""), enumname)) continue;
        cJSON_ArrayForEach(it, json_get(e, "items")) {
            if (!strcmp(json_str_or(it, "value", ""), value)) return json_str(it, "label");
        }
    }
    return NULL;
}

static int fail(writer *w, const char *what, lxw_error e)
{
    snprintf(w->err, w->errlen, "%s: %s", what, lxw_strerror(e));
    return -1;
}

/* Drop-down and input message of one column over rows [r1, r2]. */
static int column_validation(writer *w, lxw_worksheet *ws, const cJSON *col, const xlsx_spec *sp,
                             lxw_row_t r1, lxw_row_t r2, lxw_col_t c)
{
    lxw_data_validation dv;
    memset(&dv, 0, sizeof dv);
    dv.input_title = (char *)json_str_or(col, "title", "");
    dv.input_message = (char *)json_str_or(col, "help", "");
    dv.validate = LXW_VALIDATION_TYPE_ANY;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    char *formula = NULL;
    const char *yn[4] = {json_str_or(w->layout, "yes", "はい"),
                         json_str_or(w->layout, "no", "いいえ"), NULL, NULL};
    const cJSON *src = json_get(col, "source");
    if (sp->kind == 'b' || sp->kind == 'f') {
        if (sp->nullable) yn[2] = json_str_or(w->layout, "unknown", "不明");
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = (char **)yn;
        dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    } else if (sp->kind == 'e' && sp->enumname) {
        formula = list_range(w->layout, sp->enumname);
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv.value_formula = formula;
    } else if (sp->kind == 's' && src) {
        /* ids declared on another sheet: that sheet's key column */
        const cJSON *sh =
            cJSON_GetArrayItem(json_get(w->layout, "sheets"), json_int(src, "sheet", 0));
        char col1[16];
        xlsx_cell_name((unsigned)json_int(src, "column", 0), 0, col1);
        col1[strcspn(col1, "0123456789")] = 0;
        formula = str_printf("='%s'!$%s$3:$%s$%d", json_str_or(sh, "name", ""), col1, col1,
                             2 + json_int(w->layout, "rows", 500));
        dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        dv.value_formula = formula;
    }
    lxw_error e = worksheet_data_validation_range(ws, r1, c, r2, c, &dv);
    free(formula);
    return e ? fail(w, json_str_or(col, "label", ""), e) : 0;
}

/* Every index tuple of the items a row template ("/a/STAR/b/STAR") names, in order. */
static int enumerate(const cJSON *node, const char *tmpl, int *idx, int depth, int stars, int **out,
                     size_t *n, size_t *cap)
{
    if (depth == stars) {
        if (*n == *cap) {
            size_t nc = *cap ? *cap * 2 : 64;
            int *p = realloc(*out, nc * 2 * sizeof *p);
            if (!p) return -1;
            *out = p;
            *cap = nc;
        }
        (*out)[2 * *n] = idx[0];
        (*out)[2 * *n + 1] = idx[1];
        (*n)++;
        return 0;
    }
    /* the array before star number depth (0-based) */
    const char *st = NULL;
    int seen = -1;
    for (const char *q = tmpl; *q && seen < depth; q++)
        if (q[0] == '/' && q[1] == '*' && (q[2] == '/' || !q[2]) && ++seen == depth) st = q;
    if (!st) return 0;
    char *prefix = malloc((size_t)(st - tmpl) + 1);
    if (!prefix) return -1;
    memcpy(prefix, tmpl, (size_t)(st - tmpl));
    prefix[st - tmpl] = 0;
    const cJSON *arr = xlsx_resolve(node, prefix, idx, depth);
    free(prefix);
    int size = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    for (int i = 0; i < size; i++) {
        idx[depth] = i;
        if (enumerate(node, tmpl, idx, depth + 1, stars, out, n, cap)) return -1;
    }
    return 0;
}

static lxw_error write_text(writer *w, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
    return worksheet_write_string(ws, r, c, s, w->F.text);
}

/* One value of the declaration in its cell. */
static int write_value(writer *w, lxw_worksheet *ws, const char *sheet_name, const xlsx_spec *sp,
                       const cJSON *v, const char *pointer, lxw_row_t r, lxw_col_t c)
{
    lxw_error e = LXW_NO_ERROR;
    const char *yes = json_str_or(w->layout, "yes", "はい"),
               *no = json_str_or(w->layout, "no", "いいえ");
    mark(&w->seen, v);
    if (cJSON_IsNull(v))
        e = write_text(w, ws, r, c,
                       sp->kind == 'b' || sp->kind == 'f'
                           ? json_str_or(w->layout, "unknown", "不明")
                           : "null");
    else if (cJSON_IsBool(v))
        e = write_text(w, ws, r, c,
                       sp->kind == 'b' || sp->kind == 'f' ? (cJSON_IsTrue(v) ? yes : no)
                       : cJSON_IsTrue(v)                  ? "TRUE"
                                                          : "FALSE");
    else if (cJSON_IsNumber(v))
        e = worksheet_write_number(ws, r, c, v->valuedouble, w->F.num);
    else if (cJSON_IsString(v)) {
        const char *label = sp->kind == 'e' && sp->enumname
                                ? enum_label(w->layout, sp->enumname, v->valuestring)
                                : NULL;
        e = write_text(w, ws, r, c, label ? label : v->valuestring);
    } else if (cJSON_IsArray(v) && sp->kind == 'l') {
        size_t len = 0;
        char *buf = NULL;
        FILE *f = open_memstream(&buf, &len);
        const cJSON *it;
        int ok = f != NULL;
        cJSON_ArrayForEach(it, v) {
            if (!cJSON_IsString(it)) ok = 0;
            const char *label = it->valuestring && sp->enumname
                                    ? enum_label(w->layout, sp->enumname, it->valuestring)
                                    : NULL;
            if (f && it->valuestring)
                fprintf(f, "%s%s", it == v->child ? "" : "\n", label ? label : it->valuestring);
            mark(&w->seen, it);
        }
        if (f) fclose(f);
        if (!ok) {
            free(buf);
            snprintf(w->err, w->errlen, "%s: a list of texts is expected at %s", sheet_name,
                     pointer);
            return -1;
        }
        if (!v->child && !sp->bang)
            e = write_text(w, ws, r, c, json_str_or(w->layout, "none", "（なし）"));
        else if (v->child) {
            /* one line per item: the row is as high as its longest list */
            e = worksheet_write_string(ws, r, c, buf, w->F.list);
            int n = cJSON_GetArraySize(v);
            if (!e && n > 1 && (double)n * LXW_DEF_ROW_HEIGHT > w->row_height)
                w->row_height = n * LXW_DEF_ROW_HEIGHT;
        }
        free(buf);
    } else if (cJSON_IsObject(v) && sp->kind == 'f') {
        /* a fact with evidence: the value here, the evidence on the evidence sheet */
        const cJSON *val = json_get(v, "value"), *ev = json_get(v, "evidence");
        if (!cJSON_IsBool(val) || !cJSON_IsObject(ev) || cJSON_GetArraySize(v) != 2) {
            snprintf(w->err, w->errlen, "%s: a fact must be true/false or {value, evidence}",
                     pointer);
            return -1;
        }
        mark(&w->seen, val);
        mark(&w->seen, ev);
        e = write_text(w, ws, r, c, cJSON_IsTrue(val) ? yes : no);
        char cell[16];
        xlsx_cell_name(c, r, cell);
        cJSON *row = cJSON_CreateObject();
        char *target = str_printf("%s!%s", sheet_name, cell);
        if (!row || !target || !cJSON_AddStringToObject(row, "target", target)) {
            free(target);
            cJSON_Delete(row);
            snprintf(w->err, w->errlen, "out of memory");
            return -1;
        }
        free(target);
        const cJSON *m;
        cJSON_ArrayForEach(m, ev) {
            if (!cJSON_IsString(m) || (strcmp(m->string, "title") && strcmp(m->string, "date") &&
                                       strcmp(m->string, "sha256")))
                continue; /* not marked: reported as having no cell */
            mark(&w->seen, m);
            cJSON_AddStringToObject(row, m->string, m->valuestring);
        }
        cJSON_AddItemToArray(w->evidence, row);
    } else {
        snprintf(w->err, w->errlen, "%s: the value at %s has no cell of its kind", sheet_name,
                 pointer);
        return -1;
    }
    return e ? fail(w, sheet_name, e) : 0;
}

/* Header rows, widths, panes of a data sheet (specs in the hidden row 2). */
static int sheet_frame(writer *w, lxw_worksheet *ws, const cJSON *cols, const char **specs,
                       size_t ncols, int freeze_col)
{
    lxw_row_col_options hidden = {.hidden = 1, .level = 0, .collapsed = 0};
    lxw_error e = worksheet_set_row_opt(ws, 1, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
    if (!e) e = worksheet_set_row(ws, 0, 54, NULL);
    size_t c = 0;
    const cJSON *col;
    cJSON_ArrayForEach(col, cols) {
        if (e) break;
        const char *label = json_str_or(col, "label", "");
        e = worksheet_write_string(ws, 0, (lxw_col_t)c, label, w->F.head);
        if (!e) e = worksheet_write_string(ws, 1, (lxw_col_t)c, specs[c], w->F.spec);
        int hide = cJSON_IsTrue(json_get(col, "hidden"));
        if (!e)
            e = worksheet_set_column_opt(ws, (lxw_col_t)c, (lxw_col_t)c,
                                         hide ? 2 : json_num(col, "width", 14), NULL,
                                         hide ? &hidden : NULL);
        c++;
    }
    (void)ncols;
    if (e) return fail(w, "header", e);
    worksheet_freeze_panes(ws, 2, (lxw_col_t)freeze_col);
    /* printed: A4 landscape, the headings on every page, grid lines and the row and column
     * headers (an error names a cell: 資産!D7) */
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_gridlines(ws, LXW_SHOW_ALL_GRIDLINES);
    worksheet_print_row_col_headers(ws);
    worksheet_set_print_scale(ws, 65);
    e = worksheet_repeat_rows(ws, 0, 0);
    if (e) return fail(w, "print titles", e);
    return 0;
}

static int data_sheet(writer *w, const cJSON *sh)
{
    const char *name = json_str_or(sh, "name", "");
    const cJSON *cols = json_get(sh, "columns"), *col;
    size_t n = (size_t)cJSON_GetArraySize(cols);
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws || !n) {
        snprintf(w->err, w->errlen, "cannot add the sheet %s", name);
        return -1;
    }
    xlsx_spec *sp = calloc(n, sizeof *sp);
    const char **specs = calloc(n, sizeof *specs);
    int *rows = NULL, rc = -1, stars = 0;
    size_t nrows = 0, caprows = 0, k = 0;
    if (!sp || !specs) goto out;
    cJSON_ArrayForEach(col, cols) {
        specs[k] = json_str_or(col, "spec", "");
        if (xlsx_spec_parse(specs[k], &sp[k])) {
            snprintf(w->err, w->errlen, "%s: bad column spec %s", name, specs[k]);
            goto out;
        }
        if (sp[k].kind != 'a' && sp[k].stars > stars) stars = sp[k].stars;
        k++;
    }
    int single = cJSON_IsTrue(json_get(sh, "single"));
    if (sheet_frame(w, ws, cols, specs, n, single ? 0 : 1)) goto out;
    /* rows of data */
    int idx[2] = {0, 0};
    if (w->decl) {
        if (stars == 0) {
            rows = calloc(2, sizeof *rows);
            if (!rows) goto out;
            nrows = 1;
        } else {
            const char *tmpl = NULL;
            for (k = 0; k < n && !tmpl; k++)
                if (sp[k].stars == stars && sp[k].kind != 'a') tmpl = sp[k].ptr;
            if (enumerate(w->decl, tmpl, idx, 0, stars, &rows, &nrows, &caprows)) goto out;
        }
    }
    for (size_t r = 0; r < nrows; r++) {
        int *ix = rows + 2 * r;
        w->row_height = 0;
        for (k = 0; k < n; k++) {
            if (sp[k].kind == 'p') {
                /* the parent's key */
                const cJSON *v = xlsx_resolve(w->decl, sp[k].ptr, ix, 1);
                if (cJSON_IsString(v) &&
                    write_text(w, ws, (lxw_row_t)(2 + r), (lxw_col_t)k, v->valuestring)) {
                    snprintf(w->err, w->errlen, "%s: cannot write", name);
                    goto out;
                }
                continue;
            }
            const cJSON *v = xlsx_resolve(w->decl, sp[k].ptr, ix, sp[k].stars);
            if (!v) continue;
            if (sp[k].kind == 'o' || sp[k].kind == 'a') {
                mark(&w->seen, v);
                continue;
            }
            char cell[16];
            xlsx_cell_name((unsigned)k, (unsigned)(2 + r), cell);
            if (write_value(w, ws, name, &sp[k], v, sp[k].ptr, (lxw_row_t)(2 + r), (lxw_col_t)k))
                goto out;
        }
        if (w->row_height > 0 && worksheet_set_row(ws, (lxw_row_t)(2 + r), w->row_height, NULL)) {
            snprintf(w->err, w->errlen, "%s: cannot set a row height", name);
            goto out;
        }
        /* the row's item itself */
        for (k = 0; k < n; k++)
            if (sp[k].stars == stars && stars > 0 && sp[k].kind != 'p' && sp[k].kind != 'a') {
                char *t = str_dup(sp[k].ptr);
                const char *last = NULL;
                for (const char *q = t; q && (q = strstr(q, "/*")) != NULL; q += 2)
                    if (q[2] == '/' || !q[2]) last = q;
                if (t && last) {
                    t[last - t + 2] = 0;
                    mark(&w->seen, xlsx_resolve(w->decl, t, ix, stars));
                }
                free(t);
                break;
            }
    }
    /* a required empty list: its array was marked by the 'a' column */
    if (w->decl)
        for (k = 0; k < n; k++)
            if (sp[k].kind == 'a') mark(&w->seen, xlsx_resolve(w->decl, sp[k].ptr, NULL, 0));
    /* drop-downs and input messages */
    lxw_row_t last = single ? 2 : (lxw_row_t)(1 + json_int(w->layout, "rows", 500));
    if (!single && nrows + 2 > last) last = (lxw_row_t)(nrows + 1);
    k = 0;
    cJSON_ArrayForEach(col, cols) {
        if (sp[k].kind != 'o' && sp[k].kind != 'a' &&
            column_validation(w, ws, col, &sp[k], 2, last, (lxw_col_t)k))
            goto out;
        k++;
    }
    rc = 0;
out:
    for (k = 0; sp && k < n; k++) xlsx_spec_free(&sp[k]);
    free(sp);
    free(specs);
    free(rows);
    return rc;
}

static int instructions(writer *w)
{
    const cJSON *ins = json_get(w->layout, "instructions"), *l;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, json_str_or(ins, "name", "記入方法"));
    if (!ws) return fail(w, "instructions", LXW_ERROR_MEMORY_MALLOC_FAILED);
    lxw_error e = worksheet_set_column(ws, 0, 0, json_num(ins, "width", 100), NULL);
    lxw_row_t r = 0;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    cJSON_ArrayForEach(l, json_get(ins, "lines")) {
        if (e) break;
        e = worksheet_write_string(ws, r, 0, json_str_or(l, "text", ""),
                                   r == 0 ? w->F.title : w->F.line);
        int rows = json_int(l, "rows", 1);
        if (!e && r > 0 && rows > 1) e = worksheet_set_row(ws, r, 15.0 * rows, NULL);
        r++;
    }
    return e ? fail(w, "instructions", e) : 0;
}

static int evidence_sheet(writer *w)
{
    const cJSON *ev = json_get(w->layout, "evidence"), *col, *row;
    const cJSON *cols = json_get(ev, "columns");
    size_t n = (size_t)cJSON_GetArraySize(cols), k = 0;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, json_str_or(ev, "name", "証跡"));
    const char **specs = calloc(n ? n : 1, sizeof *specs);
    if (!ws || !specs) {
        free(specs);
        return fail(w, "evidence", LXW_ERROR_MEMORY_MALLOC_FAILED);
    }
    cJSON_ArrayForEach(col, cols) specs[k++] = json_str_or(col, "spec", "");
    int rc = sheet_frame(w, ws, cols, specs, n, 0);
    lxw_row_t r = 2;
    cJSON_ArrayForEach(row, w->evidence) {
        k = 0;
        cJSON_ArrayForEach(col, cols) {
            const char *field = strrchr(specs[k], '/');
            char name[32];
            snprintf(name, sizeof name, "%s", field ? field + 1 : "");
            name[strcspn(name, "|")] = 0;
            const char *v = json_str(row, name);
            if (!rc && v && write_text(w, ws, r, (lxw_col_t)k, v))
                rc = fail(w, "evidence", LXW_ERROR_MEMORY_MALLOC_FAILED);
            k++;
        }
        r++;
    }
    lxw_row_t last = (lxw_row_t)(1 + json_int(w->layout, "rows", 500));
    if (r > last) last = r;
    k = 0;
    cJSON_ArrayForEach(col, cols) {
        lxw_data_validation dv;
        memset(&dv, 0, sizeof dv);
        dv.validate = LXW_VALIDATION_TYPE_ANY;
        dv.input_title = (char *)json_str_or(col, "label", "");
        if (strlen(dv.input_title) > 30) dv.input_title = (char *)"";
        dv.input_message = (char *)json_str_or(col, "help", "");
        if (!rc && worksheet_data_validation_range(ws, 2, (lxw_col_t)k, last, (lxw_col_t)k, &dv))
            rc = fail(w, "evidence", LXW_ERROR_PARAMETER_VALIDATION);
        k++;
    }
    free(specs);
    return rc;
}

static int lists_sheet(writer *w)
{
    const cJSON *lists = json_get(w->layout, "lists"), *e, *it;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, json_str_or(lists, "name", "選択肢"));
    if (!ws) return fail(w, "lists", LXW_ERROR_MEMORY_MALLOC_FAILED);
    lxw_row_col_options hidden = {.hidden = 1, .level = 0, .collapsed = 0};
    lxw_error err = worksheet_set_row_opt(ws, 1, LXW_DEF_ROW_HEIGHT, NULL, &hidden);
    lxw_col_t c = 0;
    cJSON_ArrayForEach(e, json_get(lists, "enums")) {
        const char *name = json_str_or(e, "name", "");
        char *sl = str_printf("#enum|%s|label", name), *sv = str_printf("#enum|%s|value", name);
        if (!sl || !sv) err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        if (!err) err = worksheet_write_string(ws, 0, c, name, w->F.head);
        if (!err) err = worksheet_write_string(ws, 1, c, sl, w->F.spec);
        if (!err) err = worksheet_write_string(ws, 1, c + 1, sv, w->F.spec);
        if (!err) err = worksheet_set_column(ws, c, c, 40, NULL);
        free(sl);
        free(sv);
        lxw_row_t r = 2;
        cJSON_ArrayForEach(it, json_get(e, "items")) {
            if (!err) err = write_text(w, ws, r, c, json_str_or(it, "label", ""));
            if (!err) err = write_text(w, ws, r, c + 1, json_str_or(it, "value", ""));
            r++;
        }
        c += 2;
    }
    worksheet_hide(ws);
    return err ? fail(w, "lists", err) : 0;
}

/* A value of the declaration that found no cell: its pointer into buf. */
static int unplaced(const nodeset *s, const cJSON *n, char *path, size_t cap, size_t len)
{
    if (marked(s, n) && !cJSON_IsObject(n) && !cJSON_IsArray(n)) return 0;
    if (cJSON_IsObject(n) || cJSON_IsArray(n)) {
        if (!n->child) return marked(s, n) ? 0 : 1;
        int i = 0;
        for (const cJSON *c = n->child; c; c = c->next, i++) {
            size_t l = len;
            if (cJSON_IsObject(n))
                l += (size_t)snprintf(path + len, cap - len, "/%s", c->string);
            else
                l += (size_t)snprintf(path + len, cap - len, "/%d", i);
            if (l >= cap) l = cap - 1;
            if (unplaced(s, c, path, cap, l)) return 1;
            path[len] = 0;
        }
        return 0;
    }
    return 1;
}

int xlsx_write_declaration(const cJSON *layout, const cJSON *decl, const char *file,
                           long long epoch, char *err, size_t errlen)
{
    writer w;
    memset(&w, 0, sizeof w);
    w.layout = layout;
    w.decl = decl;
    w.err = err;
    w.errlen = errlen;
    w.evidence = cJSON_CreateArray();
    int rc = -1;
    const cJSON *sh;
    lxw_workbook_options opts = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    w.wb = w.evidence ? workbook_new_opt(file, &opts) : NULL;
    if (!w.wb) {
        snprintf(err, errlen, "cannot create %s", file);
        goto done;
    }
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = (char *)"kyojin declaration";
    props.author = (char *)"kyojin";
    props.created = (time_t)epoch;
    if (workbook_set_properties(w.wb, &props) ||
        workbook_set_custom_property_string(w.wb, "kyojin.declaration.schema",
                                            json_str_or(layout, "version", ""))) {
        snprintf(err, errlen, "cannot set the workbook properties");
        goto done;
    }
    make_formats(w.wb, &w.F);
    if (instructions(&w)) goto done;
    cJSON_ArrayForEach(sh, json_get(layout, "sheets")) {
        if (data_sheet(&w, sh)) goto done;
    }
    if (evidence_sheet(&w) || lists_sheet(&w)) goto done;
    if (w.seen.oom) {
        snprintf(err, errlen, "out of memory");
        goto done;
    }
    if (decl) {
        mark(&w.seen, decl);
        if (w.seen.n) qsort(w.seen.p, w.seen.n, sizeof *w.seen.p, cmp_ptr);
        char path[1024] = "";
        if (unplaced(&w.seen, decl, path, sizeof path, 0)) {
            snprintf(err, errlen,
                     "%s: no cell of the workbook holds this value (not a field of the schema?)",
                     path[0] ? path : "/");
            goto done;
        }
    }
    lxw_error e = workbook_close(w.wb);
    w.wb = NULL;
    if (e) {
        snprintf(err, errlen, "%s: %s", file, lxw_strerror(e));
        goto done;
    }
    rc = 0;
done:
    if (w.wb) workbook_close(w.wb);
    cJSON_Delete(w.evidence);
    free(w.seen.p);
    return rc;
}
