/* report_vocab.h — the domain words the reports show (asset kinds, segments, models, result
 * statuses, policy levels, requirement families, countermeasures), read once at start-up from
 * the Lua module kyojin.vocab (lua/kyojin/vocab.lua) through the trusted Lua runtime
 * (report_vocab_load.c), kept and looked up by report_vocab.c.
 * The report writers keep no list of these in C: until a vocabulary is loaded every list is
 * empty and every word is unknown. */
#ifndef KYOJIN_REPORT_VOCAB_H
#define KYOJIN_REPORT_VOCAB_H

#include <cjson/cJSON.h>
#include <stddef.h>

struct sandbox;
struct bundle;

typedef enum {
    RV_STATUS,         /* result statuses, in the order of the report's summary */
    RV_LEVEL,          /* policy levels, required first */
    RV_FAMILY,         /* requirement families (two letters), in display order */
    RV_ASSET_KIND,     /* kyojin.schema enum asset_kind (short labels) */
    RV_SEGMENT,        /* kyojin.schema enum segment */
    RV_MODEL,          /* kyojin.schema enum model */
    RV_COUNTERMEASURE, /* risk catalog, in catalog order (asset-sheet columns) */
    RV_REPORT,         /* words of the auditor's report (report_labels.c looks here first) */
    RV_SOURCE,         /* the source documents policies cite (S000 …), by code */
    RV_STAGE,          /* stages of the IPA method (countermeasure column groups), in order */
    RV_NLISTS
} rv_list_id;

/* Most entries a list may have (checked at load; the writers size their tables by it). A
 * family id is two capital letters (the prefix of a requirement id). */
#define RV_MAX_WORDS 64

typedef struct {
    const char *id, *ja, *en;
    const char *short_ja, *short_en; /* for narrow columns and one-line summaries: the entry's
                                        short_ja / short_en, else ja / en */
    const char *symbol; /* a sign for the text report (models: α, α′, …), or NULL */
    const char *stage;  /* countermeasures: the id of the stage they stand in (RV_STAGE), or NULL */
} rv_word;

typedef struct {
    const rv_word *w;
    size_t n;
} rv_list;

/* Take doc, the value of kyojin.vocab as JSON (owned from now on, deleted on failure): check
 * it and make it the vocabulary. Returns 0, or -1 with err set (the previous vocabulary is
 * kept). */
int report_vocab_set(cJSON *doc, char *err, size_t errlen);
/* Load the vocabulary with `require "kyojin.vocab"` in sb, a sandbox whose trusted runtime is
 * the kyojin Lua directory (the engine's: runner_sandbox). Replaces any vocabulary loaded
 * before. Returns 0, or -1 with err set (the previous vocabulary is kept). */
int report_vocab_load_from(struct sandbox *sb, char *err, size_t errlen);
/* The same in a sandbox of its own over lua_dir (the directory holding kyojin/vocab.lua),
 * taking precompiled chunks from b when their source matches (b may be NULL). For callers
 * without an engine: test drivers, roll-up commands. */
int report_vocab_load(const char *lua_dir, const struct bundle *b, char *err, size_t errlen);
/* report_vocab_load of $KYOJIN_HOME/lua, else ./lua, without a bundle: for the programs that
 * use the writers without the CLI (tests/reports/render.c, the writers' unit tests). */
int report_vocab_load_home(char *err, size_t errlen);
/* Forget the loaded vocabulary. */
void report_vocab_free(void);

/* A list of the loaded vocabulary (empty when none is loaded). */
rv_list report_vocab_list(rv_list_id list);
/* The word of `id` in list, in English (en) or Japanese; NULL when unknown. */
const char *report_vocab_word(rv_list_id list, const char *id, int en);
/* The same, the short form (roll-up tables, JUnit messages). */
const char *report_vocab_short(rv_list_id list, const char *id, int en);
/* The entry of `id` in list, or NULL. */
const rv_word *report_vocab_find(rv_list_id list, const char *id);

#endif
