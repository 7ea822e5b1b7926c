/* tables.c — the risk tables (lua/kyojin/risk/; requirements.md RA-01 … RA-06).
 *
 * Owns: evaluating each table file through the policies' sandbox (core/engine/sandbox.c:
 * text chunks, or the build's bundle for an unchanged file, with an empty environment under
 * an instruction budget and a memory cap), converting the returned value to cJSON, and
 * validating every table into struct risk_tables: rules, the matrix (its dimensions, scale
 * and seed anchors are data of matrix.lua), the catalogs of countermeasures, threats,
 * damages and entry points, applicability, ties, controls and importance, where kinds,
 * segments and data classes are checked against kyojin.schema's enumerations (required in the
 * sandbox's trusted runtime; no list of them in C). Also the lookups
 * by id the other files of the module use, and the matrix accessors of risk.h.
 * Does not own: the Lua state, its allocator and limits (sandbox.c), scoring a declaration
 * (score.c), the risk section (risk_json.c), text output (risk_text.c).
 */
#include "risk/risk_internal.h"
#include "engine/bundle.h"
#include "engine/sandbox.h"
#include "util/fileio.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>

#define TABLE_MAX_BYTES        (256 * 1024)
#define TABLE_MAX_MEMORY       ((size_t)8 * 1024 * 1024)
#define TABLE_MAX_INSTRUCTIONS 2000000L
#define TABLE_MAX_DEPTH        16

const char *const risk_stage_names[NSTAGES] = {"intrusion", "objective", "detection", "continuity"};
const char *const risk_logical_names[3] = {"internet_reachable", "intranet", "isolated"};
const char *const risk_physical_names[3] = {"public", "restricted", "mfa_room"};

static const char *const table_files[NTABLES] = {
    "rules.lua",         "matrix.lua",          "threats.lua",
    "applicability.lua", "countermeasures.lua", "threat_countermeasures.lua",
    "controls.lua",      "damages.lua",         "entry_points.lua",
    "importance.lua"};

static const bundle *tables_bundle;

void risk_set_bundle(const bundle *b)
{
    tables_bundle = bundle_usable(b);
}

void risk_seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------------------------ */
/* Loading one Lua data file                                                            */

/* dst = a b c d, cut to cap - 1 bytes as snprintf would (paths for messages; called for every
   value of every table, so without the cost of snprintf). */
static void path_join(char *dst, size_t cap, const char *a, const char *b, const char *c,
                      const char *d)
{
    const char *part[4] = {a, b, c, d};
    size_t n = 0;
    for (int i = 0; i < 4; i++) {
        size_t k = strlen(part[i]);
        if (k > cap - 1 - n) k = cap - 1 - n;
        memcpy(dst + n, part[i], k);
        n += k;
    }
    dst[n] = 0;
}

/* Convert the Lua value at `idx` into cJSON. Tables whose keys are exactly 1..n become arrays
   (an empty table is an empty array), tables with only string keys become objects with sorted
   keys; anything else is an error naming `path`. Uses raw access only (data tables have no
   metatables: setmetatable is not reachable from an empty environment). */
static cJSON *lua_to_json(lua_State *L, int idx, int depth, const char *path, const char *name,
                          char *err, size_t errlen)
{
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN: return cJSON_CreateBool(lua_toboolean(L, idx));
    case LUA_TNUMBER: {
        if (lua_isinteger(L, idx)) return cJSON_CreateNumber((double)lua_tointeger(L, idx));
        double d = lua_tonumber(L, idx);
        if (!isfinite(d)) {
            risk_seterr(err, errlen, "%s: %s: number is not finite", name, path);
            return NULL;
        }
        return cJSON_CreateNumber(d);
    }
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        if (strlen(s) != len) {
            risk_seterr(err, errlen, "%s: %s: string contains NUL", name, path);
            return NULL;
        }
        return cJSON_CreateString(s);
    }
    case LUA_TTABLE: break;
    default:
        risk_seterr(err, errlen, "%s: %s: a %s is not allowed in a data table", name, path,
                    luaL_typename(L, idx));
        return NULL;
    }
    if (depth >= TABLE_MAX_DEPTH) {
        risk_seterr(err, errlen, "%s: %s: nested too deeply", name, path);
        return NULL;
    }
    if (!lua_checkstack(L, 4)) {
        risk_seterr(err, errlen, "%s: %s: Lua stack exhausted", name, path);
        return NULL;
    }
    size_t count = 0, nstr = 0, nint = 0;
    lua_Integer maxint = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        count++;
        if (lua_type(L, -2) == LUA_TSTRING)
            nstr++;
        else if (lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1) {
            nint++;
            if (lua_tointeger(L, -2) > maxint) maxint = lua_tointeger(L, -2);
        }
        lua_pop(L, 1);
    }
    char sub[512];
    if (nint == count && (size_t)maxint == count) {
        cJSON *arr = cJSON_CreateArray();
        if (!arr) goto oom;
        for (lua_Integer i = 1; i <= maxint; i++) {
            char num[24], *q = num + sizeof num;
            *--q = 0;
            for (lua_Integer v = i; v > 0; v /= 10) *--q = (char)('0' + v % 10); /* i >= 1 */
            path_join(sub, sizeof sub, path, "[", q, "]");
            lua_rawgeti(L, idx, i);
            cJSON *item = lua_to_json(L, -1, depth + 1, sub, name, err, errlen);
            lua_pop(L, 1);
            if (!item) {
                cJSON_Delete(arr);
                return NULL;
            }
            cJSON_AddItemToArray(arr, item);
        }
        return arr;
    }
    if (nstr != count) {
        risk_seterr(err, errlen, "%s: %s: table mixes list items and named fields", name, path);
        return NULL;
    }
    /* convert during the traversal (no lookups by key: they could allocate and raise outside
     a protected call), then add the fields in key order */
    struct field {
        const char *key;
        cJSON *item;
    } *fields = calloc(count ? count : 1, sizeof *fields);
    if (!fields) goto oom;
    size_t k = 0;
    bool ok = true;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (ok) {
            fields[k].key = lua_tostring(L, -2); /* stays alive: a key of the table */
            path_join(sub, sizeof sub, path, *path ? "." : "", fields[k].key, "");
            fields[k].item = lua_to_json(L, -1, depth + 1, sub, name, err, errlen);
            if (!fields[k].item)
                ok = false;
            else
                k++;
        }
        lua_pop(L, 1);
    }
    cJSON *obj = ok ? cJSON_CreateObject() : NULL;
    if (obj) {
        qsort(fields, k, sizeof *fields, str_cmp_ptr); /* the key is the first member */
        for (size_t i = 0; i < k; i++) cJSON_AddItemToObject(obj, fields[i].key, fields[i].item);
    } else {
        for (size_t i = 0; i < k; i++) cJSON_Delete(fields[i].item);
        if (ok) risk_seterr(err, errlen, "%s: out of memory", name);
    }
    free(fields);
    return obj;
oom:
    risk_seterr(err, errlen, "%s: out of memory", name);
    return NULL;
}

/* Prefix err with "NAME: " unless it already starts with NAME (Lua's messages start with
   "name:line:"); a leading '=' of the chunk name is dropped. */
static void name_err(const char *name, char *err, size_t errlen)
{
    char msg[1024];
    const char *m = err[0] == '=' ? err + 1 : err;
    if (strncmp(m, name, strlen(name)) == 0 && m[strlen(name)] == ':') {
        memmove(err, m, strlen(m) + 1);
        return;
    }
    snprintf(msg, sizeof msg, "%s", m[0] ? m : "error while loading");
    risk_seterr(err, errlen, "%s: %s", name, msg);
}

/* Evaluate DIR/NAME in sb as a Lua data file (text, or the bundle's chunk of exactly this
   text; an empty _ENV; the sandbox's instruction and memory limits) and return its value as
   cJSON, or NULL with err set. */
static cJSON *load_data_file(sandbox *sb, const char *dir, const char *name, char *err,
                             size_t errlen)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        risk_seterr(err, errlen, "%s: path too long", name);
        return NULL;
    }
    size_t len = 0;
    char *src = NULL;
    struct stat st;
    if (tables_bundle && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))) {
        /* no runtime directory: the tables of the bundle's runtime (bundle.h) */
        char rel[300];
        snprintf(rel, sizeof rel, "kyojin/risk/%s", name);
        src = bundle_text_copy(bundle_runtime_file(tables_bundle, rel), &len);
    }
    errno = 0;
    if (!src) src = fileio_read(path, TABLE_MAX_BYTES, &len);
    if (!src) {
        risk_seterr(err, errlen, "%s: cannot open or read: %s (at most %d bytes)", name,
                    errno ? strerror(errno) : "too large", TABLE_MAX_BYTES);
        return NULL;
    }
    lua_State *L = sandbox_state(sb);
    char chunkname[300];
    snprintf(chunkname, sizeof chunkname, "=%s", name);
    int rc = sandbox_load_cached(sb, src, len, chunkname, NULL, err, errlen);
    free(src);
    if (rc) {
        name_err(name, err, errlen);
        return NULL;
    }
    lua_newtable(L); /* the empty environment */
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    if (sandbox_call(sb, 0, 1, name, err, errlen) != SANDBOX_OK) {
        name_err(name, err, errlen);
        return NULL;
    }
    cJSON *out = NULL;
    if (!lua_istable(L, -1))
        risk_seterr(err, errlen, "%s: must return a table", name);
    else
        out = lua_to_json(L, -1, 0, "", name, err, errlen);
    lua_pop(L, 1);
    return out;
}

/* ------------------------------------------------------------------------------------ */
/* The enumerations of kyojin.schema the tables name                                    */

/* The id (first item) of entry `i` of the schema enumeration at `list`; raises otherwise. */
static const char *enum_id(lua_State *L, int list, lua_Integer i, const char *name)
{
    if (lua_rawgeti(L, list, i) != LUA_TTABLE || lua_rawgeti(L, -1, 1) != LUA_TSTRING)
        luaL_error(L, "kyojin.schema: enums.%s[%d]: must be { id, ja, en, … }", name, (int)i);
    const char *id = lua_tostring(L, -1);
    lua_pop(L, 1); /* the entry stays on the stack */
    return id;
}

/* Pushes { asset_kind = {ids}, segment = {ids}, data_class = {ids},
   segment_asset = { [id] = { ja, en } } } from `require "kyojin.schema"` (protected call). The
   ids are the values a declaration may give (asset kind, segment, data class); segment_asset
   is each segment's `asset` wording (the asset type of the text sheets). */
static int push_schema_enums(lua_State *L)
{
    static const char *const names[] = {"asset_kind", "segment", "data_class"};
    lua_getglobal(L, "require");
    lua_pushliteral(L, "kyojin.schema");
    lua_call(L, 1, 1);
    if (!lua_istable(L, -1) || lua_getfield(L, -1, "enums") != LUA_TTABLE)
        return luaL_error(L, "kyojin.schema: enums: must be a table");
    int enums = lua_gettop(L);
    lua_newtable(L);
    int out = lua_gettop(L);
    lua_newtable(L);
    int assets = lua_gettop(L);
    for (int n = 0; n < 3; n++) {
        if (lua_getfield(L, enums, names[n]) != LUA_TTABLE)
            return luaL_error(L, "kyojin.schema: enums.%s: must be a list", names[n]);
        int list = lua_gettop(L);
        lua_newtable(L);
        lua_Integer len = (lua_Integer)lua_rawlen(L, list);
        for (lua_Integer i = 1; i <= len; i++) {
            const char *id = enum_id(L, list, i, names[n]);
            lua_pushstring(L, id);
            lua_rawseti(L, list + 1, i);
            if (n == 1) { /* segment: its `asset` wording { ja, en } */
                if (lua_getfield(L, -1, "asset") != LUA_TTABLE ||
                    lua_rawgeti(L, -1, 1) != LUA_TSTRING || lua_rawgeti(L, -2, 2) != LUA_TSTRING)
                    return luaL_error(L,
                                      "kyojin.schema: enums.segment[%d] (%s): needs asset = { ja, "
                                      "en }, the asset type of the risk sheets",
                                      (int)i, id);
                lua_createtable(L, 0, 2);
                lua_insert(L, -3);
                lua_setfield(L, -3, "en");
                lua_setfield(L, -2, "ja");
                lua_setfield(L, assets, id);
                lua_pop(L, 1); /* asset */
            }
            lua_pop(L, 1); /* the entry */
        }
        lua_setfield(L, out, names[n]);
        lua_pop(L, 1); /* the list */
    }
    lua_pushvalue(L, assets);
    lua_setfield(L, out, "segment_asset");
    lua_pushvalue(L, out);
    return 1;
}

/* The schema's enumerations as cJSON (push_schema_enums), from the trusted runtime of sb. */
static cJSON *load_schema_enums(sandbox *sb, char *err, size_t errlen)
{
    lua_State *L = sandbox_state(sb);
    int top = lua_gettop(L);
    lua_pushcfunction(L, push_schema_enums);
    cJSON *out = NULL;
    if (sandbox_call_trusted(sb, 0, 1, err, errlen) == 0)
        out = lua_to_json(L, -1, 0, "", "kyojin.schema", err, errlen);
    lua_settop(L, top);
    return out;
}

/* ------------------------------------------------------------------------------------ */
/* Validation helpers: each writes "file: where: what" into err and returns false.        */

typedef struct {
    const char *file;
    char *err;
    size_t errlen;
} vctx;

static bool verr(vctx *v, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    utf8_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    risk_seterr(v->err, v->errlen, "%s: %s", v->file, msg);
    return false;
}

/* Only the listed keys are allowed in `obj` (catches misspelt field names). */
static bool only_keys(vctx *v, const cJSON *obj, const char *where, const char *const *keys)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, obj) {
        bool ok = false;
        for (const char *const *k = keys; *k; k++)
            if (strcmp(*k, it->string) == 0) ok = true;
        if (!ok) return verr(v, "%s: unknown field '%s'", where, it->string);
    }
    return true;
}

static bool is_list(const cJSON *x)
{
    return cJSON_IsArray(x);
}

/* An object, or an empty table (which the converter made an empty array). */
static bool is_record(const cJSON *x)
{
    return cJSON_IsObject(x) || (cJSON_IsArray(x) && cJSON_GetArraySize(x) == 0);
}

static bool get_string(vctx *v, const cJSON *obj, const char *key, const char *where,
                       const char **out)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(x) || !x->valuestring[0])
        return verr(v, "%s.%s: must be a non-empty string", where, key);
    *out = x->valuestring;
    return true;
}

static bool get_level(vctx *v, const cJSON *obj, const char *key, const char *where, int *out)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsNumber(x) || (x->valuedouble != 1 && x->valuedouble != 2 && x->valuedouble != 3))
        return verr(v, "%s.%s: must be a level 1, 2 or 3", where, key);
    *out = (int)x->valuedouble;
    return true;
}

/* obj[key] = { ja = "…", en = "…" } (the words of a name, a reason, examples). */
static bool get_words(vctx *v, const cJSON *obj, const char *key, const char *where,
                      const char **ja, const char **en)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(obj, key);
    char w[256];
    snprintf(w, sizeof w, "%s.%s", where, key);
    if (!cJSON_IsObject(n)) return verr(v, "%s: must be { ja = \"…\", en = \"…\" }", w);
    static const char *const keys[] = {"ja", "en", NULL};
    return only_keys(v, n, w, keys) && get_string(v, n, "ja", w, ja) &&
           get_string(v, n, "en", w, en);
}

static bool get_names(vctx *v, const cJSON *obj, const char *where, const char **ja,
                      const char **en)
{
    return get_words(v, obj, "name", where, ja, en);
}

/* A list of strings, each one of `allowed` (NULL = any). */
static bool string_list(vctx *v, const cJSON *x, const char *where, const char *const *allowed,
                        int nallowed)
{
    if (!is_list(x)) return verr(v, "%s: must be a list of strings", where);
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, x) {
        i++;
        if (!cJSON_IsString(it)) return verr(v, "%s[%d]: must be a string", where, i);
        if (allowed) {
            bool ok = false;
            for (int k = 0; k < nallowed; k++)
                if (strcmp(allowed[k], it->valuestring) == 0) ok = true;
            if (!ok) return verr(v, "%s[%d]: unknown value '%s'", where, i, it->valuestring);
        }
    }
    return true;
}

bool risk_list_has(const cJSON *list, const char *s)
{
    const cJSON *it;
    if (!s) return false;
    cJSON_ArrayForEach(it, list)
        if (cJSON_IsString(it) && strcmp(it->valuestring, s) == 0) return true;
    return false;
}

/* The ids of one enumeration of kyojin.schema (t->schema: asset_kind, segment, data_class). */
static const cJSON *schema_ids(const risk_tables *t, const char *enumeration)
{
    return cJSON_GetObjectItemCaseSensitive(t->schema, enumeration);
}

/* A list of strings, each an id of the schema's `enumeration`. */
static bool schema_list(const risk_tables *t, vctx *v, const cJSON *x, const char *where,
                        const char *enumeration)
{
    if (!string_list(v, x, where, NULL, 0)) return false;
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, x) {
        i++;
        if (!risk_list_has(schema_ids(t, enumeration), it->valuestring))
            return verr(v, "%s[%d]: unknown value '%s' (not in kyojin.schema's enum %s)", where, i,
                        it->valuestring, enumeration);
    }
    return true;
}

int risk_find_cm(const risk_tables *t, const char *id)
{
    for (int i = 0; i < t->ncms; i++)
        if (strcmp(t->cms[i].id, id) == 0) return i;
    return -1;
}

static int find_threat(const risk_tables *t, const char *id)
{
    for (int i = 0; i < t->nthreats; i++)
        if (strcmp(t->threats[i].id, id) == 0) return i;
    return -1;
}

int risk_find_damage(const risk_tables *t, const char *id)
{
    for (int i = 0; i < t->ndamages; i++)
        if (strcmp(t->damages[i].id, id) == 0) return i;
    return -1;
}

int risk_find_entry(const risk_tables *t, const char *id)
{
    for (int i = 0; i < t->nentries; i++)
        if (strcmp(t->entries[i].id, id) == 0) return i;
    return -1;
}

int risk_stage_index(const char *s)
{
    for (int i = 0; i < NSTAGES; i++)
        if (strcmp(risk_stage_names[i], s) == 0) return i;
    return -1;
}

/* ------------------------------------------------------------------------------------ */
/* Table validation                                                                     */

static bool load_rules(risk_tables *t, vctx *v)
{
    const cJSON *r = t->docs[T_RULES];
    static const char *const keys[] = {"countermeasure_levels",
                                       "vulnerability_levels",
                                       "counted_stages",
                                       "tree_level",
                                       "placement_levels",
                                       "internet_boundary_is_reachable",
                                       "unpatched_vulnerability_level",
                                       "mitigation_lifts_unpatched",
                                       "include_physical_threats",
                                       "safe_product",
                                       "tree_target_floor",
                                       "out_of_scope",
                                       NULL};
    if (!cJSON_IsObject(r)) return verr(v, "must return a table of named rules");
    if (!only_keys(v, r, "rules", keys)) return false;
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(r, "countermeasure_levels");
    if (!is_list(cl) || cJSON_GetArraySize(cl) < 1 || cJSON_GetArraySize(cl) > 8)
        return verr(v, "countermeasure_levels: must be a list of 1 to 8 { min_count, level }");
    const cJSON *it;
    t->ncl = 0;
    int prev = -1;
    cJSON_ArrayForEach(it, cl) {
        char w[64];
        snprintf(w, sizeof w, "countermeasure_levels[%d]", t->ncl + 1);
        static const char *const ck[] = {"min_count", "level", NULL};
        if (!cJSON_IsObject(it) || !only_keys(v, it, w, ck))
            return verr(v, "%s: must be { min_count, level }", w);
        const cJSON *mc = cJSON_GetObjectItemCaseSensitive(it, "min_count");
        if (!cJSON_IsNumber(mc) || mc->valuedouble < 0 || mc->valuedouble > 64 ||
            mc->valuedouble != (int)mc->valuedouble)
            return verr(v, "%s.min_count: must be a whole number 0..64", w);
        if (prev >= 0 && (int)mc->valuedouble >= prev)
            return verr(v, "%s.min_count: list from the highest min_count down", w);
        prev = (int)mc->valuedouble;
        t->cl_min[t->ncl] = prev;
        if (!get_level(v, it, "level", w, &t->cl_level[t->ncl])) return false;
        t->ncl++;
    }
    if (t->cl_min[t->ncl - 1] != 0)
        return verr(v, "countermeasure_levels: the last entry must have min_count = 0");
    const cJSON *vl = cJSON_GetObjectItemCaseSensitive(r, "vulnerability_levels");
    if (!is_list(vl) || cJSON_GetArraySize(vl) != 3)
        return verr(
            v,
            "vulnerability_levels: must list the vulnerability of countermeasure levels 1, 2, 3");
    for (int i = 0; i < 3; i++) {
        const cJSON *x = cJSON_GetArrayItem(vl, i);
        if (!cJSON_IsNumber(x) ||
            (x->valuedouble != 1 && x->valuedouble != 2 && x->valuedouble != 3))
            return verr(v, "vulnerability_levels[%d]: must be a level 1, 2 or 3", i + 1);
        t->vuln_of[i + 1] = (int)x->valuedouble;
    }
    const cJSON *cs = cJSON_GetObjectItemCaseSensitive(r, "counted_stages");
    if (!string_list(v, cs, "counted_stages", risk_stage_names, NSTAGES)) return false;
    for (int i = 0; i < NSTAGES; i++) t->counted[i] = risk_list_has(cs, risk_stage_names[i]);
    const cJSON *tl = cJSON_GetObjectItemCaseSensitive(r, "tree_level");
    if (!cJSON_IsString(tl) || (strcmp(tl->valuestring, "max") && strcmp(tl->valuestring, "min")))
        return verr(v, "tree_level: must be \"max\" or \"min\"");
    t->tree_max = strcmp(tl->valuestring, "max") == 0;
    const cJSON *pl = cJSON_GetObjectItemCaseSensitive(r, "placement_levels");
    static const char *const pk[] = {"logical", "physical", NULL};
    if (!cJSON_IsObject(pl) || !only_keys(v, pl, "placement_levels", pk))
        return verr(v, "placement_levels: must be { logical = {…}, physical = {…} }");
    for (int b = 0; b < 2; b++) {
        const char *const *names = b ? risk_physical_names : risk_logical_names;
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(pl, b ? "physical" : "logical");
        char w[64];
        snprintf(w, sizeof w, "placement_levels.%s", b ? "physical" : "logical");
        const char *const keys3[] = {names[0], names[1], names[2], NULL};
        if (!cJSON_IsObject(m) || !only_keys(v, m, w, keys3))
            return verr(v, "%s: must name %s, %s and %s", w, names[0], names[1], names[2]);
        for (int i = 0; i < 3; i++)
            if (!get_level(v, m, names[i], w, b ? &t->physical[i] : &t->logical[i])) return false;
    }
    const char *bools[] = {"internet_boundary_is_reachable", "mitigation_lifts_unpatched",
                           "include_physical_threats"};
    bool *dst[] = {&t->boundary_reachable, &t->mitigation_lifts, &t->include_physical};
    for (int i = 0; i < 3; i++) {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(r, bools[i]);
        if (!cJSON_IsBool(x)) return verr(v, "%s: must be true or false", bools[i]);
        *dst[i] = cJSON_IsTrue(x);
    }
    /* assets outside the analysis: { flags = { field… }, reason = { ja, en } } */
    const cJSON *oos = cJSON_GetObjectItemCaseSensitive(r, "out_of_scope");
    static const char *const ok[] = {"flags", "reason", NULL};
    if (!cJSON_IsObject(oos) || !only_keys(v, oos, "out_of_scope", ok))
        return verr(v, "out_of_scope: must be { flags = { field… }, reason = { ja, en } }");
    if (!string_list(v, cJSON_GetObjectItemCaseSensitive(oos, "flags"), "out_of_scope.flags", NULL,
                     0) ||
        !get_words(v, oos, "reason", "out_of_scope", &t->oos_ja, &t->oos_en))
        return false;
    t->oos_flags = cJSON_GetObjectItemCaseSensitive(oos, "flags");
    const cJSON *up = cJSON_GetObjectItemCaseSensitive(r, "unpatched_vulnerability_level");
    if (!cJSON_IsNumber(up) || (up->valuedouble != 0 && up->valuedouble != 1 &&
                                up->valuedouble != 2 && up->valuedouble != 3))
        return verr(v, "unpatched_vulnerability_level: must be 1, 2, 3 or 0 (off)");
    t->unpatched_level = (int)up->valuedouble;
    const cJSON *sp = cJSON_GetObjectItemCaseSensitive(r, "safe_product");
    if (!cJSON_IsNumber(sp) || sp->valuedouble < 1 || sp->valuedouble > 9)
        return verr(v, "safe_product: must be a number 1..9");
    t->safe_product = (int)sp->valuedouble;
    if (!get_level(v, r, "tree_target_floor", "rules", &t->tree_target_floor)) return false;
    return true;
}

static int matrix_row_index(const risk_tables *t, int product)
{
    for (int i = 0; i < t->nrows; i++)
        if (t->rows[i] == product) return i;
    return -1;
}

static int matrix_col_index(const risk_tables *t, int column)
{
    for (int i = 0; i < t->ncols; i++)
        if (t->cols[i] == column) return i;
    return -1;
}

int risk_grade(const risk_tables *t, char value)
{
    const char *p = value ? strchr(t->scale, value) : NULL;
    return p ? t->nscale - (int)(p - t->scale) : 0;
}

/* matrix.lua's dimensions: each must be RISK_LEVELS, the levels every other table uses. */
static bool matrix_dimensions(vctx *v, const cJSON *m, int *threat, int *vuln, int *column)
{
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(m, "dimensions");
    static const char *const keys[] = {"threat", "vulnerability", "column", NULL};
    if (!cJSON_IsObject(d))
        return verr(v, "dimensions: must be { threat = n, vulnerability = n, column = n }");
    if (!only_keys(v, d, "dimensions", keys)) return false;
    int *dst[] = {threat, vuln, column};
    for (int i = 0; i < 3; i++) {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(d, keys[i]);
        if (!cJSON_IsNumber(x) || x->valuedouble != RISK_LEVELS)
            return verr(v, "dimensions.%s: must be %d (the tables give levels 1 to %d)", keys[i],
                        RISK_LEVELS, RISK_LEVELS);
        *dst[i] = RISK_LEVELS;
    }
    return true;
}

/* The scale: 1 to MAX_SCALE distinct capital letters, highest risk first. */
static bool matrix_scale(risk_tables *t, vctx *v, const cJSON *m)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(m, "scale"), *x;
    if (!is_list(s) || cJSON_GetArraySize(s) < 1 || cJSON_GetArraySize(s) > MAX_SCALE)
        return verr(v, "scale: must list 1 to %d risk values, highest risk first", MAX_SCALE);
    t->nscale = 0;
    cJSON_ArrayForEach(x, s) {
        int i = t->nscale + 1;
        if (!cJSON_IsString(x) || strlen(x->valuestring) != 1 || x->valuestring[0] < 'A' ||
            x->valuestring[0] > 'Z')
            return verr(v, "scale[%d]: must be one capital letter", i);
        if (strchr(t->scale, x->valuestring[0]))
            return verr(v, "scale[%d]: '%s' listed twice", i, x->valuestring);
        t->scale[t->nscale++] = x->valuestring[0];
    }
    t->scale[t->nscale] = '\0';
    return true;
}

/* One risk value of the scale at x (a cell or an anchor's value), into *out. */
static bool scale_value(const risk_tables *t, vctx *v, const cJSON *x, const char *where, char *out)
{
    if (!cJSON_IsString(x) || strlen(x->valuestring) != 1 || !risk_grade(t, x->valuestring[0])) {
        char list[3 * MAX_SCALE + 1];
        size_t n = 0;
        for (int i = 0; i < t->nscale; i++) {
            if (i) {
                list[n++] = ',';
                list[n++] = ' ';
            }
            list[n++] = t->scale[i];
        }
        list[n] = '\0';
        return verr(v, "%s: must be a risk value of the scale (%s)", where, list);
    }
    *out = x->valuestring[0];
    return true;
}

/* The cells the seeds state (anchors): each names a row and a column of the matrix and a value
   of the scale. Returns false on a malformed anchor; writes a warning for each one the cells
   do not reproduce. */
static bool matrix_anchors(const risk_tables *t, vctx *v, const cJSON *m, FILE *warn)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(m, "anchors"), *x;
    if (!is_list(a)) return verr(v, "anchors: must be a list of { product, column, value, seed }");
    int i = 0;
    cJSON_ArrayForEach(x, a) {
        char w[32];
        snprintf(w, sizeof w, "anchors[%d]", ++i);
        static const char *const keys[] = {"product", "column", "value", "seed", NULL};
        if (!cJSON_IsObject(x)) return verr(v, "%s: must be { product, column, value, seed }", w);
        if (!only_keys(v, x, w, keys)) return false;
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(x, "product");
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(x, "column");
        const char *seed = "";
        char value, ww[48];
        if (!cJSON_IsNumber(p) || matrix_row_index(t, (int)p->valuedouble) < 0 ||
            p->valuedouble != (int)p->valuedouble)
            return verr(v, "%s.product: must be one of rows", w);
        if (!cJSON_IsNumber(c) || matrix_col_index(t, (int)c->valuedouble) < 0 ||
            c->valuedouble != (int)c->valuedouble)
            return verr(v, "%s.column: must be one of columns", w);
        snprintf(ww, sizeof ww, "%s.value", w);
        if (!scale_value(t, v, cJSON_GetObjectItemCaseSensitive(x, "value"), ww, &value) ||
            !get_string(v, x, "seed", w, &seed))
            return false;
        char got = risk_matrix_value(t, (int)p->valuedouble, (int)c->valuedouble);
        if (warn && got != value)
            fprintf(warn,
                    "%s: warning: the matrix does not reproduce a cell of the seeds: "
                    "threat×vulnerability %d, level %d gives %c, %s says %c\n",
                    v->file, (int)p->valuedouble, (int)c->valuedouble, got, seed, value);
    }
    return true;
}

static bool load_matrix(risk_tables *t, vctx *v, FILE *warn)
{
    const cJSON *m = t->docs[T_MATRIX];
    static const char *const keys[] = {"id",      "name",  "scale",   "dimensions", "rows",
                                       "columns", "cells", "anchors", NULL};
    if (!cJSON_IsObject(m))
        return verr(v, "must return { id, name, scale, dimensions, rows, columns, cells, "
                       "anchors }");
    if (!only_keys(v, m, "matrix", keys)) return false;
    const char *ja, *en;
    int dt, dv, dc;
    if (!get_string(v, m, "id", "matrix", &t->matrix_id) || !get_names(v, m, "matrix", &ja, &en) ||
        !matrix_scale(t, v, m) || !matrix_dimensions(v, m, &dt, &dv, &dc))
        return false;
    t->matrix_name = cJSON_GetObjectItemCaseSensitive(m, "name");
    /* the rows are the distinct products of threat × vulnerability level, descending */
    int products[MAX_MATRIX_ROWS], np = 0;
    for (int p = dt * dv; p >= 1; p--)
        for (int a = 1; a <= dt; a++)
            if (p % a == 0 && p / a <= dv) {
                products[np++] = p;
                break;
            }
    char plist[4 * MAX_MATRIX_ROWS + 1];
    size_t pn = 0;
    for (int k = 0; k < np; k++)
        pn += (size_t)snprintf(plist + pn, sizeof plist - pn, "%s%d", k ? ", " : "", products[k]);
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(m, "rows");
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(m, "columns");
    const cJSON *cells = cJSON_GetObjectItemCaseSensitive(m, "cells");
    if (!is_list(rows) || cJSON_GetArraySize(rows) != np)
        return verr(v, "rows: must list the %d products of threat × vulnerability: %s", np, plist);
    if (!is_list(cols) || cJSON_GetArraySize(cols) != dc)
        return verr(v, "columns: must list the levels 1 to %d (dimensions.column)", dc);
    if (!is_list(cells) || cJSON_GetArraySize(cells) != np)
        return verr(v, "cells: must have one row per entry of rows (%d)", np);
    int rv[MAX_MATRIX_ROWS], cv[MAX_MATRIX_COLS];
    for (int i = 0; i < np; i++) {
        const cJSON *x = cJSON_GetArrayItem(rows, i);
        bool ok = false;
        for (int k = 0; k < np; k++)
            if (cJSON_IsNumber(x) && x->valuedouble == products[k]) ok = true;
        for (int k = 0; k < i; k++)
            if (ok && rv[k] == (int)x->valuedouble) ok = false;
        if (!ok) return verr(v, "rows[%d]: must be one of %s, each once", i + 1, plist);
        rv[i] = (int)x->valuedouble;
    }
    for (int i = 0; i < dc; i++) {
        const cJSON *x = cJSON_GetArrayItem(cols, i);
        if (!cJSON_IsNumber(x) || x->valuedouble < 1 || x->valuedouble > dc ||
            x->valuedouble != (int)x->valuedouble)
            return verr(v, "columns[%d]: must be a level 1 to %d", i + 1, dc);
        cv[i] = (int)x->valuedouble;
        for (int k = 0; k < i; k++)
            if (cv[k] == cv[i]) return verr(v, "columns[%d]: level %d listed twice", i + 1, cv[i]);
    }
    char cc[MAX_MATRIX_ROWS][MAX_MATRIX_COLS];
    for (int i = 0; i < np; i++) {
        const cJSON *row = cJSON_GetArrayItem(cells, i);
        if (!is_list(row) || cJSON_GetArraySize(row) != dc)
            return verr(v, "cells[%d]: must have one value per column (%d)", i + 1, dc);
        for (int j = 0; j < dc; j++) {
            char w[32];
            snprintf(w, sizeof w, "cells[%d][%d]", i + 1, j + 1);
            if (!scale_value(t, v, cJSON_GetArrayItem(row, j), w, &cc[i][j])) return false;
        }
    }
    /* store sorted: rows by product descending, columns ascending */
    t->nrows = np;
    t->ncols = dc;
    for (int k = 0; k < np; k++) {
        int src = 0;
        while (rv[src] != products[k]) src++;
        t->rows[k] = products[k];
        for (int c = 1; c <= dc; c++) {
            int sc = 0;
            while (cv[sc] != c) sc++;
            t->cells[k][c - 1] = cc[src][sc];
        }
    }
    for (int c = 0; c < dc; c++) t->cols[c] = c + 1;
    if (warn) {
        /* Monotonic: a larger product or a higher column never lowers the risk. */
        bool mono = true;
        for (int r = 0; r < np && mono; r++)
            for (int c = 0; c < dc && mono; c++) {
                if (r + 1 < np &&
                    risk_grade(t, t->cells[r][c]) < risk_grade(t, t->cells[r + 1][c])) {
                    fprintf(
                        warn,
                        "%s: warning: not monotonic: threat×vulnerability %d gives %c but %d gives %c (level %d)\n",
                        v->file, t->rows[r], t->cells[r][c], t->rows[r + 1], t->cells[r + 1][c],
                        c + 1);
                    mono = false;
                }
                if (mono && c + 1 < dc &&
                    risk_grade(t, t->cells[r][c]) > risk_grade(t, t->cells[r][c + 1])) {
                    fprintf(
                        warn,
                        "%s: warning: not monotonic: level %d gives %c but level %d gives %c (threat×vulnerability %d)\n",
                        v->file, c + 1, t->cells[r][c], c + 2, t->cells[r][c + 1], t->rows[r]);
                    mono = false;
                }
            }
    }
    return matrix_anchors(t, v, m, warn);
}

/* Room for the records of catalog list c (`what`: "threats", …), which must not be empty;
   NULL with err set otherwise. */
static void *catalog_list(vctx *v, const cJSON *c, const char *what, size_t size)
{
    if (!is_list(c) || cJSON_GetArraySize(c) < 1) {
        verr(v, "must return a list of %s", what);
        return NULL;
    }
    void *p = calloc((size_t)cJSON_GetArraySize(c), size);
    if (!p) verr(v, "out of memory");
    return p;
}

/* The start of entry `no` (from 1) of a catalog list: an object `shape` with only `keys` and
   a non-empty id; `w` (wn bytes) then names the entry by its id for further messages. */
static bool catalog_entry(vctx *v, const cJSON *it, int no, const char *const *keys,
                          const char *shape, char *w, size_t wn, const char **id)
{
    snprintf(w, wn, "[%d]", no);
    if (!cJSON_IsObject(it)) return verr(v, "%s: must be %s", w, shape);
    if (!only_keys(v, it, w, keys) || !get_string(v, it, "id", w, id)) return false;
    snprintf(w, wn, "%s", *id);
    return true;
}

static bool load_countermeasures(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_COUNTERMEASURES];
    if (!is_list(c) || cJSON_GetArraySize(c) < 1)
        return verr(v, "must return a list of countermeasures");
    if (cJSON_GetArraySize(c) > MAX_COUNTERMEASURES)
        return verr(v, "at most %d countermeasures are supported", MAX_COUNTERMEASURES);
    const cJSON *it;
    t->ncms = 0;
    cJSON_ArrayForEach(it, c) {
        char w[64];
        snprintf(w, sizeof w, "[%d]", t->ncms + 1);
        static const char *const keys[] = {"id", "name", "ipa", "category", NULL};
        if (!cJSON_IsObject(it)) return verr(v, "%s: must be { id, name, category }", w);
        rt_cm *cm = &t->cms[t->ncms];
        const char *cat = NULL;
        if (!only_keys(v, it, w, keys) || !get_string(v, it, "id", w, &cm->id) ||
            !get_names(v, it, w, &cm->ja, &cm->en) || !get_string(v, it, "category", w, &cat))
            return false;
        snprintf(w, sizeof w, "%s", cm->id);
        if ((cm->category = risk_stage_index(cat)) < 0)
            return verr(v, "%s.category: must be intrusion, objective, detection or continuity", w);
        const cJSON *ipa = cJSON_GetObjectItemCaseSensitive(it, "ipa");
        if (ipa) {
            const cJSON *n;
            if (!is_list(ipa)) return verr(v, "%s.ipa: must be a list of numbers", w);
            cJSON_ArrayForEach(n, ipa)
                if (!cJSON_IsNumber(n)) return verr(v, "%s.ipa: must be a list of numbers", w);
        }
        if (risk_find_cm(t, cm->id) >= 0) return verr(v, "%s: id listed twice", w);
        t->ncms++;
    }
    return true;
}

/* A list of countermeasure ids into a set. */
static bool cm_list(risk_tables *t, vctx *v, const cJSON *list, const char *where, cmset *out)
{
    if (!is_list(list)) return verr(v, "%s: must be a list of countermeasure ids", where);
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, list) {
        i++;
        int k = cJSON_IsString(it) ? risk_find_cm(t, it->valuestring) : -1;
        if (k < 0)
            return verr(v, "%s[%d]: unknown countermeasure '%s' (see countermeasures.lua)", where,
                        i, cJSON_IsString(it) ? it->valuestring : "?");
        *out |= (cmset)1 << k;
    }
    return true;
}

static bool load_threats(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_THREATS];
    if (!(t->threats = catalog_list(v, c, "threats", sizeof *t->threats))) return false;
    const cJSON *it;
    t->nthreats = 0;
    cJSON_ArrayForEach(it, c) {
        char w[96];
        static const char *const keys[] = {"id",       "name",     "level", "basis",
                                           "physical", "examples", NULL};
        rt_threat *th = &t->threats[t->nthreats];
        const char *basis = NULL;
        if (!catalog_entry(v, it, t->nthreats + 1, keys, "{ id, name, level, basis, examples }", w,
                           sizeof w, &th->id) ||
            !get_names(v, it, w, &th->ja, &th->en) ||
            !get_words(v, it, "examples", w, &th->ex_ja, &th->ex_en) ||
            !get_level(v, it, "level", w, &th->level) || !get_string(v, it, "basis", w, &basis))
            return false;
        if (!strcmp(basis, "logical"))
            th->basis = BASIS_LOGICAL;
        else if (!strcmp(basis, "physical"))
            th->basis = BASIS_PHYSICAL;
        else if (!strcmp(basis, "fixed"))
            th->basis = BASIS_FIXED;
        else
            return verr(v, "%s.basis: must be logical, physical or fixed", w);
        const cJSON *ph = cJSON_GetObjectItemCaseSensitive(it, "physical");
        if (ph && !cJSON_IsBool(ph)) return verr(v, "%s.physical: must be true or false", w);
        th->physical = cJSON_IsTrue(ph);
        if (find_threat(t, th->id) >= 0) return verr(v, "%s: id listed twice", w);
        t->nthreats++;
    }
    return true;
}

/* A table keyed by threat id: each key a threat of threats.lua. */
static bool threat_keyed(const risk_tables *t, vctx *v, const cJSON *a)
{
    if (!is_record(a)) return verr(v, "must return a table keyed by threat id");
    const cJSON *it;
    cJSON_ArrayForEach(it, a)
        if (find_threat(t, it->string) < 0)
            return verr(v, "%s: unknown threat (see threats.lua)", it->string);
    return true;
}

static bool load_applicability(risk_tables *t, vctx *v)
{
    const cJSON *a = t->docs[T_APPLICABILITY];
    if (!threat_keyed(t, v, a)) return false;
    for (int i = 0; i < t->nthreats; i++) {
        rt_threat *th = &t->threats[i];
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(a, th->id);
        if (!e)
            return verr(v, "%s: missing (every threat needs an entry; {} = applies to all assets)",
                        th->id);
        if (!is_record(e)) return verr(v, "%s: must be a table", th->id);
        if (cJSON_IsArray(e)) continue; /* {} */
        static const char *const keys[] = {"kinds",    "placements",  "segments",
                                           "boundary", "except_data", NULL};
        if (!only_keys(v, e, th->id, keys)) return false;
        char w[128];
        th->kinds = cJSON_GetObjectItemCaseSensitive(e, "kinds");
        th->placements = cJSON_GetObjectItemCaseSensitive(e, "placements");
        th->segments = cJSON_GetObjectItemCaseSensitive(e, "segments");
        snprintf(w, sizeof w, "%s.kinds", th->id);
        if (th->kinds && !schema_list(t, v, th->kinds, w, "asset_kind")) return false;
        snprintf(w, sizeof w, "%s.placements", th->id);
        if (th->placements && !string_list(v, th->placements, w, risk_logical_names, 3))
            return false;
        snprintf(w, sizeof w, "%s.segments", th->id);
        if (th->segments && !schema_list(t, v, th->segments, w, "segment")) return false;
        th->except_data = cJSON_GetObjectItemCaseSensitive(e, "except_data");
        snprintf(w, sizeof w, "%s.except_data", th->id);
        if (th->except_data && !schema_list(t, v, th->except_data, w, "data_class")) return false;
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(e, "boundary");
        if (b && !cJSON_IsBool(b)) return verr(v, "%s.boundary: must be true or false", th->id);
        th->boundary = cJSON_IsTrue(b);
    }
    return true;
}

static bool load_ties(risk_tables *t, vctx *v)
{
    const cJSON *a = t->docs[T_TIES];
    if (!threat_keyed(t, v, a)) return false;
    for (int i = 0; i < t->nthreats; i++) {
        rt_threat *th = &t->threats[i];
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(a, th->id);
        if (!e)
            return verr(v, "%s: missing (every threat needs its countermeasures by stage)", th->id);
        if (!is_record(e))
            return verr(
                v,
                "%s: must be { intrusion = {…}, objective = {…}, detection = {…}, continuity = {…} }",
                th->id);
        if (cJSON_IsArray(e)) continue;
        static const char *const keys[] = {"intrusion", "objective", "detection", "continuity",
                                           NULL};
        if (!only_keys(v, e, th->id, keys)) return false;
        for (int s = 0; s < NSTAGES; s++) {
            const cJSON *l = cJSON_GetObjectItemCaseSensitive(e, risk_stage_names[s]);
            char w[128];
            snprintf(w, sizeof w, "%s.%s", th->id, risk_stage_names[s]);
            if (l && !cm_list(t, v, l, w, &th->stage[s])) return false;
        }
    }
    return true;
}

static bool path_list(vctx *v, const cJSON *x, const char *where)
{
    if (!string_list(v, x, where, NULL, 0)) return false;
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, x) {
        i++;
        const char *s = it->valuestring;
        const char *eq = strchr(s, '=');
        size_t n = eq ? (size_t)(eq - s) : strlen(s);
        if (!n || n >= 256 || strstr(s, "//") || s[n - 1] == '/' || (eq && !eq[1]))
            return verr(
                v,
                "%s[%d]: '%s' is not a path like \"controls/edr/enabled\" or \"/mail/relay_only\"",
                where, i, s);
    }
    return true;
}

static bool load_controls(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_CONTROLS];
    if (!is_list(c)) return verr(v, "must return a list of rules");
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, c) {
        i++;
        char w[64];
        snprintf(w, sizeof w, "[%d]", i);
        static const char *const keys[] = {
            "countermeasure", "all",  "any",   "kinds",         "segments",
            "except_kinds",   "each", "match", "match_segment", NULL};
        if (!cJSON_IsObject(it)) return verr(v, "%s: must be { countermeasure = …, all = {…} }", w);
        const char *cm = NULL, *each = NULL;
        if (!only_keys(v, it, w, keys) || !get_string(v, it, "countermeasure", w, &cm))
            return false;
        if (risk_find_cm(t, cm) < 0)
            return verr(v,
                        "%s.countermeasure: unknown countermeasure '%s' (see countermeasures.lua)",
                        w, cm);
        char ww[128];
        const char *lists[] = {"all", "any"};
        for (int k = 0; k < 2; k++) {
            const cJSON *l = cJSON_GetObjectItemCaseSensitive(it, lists[k]);
            snprintf(ww, sizeof ww, "%s.%s", w, lists[k]);
            if (l && !path_list(v, l, ww)) return false;
        }
        snprintf(ww, sizeof ww, "%s.kinds", w);
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(it, "kinds");
        if (l && !schema_list(t, v, l, ww, "asset_kind")) return false;
        snprintf(ww, sizeof ww, "%s.except_kinds", w);
        l = cJSON_GetObjectItemCaseSensitive(it, "except_kinds");
        if (l && !schema_list(t, v, l, ww, "asset_kind")) return false;
        snprintf(ww, sizeof ww, "%s.segments", w);
        l = cJSON_GetObjectItemCaseSensitive(it, "segments");
        if (l && !schema_list(t, v, l, ww, "segment")) return false;
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(it, "each");
        const cJSON *m = cJSON_GetObjectItemCaseSensitive(it, "match");
        const cJSON *ms = cJSON_GetObjectItemCaseSensitive(it, "match_segment");
        if (e) {
            if (!get_string(v, it, "each", w, &each)) return false;
            if (each[0] != '/')
                return verr(v, "%s.each: must be a declaration pointer like \"/contracts\"", w);
            if (!!m == !!ms)
                return verr(v, "%s: `each` needs exactly one of `match` and `match_segment`", w);
            if ((m && !cJSON_IsString(m)) || (ms && !cJSON_IsString(ms)))
                return verr(v, "%s: match/match_segment must be a field name", w);
        } else if (m || ms) {
            return verr(v, "%s: `match` and `match_segment` need `each`", w);
        }
    }
    t->controls = c;
    t->ctl = calloc(i ? (size_t)i : 1, sizeof *t->ctl);
    if (!t->ctl) return verr(v, "out of memory");
    t->nctl = 0;
    cJSON_ArrayForEach(it, c) {
        rt_control *r = &t->ctl[t->nctl++];
        r->all = cJSON_GetObjectItemCaseSensitive(it, "all");
        r->any = cJSON_GetObjectItemCaseSensitive(it, "any");
        r->kinds = cJSON_GetObjectItemCaseSensitive(it, "kinds");
        r->except_kinds = cJSON_GetObjectItemCaseSensitive(it, "except_kinds");
        r->segments = cJSON_GetObjectItemCaseSensitive(it, "segments");
        r->each = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "each"));
        r->match = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "match"));
        r->match_segment =
            cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "match_segment"));
        r->cm = risk_find_cm(
            t, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "countermeasure")));
    }
    return true;
}

static bool load_damages(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_DAMAGES];
    if (!(t->damages = catalog_list(v, c, "business damages", sizeof *t->damages))) return false;
    const cJSON *it;
    cJSON_ArrayForEach(it, c) {
        char w[96];
        static const char *const keys[] = {"id", "label", "level", "name", NULL};
        rt_damage *d = &t->damages[t->ndamages];
        if (!catalog_entry(v, it, t->ndamages + 1, keys, "{ id, label, level, name }", w, sizeof w,
                           &d->id) ||
            !get_string(v, it, "label", w, &d->label) || !get_level(v, it, "level", w, &d->level) ||
            !get_names(v, it, w, &d->ja, &d->en))
            return false;
        if (risk_find_damage(t, d->id) >= 0) return verr(v, "%s: id listed twice", w);
        t->ndamages++;
    }
    return true;
}

static bool load_entries(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_ENTRIES];
    if (!(t->entries = catalog_list(v, c, "entry points", sizeof *t->entries))) return false;
    const cJSON *it;
    cJSON_ArrayForEach(it, c) {
        char w[96];
        static const char *const keys[] = {"id", "threat_level", "name", NULL};
        rt_entry *e = &t->entries[t->nentries];
        if (!catalog_entry(v, it, t->nentries + 1, keys, "{ id, threat_level, name }", w, sizeof w,
                           &e->id) ||
            !get_level(v, it, "threat_level", w, &e->threat_level) ||
            !get_names(v, it, w, &e->ja, &e->en))
            return false;
        if (risk_find_entry(t, e->id) >= 0) return verr(v, "%s: id listed twice", w);
        t->nentries++;
    }
    return true;
}

static bool load_importance(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_IMPORTANCE];
    static const char *const keys[] = {"default", "default_reason", "declared_reason", "rules",
                                       NULL};
    if (!cJSON_IsObject(c) || !only_keys(v, c, "importance", keys))
        return verr(v, "must return { default = level, default_reason = {…}, declared_reason = "
                       "{…}, rules = {…} }");
    if (!get_level(v, c, "default", "importance", &t->imp_default) ||
        !get_words(v, c, "default_reason", "importance", &t->imp_default_ja, &t->imp_default_en) ||
        !get_words(v, c, "declared_reason", "importance", &t->imp_declared_ja, &t->imp_declared_en))
        return false;
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(c, "rules");
    if (!is_list(r)) return verr(v, "rules: must be a list");
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, r) {
        i++;
        char w[64], ww[96];
        snprintf(w, sizeof w, "rules[%d]", i);
        static const char *const rk[] = {"importance", "segments", "data", "kinds",
                                         "flags",      "reason",   NULL};
        int lv;
        const char *ja, *en;
        if (!cJSON_IsObject(it) || !only_keys(v, it, w, rk) ||
            !get_level(v, it, "importance", w, &lv) || !get_words(v, it, "reason", w, &ja, &en))
            return false;
        snprintf(ww, sizeof ww, "%s.flags", w);
        const cJSON *fl = cJSON_GetObjectItemCaseSensitive(it, "flags");
        if (fl && !string_list(v, fl, ww, NULL, 0)) return false;
        const cJSON *l;
        snprintf(ww, sizeof ww, "%s.segments", w);
        if ((l = cJSON_GetObjectItemCaseSensitive(it, "segments")) &&
            !schema_list(t, v, l, ww, "segment"))
            return false;
        snprintf(ww, sizeof ww, "%s.data", w);
        if ((l = cJSON_GetObjectItemCaseSensitive(it, "data")) &&
            !schema_list(t, v, l, ww, "data_class"))
            return false;
        snprintf(ww, sizeof ww, "%s.kinds", w);
        if ((l = cJSON_GetObjectItemCaseSensitive(it, "kinds")) &&
            !schema_list(t, v, l, ww, "asset_kind"))
            return false;
    }
    t->imp_rules = r;
    return true;
}

void risk_tables_free(risk_tables *t)
{
    if (!t) return;
    for (int i = 0; i < NTABLES; i++) cJSON_Delete(t->docs[i]);
    cJSON_Delete(t->schema);
    free(t->threats);
    free(t->damages);
    free(t->entries);
    free(t->ctl);
    free(t);
}

int risk_tables_load(const char *dir, risk_tables **out, char *err, size_t errlen, FILE *warn)
{
    *out = NULL;
    risk_tables *t = calloc(1, sizeof *t);
    if (!t) {
        risk_seterr(err, errlen, "risk tables: out of memory");
        return -1;
    }
    /* the policies' sandbox, its per-call limits set to the tables'; its trusted runtime is
       the Lua directory the tables belong to (DIR is its kyojin/risk) */
    char lua_dir[4096];
    if ((size_t)snprintf(lua_dir, sizeof lua_dir, "%s/../..", dir) >= sizeof lua_dir) {
        risk_seterr(err, errlen, "risk tables: path too long");
        risk_tables_free(t);
        return -1;
    }
    sandbox_opts o = {.lua_dir = lua_dir,
                      .instructions = TABLE_MAX_INSTRUCTIONS,
                      .policy_memory = TABLE_MAX_MEMORY,
                      .bundle = tables_bundle};
    char msg[512];
    sandbox *sb = sandbox_new(&o, msg, sizeof msg);
    if (!sb) {
        risk_seterr(err, errlen, "risk tables: %s", msg);
        risk_tables_free(t);
        return -1;
    }
    for (int i = 0; i < NTABLES; i++) {
        t->docs[i] = load_data_file(sb, dir, table_files[i], err, errlen);
        if (!t->docs[i]) {
            sandbox_free(sb);
            risk_tables_free(t);
            return -1;
        }
    }
    t->schema = load_schema_enums(sb, err, errlen);
    sandbox_free(sb);
    if (!t->schema) {
        risk_tables_free(t);
        return -1;
    }
    /* Order matters: later tables refer to ids of earlier ones. */
    vctx v = {NULL, err, errlen};
    bool ok = (v.file = table_files[T_RULES], load_rules(t, &v)) &&
              (v.file = table_files[T_MATRIX], load_matrix(t, &v, warn)) &&
              (v.file = table_files[T_COUNTERMEASURES], load_countermeasures(t, &v)) &&
              (v.file = table_files[T_THREATS], load_threats(t, &v)) &&
              (v.file = table_files[T_APPLICABILITY], load_applicability(t, &v)) &&
              (v.file = table_files[T_TIES], load_ties(t, &v)) &&
              (v.file = table_files[T_CONTROLS], load_controls(t, &v)) &&
              (v.file = table_files[T_DAMAGES], load_damages(t, &v)) &&
              (v.file = table_files[T_ENTRIES], load_entries(t, &v)) &&
              (v.file = table_files[T_IMPORTANCE], load_importance(t, &v));
    if (ok && risk_text_set_segments(cJSON_GetObjectItemCaseSensitive(t->schema, "segment_asset")))
        ok = (risk_seterr(err, errlen, "risk tables: out of memory"), false);
    if (!ok) {
        risk_tables_free(t);
        return -1;
    }
    *out = t;
    return 0;
}

/* ------------------------------------------------------------------------------------ */
/* The matrix                                                                           */

const char *risk_matrix_id(const risk_tables *t)
{
    return t->matrix_id;
}

char risk_matrix_value(const risk_tables *t, int product, int column)
{
    int r = matrix_row_index(t, product), c = matrix_col_index(t, column);
    return (r < 0 || c < 0) ? 0 : t->cells[r][c];
}
