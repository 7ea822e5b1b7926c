/* test_diffmatch.c — `kyojin diff` (core/rollup/diff.c): bodies matched by code (file only as
 * a fallback), bodies added, removed, moved and duplicated, and results of schema v2 (policy
 * metadata in the catalog, only the A and B risk rows with risk.detail "summary"). The v2
 * documents are written here by hand from v1 ones, independent of the JSON writer. */
#include "rollup_test_util.h"

/* One body: DL-05 (required) failing when fail, and TW-01 (recommended) with an optional
 * finding whose status is tw ("fail" is told as warn for a recommended policy). */
static cJSON *add_body(cJSON *r, const char *file, const char *code, const char *name, int fail,
                       const char *tw)
{
    cJSON *d = t_add_decl(r, t_decl(file, name, code ? code : "", "北海道", "alpha"));
    if (!code)
        cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetObjectItem(d, "body"), "code",
                                               cJSON_CreateNull());
    cJSON *p = t_add_policy(d, t_policy("DL-05", "required", fail ? "fail" : "pass"));
    if (fail) t_add_finding(p, t_finding("fail", "/removable_media", 9, 3, "媒体", "media"));
    p = t_add_policy(d, t_policy("TW-01", "recommended", tw ? "warn" : "pass"));
    if (tw) t_add_finding(p, t_finding(tw, "/telework", 4, 3, "テレワーク", "telework"));
    t_finish_decl(d);
    return d;
}

/* A declaration that could not be read: no body code, an error. */
static cJSON *add_broken(cJSON *r, const char *file)
{
    cJSON *d = t_add_decl(r, t_decl(file, "", "", "", ""));
    cJSON *b = cJSON_GetObjectItem(d, "body");
    cJSON_ReplaceItemInObjectCaseSensitive(b, "code", cJSON_CreateNull());
    cJSON_ReplaceItemInObjectCaseSensitive(b, "name", cJSON_CreateNull());
    cJSON_ReplaceItemInObjectCaseSensitive(d, "compliant", cJSON_CreateFalse());
    cJSON_ReplaceItemInObjectCaseSensitive(d, "error", t_msg("読めません", "unreadable"));
    return d;
}

/* The risk section: rows {asset, threat, value}, counts per letter computed from them. */
static void set_risk(cJSON *d, const char *const rows[][3], size_t n)
{
    cJSON *risk = cJSON_CreateObject();
    cJSON *arr = cJSON_AddArrayToObject(risk, "asset_rows");
    int c[5] = {0};
    for (size_t i = 0; i < n; i++) {
        cJSON *row = cJSON_CreateObject();
        cJSON_AddNumberToObject(row, "no", (double)i + 1);
        cJSON_AddStringToObject(row, "asset", rows[i][0]);
        cJSON_AddStringToObject(row, "asset_name", rows[i][0]);
        cJSON_AddStringToObject(row, "threat", rows[i][1]);
        cJSON_AddStringToObject(row, "risk_value", rows[i][2]);
        cJSON_AddItemToArray(arr, row);
        c[rows[i][2][0] - 'A']++;
    }
    cJSON *counts = cJSON_AddObjectToObject(risk, "counts");
    const char *l[] = {"A", "B", "C", "D", "E"};
    for (int i = 0; i < 5; i++) cJSON_AddNumberToObject(counts, l[i], c[i]);
    cJSON_AddArrayToObject(risk, "attack_trees");
    cJSON_DeleteItemFromObject(d, "risk");
    cJSON_AddItemToObject(d, "risk", risk);
}

/* The same document in schema v2: the policies' metadata once in "catalog", the entries keep
 * id, status, reason (when set) and findings; the risk keeps only its A and B rows, with
 * detail "summary" (the counts stay). */
static cJSON *to_v2(const cJSON *v1)
{
    static const char *const meta[] = {"requirements", "level",       "title",
                                       "source",       "remediation", "countermeasures"};
    cJSON *r = cJSON_Duplicate(v1, 1);
    cJSON_ReplaceItemInObjectCaseSensitive(r, "schema", cJSON_CreateString("kyojin/result/v2"));
    cJSON *decls = cJSON_DetachItemFromObject(r, "declarations");
    cJSON *cat = cJSON_AddArrayToObject(cJSON_AddObjectToObject(r, "catalog"), "policies");
    cJSON_AddItemToObject(r, "declarations", decls);
    cJSON *d, *p;
    cJSON_ArrayForEach(d, decls) {
        cJSON_ArrayForEach(p, cJSON_GetObjectItem(d, "policies")) {
            const char *id = cJSON_GetObjectItem(p, "id")->valuestring;
            int known = 0;
            cJSON *c;
            cJSON_ArrayForEach(c, cat)
                known |= !strcmp(cJSON_GetObjectItem(c, "id")->valuestring, id);
            if (!known) {
                c = cJSON_CreateObject();
                cJSON_AddStringToObject(c, "id", id);
                for (int i = 0; i < 6; i++)
                    cJSON_AddItemToObject(c, meta[i],
                                          cJSON_Duplicate(cJSON_GetObjectItem(p, meta[i]), 1));
                cJSON_AddItemToArray(cat, c);
            }
            for (int i = 0; i < 6; i++) cJSON_DeleteItemFromObject(p, meta[i]);
            cJSON_DeleteItemFromObject(p, "fields_read");
            if (cJSON_IsNull(cJSON_GetObjectItem(p, "reason")))
                cJSON_DeleteItemFromObject(p, "reason");
        }
        cJSON *risk = cJSON_GetObjectItem(d, "risk");
        if (!risk) continue;
        cJSON_AddStringToObject(risk, "detail", "summary");
        cJSON *rows = cJSON_GetObjectItem(risk, "asset_rows"), *row = rows->child;
        while (row) {
            cJSON *next = row->next;
            const char *v = cJSON_GetObjectItem(row, "risk_value")->valuestring;
            if (strcmp(v, "A") && strcmp(v, "B"))
                cJSON_Delete(cJSON_DetachItemViaPointer(rows, row));
            row = next;
        }
    }
    return r;
}

/* Run kyojin diff (format json or text) on two documents; returns the output, *rc the exit. */
static char *run(const cJSON *old, const cJSON *new_, const char *format, const char *lang, int *rc)
{
    char *po = t_write_temp(old), *pn = t_write_temp(new_);
    char out[] = "/tmp/kyojin-diffmatch-out-XXXXXX";
    close(mkstemp(out));
    char *in[] = {po, pn};
    rollup_args a = {format, lang, out, in, 2};
    *rc = cmd_diff(&a);
    FILE *f = fopen(out, "r");
    char *buf = calloc(1, 1 << 20);
    if (f) {
        size_t n = fread(buf, 1, (1 << 20) - 1, f);
        buf[n] = '\0';
        fclose(f);
    }
    unlink(out);
    unlink(po);
    unlink(pn);
    free(po);
    free(pn);
    return buf;
}

static cJSON *run_json(const cJSON *old, const cJSON *new_, int *rc)
{
    char *s = run(old, new_, "json", NULL, rc);
    cJSON *d = cJSON_Parse(s);
    free(s);
    assert_non_null(d);
    return d;
}

static int count_of(const cJSON *d, const char *k)
{
    return cJSON_GetObjectItem(cJSON_GetObjectItem(d, "counts"), k)->valueint;
}

static const char *item_str(const cJSON *d, const char *list, int i, const char *k)
{
    const cJSON *v = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(d, list), i), k);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* Two years' folders, every file renamed, one body compliant → not compliant: matched by
 * code, all moved, the lost compliance and the new failure reported, exit 1. */
static void renamed_folders_match_by_code(void **state)
{
    (void)state;
    cJSON *o = t_result(), *n = t_result();
    const char *codes[] = {"010006", "012017", "012025"};
    for (int i = 0; i < 3; i++) {
        char fo[64], fn[64];
        snprintf(fo, sizeof fo, "y2025/%s-2025.json", codes[i]);
        snprintf(fn, sizeof fn, "y2026/r%d.json", 3 - i);
        add_body(o, fo, codes[i], "町", 0, NULL);
        add_body(n, fn, codes[i], "町", i == 1, NULL);
    }
    int rc;
    cJSON *d = run_json(o, n, &rc);
    assert_int_equal(rc, 1);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(d, "worse")));
    assert_int_equal(count_of(d, "added"), 0);
    assert_int_equal(count_of(d, "removed"), 0);
    assert_int_equal(count_of(d, "moved"), 3);
    assert_int_equal(count_of(d, "compliance_lost"), 1);
    assert_int_equal(count_of(d, "newly_failing"), 1);
    assert_string_equal(item_str(d, "compliance", 0, "code"), "012017");
    assert_string_equal(item_str(d, "compliance", 0, "file"), "y2026/r2.json");
    assert_string_equal(item_str(d, "moved", 1, "old_file"), "y2025/012017-2025.json");
    cJSON_Delete(d);
    /* the text says it too */
    char *t = run(o, n, "text", "en", &rc);
    assert_non_null(strstr(t, "Compliance changed: 1"));
    assert_non_null(strstr(t, "012017 町  y2026/r2.json  compliant → not compliant"));
    assert_non_null(strstr(t, "Bodies moved to another file: 3"));
    assert_non_null(strstr(t, "012017 町  y2025/012017-2025.json → y2026/r2.json"));
    assert_non_null(strstr(t, "Result: something got worse"));
    free(t);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

/* The same folder layout in another place: nothing moved. One body moved to another file: one
 * entry; one body gone and a new one: removed and added, named by code. */
static void moved_added_removed(void **state)
{
    (void)state;
    cJSON *o = t_result(), *n = t_result();
    add_body(o, "/data/2025/a.json", "010006", "北海道", 0, NULL);
    add_body(o, "/data/2025/b.json", "012017", "柳瀬市", 0, NULL);
    add_body(o, "/data/2025/c.json", "012025", "青坂市", 0, NULL);
    add_body(n, "/other/2026/a.json", "010006", "北海道", 0, NULL);
    add_body(n, "/other/2026/b2.json", "012017", "柳瀬市", 0, NULL);
    add_body(n, "/other/2026/c.json", "012033", "北崎市", 1, NULL);
    int rc;
    cJSON *d = run_json(o, n, &rc);
    assert_int_equal(rc, 0); /* a new body that fails is not a regression */
    assert_int_equal(count_of(d, "moved"), 1);
    assert_string_equal(item_str(d, "moved", 0, "file"), "/other/2026/b2.json");
    assert_string_equal(item_str(d, "moved", 0, "old_file"), "/data/2025/b.json");
    assert_int_equal(count_of(d, "added"), 1);
    assert_string_equal(item_str(d, "added", 0, "code"), "012033");
    assert_int_equal(count_of(d, "removed"), 1);
    assert_string_equal(item_str(d, "removed", 0, "code"), "012025");
    assert_string_equal(item_str(d, "removed", 0, "file"), "/data/2025/c.json");
    cJSON_Delete(d);
    char *t = run(o, n, "text", NULL, &rc);
    assert_non_null(strstr(t, "追加された申告: 1\n  012033 北崎市  /other/2026/c.json\n"));
    assert_non_null(strstr(t, "削除された申告: 1\n  012025 青坂市  /data/2025/c.json\n"));
    assert_non_null(strstr(t, "別のファイルに移った団体: 1\n"));
    assert_non_null(strstr(t, "判定: 悪化なし"));
    free(t);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

/* A code twice in one result: listed with both files, never merged; those declarations are
 * matched by file only; the diff is not clean (exit 1). */
static void duplicated_code_is_reported(void **state)
{
    (void)state;
    cJSON *o = t_result(), *n = t_result();
    add_body(o, "y1/a.json", "012017", "柳瀬市", 0, NULL);
    add_body(n, "y2/a.json", "012017", "柳瀬市", 0, NULL);
    add_body(n, "y2/copy.json", "012017", "柳瀬市", 1, NULL);
    int rc;
    cJSON *d = run_json(o, n, &rc);
    assert_int_equal(rc, 1);
    assert_int_equal(count_of(d, "duplicate_codes"), 1);
    const cJSON *x = cJSON_GetArrayItem(cJSON_GetObjectItem(d, "duplicate_codes"), 0);
    assert_string_equal(cJSON_GetObjectItem(x, "code")->valuestring, "012017");
    assert_string_equal(cJSON_GetObjectItem(x, "result")->valuestring, "new");
    const cJSON *files = cJSON_GetObjectItem(x, "files");
    assert_int_equal(cJSON_GetArraySize(files), 2);
    assert_string_equal(cJSON_GetArrayItem(files, 0)->valuestring, "y2/a.json");
    assert_string_equal(cJSON_GetArrayItem(files, 1)->valuestring, "y2/copy.json");
    /* a.json matched a.json by file; the copy is an added declaration */
    assert_int_equal(count_of(d, "added"), 1);
    assert_string_equal(item_str(d, "added", 0, "file"), "y2/copy.json");
    assert_int_equal(count_of(d, "compliance_lost"), 0);
    cJSON_Delete(d);
    char *t = run(o, n, "text", "en", &rc);
    assert_non_null(strstr(t, "Duplicated body codes (matched by file name): 1\n"
                              "  new  012017 柳瀬市  y2/a.json, y2/copy.json\n"));
    free(t);
    /* in the old result too */
    d = run_json(n, o, &rc);
    assert_int_equal(rc, 1);
    assert_string_equal(item_str(d, "duplicate_codes", 0, "result"), "old");
    cJSON_Delete(d);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

/* Without codes: matched by file relative to the folder each result's files share; a
 * declaration that no longer reads (no code) is matched by its file and is worse. Two
 * different codes in the same file are two bodies. */
static void no_code_falls_back_to_the_file(void **state)
{
    (void)state;
    cJSON *o = t_result(), *n = t_result();
    add_body(o, "2025/a.json", NULL, "あ町", 0, NULL);
    add_body(o, "2025/b.json", "012017", "柳瀬市", 0, NULL);
    add_body(o, "2025/c.json", "012025", "青坂市", 0, NULL);
    add_body(n, "2026/a.json", NULL, "あ町", 1, NULL);
    add_broken(n, "2026/b.json");
    add_body(n, "2026/c.json", "012033", "北崎市", 0, NULL);
    int rc;
    cJSON *d = run_json(o, n, &rc);
    assert_int_equal(rc, 1);
    assert_int_equal(count_of(d, "compliance_lost"), 1);
    assert_string_equal(item_str(d, "compliance", 0, "file"), "2026/a.json");
    assert_int_equal(count_of(d, "declaration_errors"), 1);
    assert_string_equal(item_str(d, "declaration_errors", 0, "code"), "012017");
    assert_string_equal(item_str(d, "declaration_errors", 0, "file"), "2026/b.json");
    assert_int_equal(count_of(d, "added"), 1);
    assert_int_equal(count_of(d, "removed"), 1);
    assert_int_equal(count_of(d, "moved"), 0);
    cJSON_Delete(d);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

/* A new declaration that does not evaluate (no code, a file never seen) is worse too. */
static void added_declaration_that_does_not_evaluate(void **state)
{
    (void)state;
    cJSON *o = t_result(), *n = t_result();
    add_body(o, "y1/a.json", "012017", "柳瀬市", 0, NULL);
    add_body(n, "y2/a.json", "012017", "柳瀬市", 0, NULL);
    add_broken(n, "y2/z.json");
    int rc;
    cJSON *d = run_json(o, n, &rc);
    assert_int_equal(rc, 1);
    assert_int_equal(count_of(d, "added"), 1);
    assert_int_equal(count_of(d, "declaration_errors"), 1);
    cJSON_Delete(d);
    cJSON_Delete(o);
    cJSON_Delete(n);
}

/* v1 → v2 and v2 → v2: the level comes from the catalog (a recommended policy's fail is a
 * warn), the titles too; results of both schemas compare. */
static void v1_and_v2_inputs(void **state)
{
    (void)state;
    cJSON *o = t_result(), *n = t_result();
    add_body(o, "y1/a.json", "012017", "柳瀬市", 0, NULL);
    add_body(n, "y2/b.json", "012017", "柳瀬市", 1, "fail");
    cJSON *o2 = to_v2(o), *n2 = to_v2(n);
    assert_null(cJSON_GetObjectItem(
        cJSON_GetArrayItem(
            cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(n2, "declarations"), 0),
                                "policies"),
            1),
        "level"));
    const cJSON *pairs[][2] = {{o, n}, {o, n2}, {o2, n}, {o2, n2}};
    for (int i = 0; i < 4; i++) {
        int rc;
        cJSON *d = run_json(pairs[i][0], pairs[i][1], &rc);
        if (rc != 1) fail_msg("pair %d: exit %d", i, rc);
        assert_int_equal(count_of(d, "newly_failing"), 2);
        assert_int_equal(count_of(d, "compliance_lost"), 1);
        assert_int_equal(count_of(d, "moved"), 1);
        const cJSON *x;
        int warn = 0;
        cJSON_ArrayForEach(x, cJSON_GetObjectItem(d, "newly_failing")) {
            if (!strcmp(cJSON_GetObjectItem(x, "policy")->valuestring, "TW-01")) {
                assert_string_equal(cJSON_GetObjectItem(x, "new_status")->valuestring, "warn");
                assert_string_equal(cJSON_GetObjectItem(x, "level")->valuestring, "recommended");
                warn = 1;
            }
        }
        assert_true(warn);
        cJSON_Delete(d);
    }
    cJSON_Delete(o);
    cJSON_Delete(n);
    cJSON_Delete(o2);
    cJSON_Delete(n2);
}

/* Risk of one body before and after, in v1 (every row) or v2 summary (A and B rows). */
typedef struct {
    const char *name;
    const char *old_rows[3][3];
    const char *new_rows[3][3];
    int old_v2, new_v2;
    const char *from, *to, *direction; /* the first risk entry; NULL: none */
    int rc;
} risk_case;

static const risk_case risk_cases[] = {
    {"A row now below B (v1 → v2)",
     {{"pc", "t1", "A"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     {{"pc", "t1", "C"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     0,
     1,
     "A",
     "below_B",
     "better",
     0},
    {"B row now below B (v2 → v2)",
     {{"pc", "t1", "B"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     {{"pc", "t1", "C"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     1,
     1,
     "B",
     "below_B",
     "better",
     0},
    {"below B before, A now (v2 → v2)",
     {{"pc", "t1", "C"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     {{"pc", "t1", "A"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     1,
     1,
     "below_B",
     "A",
     "worse",
     1},
    {"B → A, both v2",
     {{"pc", "t1", "B"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     {{"pc", "t1", "A"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     1,
     1,
     "B",
     "A",
     "worse",
     1},
    {"D → C, seen only in the counts (v2 → v2)",
     {{"pc", "t1", "B"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}},
     {{"pc", "t1", "B"}, {"pc", "t2", "C"}, {"pc", "t3", "E"}},
     1,
     1,
     NULL,
     NULL,
     "worse",
     1},
    {"C → E, seen only in the counts (v1 → v2)",
     {{"pc", "t1", "B"}, {"pc", "t2", "C"}, {"pc", "t3", "D"}},
     {{"pc", "t1", "B"}, {"pc", "t2", "E"}, {"pc", "t3", "D"}},
     0,
     1,
     NULL,
     NULL,
     "better",
     0},
    {"unchanged (v2 → v2)",
     {{"pc", "t1", "B"}, {"pc", "t2", "C"}, {"pc", "t3", "D"}},
     {{"pc", "t1", "B"}, {"pc", "t2", "C"}, {"pc", "t3", "D"}},
     1,
     1,
     NULL,
     NULL,
     NULL,
     0},
};

static void risk_with_summary_detail(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof risk_cases / sizeof risk_cases[0]; i++) {
        const risk_case *c = &risk_cases[i];
        cJSON *o = t_result(), *n = t_result();
        set_risk(add_body(o, "a.json", "012017", "柳瀬市", 0, NULL), c->old_rows, 3);
        set_risk(add_body(n, "a.json", "012017", "柳瀬市", 0, NULL), c->new_rows, 3);
        if (c->old_v2) {
            cJSON *t = to_v2(o);
            cJSON_Delete(o);
            o = t;
        }
        if (c->new_v2) {
            cJSON *t = to_v2(n);
            cJSON_Delete(n);
            n = t;
        }
        int rc;
        cJSON *d = run_json(o, n, &rc);
        if (rc != c->rc) fail_msg("case '%s': exit %d, expected %d", c->name, rc, c->rc);
        const cJSON *risk = cJSON_GetObjectItem(d, "risk");
        if (!c->direction) {
            if (cJSON_GetArraySize(risk) != 0) fail_msg("case '%s': risk entries", c->name);
        } else {
            if (cJSON_GetArraySize(risk) < 1) fail_msg("case '%s': no risk entry", c->name);
            const cJSON *x = cJSON_GetArrayItem(risk, 0);
            if (c->from) {
                assert_string_equal(cJSON_GetObjectItem(x, "kind")->valuestring, "asset");
                assert_string_equal(cJSON_GetObjectItem(x, "from")->valuestring, c->from);
                assert_string_equal(cJSON_GetObjectItem(x, "to")->valuestring, c->to);
            } else {
                assert_string_equal(cJSON_GetObjectItem(x, "kind")->valuestring, "asset_counts");
            }
            if (strcmp(cJSON_GetObjectItem(x, "direction")->valuestring, c->direction))
                fail_msg("case '%s': direction %s", c->name,
                         cJSON_GetObjectItem(x, "direction")->valuestring);
        }
        cJSON_Delete(d);
        if (i == 0) { /* told in words, never "no change" */
            char *t = run(o, n, "text", NULL, &rc);
            assert_non_null(strstr(t, "pc / t1  A → C 以下"));
            free(t);
            t = run(o, n, "text", "en", &rc);
            assert_non_null(strstr(t, "pc / t1  A → C or lower"));
            free(t);
        }
        cJSON_Delete(o);
        cJSON_Delete(n);
    }
}

/* Rows added while others moved: the counts cannot tell the direction unless the growth of
 * the rows at C or worse exceeds the rows added. */
static void risk_counts_with_rows_added(void **state)
{
    (void)state;
    const char *o_rows[][3] = {{"pc", "t1", "D"}, {"pc", "t2", "E"}};
    const char *n_rows1[][3] = {{"pc", "t1", "D"}, {"pc", "t2", "E"}, {"pc", "t3", "E"}};
    const char *n_rows2[][3] = {{"pc", "t1", "C"}, {"pc", "t2", "C"}, {"pc", "t3", "E"}};
    const char *(*rows[])[3] = {n_rows1, n_rows2};
    const char *want[] = {"changed", "worse"};
    for (int i = 0; i < 2; i++) {
        cJSON *o = t_result(), *n = t_result();
        set_risk(add_body(o, "a.json", "012017", "柳瀬市", 0, NULL), o_rows, 2);
        set_risk(add_body(n, "a.json", "012017", "柳瀬市", 0, NULL), rows[i], 3);
        cJSON *o2 = to_v2(o), *n2 = to_v2(n);
        int rc;
        cJSON *d = run_json(o2, n2, &rc);
        assert_string_equal(item_str(d, "risk", 0, "direction"), want[i]);
        assert_int_equal(rc, i == 1);
        cJSON_Delete(d);
        cJSON_Delete(o);
        cJSON_Delete(n);
        cJSON_Delete(o2);
        cJSON_Delete(n2);
    }
}

/* D → B with only the A/B rows on both sides: told once (the row), not again by the counts;
 * one risk_worse. */
static void row_rising_above_c_is_told_once(void **state)
{
    (void)state;
    const char *o_rows[][3] = {{"pc", "t1", "D"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}};
    const char *n_rows[][3] = {{"pc", "t1", "B"}, {"pc", "t2", "D"}, {"pc", "t3", "E"}};
    cJSON *o = t_result(), *n = t_result();
    set_risk(add_body(o, "a.json", "012017", "柳瀬市", 0, NULL), o_rows, 3);
    set_risk(add_body(n, "a.json", "012017", "柳瀬市", 0, NULL), n_rows, 3);
    cJSON *o2 = to_v2(o), *n2 = to_v2(n);
    int rc;
    cJSON *d = run_json(o2, n2, &rc);
    assert_int_equal(rc, 1);
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(d, "risk")), 1);
    assert_int_equal(count_of(d, "risk_worse"), 1);
    assert_string_equal(item_str(d, "risk", 0, "from"), "below_B");
    cJSON_Delete(d);
    cJSON_Delete(o);
    cJSON_Delete(n);
    cJSON_Delete(o2);
    cJSON_Delete(n2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(renamed_folders_match_by_code),
        cmocka_unit_test(moved_added_removed),
        cmocka_unit_test(duplicated_code_is_reported),
        cmocka_unit_test(no_code_falls_back_to_the_file),
        cmocka_unit_test(added_declaration_that_does_not_evaluate),
        cmocka_unit_test(v1_and_v2_inputs),
        cmocka_unit_test(risk_with_summary_detail),
        cmocka_unit_test(risk_counts_with_rows_added),
        cmocka_unit_test(row_rising_above_c_is_told_once),
    };
    return cmocka_run_group_tests_name("diffmatch", tests, NULL, NULL);
}
