/* report_vocab.c — the domain vocabulary of the reports: takes the value of the Lua module
 * kyojin.vocab (as JSON, from report_vocab_load.c), checks its shape, keeps it in
 * process-wide lists and looks words up. Owns no word itself: kinds, segments, models,
 * statuses, levels, families and countermeasures are data of lua/kyojin. Report-only wording
 * (headings, column names) stays in report_labels.c. */
#include "report/report_vocab.h"
#include "util/cjson_cs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* the members of the module's table, in rv_list_id order */
static const char *const list_names[RV_NLISTS] = {
    "statuses", "levels",          "families", "asset_kinds", "segments",
    "models",   "countermeasures", "report",   "sources",     "stages"};

static struct {
    cJSON *doc; /* owns the strings */
    rv_word *words[RV_NLISTS];
    size_t n[RV_NLISTS];
} vocab;

static void release(cJSON *doc, rv_word **words)
{
    for (int i = 0; i < RV_NLISTS; i++) free(words[i]);
    cJSON_Delete(doc);
}

void report_vocab_free(void)
{
    release(vocab.doc, vocab.words);
    memset(&vocab, 0, sizeof vocab);
}

static const char *member(const cJSON *o, const char *key)
{
    const char *s = json_str(o, key); /* a non-empty string member, or NULL */
    return s && s[0] ? s : NULL;
}

/* Check doc (the module's value) and index it into words/n. */
static int take(cJSON *doc, rv_word **words, size_t *n, char *err, size_t errlen)
{
    if (!cJSON_IsObject(doc)) {
        snprintf(err, errlen, "kyojin.vocab: must return a table of lists");
        return -1;
    }
    for (int l = 0; l < RV_NLISTS; l++) {
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, list_names[l]), *e;
        int size = cJSON_GetArraySize(list);
        if (!cJSON_IsArray(list) || size < 1 || size > RV_MAX_WORDS) {
            snprintf(err, errlen, "kyojin.vocab: %s: must be a list of 1 to %d entries",
                     list_names[l], RV_MAX_WORDS);
            return -1;
        }
        if (!(words[l] = calloc((size_t)size, sizeof *words[l]))) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        cJSON_ArrayForEach(e, list) {
            rv_word *w = &words[l][n[l]];
            w->id = member(e, "id");
            w->ja = member(e, "ja");
            w->en = member(e, "en");
            const cJSON *sj = cJSON_GetObjectItemCaseSensitive(e, "short_ja");
            const cJSON *se = cJSON_GetObjectItemCaseSensitive(e, "short_en");
            w->short_ja = sj ? member(e, "short_ja") : w->ja;
            w->short_en = se ? member(e, "short_en") : w->en;
            w->symbol = member(e, "symbol");
            w->stage = member(e, "stage");
            if (!w->id || !w->ja || !w->en || !w->short_ja || !w->short_en) {
                snprintf(err, errlen,
                         "kyojin.vocab: %s[%zu]: needs id, ja and en (and short_ja, short_en when "
                         "given) as non-empty text",
                         list_names[l], n[l] + 1);
                return -1;
            }
            if (l == RV_FAMILY && !(strlen(w->id) == 2 && w->id[0] >= 'A' && w->id[0] <= 'Z' &&
                                    w->id[1] >= 'A' && w->id[1] <= 'Z')) {
                snprintf(err, errlen, "kyojin.vocab: families: '%s' is not two capital letters",
                         w->id);
                return -1;
            }
            for (size_t k = 0; k < n[l]; k++)
                if (!strcmp(words[l][k].id, w->id)) {
                    snprintf(err, errlen, "kyojin.vocab: %s: '%s' appears twice", list_names[l],
                             w->id);
                    return -1;
                }
            n[l]++;
        }
    }
    for (size_t k = 0; k < n[RV_COUNTERMEASURE]; k++) { /* a stage is one of "stages" */
        const char *st = words[RV_COUNTERMEASURE][k].stage;
        size_t j = 0;
        while (st && j < n[RV_STAGE] && strcmp(words[RV_STAGE][j].id, st)) j++;
        if (st && j == n[RV_STAGE]) {
            snprintf(err, errlen, "kyojin.vocab: countermeasures: '%s': unknown stage '%s'",
                     words[RV_COUNTERMEASURE][k].id, st);
            return -1;
        }
    }
    return 0;
}

int report_vocab_set(cJSON *doc, char *err, size_t errlen)
{
    rv_word *words[RV_NLISTS] = {0};
    size_t n[RV_NLISTS] = {0};
    if (!doc) {
        snprintf(err, errlen, "kyojin.vocab: no value");
        return -1;
    }
    if (take(doc, words, n, err, errlen)) {
        release(doc, words);
        return -1;
    }
    report_vocab_free();
    vocab.doc = doc;
    memcpy(vocab.words, words, sizeof words);
    memcpy(vocab.n, n, sizeof n);
    return 0;
}

rv_list report_vocab_list(rv_list_id list)
{
    rv_list r = {NULL, 0};
    if ((int)list >= 0 && list < RV_NLISTS) {
        r.w = vocab.words[list];
        r.n = vocab.n[list];
    }
    return r;
}

const rv_word *report_vocab_find(rv_list_id list, const char *id)
{
    rv_list l = report_vocab_list(list);
    for (size_t i = 0; id && i < l.n; i++)
        if (!strcmp(l.w[i].id, id)) return &l.w[i];
    return NULL;
}

const char *report_vocab_word(rv_list_id list, const char *id, int en)
{
    const rv_word *w = report_vocab_find(list, id);
    return w ? (en ? w->en : w->ja) : NULL;
}

const char *report_vocab_short(rv_list_id list, const char *id, int en)
{
    const rv_word *w = report_vocab_find(list, id);
    return w ? (en ? w->short_en : w->short_ja) : NULL;
}
