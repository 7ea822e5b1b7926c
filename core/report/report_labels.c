/* report_labels.c — Japanese and English words of the reports and small accessors of the
 * result document shared by the HTML, CSV and XLSX writers. Holds the report-only wording
 * (titles, headings, column names); the domain words (statuses, levels, requirement
 * families, asset kinds, segments, models) come from kyojin.vocab through report_vocab.c.
 * No output happens here. */
#include "report/report_labels.h"
#include "util/cjson_cs.h"
#include "report/report_formats.h"
#include "report/report_vocab.h"
#include "util/sha256.h"
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *key, *ja, *en;
} label;

static const char *lookup(const label *t, const char *key, int en)
{
    if (!key) return NULL;
    for (; t->key; t++)
        if (strcmp(t->key, key) == 0) return en ? t->en : t->ja;
    return key;
}

static const label words[] = {
    {"title", "情報セキュリティポリシー適合性 監査報告書",
     "Information-security policy compliance audit report"},
    {"toc", "目次", "Contents"},
    {"cover", "表紙", "Cover"},
    {"body", "団体名", "Body"},
    {"code", "団体コード", "Body code"},
    {"prefecture", "都道府県", "Prefecture"},
    {"model", "モデル", "Model"},
    {"decl_date", "申告日", "Declaration date"},
    {"decl_file", "申告ファイル", "Declaration file"},
    {"tool_version", "ツールのバージョン", "Tool version"},
    {"policy_set", "ポリシーセット", "Policy set"},
    {"policy_count", "ポリシー数", "Policies"},
    {"edition", "版", "Edition"},
    {"edition_unset", "未設定", "not set"},
    {"sha_decl", "申告のSHA-256", "SHA-256 of the declaration"},
    {"sha_policy", "ポリシーセットのSHA-256", "SHA-256 of the policy set"},
    {"waivers_file", "例外承認のファイル", "Waivers file"},
    {"sha_waivers", "例外承認のファイルのSHA-256", "SHA-256 of the waivers file"},
    {"sha_params", "パラメータのSHA-256", "SHA-256 of the parameters"},
    {"params", "適用パラメータ", "Parameters in effect"},
    {"param", "パラメータ", "Parameter"},
    {"value", "値", "Value"},
    {"as_of", "評価基準日", "Evaluation date"},
    {"as_of_none", "申告日", "declaration date"},
    {"summary", "概要", "Summary"},
    {"verdict", "判定", "Verdict"},
    {"compliant", "準拠", "Compliant"},
    {"not_compliant", "非準拠", "Not compliant"},
    {"eval_error", "評価エラー（申告を評価できませんでした）",
     "Evaluation error (the declaration could not be evaluated)"},
    {"counts", "結果の件数（ポリシー単位）", "Results (per policy)"},
    {"level", "区分", "Level"},
    {"status", "結果", "Result"},
    {"total", "計", "Total"},
    {"top_fixes", "効果の大きい是正（上位5件）", "Most valuable fixes (top five)"},
    {"rank", "順位", "Rank"},
    {"score", "効果", "Score"},
    {"improves", "改善されるリスク値", "Risk values improved"},
    {"zero_score", "効果 0 の是正はリスク値を変えませんが、要件を満たすために必要です。",
     "A fix with score 0 changes no risk value but is needed to meet the requirement."},
    {"no_fixes", "リスク値を改善する是正はありません。", "No fix improves a risk value."},
    {"findings", "指摘事項（要件分類別）", "Findings by requirement family"},
    {"findings_sheet", "指摘事項", "Findings"},
    {"policy", "ポリシー", "Policy"},
    {"requirement", "要件", "Requirement"},
    {"requirement_text", "要件の内容", "Requirement"},
    {"source", "出典", "Source"},
    {"remediation", "是正策", "Remediation"},
    {"subject", "対象（JSONポインタ）", "Subject (JSON pointer)"},
    {"line", "行", "Line"},
    {"message", "内容", "Message"},
    {"evidence", "根拠", "Evidence"},
    {"passed_subjects", "適合した対象", "Subjects that passed"},
    {"reason", "理由", "Reason"},
    {"no_findings", "指摘はありません。", "No findings."},
    {"waived", "例外承認された指摘", "Waived findings"},
    {"justification", "理由", "Justification"},
    {"approver", "承認者", "Approver"},
    {"expires", "有効期限", "Expires"},
    {"compensating", "代替の対策", "Compensating control"},
    {"mitigation", "緩和策", "Mitigation"},
    {"no_waivers", "例外承認はありません。", "No waivers."},
    {"expired_waivers", "期限切れの例外承認（指摘は不適合・推奨未達のまま数えます）",
     "Expired waivers (the findings still count as failed or warned)"},
    {"waiver_expired", "期限切れ", "expired"},
    {"expired_count", "期限切れの例外承認", "expired waivers"},
    {"expired_note", "指摘は不適合・推奨未達のまま数えます", "their findings still count"},
    {"heatmap", "リスクマップ", "Risk heat map"},
    {"heatmap_assets", "資産ベース（資産×脅威の行数）", "Asset based (asset × threat rows)"},
    {"heatmap_trees", "事業被害ベース（攻撃ツリーの数）", "Business-damage based (attack trees)"},
    {"tv", "脅威×脆弱性", "threat × vulnerability"},
    {"risk_counts", "リスク値の件数", "Risk values"},
    {"asset_sheet", "資産ベースのリスク分析", "Asset-based risk analysis"},
    {"tree_sheet", "事業被害ベースのリスク分析", "Business-damage-based risk analysis"},
    {"asset_sheet_name", "資産ベースのリスク分析",
     "Asset-based risk"}, /* sheet names: ≤ 31 characters */
    {"tree_sheet_name", "事業被害ベースのリスク分析", "Business-damage-based risk"},
    {"no", "項番", "No."},
    {"asset_kind", "資産種別", "Asset kind"},
    {"target", "対象装置", "Target device"},
    {"threat_level", "脅威レベル", "Threat level"},
    {"vuln_level", "脆弱性レベル", "Vulnerability level"},
    {"importance", "資産の重要度", "Asset importance"},
    {"risk_value", "リスク値", "Risk value"},
    {"threat", "脅威", "Threat"},
    {"threat_examples", "具体例", "Examples"},
    {"importance_reason", "重要度の根拠", "Grounds for the importance"},
    {"out_of_scope", "対象外", "Out of scope"},
    /* a candidate countermeasure against the row's threat that is not in place */
    {"cm_absent", "未実施", "absent"},
    {"countermeasure", "対策", "Countermeasure"},
    {"cm_level", "対策レベル", "Countermeasure level"},
    {"cm_work", "対策が有効（脅威×脆弱性≦3）", "Countermeasures work (threat × vulnerability ≤ 3)"},
    {"unpatched", "未修正の脆弱性あり", "Unpatched vulnerability"},
    {"pointer", "JSONポインタ", "JSON pointer"},
    {"scenario", "攻撃シナリオ", "Attack scenario"},
    {"tree_step", "攻撃ツリー/攻撃ステップ", "Attack tree / attack step"},
    {"damage_level", "事業被害レベル", "Business-damage level"},
    {"entry", "侵入口", "Entry"},
    {"invalidated", "無効", "invalidated"},
    {"by", "による", "by"},
    {"no_risk", "リスク分析の結果はありません。", "No risk analysis in this result."},
    {"classification", "接続の分類", "Classification of connections"},
    {"st_routes", "画面転送の通信経路（(1)〜(8)′）",
     "Screen-transfer communication routes ((1)–(8)′)"},
    {"dl_models", "データ連携の検証モデル（①a〜④）", "Data-link verification models (①a–④)"},
    {"other_class", "その他の分類", "Other classifications"},
    {"class", "分類", "Class"},
    {"obligations", "求められる対応", "Obligations"},
    {"description", "説明", "Description"},
    {"no_class", "分類された接続はありません。", "No classified connections."},
    {"yes", "はい", "yes"},
    {"no_", "いいえ", "no"},
    {"declaration", "申告", "Declaration"},
    {"timestamp", "作成日時", "Generated"},
    {"legend", "凡例", "Legend"},
    {"risk_A", "A（非常に高い）", "A (very high)"},
    {"risk_B", "B（高い）", "B (high)"},
    {"risk_C", "C（中程度）", "C (medium)"},
    {"risk_D", "D（低い）", "D (low)"},
    {"risk_E", "E（非常に低い）", "E (very low)"},
    {"hashes_note", "この報告書の元になった入力は kyojin verify で確認できます。",
     "kyojin verify checks that this report was produced from given inputs."},
    {"none", "なし", "none"},
    {"decl_error", "申告の評価エラー", "Declaration error"},
    {"generated_by", "作成", "Generated by"},
    {NULL, NULL, NULL}};

/* domain words: kyojin.vocab (report_vocab.c); an unknown one is shown as it is */
static const char *vocab_or_key(rv_list_id list, const char *key, int en)
{
    const char *w = report_vocab_word(list, key, en);
    return w ? w : key;
}

const char *rl_status(const char *s, int en)
{
    return vocab_or_key(RV_STATUS, s, en);
}
const char *rl_level(const char *s, int en)
{
    return vocab_or_key(RV_LEVEL, s, en);
}
const char *rl_asset_kind(const char *s, int en)
{
    return vocab_or_key(RV_ASSET_KIND, s, en);
}
const char *rl_segment(const char *s, int en)
{
    return vocab_or_key(RV_SEGMENT, s, en);
}
const char *rl_model(const char *s, int en)
{
    return vocab_or_key(RV_MODEL, s, en);
}
const char *rl_word(const char *s, int en)
{
    const char *w = report_vocab_word(RV_REPORT, s, en); /* kyojin.vocab's report words */
    return w ? w : lookup(words, s, en);
}

const char *rl_family(const char *code, int en)
{
    return report_vocab_word(RV_FAMILY, code, en);
}

const char *rl_text(const cJSON *v, int en)
{
    if (!v) return NULL;
    if (cJSON_IsString(v)) return v->valuestring;
    if (cJSON_IsObject(v)) {
        const char *a = json_str(v, en ? "en" : "ja"), *b = json_str(v, en ? "ja" : "en");
        return a && *a ? a : b;
    }
    return NULL;
}

const cJSON *rl_decl_error(const cJSON *decl)
{
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(decl, "error");
    return e && !cJSON_IsNull(e) ? e : NULL;
}

const char *rl_decl_error_text(const cJSON *err, int en)
{
    const char *t = cJSON_IsString(err)
                        ? err->valuestring
                        : rl_text(cJSON_GetObjectItemCaseSensitive(err, "message"), en);
    return t && *t ? t
           : en    ? "the declaration could not be evaluated"
                   : "申告を評価できませんでした";
}

const char *rl_waiver_expiry(const cJSON *w, int en, char *buf, size_t n)
{
    const char *date = json_str(w, "expires");
    if (!n) return buf;
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(w, "expired")))
        snprintf(buf, n, "%s", date ? date : "");
    else
        snprintf(buf, n, en ? "%s (%s)" : "%s（%s）", date ? date : "",
                 rl_word("waiver_expired", en));
    return buf;
}

int rl_expired_waivers(const cJSON *decl)
{
    int n = 0;
    const cJSON *p, *f;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(decl, "policies"))
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(p, "findings"))
            n += cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(f, "waiver"), "expired"));
    return n;
}

const char *rl_class_display(const char *cls, char *buf, size_t n)
{
    static const char *const circled[] = {"①", "②", "③", "④"};
    size_t o = 0;
    if (!n) return buf;
    buf[0] = 0;
    if (!cls) return buf;
    /* data-link models: 1a 1b 1c 2 3 4 */
    if (cls[0] >= '1' && cls[0] <= '4' &&
        (!cls[1] || (cls[1] >= 'a' && cls[1] <= 'c' && !cls[2]))) {
        snprintf(buf, n, "%s%s", circled[cls[0] - '1'], cls + 1);
        return buf;
    }
    /* whole characters only: a long class is cut at a character boundary */
    const unsigned char *p = (const unsigned char *)cls;
    for (size_t left = strlen(cls); left > 0;) {
        uint32_t cp;
        size_t len = utf8_decode(p, left, &cp);
        const char *put = *p == '\'' ? "\xE2\x80\xB2" : (const char *)p; /* ' → ′ */
        size_t pl = *p == '\'' ? 3 : len;
        if (o + pl + 1 > n) break;
        memcpy(buf + o, put, pl);
        o += pl;
        p += len;
        left -= len;
    }
    buf[o] = 0;
    return buf;
}

void rl_policy_family(const cJSON *policy, char fam[3])
{
    const cJSON *reqs = cJSON_GetObjectItemCaseSensitive(policy, "requirements");
    const char *id = NULL;
    if (cJSON_IsArray(reqs) && cJSON_IsString(cJSON_GetArrayItem(reqs, 0)))
        id = cJSON_GetArrayItem(reqs, 0)->valuestring;
    if (!id) id = json_str(policy, "id");
    fam[0] = fam[1] = fam[2] = 0;
    if (id && id[0] >= 'A' && id[0] <= 'Z' && id[1] >= 'A' && id[1] <= 'Z') {
        fam[0] = id[0];
        fam[1] = id[1];
    }
}

int rl_is_en(const char *lang)
{
    return lang && strcmp(lang, "en") == 0;
}

int report_parameters_sha256(const cJSON *result, char hex[65])
{
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(result, "parameters");
    unsigned char d[32];
    char *text = p ? cJSON_PrintUnformatted(p) : NULL;
    if (p && !text) return -1;
    sha256(text ? text : "{}", text ? strlen(text) : 2, d);
    sha256_hex(d, hex);
    if (text) cJSON_free(text);
    return 0;
}

/* The issue date of a report: the result's report.date (--report-date), else the latest
 * declaration date (body.as_of) of its declarations; NULL when there is none. Never the
 * clock. */
const char *rl_report_date(const cJSON *result)
{
    const char *date = json_str(cJSON_GetObjectItemCaseSensitive(result, "report"), "date");
    const cJSON *d;
    if (date) return date;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
        const char *a = json_str(cJSON_GetObjectItemCaseSensitive(d, "body"), "as_of");
        if (a && (!date || strcmp(a, date) > 0)) date = a;
    }
    return date;
}

int rl_detail_full(const cJSON *result)
{
    const char *v = json_str(cJSON_GetObjectItemCaseSensitive(result, "report"), "detail");
    return v && strcmp(v, "full") == 0;
}

cJSON *report_meta(const cJSON *result, int hashes)
{
    const cJSON *ps = cJSON_GetObjectItemCaseSensitive(result, "policy_set"), *d;
    cJSON *m = cJSON_CreateObject(), *decls;
    char hex[65];
    if (!m || report_parameters_sha256(result, hex) != 0) goto oom;
    cJSON_AddStringToObject(m, "schema", "kyojin/report-meta/v1");
    cJSON_AddItemToObject(m, "tool",
                          cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(result, "tool"), 1));
    cJSON *mps = cJSON_AddObjectToObject(m, "policy_set");
    if (mps && json_str(ps, "sha256"))
        cJSON_AddStringToObject(mps, "sha256", json_str(ps, "sha256"));
    cJSON_AddStringToObject(m, "parameters_sha256", hex);
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(result, "rendering");
    if (r) cJSON_AddItemToObject(m, "rendering", cJSON_Duplicate(r, 1));
    if (!(decls = cJSON_AddArrayToObject(m, "declarations"))) goto oom;
    cJSON_ArrayForEach(d, cJSON_GetObjectItemCaseSensitive(result, "declarations")) {
        cJSON *e = cJSON_CreateObject();
        if (!e) goto oom;
        cJSON_AddItemToArray(decls, e);
        cJSON_AddStringToObject(e, "file", json_str(d, "file") ? json_str(d, "file") : "");
        if (hashes && json_str(d, "sha256"))
            cJSON_AddStringToObject(e, "sha256", json_str(d, "sha256"));
    }
    return m;
oom:
    cJSON_Delete(m);
    return NULL;
}

char *report_meta_text(const cJSON *result, int hashes)
{
    cJSON *m = report_meta(result, hashes);
    char *t = m ? cJSON_PrintUnformatted(m) : NULL;
    cJSON_Delete(m);
    return t;
}
