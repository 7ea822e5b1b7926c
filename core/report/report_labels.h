/* report_labels.h — the words the report writers show (design.md "Words users see"),
 * in Japanese and English, and small readers of the result document they share. */
#ifndef KYOJIN_REPORT_LABELS_H
#define KYOJIN_REPORT_LABELS_H

#include <stddef.h>
#include <cjson/cJSON.h>

/* en: 0 = Japanese, 1 = English. Unknown keys come back as the key itself. Statuses,
 * levels, families, kinds, segments and models are the words of kyojin.vocab
 * (report_vocab.h: loaded at start-up); headings and column names are the report's own. */
const char *rl_status(const char *status, int en); /* pass → 適合 … */
const char *rl_level(const char *level, int en);   /* required → 必須 … */
const char *rl_family(const char *code, int en);   /* ST → 画面転送 … (NULL when unknown) */
const char *rl_asset_kind(const char *kind, int en);
const char *rl_segment(const char *segment, int en);
const char *rl_model(const char *model, int en);
const char *rl_word(const char *key, int en); /* headings and column names */

/* Text of a {"ja": …, "en": …} object (falling back to the other language) or of a
 * plain string; NULL when absent. */
const char *rl_text(const cJSON *v, int en);

/* The declaration result's "error" (docs/result-schema.md), or NULL when it has none: an
 * input that produced no evaluation (unreadable, invalid, timed out, failed). */
const cJSON *rl_decl_error(const cJSON *decl);
/* Its message (a {ja, en} "message", or a plain string); never NULL. */
const char *rl_decl_error_text(const cJSON *err, int en);

/* Display form of a classification class: "(3)'" → "(3)′", "1a" → "①a", "2" → "②".
 * Writes into buf (size n) and returns buf. */
const char *rl_class_display(const char *cls, char *buf, size_t n);
/* The expiry of a finding's waiver for reports: its date, and for an expired waiver the date
 * with 期限切れ / "expired" (the finding then keeps its fail or warn status). Written into
 * buf (n bytes); returns buf. */
const char *rl_waiver_expiry(const cJSON *w, int en, char *buf, size_t n);
/* The number of findings of a declaration whose waiver has expired. */
int rl_expired_waivers(const cJSON *decl);

/* Requirement family of a policy result: the two-letter prefix of its first requirement
 * (or of its id). Writes into fam[3]. */
void rl_policy_family(const cJSON *policy, char fam[3]);

/* Is the language English? o->lang "en"; anything else is Japanese. */
int rl_is_en(const char *lang);

#endif
