/* risk_text.c — text output of the risk section (docs/dev/interfaces.md §8).
 *
 * Owns: the full sheets printed by `kyojin risk` (asset-based sheet, attack-tree list,
 * business-damage-based sheet, the matrix, the delta ranking) in the column order of the IPA
 * sheets the seeds use (S000 §5, §6), as tab-separated lines that paste into a spreadsheet;
 * and the short summary appended to `kyojin check` text output.
 * Reads only the result document (one element of "declarations" with its "risk") and the
 * asset-type words of the segments, which risk_tables_load hands over (kyojin.schema's
 * segment entries, field `asset`); computes nothing (score.c and risk_json.c do).
 */
#include "risk/risk_internal.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static bool is_en(const char *lang)
{
    return lang && strcmp(lang, "en") == 0;
}

/* The text of a {ja, en} object in `lang` (Japanese when the other is missing). */
static const char *loc(const cJSON *names, const char *lang)
{
    const char *s = json_str_or(names, is_en(lang) ? "en" : "ja", "");
    return *s ? s : json_str_or(names, "ja", "");
}

/* Write `s` as one cell: control characters (tabs, line breaks, escape sequences a
   declaration might carry) become spaces. */
/* Text from the document: C0/C1 controls and DEL become spaces (so ANSI/OSC escapes lose
   their introducer), bidi overrides/isolates and line/paragraph separators are dropped. */
static void cell(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
            fputc(' ', out);
            p++;
            continue;
        }
        if (p[0] == 0xE2 && p[1] == 0x80 &&
            ((p[2] >= 0xAA && p[2] <= 0xAE) || p[2] == 0xA8 || p[2] == 0xA9)) {
            p += 2;
            continue;
        }
        if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9) {
            p += 2;
            continue;
        }
        fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, out);
    }
}

static const char *const stage_keys[4] = {"intrusion", "objective", "detection", "continuity"};

/* The asset-type words of the segments (kyojin.schema's `asset` of each segment entry), copied
   here by risk_tables_load. */
static cJSON *segment_words;

int risk_text_set_segments(const cJSON *segment_asset)
{
    cJSON *copy = cJSON_Duplicate(segment_asset, true);
    if (!copy) return -1;
    cJSON_Delete(segment_words);
    segment_words = copy;
    return 0;
}

/* The asset type of a row: its segment's word, or the segment id when the loaded tables did
   not name it. */
static const char *segment_label(const char *seg, const char *lang)
{
    const char *s = loc(json_get(segment_words, seg), lang);
    return *s ? s : seg;
}

static const char *policy_status_label(const char *status, const char *lang)
{
    if (!strcmp(status, "fail")) return is_en(lang) ? "fail" : "不適合";
    if (!strcmp(status, "warn")) return is_en(lang) ? "warn" : "推奨未達";
    return status;
}

static const char *level_label(const char *level, const char *lang)
{
    if (!strcmp(level, "required")) return is_en(lang) ? "required" : "必須";
    if (!strcmp(level, "recommended")) return is_en(lang) ? "recommended" : "推奨";
    return level;
}

/* The countermeasures of `list` standing in `stage`: "○name" when effective, "×name(ID…)"
   when a failing policy invalidated it; then those of `absent` (candidates not in place) as
   "－name". `tree` entries carry one "stage"; row entries a list of "stages". */
static void stage_cell(FILE *out, const cJSON *list, const cJSON *absent, const char *stage,
                       const char *lang)
{
    const cJSON *cm;
    bool first = true;
    for (int pass = 0; pass < 2; pass++) {
        const cJSON *entries = pass ? absent : list;
        cJSON_ArrayForEach(cm, entries) {
            const cJSON *stages = json_get(cm, "stages");
            bool in = false;
            if (stages) {
                const cJSON *s;
                cJSON_ArrayForEach(s, stages)
                    if (cJSON_IsString(s) && !strcmp(s->valuestring, stage)) in = true;
            } else {
                in = !strcmp(json_str_or(cm, "stage", ""), stage);
            }
            if (!in) continue;
            if (!first) fputs("・", out);
            first = false;
            bool eff = cJSON_IsTrue(json_get(cm, "effective"));
            fputs(pass ? "－" : eff ? "○" : "×", out);
            cell(out, loc(json_get(cm, "name"), lang));
            const cJSON *by = json_get(cm, "invalidated_by");
            if (!eff && cJSON_GetArraySize(by) > 0) {
                fputs("(", out);
                const cJSON *p;
                bool f2 = true;
                cJSON_ArrayForEach(p, by) {
                    if (!f2) fputs(",", out);
                    f2 = false;
                    cell(out, cJSON_IsString(p) ? p->valuestring : "");
                }
                fputs(")", out);
            }
        }
    }
}

static void write_header(const cJSON *decl_result, const char *title, const char *lang, FILE *out)
{
    const cJSON *body = json_get(decl_result, "body");
    fprintf(out, "# %s — ", title);
    cell(out, json_str_or(body, "name", ""));
    if (*json_str_or(decl_result, "file", "")) {
        fputs(" (", out);
        cell(out, json_str_or(decl_result, "file", ""));
        fputs(")", out);
    }
    fputc('\n', out);
    (void)lang;
}

/* The asset-type and target cells of an asset-sheet row: "type\tname (id)". */
static void asset_cells(FILE *out, const cJSON *row, const char *lang)
{
    cell(out, segment_label(json_str_or(row, "segment", ""), lang));
    fputc('\t', out);
    cell(out, json_str_or(row, "asset_name", ""));
    fputs(" (", out);
    cell(out, json_str_or(row, "asset", ""));
    fputs(")", out);
}

static void write_asset_sheet(const cJSON *dr, const cJSON *risk, const char *lang, FILE *out)
{
    bool en = is_en(lang);
    write_header(dr, en ? "Asset-based risk analysis sheet" : "資産ベースリスク分析シート", lang,
                 out);
    fputs(
        en ? "No.\tAsset type\tTarget device\tThreat level\tVulnerability level\tAsset importance\t"
             "Risk value\tThreat\tExamples\tCountermeasures: defence (intrusion/spread)\t"
             "Countermeasures: defence (objective)\tDetection/damage assessment\t"
             "Business continuity\tCountermeasure level\tNotes\tGrounds for the importance\n"
           : "項番\t資産種別\t対象装置\t脅威レベル\t脆弱性レベル\t資産の重要度\tリスク値\t脅威\t"
             "具体例\t対策（防御：侵入/拡散段階）\t対策（防御：目的遂行段階）\t対策（検知/被害把握）\t"
             "対策（事業継続）\t対策レベル\t備考\t重要度の根拠\n",
        out);
    const cJSON *row;
    cJSON_ArrayForEach(row, json_get(risk, "asset_rows")) {
        fprintf(out, "%d\t", (int)json_num(row, "no", 0));
        asset_cells(out, row, lang);
        fprintf(out, "\t%d\t%d\t%d%s\t", (int)json_num(row, "threat_level", 0),
                (int)json_num(row, "vulnerability_level", 0), (int)json_num(row, "importance", 0),
                strcmp(json_str_or(row, "importance_source", ""), "derived") == 0 ? "*" : "");
        cell(out, json_str_or(row, "risk_value", ""));
        fputc('\t', out);
        cell(out, loc(json_get(row, "threat_name"), lang));
        fputc('\t', out);
        cell(out, loc(json_get(row, "threat_examples"), lang));
        for (int s = 0; s < 4; s++) {
            fputc('\t', out);
            stage_cell(out, json_get(row, "countermeasures"), json_get(row, "absent"),
                       stage_keys[s], lang);
        }
        fprintf(out, "\t%d\t", (int)json_num(row, "countermeasure_level", 0));
        bool sep = false;
        if (cJSON_IsTrue(json_get(row, "countermeasures_work"))) {
            fputs(en ? "countermeasures work (threat×vulnerability ≤ 3)"
                     : "対策の効果あり（脅威×脆弱性≦3）",
                  out);
            sep = true;
        }
        if (cJSON_IsTrue(json_get(row, "unpatched_override"))) {
            fputs(sep ? "; " : "", out);
            fputs(en ? "unpatched vulnerability:" : "パッチ未適用の脆弱性:", out);
            const cJSON *cve;
            cJSON_ArrayForEach(cve, json_get(row, "unpatched")) {
                fputc(' ', out);
                cell(out, cJSON_IsString(cve) ? cve->valuestring : "?");
            }
        }
        fputc('\t', out);
        cell(out, loc(json_get(row, "importance_reason"), lang));
        fputc('\n', out);
    }
    /* assets outside the analysis (the Government Cloud itself): listed, not scored */
    cJSON_ArrayForEach(row, json_get(risk, "out_of_scope")) {
        fputs("—\t", out);
        asset_cells(out, row, lang);
        fputs("\t\t\t\t", out);
        fputs(en ? "out of scope\t" : "対象外\t", out);
        cell(out, loc(json_get(row, "reason"), lang));
        fputs("\t\t\t\t\t\t\t\t\n", out);
    }
    fputs(en ? "* importance derived by the rules of importance.lua (RA-01; grounds in the last "
               "column)\n"
               "○ effective; × invalidated by the failing policies named; － candidate not in "
               "place\n"
             : "* 資産の重要度は importance.lua の規則で導出（RA-01、根拠は最後の列）\n"
               "○ 有効、× 括弧内の不適合のポリシーにより無効、－ 未実施の対策候補\n",
          out);
}

static void write_tree_list(const cJSON *dr, const cJSON *risk, const char *lang, FILE *out)
{
    bool en = is_en(lang);
    write_header(dr, en ? "Attack trees" : "攻撃ツリー一覧", lang, out);
    fputs(
        en ? "Attack tree\tAttacker\tAttack route\tEntry point\tVia 1\tVia 2\tVia 3\tVia 4\tVia 5\t"
             "Via 6\tVia 7\tAttack scenario\tAttack base\tAttack target\tFinal attack\t"
             "Business-damage level\n"
           : "攻撃ツリー\t攻撃者\t攻撃ルート\t侵入口\t経由1\t経由2\t経由3\t経由4\t経由5\t経由6\t経由7\t"
             "攻撃シナリオ\t攻撃拠点\t攻撃対象\t最終攻撃\t事業被害レベル\n",
        out);
    const cJSON *tr;
    cJSON_ArrayForEach(tr, json_get(risk, "attack_trees")) {
        fprintf(out, "%d\t", (int)json_num(tr, "no", 0));
        cell(out, json_str_or(tr, "attacker", ""));
        fputc('\t', out);
        cell(out, json_str_or(tr, "route", ""));
        fputc('\t', out);
        cell(out, json_str_or(tr, "entry", ""));
        fputc(' ', out);
        cell(out, loc(json_get(tr, "entry_name"), lang));
        const cJSON *via = json_get(tr, "via");
        int n = cJSON_GetArraySize(via);
        for (int i = 0; i < 7; i++) {
            fputc('\t', out);
            if (i < n) cell(out, cJSON_GetArrayItem(via, i)->valuestring);
            for (int j = 7; i == 6 && j < n; j++) { /* more than seven: joined into the last */
                fputs(" → ", out);
                cell(out, cJSON_GetArrayItem(via, j)->valuestring);
            }
        }
        fputc('\t', out);
        cell(out, json_str_or(tr, "scenario", ""));
        fputc('\t', out);
        cell(out, json_str_or(tr, "base", ""));
        fputc('\t', out);
        cell(out, json_str_or(tr, "target", ""));
        fputc('\t', out);
        cell(out, json_str_or(tr, "final_attack", ""));
        fprintf(out, "\t%d ", (int)json_num(tr, "damage_level", 0));
        cell(out, json_str_or(tr, "damage_label", ""));
        fputc('\n', out);
    }
}

static void write_damage_sheet(const cJSON *dr, const cJSON *risk, const char *lang, FILE *out)
{
    bool en = is_en(lang);
    write_header(
        dr, en ? "Business-damage-based risk analysis sheet" : "事業被害ベースリスク分析シート",
        lang, out);
    fputs(
        en ? "No.\tAttack scenario\tAttack tree / attack step\tThreat level\tVulnerability level\t"
             "Business-damage level\tRisk value\tDefence (intrusion/spread)\tDefence (objective)\t"
             "Detection/damage assessment\tBusiness continuity\tCountermeasure level (step)\t"
             "Countermeasure level (tree)\tAttack tree no.\tSteps (No.)\n"
           : "項番\t攻撃シナリオ\t攻撃ツリー/攻撃ステップ\t脅威レベル\t脆弱性レベル\t事業被害レベル\t"
             "リスク値\t防御（侵入/拡散段階）\t防御（目的遂行段階）\t検知/被害把握\t事業継続\t"
             "対策レベル（攻撃ステップ）\t対策レベル（攻撃ツリー）\t攻撃ツリー番号\t構成ステップ（項番）\n",
        out);
    const cJSON *tr;
    int no = 0;
    cJSON_ArrayForEach(tr, json_get(risk, "attack_trees")) {
        /* the scenario line: target and final attack */
        fputs("\t", out);
        cell(out, json_str_or(tr, "scenario", ""));
        fputc('\t', out);
        cell(out, json_str_or(tr, "final_attack", ""));
        if (*json_str_or(tr, "target", "")) {
            fputs(en ? " (target: " : "（攻撃対象: ", out);
            cell(out, json_str_or(tr, "target", ""));
            fputs(en ? ")" : "）", out);
        }
        fputs(en ? " — " : " ─ ", out);
        cell(out, loc(json_get(tr, "damage_name"), lang));
        fputc('\n', out);
        const cJSON *steps = json_get(tr, "steps"), *st;
        int first_no = no + 1, nsteps = cJSON_GetArraySize(steps), i = 0;
        cJSON_ArrayForEach(st, steps) {
            no++;
            i++;
            bool last = i == nsteps;
            fprintf(out, "%d\t\t", no);
            cell(out, json_str_or(st, "name", ""));
            if (last) {
                fprintf(out, "\t%d\t%d\t%d\t", (int)json_num(tr, "threat_level", 0),
                        (int)json_num(tr, "vulnerability_level", 0),
                        (int)json_num(tr, "damage_level", 0));
                cell(out, json_str_or(tr, "risk_value", ""));
            } else
                fputs("\t\t\t\t", out);
            for (int s = 0; s < 4; s++) {
                fputc('\t', out);
                stage_cell(out, json_get(st, "countermeasures"), NULL, stage_keys[s], lang);
            }
            fprintf(out, "\t%d\t", (int)json_num(st, "countermeasure_level", 0));
            if (last) {
                fprintf(out, "%d\t%d\t", (int)json_num(tr, "countermeasure_level", 0),
                        (int)json_num(tr, "no", 0));
                for (int k = first_no; k <= no; k++) fprintf(out, k > first_no ? ",%d" : "%d", k);
            } else {
                fputc('\t', out);
            }
            fputc('\n', out);
        }
    }
}

static void write_matrix(const cJSON *risk, const char *lang, FILE *out)
{
    bool en = is_en(lang);
    const cJSON *m = json_get(risk, "matrix");
    fprintf(out, "# %s: ", en ? "Risk matrix" : "リスクマトリクス");
    cell(out, json_str_or(m, "id", ""));
    fputs(" (", out);
    cell(out, loc(json_get(m, "name"), lang));
    fputs(")\n", out);
    fputs(en ? "threat×vulnerability \\ importance or damage level"
             : "脅威レベル×脆弱性レベル \\ 資産の重要度・事業被害レベル",
          out);
    const cJSON *c;
    cJSON_ArrayForEach(c, json_get(m, "columns")) fprintf(out, "\t%d", (int)c->valuedouble);
    fputc('\n', out);
    const cJSON *rows = json_get(m, "rows"), *cells = json_get(m, "cells");
    for (int r = 0; r < cJSON_GetArraySize(rows); r++) {
        fprintf(out, "%d", (int)cJSON_GetArrayItem(rows, r)->valuedouble);
        const cJSON *x;
        cJSON_ArrayForEach(x, cJSON_GetArrayItem(cells, r)) {
            fputc('\t', out);
            cell(out, cJSON_IsString(x) ? x->valuestring : "");
        }
        fputc('\n', out);
    }
}

/* One delta entry: "BM-02 (required, fail) +7: …". At most `limit` improvements, then "…". */
static void write_fix(const cJSON *d, const char *lang, int limit, FILE *out)
{
    bool en = is_en(lang);
    cell(out, json_str_or(d, "policy", ""));
    fputs(en ? " (" : "（", out);
    cell(out, level_label(json_str_or(d, "level", ""), lang));
    fputs(en ? ", " : "・", out);
    cell(out, policy_status_label(json_str_or(d, "status", ""), lang));
    fprintf(out, en ? ") score %d: " : "）改善スコア %d: ", (int)json_num(d, "score", 0));
    const cJSON *imps = json_get(d, "improvements"), *e;
    int n = cJSON_GetArraySize(imps), i = 0;
    if (n == 0) fputs(en ? "no risk value changes" : "リスク値の変化なし", out);
    cJSON_ArrayForEach(e, imps) {
        if (limit && i >= limit) {
            fprintf(out, en ? "; and %d more" : "; ほか%d件", n - i);
            break;
        }
        if (i++) fputs("; ", out);
        if (json_get(e, "asset")) {
            cell(out, *json_str_or(e, "asset_name", "") ? json_str_or(e, "asset_name", "")
                                                        : json_str_or(e, "asset", ""));
            fputs(en ? ", " : "・", out);
            cell(out, loc(json_get(e, "threat_name"), lang));
        } else {
            fputs(en ? "attack tree " : "攻撃シナリオ ", out);
            cell(out, json_str_or(e, "scenario", ""));
        }
        fputc(' ', out);
        cell(out, json_str_or(e, "from", ""));
        fputs(" → ", out);
        cell(out, json_str_or(e, "to", ""));
    }
    fputc('\n', out);
}

static void write_delta(const cJSON *risk, const char *lang, FILE *out)
{
    bool en = is_en(lang);
    fputs(
        en ? "# Gaps ranked by the risk they leave open (score = sum of risk-grade drops if the policy passed)\n"
           : "# 改善効果の大きい順の要件未達（スコア = 適合した場合のリスク値の改善段階数の合計）\n",
        out);
    const cJSON *d;
    int n = 0;
    cJSON_ArrayForEach(d, json_get(risk, "delta")) {
        fprintf(out, "%d. ", (int)json_num(d, "rank", 0));
        write_fix(d, lang, 0, out);
        n++;
    }
    if (!n)
        fputs(en ? "(no failing policy tied to a countermeasure)\n"
                 : "（対策に紐づく不適合・推奨未達なし）\n",
              out);
}

/* "A 0 / B 1 / …": the counts per risk value, in the order of the scale (their keys). */
static void write_counts(const cJSON *counts, FILE *out)
{
    const cJSON *c;
    int i = 0;
    cJSON_ArrayForEach(c, counts) {
        fprintf(out, "%s%s %d", i++ ? " / " : "", c->string, (int)json_num(counts, c->string, 0));
    }
}

int risk_write_sheets(const cJSON *decl_result, const char *lang, FILE *out)
{
    const cJSON *risk = json_get(decl_result, "risk");
    if (!cJSON_IsObject(risk)) {
        fputs(is_en(lang) ? "no risk section\n" : "リスク評価の結果がありません\n", out);
        return ferror(out) ? -1 : 0;
    }
    write_asset_sheet(decl_result, risk, lang, out);
    fputc('\n', out);
    write_tree_list(decl_result, risk, lang, out);
    fputc('\n', out);
    write_damage_sheet(decl_result, risk, lang, out);
    fputc('\n', out);
    write_matrix(risk, lang, out);
    fputc('\n', out);
    write_delta(risk, lang, out);
    const cJSON *w;
    cJSON_ArrayForEach(w, json_get(risk, "warnings")) {
        fputs(is_en(lang) ? "warning: " : "警告: ", out);
        cell(out, cJSON_IsString(w) ? w->valuestring : "");
        fputc('\n', out);
    }
    return ferror(out) ? -1 : 0;
}

/* The grade of risk value r: its place on the scale counted from the lowest risk (the keys
   of the risk section's "counts" list the scale, highest risk first); 0 when not on it. */
static int grade(const cJSON *counts, const char *r)
{
    int n = cJSON_GetArraySize(counts), i = 0;
    const cJSON *k;
    cJSON_ArrayForEach(k, counts) {
        if (!strcmp(k->string, r)) return n - i;
        i++;
    }
    return 0;
}

typedef struct {
    const cJSON *row;
    int grade;
} graded_row;

static int worst_cmp(const void *pa, const void *pb)
{
    const graded_row *ga = pa, *gb = pb;
    const cJSON *a = ga->row, *b = gb->row;
    int d = gb->grade - ga->grade;
    if (!d) d = (int)json_num(b, "importance", 0) - (int)json_num(a, "importance", 0);
    if (!d)
        d = (int)json_num(b, "threat_x_vulnerability", 0) -
            (int)json_num(a, "threat_x_vulnerability", 0);
    if (!d) d = (int)json_num(a, "no", 0) - (int)json_num(b, "no", 0);
    return d;
}

int risk_write_summary(const cJSON *decl_result, const char *lang, FILE *out)
{
    bool en = is_en(lang);
    const cJSON *risk = json_get(decl_result, "risk");
    if (!cJSON_IsObject(risk)) return 0;
    fputs(en ? "Risk (asset-based): " : "リスク評価（資産ベース）: ", out);
    write_counts(json_get(risk, "counts"), out);
    fputs(en ? "; attack trees: " : "／攻撃ツリー: ", out);
    write_counts(json_get(risk, "tree_counts"), out);
    fputc('\n', out);
    const cJSON *rows = json_get(risk, "asset_rows");
    int n = cJSON_GetArraySize(rows);
    if (n > 0) {
        graded_row *g = malloc((size_t)n * sizeof *g);
        if (!g) return -1;
        int i = 0;
        const cJSON *r, *counts = json_get(risk, "counts");
        cJSON_ArrayForEach(r, rows) {
            g[i].row = r;
            g[i++].grade = grade(counts, json_str_or(r, "risk_value", ""));
        }
        qsort(g, (size_t)n, sizeof *g, worst_cmp);
        fputs(en ? "Highest risks:\n" : "リスク値の高い行:\n", out);
        for (i = 0; i < n && i < 5; i++) {
            fputs("  ", out);
            cell(out, json_str_or(g[i].row, "risk_value", ""));
            fprintf(out, "  #%d ", (int)json_num(g[i].row, "no", 0));
            cell(out, json_str_or(g[i].row, "asset_name", ""));
            fputs(en ? " — " : " ─ ", out);
            cell(out, loc(json_get(g[i].row, "threat_name"), lang));
            fprintf(out,
                    en ? " (threat %d × vulnerability %d, importance %d)\n"
                       : "（脅威レベル%d×脆弱性レベル%d、資産の重要度%d）\n",
                    (int)json_num(g[i].row, "threat_level", 0),
                    (int)json_num(g[i].row, "vulnerability_level", 0),
                    (int)json_num(g[i].row, "importance", 0));
        }
        free(g);
    }
    const cJSON *d;
    int k = 0;
    cJSON_ArrayForEach(d, json_get(risk, "delta")) {
        if ((int)json_num(d, "score", 0) <= 0 || k >= 5) break;
        if (!k++) fputs(en ? "Most valuable fixes:\n" : "改善効果の大きい対応:\n", out);
        fprintf(out, "  %d. ", (int)json_num(d, "rank", 0));
        write_fix(d, lang, 3, out);
    }
    return ferror(out) ? -1 : 0;
}
