/* risk.c — risk scoring (requirements.md RA-01 … RA-06; docs/dev/interfaces.md §7, §8).
 *
 * Owns: loading and validating the risk tables (lua/kyojin/risk/ (*.lua), plain data evaluated
 * in a private, empty Lua state), and computing the risk section of one declaration result:
 * asset-based rows, business-damage-based attack trees, the matrix used, and the ranking of
 * failing policies by the risk they leave open (delta).
 * Does not own: running policies (runner.c), text output of the sheets (risk_text.c), the
 * CLI (main.c). The method itself is summarised in risk.h.
 */
#include "risk/risk.h"
#include "engine/bundle.h"
#include "util/cjson_cs.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>

#define TABLE_MAX_BYTES        (256 * 1024)
#define TABLE_MAX_MEMORY       (8u * 1024 * 1024)
#define TABLE_MAX_INSTRUCTIONS 2000000L
#define TABLE_MAX_DEPTH        16
#define MAX_COUNTERMEASURES    64
#define MAX_MATRIX_ROWS        9

typedef uint64_t cmset; /* one bit per countermeasure of the catalog */

enum { ST_INTRUSION, ST_OBJECTIVE, ST_DETECTION, ST_CONTINUITY, NSTAGES };
static const char *const stage_names[NSTAGES] = {"intrusion", "objective", "detection",
                                                 "continuity"};

enum { BASIS_LOGICAL, BASIS_PHYSICAL, BASIS_FIXED };
static const char *const logical_names[3] = {"internet_reachable", "intranet", "isolated"};
static const char *const physical_names[3] = {"public", "restricted", "mfa_room"};

enum {
    T_RULES,
    T_MATRIX,
    T_THREATS,
    T_APPLICABILITY,
    T_COUNTERMEASURES,
    T_TIES,
    T_CONTROLS,
    T_DAMAGES,
    T_ENTRIES,
    T_IMPORTANCE,
    NTABLES
};
static const char *const table_files[NTABLES] = {
    "rules.lua",         "matrix.lua",          "threats.lua",
    "applicability.lua", "countermeasures.lua", "threat_countermeasures.lua",
    "controls.lua",      "damages.lua",         "entry_points.lua",
    "importance.lua"};

typedef struct {
    const char *id, *ja, *en;
    int category;
} rt_cm;
typedef struct {
    const char *id, *ja, *en;
    int level, basis;
    bool physical, boundary;
    const cJSON *kinds, *placements, *segments; /* applicability; NULL = any */
    const cJSON *except_data;                   /* not for assets holding these data */
    cmset stage[NSTAGES];
} rt_threat;
typedef struct {
    const char *id, *label, *ja, *en;
    int level;
} rt_damage;
/* one rule of controls.lua, its fields looked up once when the table is loaded */
typedef struct {
    const cJSON *all, *any, *kinds, *except_kinds, *segments;
    const char *each, *match, *match_segment;
    int cm;
} rt_control;
typedef struct {
    const char *id, *ja, *en;
    int threat_level;
} rt_entry;

struct risk_tables {
    cJSON *docs[NTABLES];
    /* rules.lua */
    int ncl, cl_min[8], cl_level[8];
    int vuln_of[4]; /* index 1..3 */
    bool counted[NSTAGES];
    bool tree_max;
    int logical[3], physical[3]; /* placement → level */
    bool boundary_reachable, mitigation_lifts, include_physical;
    int unpatched_level, safe_product;
    int tree_target_floor;
    /* matrix.lua (rows sorted by product, descending) */
    const char *matrix_id;
    const cJSON *matrix_name;
    int nrows, ncols, rows[MAX_MATRIX_ROWS], cols[3];
    char cells[MAX_MATRIX_ROWS][3];
    /* catalogs */
    rt_cm cms[MAX_COUNTERMEASURES];
    int ncms;
    rt_threat *threats;
    int nthreats;
    rt_damage *damages;
    int ndamages;
    rt_entry *entries;
    int nentries;
    const cJSON *controls;
    rt_control *ctl;
    int nctl;
    int imp_default;
    const cJSON *imp_rules;
};

/* ------------------------------------------------------------------------------------ */
/* Errors                                                                               */

/* Language of the messages about a declaration's attack trees (users read them); table
   errors are for maintainers and stay English. */
static bool lang_en;

void risk_set_lang(const char *lang)
{
    lang_en = lang && strcmp(lang, "en") == 0;
}

static const bundle *tables_bundle;

void risk_set_bundle(const bundle *b)
{
    tables_bundle = bundle_usable(b);
}

#define L10N(ja, en) (lang_en ? (en) : (ja))

static void seterr(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || errlen == 0) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------------------------ */
/* Loading one Lua data file                                                            */

typedef struct {
    size_t used, cap;
} capped_alloc;

static void *table_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    capped_alloc *a = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        a->used -= old;
        free(ptr);
        return NULL;
    }
    if (nsize > old && a->used + (nsize - old) > a->cap) return NULL;
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    a->used = a->used - old + nsize;
    return p;
}

static void instruction_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    long *left;
    memcpy(&left, lua_getextraspace(L), sizeof left);
    if (left) {
        *left -= 1000;
        if (*left <= 0) luaL_error(L, "instruction limit exceeded");
    }
}

static char *read_file_capped(const char *path, size_t cap, size_t *len, char *err, size_t errlen,
                              const char *name)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        seterr(err, errlen, "%s: cannot open: %s", name, strerror(errno));
        return NULL;
    }
    char *buf = malloc(cap + 1);
    if (!buf) {
        fclose(f);
        seterr(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    size_t n = fread(buf, 1, cap + 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        seterr(err, errlen, "%s: read error", name);
        return NULL;
    }
    if (n > cap) {
        free(buf);
        seterr(err, errlen, "%s: file larger than %zu bytes", name, cap);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Convert the Lua value at `idx` into cJSON. Tables whose keys are exactly 1..n become arrays
   (an empty table is an empty array), tables with only string keys become objects with sorted
   keys; anything else is an error naming `path`. Uses raw access only (data tables have no
   metatables: setmetatable is not reachable from an empty environment). */
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
            seterr(err, errlen, "%s: %s: number is not finite", name, path);
            return NULL;
        }
        return cJSON_CreateNumber(d);
    }
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        if (strlen(s) != len) {
            seterr(err, errlen, "%s: %s: string contains NUL", name, path);
            return NULL;
        }
        return cJSON_CreateString(s);
    }
    case LUA_TTABLE: break;
    default:
        seterr(err, errlen, "%s: %s: a %s is not allowed in a data table", name, path,
               luaL_typename(L, idx));
        return NULL;
    }
    if (depth >= TABLE_MAX_DEPTH) {
        seterr(err, errlen, "%s: %s: nested too deeply", name, path);
        return NULL;
    }
    if (!lua_checkstack(L, 4)) {
        seterr(err, errlen, "%s: %s: Lua stack exhausted", name, path);
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
        seterr(err, errlen, "%s: %s: table mixes list items and named fields", name, path);
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
        qsort(fields, k, sizeof *fields, cmp_cstr); /* the key is the first member */
        for (size_t i = 0; i < k; i++) cJSON_AddItemToObject(obj, fields[i].key, fields[i].item);
    } else {
        for (size_t i = 0; i < k; i++) cJSON_Delete(fields[i].item);
        if (ok) seterr(err, errlen, "%s: out of memory", name);
    }
    free(fields);
    return obj;
oom:
    seterr(err, errlen, "%s: out of memory", name);
    return NULL;
}

/* Evaluate DIR/NAME as a Lua data file (text only, empty _ENV, instruction and memory caps)
   and return its value as cJSON, or NULL with err set. */
static cJSON *load_data_file(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        seterr(err, errlen, "%s: path too long", name);
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
    if (!src) src = read_file_capped(path, TABLE_MAX_BYTES, &len, err, errlen, name);
    if (!src) return NULL;
    capped_alloc ca = {0, TABLE_MAX_MEMORY};
    lua_State *L = lua_newstate(table_alloc, &ca);
    if (!L) {
        free(src);
        seterr(err, errlen, "%s: cannot create Lua state", name);
        return NULL;
    }
    long budget = TABLE_MAX_INSTRUCTIONS;
    long *budget_ptr = &budget;
    memcpy(lua_getextraspace(L), &budget_ptr, sizeof budget_ptr);
    lua_sethook(L, instruction_hook, LUA_MASKCOUNT, 1000);
    char chunkname[300];
    snprintf(chunkname, sizeof chunkname, "=%s", name);
    cJSON *out = NULL;
    /* the build's chunk for exactly this text (binary mode, bundle.h), else the text */
    const bundle_chunk *bc = bundle_find(tables_bundle, src, len);
    int rc = bc && bundle_load(L, tables_bundle, bc, chunkname) == 0
                 ? LUA_OK
                 : luaL_loadbufferx(L, src, len, chunkname, "t");
    free(src);
    if (rc == LUA_OK) {
        lua_newtable(L); /* the empty environment */
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
        rc = lua_pcall(L, 0, 1, 0);
    }
    if (rc != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        /* Lua messages already start with "name:line:" */
        seterr(err, errlen, "%s", msg ? msg : "error while loading");
        if (msg && strncmp(msg, name, strlen(name)) != 0) seterr(err, errlen, "%s: %s", name, msg);
    } else if (!lua_istable(L, -1)) {
        seterr(err, errlen, "%s: must return a table", name);
    } else {
        lua_sethook(L, NULL, 0, 0);
        out = lua_to_json(L, -1, 0, "", name, err, errlen);
    }
    lua_close(L);
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
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    seterr(v->err, v->errlen, "%s: %s", v->file, msg);
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

static bool get_names(vctx *v, const cJSON *obj, const char *where, const char **ja,
                      const char **en)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(obj, "name");
    char w[256];
    snprintf(w, sizeof w, "%s.name", where);
    if (!cJSON_IsObject(n)) return verr(v, "%s: must be { ja = \"…\", en = \"…\" }", w);
    static const char *const keys[] = {"ja", "en", NULL};
    return only_keys(v, n, w, keys) && get_string(v, n, "ja", w, ja) &&
           get_string(v, n, "en", w, en);
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

static bool list_has(const cJSON *list, const char *s)
{
    const cJSON *it;
    if (!s) return false;
    cJSON_ArrayForEach(it, list)
        if (cJSON_IsString(it) && strcmp(it->valuestring, s) == 0) return true;
    return false;
}

static const char *const segment_names[] = {"mynumber", "lgwan", "internet", "cloud"};
static const char *const kind_names[] = {"terminal",
                                         "server",
                                         "network_device",
                                         "gateway",
                                         "vpn",
                                         "auth_gateway",
                                         "screen_transfer_platform",
                                         "storage",
                                         "mail_relay",
                                         "cloud_service",
                                         "file_link_server",
                                         "database",
                                         "maintenance_terminal"};
static const char *const data_names[] = {"my_number", "confidential_3", "confidential_2",
                                         "confidential_1", "public"};
#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static int find_cm(const risk_tables *t, const char *id)
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

static int find_damage(const risk_tables *t, const char *id)
{
    for (int i = 0; i < t->ndamages; i++)
        if (strcmp(t->damages[i].id, id) == 0) return i;
    return -1;
}

static int find_entry(const risk_tables *t, const char *id)
{
    for (int i = 0; i < t->nentries; i++)
        if (strcmp(t->entries[i].id, id) == 0) return i;
    return -1;
}

static int stage_index(const char *s)
{
    for (int i = 0; i < NSTAGES; i++)
        if (strcmp(stage_names[i], s) == 0) return i;
    return -1;
}

static int grade_of(char c)
{
    return (c >= 'A' && c <= 'E') ? 'E' - c + 1 : 0;
} /* A=5 … E=1 */

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
    if (!string_list(v, cs, "counted_stages", stage_names, NSTAGES)) return false;
    for (int i = 0; i < NSTAGES; i++) t->counted[i] = list_has(cs, stage_names[i]);
    const cJSON *tl = cJSON_GetObjectItemCaseSensitive(r, "tree_level");
    if (!cJSON_IsString(tl) || (strcmp(tl->valuestring, "max") && strcmp(tl->valuestring, "min")))
        return verr(v, "tree_level: must be \"max\" or \"min\"");
    t->tree_max = strcmp(tl->valuestring, "max") == 0;
    const cJSON *pl = cJSON_GetObjectItemCaseSensitive(r, "placement_levels");
    static const char *const pk[] = {"logical", "physical", NULL};
    if (!cJSON_IsObject(pl) || !only_keys(v, pl, "placement_levels", pk))
        return verr(v, "placement_levels: must be { logical = {…}, physical = {…} }");
    for (int b = 0; b < 2; b++) {
        const char *const *names = b ? physical_names : logical_names;
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

static bool load_matrix(risk_tables *t, vctx *v, FILE *warn)
{
    const cJSON *m = t->docs[T_MATRIX];
    static const char *const keys[] = {"id", "name", "rows", "columns", "cells", NULL};
    if (!cJSON_IsObject(m)) return verr(v, "must return { id, name, rows, columns, cells }");
    if (!only_keys(v, m, "matrix", keys)) return false;
    const char *ja, *en;
    if (!get_string(v, m, "id", "matrix", &t->matrix_id) || !get_names(v, m, "matrix", &ja, &en))
        return false;
    t->matrix_name = cJSON_GetObjectItemCaseSensitive(m, "name");
    const cJSON *rows = cJSON_GetObjectItemCaseSensitive(m, "rows");
    const cJSON *cols = cJSON_GetObjectItemCaseSensitive(m, "columns");
    const cJSON *cells = cJSON_GetObjectItemCaseSensitive(m, "cells");
    static const int products[] = {1, 2, 3, 4, 6, 9};
    if (!is_list(rows) || cJSON_GetArraySize(rows) != 6)
        return verr(v,
                    "rows: must list the six products of threat × vulnerability: 9, 6, 4, 3, 2, 1");
    if (!is_list(cols) || cJSON_GetArraySize(cols) != 3)
        return verr(v, "columns: must list the levels 1, 2, 3");
    if (!is_list(cells) || cJSON_GetArraySize(cells) != 6)
        return verr(v, "cells: must have one row per entry of rows (6)");
    int rv[6], cv[3];
    for (int i = 0; i < 6; i++) {
        const cJSON *x = cJSON_GetArrayItem(rows, i);
        bool ok = false;
        for (int k = 0; k < 6; k++)
            if (cJSON_IsNumber(x) && x->valuedouble == products[k]) ok = true;
        for (int k = 0; k < i; k++)
            if (ok && rv[k] == (int)x->valuedouble) ok = false;
        if (!ok) return verr(v, "rows[%d]: must be one of 9, 6, 4, 3, 2, 1, each once", i + 1);
        rv[i] = (int)x->valuedouble;
    }
    for (int i = 0; i < 3; i++) {
        const cJSON *x = cJSON_GetArrayItem(cols, i);
        if (!cJSON_IsNumber(x) ||
            (x->valuedouble != 1 && x->valuedouble != 2 && x->valuedouble != 3))
            return verr(v, "columns[%d]: must be a level 1, 2 or 3", i + 1);
        cv[i] = (int)x->valuedouble;
        for (int k = 0; k < i; k++)
            if (cv[k] == cv[i]) return verr(v, "columns[%d]: level %d listed twice", i + 1, cv[i]);
    }
    char cc[6][3];
    for (int i = 0; i < 6; i++) {
        const cJSON *row = cJSON_GetArrayItem(cells, i);
        if (!is_list(row) || cJSON_GetArraySize(row) != 3)
            return verr(v, "cells[%d]: must have one value per column (3)", i + 1);
        for (int j = 0; j < 3; j++) {
            const cJSON *x = cJSON_GetArrayItem(row, j);
            if (!cJSON_IsString(x) || strlen(x->valuestring) != 1 || !grade_of(x->valuestring[0]))
                return verr(v, "cells[%d][%d]: must be a risk value A, B, C, D or E", i + 1, j + 1);
            cc[i][j] = x->valuestring[0];
        }
    }
    /* store sorted: rows by product descending, columns ascending */
    t->nrows = 6;
    t->ncols = 3;
    for (int k = 0; k < 6; k++) {
        int p = products[5 - k];
        int src = 0;
        while (rv[src] != p) src++;
        t->rows[k] = p;
        for (int c = 1; c <= 3; c++) {
            int sc = 0;
            while (cv[sc] != c) sc++;
            t->cells[k][c - 1] = cc[src][sc];
        }
    }
    for (int c = 0; c < 3; c++) t->cols[c] = c + 1;
    if (warn) {
        /* Monotonic: a larger product or a higher column never lowers the risk. */
        bool mono = true;
        for (int r = 0; r < 6 && mono; r++)
            for (int c = 0; c < 3 && mono; c++) {
                if (r + 1 < 6 && grade_of(t->cells[r][c]) < grade_of(t->cells[r + 1][c])) {
                    fprintf(
                        warn,
                        "%s: warning: not monotonic: threat×vulnerability %d gives %c but %d gives %c (level %d)\n",
                        v->file, t->rows[r], t->cells[r][c], t->rows[r + 1], t->cells[r + 1][c],
                        c + 1);
                    mono = false;
                }
                if (mono && c + 1 < 3 && grade_of(t->cells[r][c]) > grade_of(t->cells[r][c + 1])) {
                    fprintf(
                        warn,
                        "%s: warning: not monotonic: level %d gives %c but level %d gives %c (threat×vulnerability %d)\n",
                        v->file, c + 1, t->cells[r][c], c + 2, t->cells[r][c + 1], t->rows[r]);
                    mono = false;
                }
            }
        /* The cells the seeds state (RA-04). */
        bool anchors = risk_matrix_value(t, 3, 1) == 'E' && risk_matrix_value(t, 2, 1) == 'E' &&
                       risk_matrix_value(t, 1, 1) == 'E' && risk_matrix_value(t, 3, 3) == 'B' &&
                       risk_matrix_value(t, 2, 2) == 'D';
        if (!anchors)
            fprintf(warn,
                    "%s: warning: the matrix does not reproduce the cells of the seeds "
                    "(importance 1 with threat×vulnerability ≤ 3 → E; importance 3 with 3 → B; "
                    "damage 2 with 2 → D)\n",
                    v->file);
    }
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
        if ((cm->category = stage_index(cat)) < 0)
            return verr(v, "%s.category: must be intrusion, objective, detection or continuity", w);
        const cJSON *ipa = cJSON_GetObjectItemCaseSensitive(it, "ipa");
        if (ipa) {
            const cJSON *n;
            if (!is_list(ipa)) return verr(v, "%s.ipa: must be a list of numbers", w);
            cJSON_ArrayForEach(n, ipa)
                if (!cJSON_IsNumber(n)) return verr(v, "%s.ipa: must be a list of numbers", w);
        }
        if (find_cm(t, cm->id) >= 0) return verr(v, "%s: id listed twice", w);
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
        int k = cJSON_IsString(it) ? find_cm(t, it->valuestring) : -1;
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
    if (!is_list(c) || cJSON_GetArraySize(c) < 1) return verr(v, "must return a list of threats");
    int n = cJSON_GetArraySize(c);
    t->threats = calloc((size_t)n, sizeof *t->threats);
    if (!t->threats) return verr(v, "out of memory");
    const cJSON *it;
    t->nthreats = 0;
    cJSON_ArrayForEach(it, c) {
        char w[96];
        snprintf(w, sizeof w, "[%d]", t->nthreats + 1);
        static const char *const keys[] = {"id", "name", "level", "basis", "physical", NULL};
        if (!cJSON_IsObject(it)) return verr(v, "%s: must be { id, name, level, basis }", w);
        rt_threat *th = &t->threats[t->nthreats];
        const char *basis = NULL;
        if (!only_keys(v, it, w, keys) || !get_string(v, it, "id", w, &th->id)) return false;
        snprintf(w, sizeof w, "%s", th->id);
        if (!get_names(v, it, w, &th->ja, &th->en) || !get_level(v, it, "level", w, &th->level) ||
            !get_string(v, it, "basis", w, &basis))
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

static bool load_applicability(risk_tables *t, vctx *v)
{
    const cJSON *a = t->docs[T_APPLICABILITY];
    if (!is_record(a)) return verr(v, "must return a table keyed by threat id");
    const cJSON *it;
    cJSON_ArrayForEach(it, a)
        if (find_threat(t, it->string) < 0)
            return verr(v, "%s: unknown threat (see threats.lua)", it->string);
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
        if (th->kinds && !string_list(v, th->kinds, w, kind_names, NELEM(kind_names))) return false;
        snprintf(w, sizeof w, "%s.placements", th->id);
        if (th->placements && !string_list(v, th->placements, w, logical_names, 3)) return false;
        snprintf(w, sizeof w, "%s.segments", th->id);
        if (th->segments && !string_list(v, th->segments, w, segment_names, NELEM(segment_names)))
            return false;
        th->except_data = cJSON_GetObjectItemCaseSensitive(e, "except_data");
        snprintf(w, sizeof w, "%s.except_data", th->id);
        if (th->except_data && !string_list(v, th->except_data, w, data_names, NELEM(data_names)))
            return false;
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(e, "boundary");
        if (b && !cJSON_IsBool(b)) return verr(v, "%s.boundary: must be true or false", th->id);
        th->boundary = cJSON_IsTrue(b);
    }
    return true;
}

static bool load_ties(risk_tables *t, vctx *v)
{
    const cJSON *a = t->docs[T_TIES];
    if (!is_record(a)) return verr(v, "must return a table keyed by threat id");
    const cJSON *it;
    cJSON_ArrayForEach(it, a)
        if (find_threat(t, it->string) < 0)
            return verr(v, "%s: unknown threat (see threats.lua)", it->string);
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
            const cJSON *l = cJSON_GetObjectItemCaseSensitive(e, stage_names[s]);
            char w[128];
            snprintf(w, sizeof w, "%s.%s", th->id, stage_names[s]);
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
        if (find_cm(t, cm) < 0)
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
        if (l && !string_list(v, l, ww, kind_names, NELEM(kind_names))) return false;
        snprintf(ww, sizeof ww, "%s.except_kinds", w);
        l = cJSON_GetObjectItemCaseSensitive(it, "except_kinds");
        if (l && !string_list(v, l, ww, kind_names, NELEM(kind_names))) return false;
        snprintf(ww, sizeof ww, "%s.segments", w);
        l = cJSON_GetObjectItemCaseSensitive(it, "segments");
        if (l && !string_list(v, l, ww, segment_names, NELEM(segment_names))) return false;
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
        r->cm = find_cm(
            t, cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(it, "countermeasure")));
    }
    return true;
}

static bool load_damages(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_DAMAGES];
    if (!is_list(c) || cJSON_GetArraySize(c) < 1)
        return verr(v, "must return a list of business damages");
    t->damages = calloc((size_t)cJSON_GetArraySize(c), sizeof *t->damages);
    if (!t->damages) return verr(v, "out of memory");
    const cJSON *it;
    cJSON_ArrayForEach(it, c) {
        char w[96];
        snprintf(w, sizeof w, "[%d]", t->ndamages + 1);
        static const char *const keys[] = {"id", "label", "level", "name", NULL};
        if (!cJSON_IsObject(it)) return verr(v, "%s: must be { id, label, level, name }", w);
        rt_damage *d = &t->damages[t->ndamages];
        if (!only_keys(v, it, w, keys) || !get_string(v, it, "id", w, &d->id)) return false;
        snprintf(w, sizeof w, "%s", d->id);
        if (!get_string(v, it, "label", w, &d->label) || !get_level(v, it, "level", w, &d->level) ||
            !get_names(v, it, w, &d->ja, &d->en))
            return false;
        if (find_damage(t, d->id) >= 0) return verr(v, "%s: id listed twice", w);
        t->ndamages++;
    }
    return true;
}

static bool load_entries(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_ENTRIES];
    if (!is_list(c) || cJSON_GetArraySize(c) < 1)
        return verr(v, "must return a list of entry points");
    t->entries = calloc((size_t)cJSON_GetArraySize(c), sizeof *t->entries);
    if (!t->entries) return verr(v, "out of memory");
    const cJSON *it;
    cJSON_ArrayForEach(it, c) {
        char w[96];
        snprintf(w, sizeof w, "[%d]", t->nentries + 1);
        static const char *const keys[] = {"id", "threat_level", "name", NULL};
        if (!cJSON_IsObject(it)) return verr(v, "%s: must be { id, threat_level, name }", w);
        rt_entry *e = &t->entries[t->nentries];
        if (!only_keys(v, it, w, keys) || !get_string(v, it, "id", w, &e->id)) return false;
        snprintf(w, sizeof w, "%s", e->id);
        if (!get_level(v, it, "threat_level", w, &e->threat_level) ||
            !get_names(v, it, w, &e->ja, &e->en))
            return false;
        if (find_entry(t, e->id) >= 0) return verr(v, "%s: id listed twice", w);
        t->nentries++;
    }
    return true;
}

static bool load_importance(risk_tables *t, vctx *v)
{
    const cJSON *c = t->docs[T_IMPORTANCE];
    static const char *const keys[] = {"default", "rules", NULL};
    if (!cJSON_IsObject(c) || !only_keys(v, c, "importance", keys))
        return verr(v, "must return { default = level, rules = {…} }");
    if (!get_level(v, c, "default", "importance", &t->imp_default)) return false;
    const cJSON *r = cJSON_GetObjectItemCaseSensitive(c, "rules");
    if (!is_list(r)) return verr(v, "rules: must be a list");
    const cJSON *it;
    int i = 0;
    cJSON_ArrayForEach(it, r) {
        i++;
        char w[64], ww[96];
        snprintf(w, sizeof w, "rules[%d]", i);
        static const char *const rk[] = {"importance", "segments", "data", "kinds", NULL};
        int lv;
        if (!cJSON_IsObject(it) || !only_keys(v, it, w, rk) ||
            !get_level(v, it, "importance", w, &lv))
            return false;
        const cJSON *l;
        snprintf(ww, sizeof ww, "%s.segments", w);
        if ((l = cJSON_GetObjectItemCaseSensitive(it, "segments")) &&
            !string_list(v, l, ww, segment_names, NELEM(segment_names)))
            return false;
        snprintf(ww, sizeof ww, "%s.data", w);
        if ((l = cJSON_GetObjectItemCaseSensitive(it, "data")) &&
            !string_list(v, l, ww, data_names, NELEM(data_names)))
            return false;
        snprintf(ww, sizeof ww, "%s.kinds", w);
        if ((l = cJSON_GetObjectItemCaseSensitive(it, "kinds")) &&
            !string_list(v, l, ww, kind_names, NELEM(kind_names)))
            return false;
    }
    t->imp_rules = r;
    return true;
}

void risk_tables_free(risk_tables *t)
{
    if (!t) return;
    for (int i = 0; i < NTABLES; i++) cJSON_Delete(t->docs[i]);
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
        seterr(err, errlen, "risk tables: out of memory");
        return -1;
    }
    for (int i = 0; i < NTABLES; i++) {
        t->docs[i] = load_data_file(dir, table_files[i], err, errlen);
        if (!t->docs[i]) {
            risk_tables_free(t);
            return -1;
        }
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
    if (!ok) {
        risk_tables_free(t);
        return -1;
    }
    *out = t;
    return 0;
}

/* ------------------------------------------------------------------------------------ */
/* Level mapping                                                                        */

const char *risk_matrix_id(const risk_tables *t)
{
    return t->matrix_id;
}

char risk_matrix_value(const risk_tables *t, int product, int column)
{
    int r = matrix_row_index(t, product), c = matrix_col_index(t, column);
    return (r < 0 || c < 0) ? 0 : t->cells[r][c];
}

int risk_countermeasure_level(const risk_tables *t, int effective_count)
{
    for (int i = 0; i < t->ncl; i++)
        if (effective_count >= t->cl_min[i]) return t->cl_level[i];
    return 1;
}

int risk_vulnerability_level(const risk_tables *t, int countermeasure_level)
{
    if (countermeasure_level < 1 || countermeasure_level > 3) return 3;
    return t->vuln_of[countermeasure_level];
}

int risk_tree_level(const risk_tables *t, const int *step_levels, int nsteps)
{
    if (nsteps <= 0) return 1;
    int lv = step_levels[0];
    for (int i = 1; i < nsteps; i++)
        lv = t->tree_max ? (step_levels[i] > lv ? step_levels[i] : lv)
                         : (step_levels[i] < lv ? step_levels[i] : lv);
    return lv;
}

/* ------------------------------------------------------------------------------------ */
/* Reading the declaration                                                              */

static int popcount64(cmset x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

static const cJSON *jget(const cJSON *o, const char *k)
{
    return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL;
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *x = jget(o, k);
    return cJSON_IsString(x) ? x->valuestring : NULL;
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

/* Follow a slash-separated path ("a/b/0/c") from `base`. */
static const cJSON *follow(const cJSON *base, const char *path)
{
    char seg[128];
    const char *p = path;
    const cJSON *cur = base;
    while (cur && *p) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n >= sizeof seg) return NULL;
        memcpy(seg, p, n);
        seg[n] = '\0';
        if (cJSON_IsObject(cur)) {
            cur = cJSON_GetObjectItemCaseSensitive(cur, seg);
        } else if (cJSON_IsArray(cur)) {
            char *end;
            long i = strtol(seg, &end, 10);
            if (*end || end == seg || i < 0 || i > 1000000) return NULL;
            cur = cJSON_GetArrayItem(cur, (int)i);
        } else {
            return NULL;
        }
        p = e ? e + 1 : p + n;
    }
    return cur;
}

/* Resolve an RFC 6901 JSON pointer in `doc`; NULL if it does not resolve. */
static const cJSON *resolve_pointer(const cJSON *doc, const char *ptr)
{
    if (!ptr) return NULL;
    if (!*ptr) return doc;
    if (*ptr != '/') return NULL;
    const cJSON *cur = doc;
    const char *p = ptr + 1;
    char tok[256];
    for (;;) {
        size_t n = 0;
        while (*p && *p != '/') {
            if (n + 1 >= sizeof tok) return NULL;
            if (p[0] == '~' && p[1] == '0') {
                tok[n++] = '~';
                p += 2;
            } else if (p[0] == '~' && p[1] == '1') {
                tok[n++] = '/';
                p += 2;
            } else
                tok[n++] = *p++;
        }
        tok[n] = '\0';
        if (cJSON_IsObject(cur)) {
            cur = cJSON_GetObjectItemCaseSensitive(cur, tok);
        } else if (cJSON_IsArray(cur)) {
            char *end;
            long i = strtol(tok, &end, 10);
            if (*end || end == tok || i < 0 || i > 1000000) return NULL;
            cur = cJSON_GetArrayItem(cur, (int)i);
        } else {
            return NULL;
        }
        if (!cur) return NULL;
        if (!*p) return cur;
        p++;
    }
}

/* true, a fact {value = true}, a non-empty array or string, a non-zero number. */
static bool truthy(const cJSON *x)
{
    if (!x) return false;
    if (cJSON_IsBool(x)) return cJSON_IsTrue(x);
    if (cJSON_IsObject(x)) return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(x, "value"));
    if (cJSON_IsArray(x)) return cJSON_GetArraySize(x) > 0;
    if (cJSON_IsString(x)) return x->valuestring[0] != '\0';
    if (cJSON_IsNumber(x)) return x->valuedouble != 0;
    return false;
}

typedef struct {
    const cJSON *obj;
    const char *id, *name, *kind, *segment, *logical_name, *physical_name;
    int importance;
    bool importance_declared;
    int logical, physical; /* placement levels */
    cmset provided;
    bool unpatched;
} asset_info;

typedef struct {
    const char *id, *level, *status;
    bool failing;   /* status fail or warn: its ties stop counting */
    bool candidate; /* failing, required or recommended, with known ties: ranked in the delta */
    cmset tied;
    cmset *mask; /* per asset: countermeasures this policy invalidates */
    cmset *add;  /* per asset: countermeasures present if this policy passed */
    bool *lifts; /* per vulnerability: patched if this policy passed (a failing finding names
                     it and the policy is tied to patching for its asset's kind) */
} policy_info;

typedef struct {
    int asset, threat, threat_level;
    cmset cand_all, cand_counted;
} row_info;

typedef struct {
    const cJSON *obj;
    const char *source;
    char pointer[64];
    int damage, entry, threat_level, target_asset;
    bool *uses; /* per asset: named by the tree (via, base, target) */
    bool uses_any;
    int nsteps;
    cmset *step_cms, *step_counted;
} tree_info;

typedef struct {
    const risk_tables *t;
    const cJSON *decl;
    int nassets, npol, nrows, ntrees, nvulns;
    int *vuln_asset; /* per entry of /vulnerabilities: the asset it keeps unpatched, or -1 */
    asset_info *assets;
    policy_info *pol;
    row_info *rows;
    tree_info *trees;
    cJSON *warnings;
    /* per asset, from the policies: the failing policies that invalidate something on it
     (fl[a * npol ..], nfl[a] of them, in policy order) and everything they invalidate */
    int *fl, *nfl;
    cmset *inval_all;
} risk_ctx;

static int find_asset(const risk_ctx *c, const char *id)
{
    if (!id) return -1;
    for (int i = 0; i < c->nassets; i++)
        if (c->assets[i].id && strcmp(c->assets[i].id, id) == 0) return i;
    return -1;
}

static void warnf(risk_ctx *c, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cJSON_AddItemToArray(c->warnings, cJSON_CreateString(msg));
}

static int level_of_name(const char *const *names, const int *levels, const char *s, int dflt)
{
    if (!s) return dflt;
    for (int i = 0; i < 3; i++)
        if (strcmp(names[i], s) == 0) return levels[i];
    return dflt;
}

/* RA-01: declared importance, or the highest proposal of importance.lua's rules. */
static int derive_importance(const risk_tables *t, const asset_info *a)
{
    int best = t->imp_default;
    const cJSON *r;
    const cJSON *data = jget(a->obj, "data");
    cJSON_ArrayForEach(r, t->imp_rules) {
        const cJSON *segs = jget(r, "segments"), *kinds = jget(r, "kinds"), *d = jget(r, "data");
        if (segs && !list_has(segs, a->segment)) continue;
        if (kinds && !list_has(kinds, a->kind)) continue;
        if (d) {
            bool hit = false;
            const cJSON *x;
            cJSON_ArrayForEach(x, data)
                if (cJSON_IsString(x) && list_has(d, x->valuestring)) hit = true;
            if (!hit) continue;
        }
        int lv = (int)jget(r, "importance")->valuedouble;
        if (lv > best) best = lv;
    }
    return best;
}

/* One condition of controls.lua: "path" holds when its value is truthy; "path=text" when
   its value is the string `text`. */
static bool condition_holds(const char *cond, const cJSON *decl, const cJSON *base)
{
    char path[256];
    const char *eq = strchr(cond, '=');
    size_t n = eq ? (size_t)(eq - cond) : strlen(cond);
    if (n >= sizeof path) return false;
    memcpy(path, cond, n);
    path[n] = '\0';
    const cJSON *v = path[0] == '/' ? follow(decl, path + 1) : follow(base, path);
    if (!eq) return truthy(v);
    return cJSON_IsString(v) && strcmp(v->valuestring, eq + 1) == 0;
}

static bool conditions_hold(const rt_control *rule, const cJSON *decl, const cJSON *base)
{
    const cJSON *p;
    cJSON_ArrayForEach(p, rule->all)
        if (!condition_holds(p->valuestring, decl, base)) return false;
    if (rule->any) {
        cJSON_ArrayForEach(p, rule->any)
            if (condition_holds(p->valuestring, decl, base)) return true;
        return false;
    }
    return true;
}

/* Does controls.lua rule `rule` provide its countermeasure for asset `a`? */
static bool rule_provides(const rt_control *rule, const cJSON *decl, const asset_info *a)
{
    if (rule->kinds && !list_has(rule->kinds, a->kind)) return false;
    if (rule->except_kinds && list_has(rule->except_kinds, a->kind)) return false;
    if (rule->segments && !list_has(rule->segments, a->segment)) return false;
    const char *each = rule->each;
    if (!each) return conditions_hold(rule, decl, a->obj);
    const char *match = rule->match, *match_seg = rule->match_segment;
    const cJSON *arr = follow(decl, each + 1), *el;
    cJSON_ArrayForEach(el, arr) {
        bool refers = false;
        if (match) {
            const cJSON *f = jget(el, match);
            if (cJSON_IsString(f))
                refers = a->id && strcmp(f->valuestring, a->id) == 0;
            else if (cJSON_IsArray(f))
                refers = list_has(f, a->id) || list_has(f, a->kind);
        } else {
            const char *f = jstr(el, match_seg);
            refers = f && a->segment && strcmp(f, a->segment) == 0;
        }
        if (refers && conditions_hold(rule, decl, el)) return true;
    }
    return false;
}

static void read_assets(risk_ctx *c)
{
    const risk_tables *t = c->t;
    const cJSON *assets = jget(c->decl, "assets");
    int n = cJSON_IsArray(assets) ? cJSON_GetArraySize(assets) : 0;
    c->assets = calloc(n ? (size_t)n : 1, sizeof *c->assets);
    if (!c->assets) return;
    const cJSON *it;
    cJSON_ArrayForEach(it, assets) {
        asset_info *a = &c->assets[c->nassets++];
        a->obj = it;
        a->id = jstr(it, "id");
        a->name = jstr(it, "name");
        a->kind = jstr(it, "kind");
        a->segment = jstr(it, "segment");
        const cJSON *pl = jget(it, "placement");
        a->logical_name = jstr(pl, "logical");
        a->physical_name = jstr(pl, "physical");
        a->logical = level_of_name(logical_names, t->logical, a->logical_name, 3);
        a->physical = level_of_name(physical_names, t->physical, a->physical_name, 3);
        if (t->boundary_reachable && cJSON_IsTrue(jget(it, "internet_boundary")))
            a->logical = t->logical[0];
        const cJSON *imp = jget(it, "importance");
        if (cJSON_IsNumber(imp) &&
            (imp->valuedouble == 1 || imp->valuedouble == 2 || imp->valuedouble == 3)) {
            a->importance = (int)imp->valuedouble;
            a->importance_declared = true;
        } else {
            a->importance = derive_importance(t, a);
        }
        for (int r = 0; r < t->nctl; r++)
            if (rule_provides(&t->ctl[r], c->decl, a)) a->provided |= (cmset)1 << t->ctl[r].cm;
    }
    /* S001: a known unpatched vulnerability forces the vulnerability level. */
    const cJSON *vulns = jget(c->decl, "vulnerabilities"), *vu;
    int nv = cJSON_IsArray(vulns) ? cJSON_GetArraySize(vulns) : 0;
    c->vuln_asset = calloc(nv ? (size_t)nv : 1, sizeof *c->vuln_asset);
    if (!c->vuln_asset) {
        free(c->assets);
        c->assets = NULL;
        return;
    }
    cJSON_ArrayForEach(vu, vulns) {
        int k = find_asset(c, jstr(vu, "asset"));
        if (k >= 0 && cJSON_IsTrue(jget(vu, "patched"))) k = -1;
        if (k >= 0 && t->mitigation_lifts && cJSON_IsTrue(jget(jget(vu, "mitigation"), "applied")))
            k = -1;
        c->vuln_asset[c->nvulns++] = k;
        if (k >= 0) c->assets[k].unpatched = true;
    }
}

static int find_asset_by_name(const risk_ctx *c, const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < c->nassets; i++)
        if (c->assets[i].name && strcmp(c->assets[i].name, name) == 0) return i;
    return -1;
}

/* Mark in `hit` the assets whose id appears as a string anywhere in `x`; with by_name (attack
   trees) also those whose name appears; without it (finding subjects) also every asset of a
   kind that appears (contract scopes list asset ids or kinds). */
static bool mark_referenced(const risk_ctx *c, const cJSON *x, bool *hit, int depth, bool by_name)
{
    bool any = false;
    if (depth > 32 || !x) return false;
    if (cJSON_IsString(x)) {
        if (!by_name) { /* a finding's subject may name kinds (a contract's scope) */
            for (int i = 0; i < c->nassets; i++)
                if (c->assets[i].kind && strcmp(c->assets[i].kind, x->valuestring) == 0) {
                    hit[i] = true;
                    any = true;
                }
        }
        int k = find_asset(c, x->valuestring);
        if (k < 0 && by_name) k = find_asset_by_name(c, x->valuestring);
        if (k >= 0) {
            hit[k] = true;
            any = true;
        }
        return any;
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, x)
        if (mark_referenced(c, it, hit, depth + 1, by_name)) any = true;
    return any;
}

/* Which assets a failing finding at `ptr` concerns (interfaces.md §7): the asset the pointer
   is in, or the assets its subject names by id; otherwise all assets. Sets *direct when the
   finding names its assets (then passing would put the tied countermeasures in place). */
static void finding_concerns(const risk_ctx *c, const char *ptr, bool *hit, bool *direct)
{
    *direct = false;
    if (ptr && strncmp(ptr, "/assets/", 8) == 0 && isdigit((unsigned char)ptr[8])) {
        char *end;
        long i = strtol(ptr + 8, &end, 10);
        if ((*end == '\0' || *end == '/') && i >= 0 && i < c->nassets) {
            hit[i] = true;
            *direct = true;
            return;
        }
    }
    /* the subject, else its enclosing objects up to the top-level element (a finding at
     /contracts/0/patch_process/full_scope concerns what /contracts/0 names) */
    char buf[512];
    snprintf(buf, sizeof buf, "%s", ptr ? ptr : "");
    for (;;) {
        const cJSON *subject = resolve_pointer(c->decl, buf);
        if (subject && subject != c->decl && mark_referenced(c, subject, hit, 0, false)) {
            *direct = true;
            return;
        }
        char *slash = strrchr(buf, '/');
        if (!slash || slash == buf || !strchr(buf + 1, '/')) break;
        *slash = '\0';
        if (!strchr(buf + 1, '/')) break; /* stop above the top-level element */
    }
    for (int i = 0; i < c->nassets; i++) hit[i] = true;
}

/* The index of the vulnerability a pointer lies in (/vulnerabilities/N…), or -1. */
static int pointer_vulnerability(const risk_ctx *c, const char *ptr)
{
    static const char pre[] = "/vulnerabilities/";
    if (!ptr || strncmp(ptr, pre, sizeof pre - 1) != 0 ||
        !isdigit((unsigned char)ptr[sizeof pre - 1]))
        return -1;
    char *end;
    long i = strtol(ptr + sizeof pre - 1, &end, 10);
    return (*end == '\0' || *end == '/') && i < c->nvulns ? (int)i : -1;
}

static bool status_failing(const char *s)
{
    return s && (strcmp(s, "fail") == 0 || strcmp(s, "warn") == 0);
}

static bool read_policies(risk_ctx *c, const cJSON *policies)
{
    const risk_tables *t = c->t;
    int n = cJSON_IsArray(policies) ? cJSON_GetArraySize(policies) : 0;
    c->pol = calloc(n ? (size_t)n : 1, sizeof *c->pol);
    bool *hit = calloc(c->nassets ? (size_t)c->nassets : 1, sizeof *hit);
    if (!c->pol || !hit) {
        free(hit);
        return false;
    }
    const cJSON *p;
    cJSON_ArrayForEach(p, policies) {
        policy_info *pi = &c->pol[c->npol++];
        pi->id = jstr(p, "id");
        pi->level = jstr(p, "level");
        pi->status = jstr(p, "status");
        /* info policies classify; they pass no judgement a countermeasure could fail */
        pi->failing = status_failing(pi->status) && !(pi->level && strcmp(pi->level, "info") == 0);
        pi->mask = calloc(c->nassets ? (size_t)c->nassets : 1, sizeof *pi->mask);
        pi->add = calloc(c->nassets ? (size_t)c->nassets : 1, sizeof *pi->add);
        pi->lifts = calloc(c->nvulns ? (size_t)c->nvulns : 1, sizeof *pi->lifts);
        if (!pi->mask || !pi->add || !pi->lifts) {
            free(hit);
            return false;
        }
        if (!pi->failing) continue;
        /* the ties: "id" or { id = "…", kinds = {…} } */
        const cJSON *ties = jget(p, "countermeasures"), *tie;
        cJSON_ArrayForEach(tie, ties) {
            const char *cid = cJSON_IsString(tie) ? tie->valuestring : jstr(tie, "id");
            int k = cid ? find_cm(t, cid) : -1;
            if (k < 0) {
                warnf(c, "%s: unknown countermeasure '%s' in the policy's ties", nz(pi->id),
                      nz(cid));
                continue;
            }
            pi->tied |= (cmset)1 << k;
        }
        if (!pi->tied) continue;
        pi->candidate =
            pi->level && (!strcmp(pi->level, "required") || !strcmp(pi->level, "recommended"));
        const cJSON *findings = jget(p, "findings"), *f;
        bool any_failing = false;
        cJSON_ArrayForEach(f, findings) {
            if (!status_failing(jstr(f, "status"))) continue;
            any_failing = true;
            bool direct;
            memset(hit, 0, (size_t)c->nassets * sizeof *hit);
            finding_concerns(c, jstr(f, "pointer"), hit, &direct);
            cJSON_ArrayForEach(tie, ties) {
                const char *cid = cJSON_IsString(tie) ? tie->valuestring : jstr(tie, "id");
                int k = cid ? find_cm(t, cid) : -1;
                if (k < 0) continue;
                const cJSON *kinds = cJSON_IsObject(tie) ? jget(tie, "kinds") : NULL;
                for (int a = 0; a < c->nassets; a++) {
                    if (!hit[a] || (cJSON_IsArray(kinds) && !list_has(kinds, c->assets[a].kind)))
                        continue;
                    pi->mask[a] |= (cmset)1 << k;
                    if (direct) pi->add[a] |= (cmset)1 << k;
                }
                /* passing a patching policy that names an unpatched vulnerability patches it
           (or mitigates it, where rules.lua lets a mitigation lift the override) */
                int v = pointer_vulnerability(c, jstr(f, "pointer"));
                bool fixes = !strcmp(t->cms[k].id, "patching") ||
                             (t->mitigation_lifts && !strcmp(t->cms[k].id, "vuln_avoidance"));
                if (v >= 0 && fixes && c->vuln_asset[v] >= 0 &&
                    (!cJSON_IsArray(kinds) || list_has(kinds, c->assets[c->vuln_asset[v]].kind)))
                    pi->lifts[v] = true;
            }
        }
        if (!any_failing) { /* a failing policy without failing findings concerns every asset */
            cJSON_ArrayForEach(tie, ties) {
                const char *cid = cJSON_IsString(tie) ? tie->valuestring : jstr(tie, "id");
                int k = cid ? find_cm(t, cid) : -1;
                if (k < 0) continue;
                const cJSON *kinds = cJSON_IsObject(tie) ? jget(tie, "kinds") : NULL;
                for (int a = 0; a < c->nassets; a++)
                    if (!cJSON_IsArray(kinds) || list_has(kinds, c->assets[a].kind))
                        pi->mask[a] |= (cmset)1 << k;
            }
        }
    }
    free(hit);
    return true;
}

static bool threat_applies(const risk_tables *t, const rt_threat *th, const asset_info *a)
{
    if (th->physical && !t->include_physical) return false;
    if (th->kinds && !list_has(th->kinds, a->kind)) return false;
    if (th->segments && !list_has(th->segments, a->segment)) return false;
    if (th->except_data) {
        const cJSON *d;
        cJSON_ArrayForEach(d, jget(a->obj, "data"))
            if (cJSON_IsString(d) && list_has(th->except_data, d->valuestring)) return false;
    }
    if (th->placements && !list_has(th->placements, a->logical_name)) {
        bool boundary = cJSON_IsTrue(jget(a->obj, "internet_boundary"));
        if (!(th->boundary && boundary)) return false;
    }
    return true;
}

/* RA-02: the catalog level bounded by the placement on the threat's basis. */
static int threat_level_for(const rt_threat *th, const asset_info *a)
{
    int lv = th->level;
    if (th->basis == BASIS_LOGICAL && a->logical < lv) lv = a->logical;
    if (th->basis == BASIS_PHYSICAL && a->physical < lv) lv = a->physical;
    return lv;
}

static bool build_rows(risk_ctx *c)
{
    const risk_tables *t = c->t;
    size_t cap = (size_t)c->nassets * (size_t)t->nthreats;
    c->rows = calloc(cap ? cap : 1, sizeof *c->rows);
    if (!c->rows) return false;
    for (int a = 0; a < c->nassets; a++)
        for (int k = 0; k < t->nthreats; k++) {
            const rt_threat *th = &t->threats[k];
            if (!threat_applies(t, th, &c->assets[a])) continue;
            row_info *r = &c->rows[c->nrows++];
            r->asset = a;
            r->threat = k;
            r->threat_level = threat_level_for(th, &c->assets[a]);
            for (int s = 0; s < NSTAGES; s++) {
                r->cand_all |= th->stage[s];
                if (t->counted[s]) r->cand_counted |= th->stage[s];
            }
        }
    return true;
}

/* Index, per asset, the failing policies that invalidate countermeasures on it. */
static bool index_invalidations(risk_ctx *c)
{
    size_t na = c->nassets ? (size_t)c->nassets : 1, np = c->npol ? (size_t)c->npol : 1;
    c->fl = calloc(na * np, sizeof *c->fl);
    c->nfl = calloc(na, sizeof *c->nfl);
    c->inval_all = calloc(na, sizeof *c->inval_all);
    if (!c->fl || !c->nfl || !c->inval_all) return false;
    for (int a = 0; a < c->nassets; a++)
        for (int p = 0; p < c->npol; p++)
            if (c->pol[p].failing && c->pol[p].mask[a]) {
                c->fl[(size_t)a * np + (size_t)c->nfl[a]++] = p;
                c->inval_all[a] |= c->pol[p].mask[a];
            }
    return true;
}

/* Countermeasures invalidated on asset `a` by failing policies other than `skip`. */
static cmset invalid_on(const risk_ctx *c, int a, int skip)
{
    if (skip < 0) return c->inval_all[a];
    const int *fl = c->fl + (size_t)a * (size_t)(c->npol ? c->npol : 1);
    cmset m = 0;
    for (int i = 0; i < c->nfl[a]; i++)
        if (fl[i] != skip) m |= c->pol[fl[i]].mask[a];
    return m;
}

/* Effective countermeasures of asset `a` with policy `skip` (or -1) treated as passing. */
static cmset effective_on(const risk_ctx *c, int a, int skip)
{
    cmset have = c->assets[a].provided;
    if (skip >= 0) have |= c->pol[skip].add[a];
    return have & ~invalid_on(c, a, skip);
}

/* Does asset `a` keep a known unpatched vulnerability with policy `skip` (or -1) passing? */
static bool unpatched_on(const risk_ctx *c, int a, int skip)
{
    for (int v = 0; v < c->nvulns; v++)
        if (c->vuln_asset[v] == a && !(skip >= 0 && c->pol[skip].lifts[v])) return true;
    return false;
}

typedef struct {
    int count, cm_level, vuln, product;
    char risk;
    bool override;
} score;

static score score_row(const risk_ctx *c, const row_info *r, int skip)
{
    const risk_tables *t = c->t;
    score s;
    s.count = popcount64(effective_on(c, r->asset, skip) & r->cand_counted);
    s.cm_level = risk_countermeasure_level(t, s.count);
    s.vuln = risk_vulnerability_level(t, s.cm_level);
    s.override = t->unpatched_level && unpatched_on(c, r->asset, skip);
    if (s.override) s.vuln = t->unpatched_level;
    s.product = r->threat_level * s.vuln;
    s.risk = risk_matrix_value(t, s.product, c->assets[r->asset].importance);
    return s;
}

/* Countermeasures invalidated for a tree: failing policies (other than `skip`) concerning
   any asset the tree names, or any asset at all when it names none. */
static cmset tree_invalid(const risk_ctx *c, const tree_info *tr, int skip)
{
    cmset m = 0;
    for (int a = 0; a < c->nassets; a++)
        if (!tr->uses_any || tr->uses[a]) m |= invalid_on(c, a, skip);
    return m;
}

typedef struct {
    int level, vuln, product;
    char risk;
    bool override;
} tree_score;

static tree_score score_tree(const risk_ctx *c, const tree_info *tr, int skip, int *step_levels)
{
    const risk_tables *t = c->t;
    cmset inval = tree_invalid(c, tr, skip);
    for (int s = 0; s < tr->nsteps; s++)
        step_levels[s] = risk_countermeasure_level(t, popcount64(tr->step_counted[s] & ~inval));
    tree_score ts;
    ts.level = risk_tree_level(t, step_levels, tr->nsteps);
    ts.vuln = risk_vulnerability_level(t, ts.level);
    ts.override = false;
    for (int a = 0; a < c->nassets && t->unpatched_level; a++)
        if (tr->uses[a] && unpatched_on(c, a, skip)) ts.override = true;
    if (ts.override) ts.vuln = t->unpatched_level;
    ts.product = tr->threat_level * ts.vuln;
    ts.risk = risk_matrix_value(t, ts.product, t->damages[tr->damage].level);
    return ts;
}

/* Validate and read one attack tree (declaration or scenario file). */
static bool read_tree(risk_ctx *c, const cJSON *obj, const char *source, const char *ptr,
                      tree_info *tr, char *err, size_t errlen)
{
    const risk_tables *t = c->t;
    tr->obj = obj;
    tr->source = source;
    snprintf(tr->pointer, sizeof tr->pointer, "%s", ptr);
    if (!cJSON_IsObject(obj)) {
        seterr(err, errlen, "%s: an attack tree must be an object", ptr);
        return false;
    }
    const char *id = jstr(obj, "id");
    const char *p = id;
    bool ok = p && isdigit((unsigned char)*p);
    while (ok && isdigit((unsigned char)*p)) p++;
    ok = ok && *p++ == '-' && isdigit((unsigned char)*p);
    while (ok && isdigit((unsigned char)*p)) p++;
    if (!ok || *p) {
        seterr(
            err, errlen,
            L10N(
                "%s/id: 攻撃シナリオ番号は \"x-y\"（x = 最終的な被害、y = 攻撃の違い）の形式です: '%s'",
                "%s/id: scenario number must be \"x-y\" (x = final damage, y = variant), got '%s'"),
            ptr, nz(id));
        return false;
    }
    const char *dmg = jstr(obj, "damage"), *entry = jstr(obj, "entry");
    if ((tr->damage = dmg ? find_damage(t, dmg) : -1) < 0) {
        seterr(err, errlen,
               L10N("%s/damage: 不明な事業被害です: '%s'（lua/kyojin/risk/damages.lua を参照）",
                    "%s/damage: unknown business damage '%s' (see damages.lua)"),
               ptr, nz(dmg));
        return false;
    }
    if ((tr->entry = entry ? find_entry(t, entry) : -1) < 0) {
        seterr(
            err, errlen,
            L10N("%s/entry: 不明な侵入口です: '%s'（entry_points.lua の ATT&CK Initial Access）",
                 "%s/entry: unknown entry point '%s' (ATT&CK Initial Access of entry_points.lua)"),
            ptr, nz(entry));
        return false;
    }
    static const char *const texts[] = {"attacker", "route", "base", "target", "final_attack"};
    for (int i = 0; i < NELEM(texts); i++) {
        const cJSON *x = jget(obj, texts[i]);
        if (x && !cJSON_IsString(x)) {
            seterr(err, errlen,
                   L10N("%s/%s: 文字列でなければなりません", "%s/%s: must be a string"), ptr,
                   texts[i]);
            return false;
        }
    }
    const cJSON *via = jget(obj, "via"), *x;
    if (via && !cJSON_IsArray(via)) {
        seterr(
            err, errlen,
            L10N("%s/via: 文字列の配列でなければなりません", "%s/via: must be a list of strings"),
            ptr);
        return false;
    }
    tr->uses = calloc(c->nassets ? (size_t)c->nassets : 1, sizeof *tr->uses);
    const cJSON *steps = jget(obj, "steps");
    int n = cJSON_IsArray(steps) ? cJSON_GetArraySize(steps) : 0;
    tr->step_cms = calloc(n ? (size_t)n : 1, sizeof *tr->step_cms);
    tr->step_counted = calloc(n ? (size_t)n : 1, sizeof *tr->step_counted);
    if (!tr->uses || !tr->step_cms || !tr->step_counted) {
        seterr(err, errlen, "out of memory");
        return false;
    }
    int i = 0;
    cJSON_ArrayForEach(x, via) {
        if (!cJSON_IsString(x)) {
            seterr(err, errlen,
                   L10N("%s/via/%d: 文字列でなければなりません", "%s/via/%d: must be a string"),
                   ptr, i);
            return false;
        }
        i++;
    }
    if (n < 1) {
        seterr(err, errlen,
               L10N("%s/steps: 攻撃ツリーには攻撃ステップが 1 つ以上必要です",
                    "%s/steps: an attack tree needs at least one step"),
               ptr);
        return false;
    }
    /* the assets the tree names, and its threat level (RA-02 on the target, RA-06) */
    mark_referenced(c, via, tr->uses, 0, true);
    mark_referenced(c, jget(obj, "base"), tr->uses, 0, true);
    mark_referenced(c, jget(obj, "target"), tr->uses, 0, true);
    for (int a = 0; a < c->nassets; a++)
        if (tr->uses[a]) tr->uses_any = true;
    tr->threat_level = t->entries[tr->entry].threat_level;
    tr->target_asset = find_asset(c, jstr(obj, "target"));
    if (tr->target_asset < 0) tr->target_asset = find_asset_by_name(c, jstr(obj, "target"));
    if (tr->target_asset >= 0) {
        int lv = c->assets[tr->target_asset].logical;
        if (lv < t->tree_target_floor) lv = t->tree_target_floor;
        if (lv < tr->threat_level) tr->threat_level = lv;
    }
    const cJSON *st;
    int si = 0;
    cJSON_ArrayForEach(st, steps) {
        if (!cJSON_IsObject(st) || !jstr(st, "name")) {
            seterr(err, errlen,
                   L10N("%s/steps/%d: 攻撃ステップには name と countermeasures が必要です",
                        "%s/steps/%d: a step needs a name and countermeasures"),
                   ptr, si);
            return false;
        }
        const cJSON *cms = jget(st, "countermeasures"), *cm;
        if (cms && !cJSON_IsArray(cms)) {
            seterr(err, errlen,
                   L10N("%s/steps/%d/countermeasures: 対策 ID の配列でなければなりません",
                        "%s/steps/%d/countermeasures: must be a list of countermeasure ids"),
                   ptr, si);
            return false;
        }
        int ci = 0;
        cJSON_ArrayForEach(cm, cms) {
            const char *cid = cJSON_IsString(cm) ? cm->valuestring : jstr(cm, "id");
            int k = cid ? find_cm(t, cid) : -1;
            if (k < 0) {
                seterr(
                    err, errlen,
                    L10N(
                        "%s/steps/%d/countermeasures/%d: 不明な対策です: '%s'（countermeasures.lua を参照）",
                        "%s/steps/%d/countermeasures/%d: unknown countermeasure '%s' (see countermeasures.lua)"),
                    ptr, si, ci, nz(cid));
                return false;
            }
            int stage = t->cms[k].category;
            const char *sn = cJSON_IsObject(cm) ? jstr(cm, "stage") : NULL;
            if (sn && (stage = stage_index(sn)) < 0) {
                seterr(
                    err, errlen,
                    L10N(
                        "%s/steps/%d/countermeasures/%d/stage: intrusion・objective・detection・continuity のいずれかです",
                        "%s/steps/%d/countermeasures/%d/stage: must be intrusion, objective, detection or continuity"),
                    ptr, si, ci);
                return false;
            }
            tr->step_cms[si] |= (cmset)1 << k;
            if (t->counted[stage]) tr->step_counted[si] |= (cmset)1 << k;
            ci++;
        }
        si++;
    }
    tr->nsteps = si;
    return true;
}

/* ------------------------------------------------------------------------------------ */
/* Building the risk section                                                            */

/* Members of the risk section are added under constant keys (add_cs, add_str, …: cjson_cs.h). */

static cJSON *names_json(const char *ja, const char *en)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "ja", ja);
    add_str(o, "en", en);
    return o;
}

static cJSON *string_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *risk_string(char r)
{
    char s[2] = {r, '\0'};
    return r ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *matrix_json(const risk_tables *t)
{
    cJSON *m = cJSON_CreateObject();
    add_str(m, "id", t->matrix_id);
    add_cs(m, "name", cJSON_Duplicate(t->matrix_name, 1));
    add_cs(m, "rows", cJSON_CreateIntArray(t->rows, t->nrows));
    add_cs(m, "columns", cJSON_CreateIntArray(t->cols, t->ncols));
    cJSON *cells = add_arr(m, "cells");
    for (int r = 0; r < t->nrows; r++) {
        cJSON *row = cJSON_CreateArray();
        for (int k = 0; k < t->ncols; k++) cJSON_AddItemToArray(row, risk_string(t->cells[r][k]));
        cJSON_AddItemToArray(cells, row);
    }
    return m;
}

static cJSON *rules_json(const risk_tables *t)
{
    cJSON *r = cJSON_CreateObject();
    cJSON *cs = add_arr(r, "counted_stages");
    for (int s = 0; s < NSTAGES; s++)
        if (t->counted[s]) cJSON_AddItemToArray(cs, cJSON_CreateString(stage_names[s]));
    add_str(r, "tree_level", t->tree_max ? "max" : "min");
    add_num(r, "unpatched_vulnerability_level", t->unpatched_level);
    add_bool(r, "include_physical_threats", t->include_physical);
    add_num(r, "safe_product", t->safe_product);
    add_num(r, "tree_target_floor", t->tree_target_floor);
    return r;
}

/* Policies (failing, not `skip`) that invalidate countermeasure k on the assets in `on`
   (NULL = asset `a` only). */
static cJSON *invalidated_by(const risk_ctx *c, int k, int a, const tree_info *tr)
{
    cJSON *arr = cJSON_CreateArray();
    if (!tr) { /* asset `a` only: its failing policies, in policy order */
        const int *fl = c->fl + (size_t)a * (size_t)(c->npol ? c->npol : 1);
        for (int i = 0; i < c->nfl[a]; i++)
            if (c->pol[fl[i]].mask[a] >> k & 1)
                cJSON_AddItemToArray(arr, cJSON_CreateString(nz(c->pol[fl[i]].id)));
        return arr;
    }
    for (int p = 0; p < c->npol; p++) {
        if (!c->pol[p].failing) continue;
        bool hit = false;
        if (tr) {
            for (int x = 0; x < c->nassets && !hit; x++)
                if ((!tr->uses_any || tr->uses[x]) && (c->pol[p].mask[x] >> k & 1)) hit = true;
        } else {
            hit = c->pol[p].mask[a] >> k & 1;
        }
        if (hit) cJSON_AddItemToArray(arr, cJSON_CreateString(nz(c->pol[p].id)));
    }
    return arr;
}

static cJSON *row_json(const risk_ctx *c, int no, const row_info *r, score s)
{
    const risk_tables *t = c->t;
    const asset_info *a = &c->assets[r->asset];
    const rt_threat *th = &t->threats[r->threat];
    cJSON *o = cJSON_CreateObject();
    char ptr[32];
    snprintf(ptr, sizeof ptr, "/assets/%d", r->asset);
    add_num(o, "no", no);
    add_cs(o, "asset", string_or_null(a->id));
    add_cs(o, "asset_name", string_or_null(a->name));
    add_cs(o, "asset_kind", string_or_null(a->kind));
    add_cs(o, "segment", string_or_null(a->segment));
    add_str(o, "pointer", ptr);
    add_str(o, "threat", th->id);
    add_cs(o, "threat_name", names_json(th->ja, th->en));
    add_num(o, "threat_level", r->threat_level);
    add_num(o, "importance", a->importance);
    add_str(o, "importance_source", a->importance_declared ? "declared" : "derived");
    cJSON *cms = add_arr(o, "countermeasures");
    cJSON *missing = add_arr(o, "missing");
    cmset eff = effective_on(c, r->asset, -1);
    for (int k = 0; k < t->ncms; k++) {
        cmset bit = (cmset)1 << k;
        if (!(r->cand_all & bit)) continue;
        if (!(a->provided & bit)) {
            cJSON_AddItemToArray(missing, cJSON_CreateString(t->cms[k].id));
            continue;
        }
        cJSON *e = cJSON_CreateObject();
        add_str(e, "id", t->cms[k].id);
        add_cs(e, "name", names_json(t->cms[k].ja, t->cms[k].en));
        cJSON *stages = add_arr(e, "stages");
        for (int st = 0; st < NSTAGES; st++)
            if (th->stage[st] & bit)
                cJSON_AddItemToArray(stages, cJSON_CreateString(stage_names[st]));
        add_bool(e, "counted", (r->cand_counted & bit) != 0);
        add_bool(e, "effective", (eff & bit) != 0);
        add_cs(e, "invalidated_by", invalidated_by(c, k, r->asset, NULL));
        cJSON_AddItemToArray(cms, e);
    }
    add_num(o, "effective_count", s.count);
    add_num(o, "countermeasure_level", s.cm_level);
    add_num(o, "vulnerability_level", s.vuln);
    add_num(o, "threat_x_vulnerability", s.product);
    add_cs(o, "risk_value", risk_string(s.risk));
    add_bool(o, "countermeasures_work", s.product <= t->safe_product);
    add_bool(o, "unpatched_override", s.override);
    if (s.override) {
        cJSON *cves = add_arr(o, "unpatched");
        const cJSON *vulns = jget(c->decl, "vulnerabilities");
        for (int v = 0; v < c->nvulns; v++)
            if (c->vuln_asset[v] == r->asset)
                cJSON_AddItemToArray(cves,
                                     string_or_null(jstr(cJSON_GetArrayItem(vulns, v), "cve")));
    }
    return o;
}

static cJSON *tree_json(const risk_ctx *c, int no, const tree_info *tr, tree_score ts,
                        const int *step_levels)
{
    const risk_tables *t = c->t;
    const cJSON *obj = tr->obj;
    const rt_damage *d = &t->damages[tr->damage];
    const rt_entry *e = &t->entries[tr->entry];
    cJSON *o = cJSON_CreateObject();
    add_num(o, "no", no);
    add_str(o, "scenario", jstr(obj, "id"));
    add_str(o, "source", tr->source);
    add_str(o, "pointer", tr->pointer);
    add_cs(o, "attacker", string_or_null(jstr(obj, "attacker")));
    add_cs(o, "route", string_or_null(jstr(obj, "route")));
    add_str(o, "entry", e->id);
    add_cs(o, "entry_name", names_json(e->ja, e->en));
    const cJSON *via = jget(obj, "via");
    add_cs(o, "via", via ? cJSON_Duplicate(via, 1) : cJSON_CreateArray());
    add_cs(o, "base", string_or_null(jstr(obj, "base")));
    add_cs(o, "target", string_or_null(jstr(obj, "target")));
    add_cs(o, "final_attack", string_or_null(jstr(obj, "final_attack")));
    add_str(o, "damage", d->id);
    add_str(o, "damage_label", d->label);
    add_cs(o, "damage_name", names_json(d->ja, d->en));
    add_num(o, "damage_level", d->level);
    add_num(o, "threat_level", tr->threat_level);
    cmset inval = tree_invalid(c, tr, -1);
    cJSON *steps = add_arr(o, "steps");
    const cJSON *st;
    int si = 0;
    cJSON_ArrayForEach(st, jget(obj, "steps")) {
        cJSON *so = cJSON_CreateObject();
        add_num(so, "no", si + 1);
        add_str(so, "name", jstr(st, "name"));
        cJSON *cms = add_arr(so, "countermeasures");
        const cJSON *cm;
        cJSON_ArrayForEach(cm, jget(st, "countermeasures")) {
            const char *cid = cJSON_IsString(cm) ? cm->valuestring : jstr(cm, "id");
            int k = find_cm(t, cid);
            const char *sn = cJSON_IsObject(cm) ? jstr(cm, "stage") : NULL;
            int stage = sn ? stage_index(sn) : t->cms[k].category;
            cJSON *ce = cJSON_CreateObject();
            add_str(ce, "id", t->cms[k].id);
            add_cs(ce, "name", names_json(t->cms[k].ja, t->cms[k].en));
            add_str(ce, "stage", stage_names[stage]);
            add_bool(ce, "counted", t->counted[stage]);
            add_bool(ce, "effective", !(inval >> k & 1));
            add_cs(ce, "invalidated_by", invalidated_by(c, k, -1, tr));
            cJSON_AddItemToArray(cms, ce);
        }
        add_num(so, "effective_count", popcount64(tr->step_counted[si] & ~inval));
        add_num(so, "countermeasure_level", step_levels[si]);
        cJSON_AddItemToArray(steps, so);
        si++;
    }
    add_num(o, "countermeasure_level", ts.level);
    add_num(o, "vulnerability_level", ts.vuln);
    add_num(o, "threat_x_vulnerability", ts.product);
    add_cs(o, "risk_value", risk_string(ts.risk));
    add_bool(o, "countermeasures_work", ts.product <= t->safe_product);
    add_bool(o, "unpatched_override", ts.override);
    return o;
}

static cJSON *counts_json(const char *values, int n)
{
    int cnt[5] = {0};
    for (int i = 0; i < n; i++)
        if (values[i] >= 'A' && values[i] <= 'E') cnt[values[i] - 'A']++;
    cJSON *o = cJSON_CreateObject();
    for (int i = 0; i < 5; i++) {
        char k[2] = {(char)('A' + i), '\0'};
        cJSON_AddNumberToObject(o, k, cnt[i]);
    }
    return o;
}

typedef struct {
    int pol, score, required;
} delta_entry;

static int delta_cmp(const void *pa, const void *pb)
{
    const delta_entry *a = pa, *b = pb;
    if (a->score != b->score) return b->score - a->score;
    if (a->required != b->required) return b->required - a->required;
    return a->pol - b->pol; /* policies arrive sorted by id (interfaces.md §5) */
}

static void free_ctx(risk_ctx *c)
{
    for (int p = 0; p < c->npol; p++) {
        free(c->pol[p].mask);
        free(c->pol[p].add);
        free(c->pol[p].lifts);
    }
    for (int i = 0; i < c->ntrees; i++) {
        free(c->trees[i].uses);
        free(c->trees[i].step_cms);
        free(c->trees[i].step_counted);
    }
    free(c->assets);
    free(c->vuln_asset);
    free(c->pol);
    free(c->rows);
    free(c->trees);
    free(c->fl);
    free(c->nfl);
    free(c->inval_all);
    cJSON_Delete(c->warnings);
}

cJSON *risk_compute(const risk_tables *t, const cJSON *decl, const cJSON *policies,
                    const cJSON *scenarios, char *err, size_t errlen)
{
    risk_ctx c;
    memset(&c, 0, sizeof c);
    c.t = t;
    c.decl = decl;
    c.warnings = cJSON_CreateArray();
    cJSON *out = NULL;
    char *base = NULL, *alt = NULL;
    int *levels = NULL;
    delta_entry *de = NULL;
    if (!t || !cJSON_IsObject(decl)) {
        seterr(err, errlen, "risk: the declaration must be a JSON object");
        goto done;
    }
    if (policies && !cJSON_IsArray(policies)) {
        seterr(err, errlen, "risk: the policy results must be an array");
        goto done;
    }
    /* a scenario file is { "attack_trees": [ … ] } (the declaration's shape) or a bare array */
    const char *scen_prefix = L10N("シナリオファイル ", "scenario file ");
    if (cJSON_IsObject(scenarios)) {
        scenarios = jget(scenarios, "attack_trees");
        scen_prefix = L10N("シナリオファイル /attack_trees", "scenario file /attack_trees");
    }
    if (scenarios && !cJSON_IsArray(scenarios)) {
        seterr(err, errlen,
               L10N("シナリオファイル: { \"attack_trees\": [ … ] } の形式でなければなりません",
                    "scenario file: must be { \"attack_trees\": [ … ] }"));
        goto done;
    }
    read_assets(&c);
    if (!c.assets || !read_policies(&c, policies) || !index_invalidations(&c) || !build_rows(&c)) {
        seterr(err, errlen, "risk: out of memory");
        goto done;
    }
    /* attack trees: the declaration's, then the scenario file's */
    const cJSON *dtrees = jget(decl, "attack_trees");
    if (dtrees && !cJSON_IsArray(dtrees)) {
        seterr(err, errlen,
               L10N("/attack_trees: 配列でなければなりません", "/attack_trees: must be an array"));
        goto done;
    }
    int ntr = cJSON_GetArraySize(dtrees) + (scenarios ? cJSON_GetArraySize(scenarios) : 0);
    c.trees = calloc(ntr ? (size_t)ntr : 1, sizeof *c.trees);
    if (!c.trees) {
        seterr(err, errlen, "risk: out of memory");
        goto done;
    }
    int maxsteps = 1;
    for (int pass = 0; pass < 2; pass++) {
        const cJSON *list = pass ? scenarios : dtrees, *it;
        int i = 0;
        cJSON_ArrayForEach(it, list) {
            char ptr[64];
            if (pass)
                snprintf(ptr, sizeof ptr, "%s/%d", scen_prefix, i++);
            else
                snprintf(ptr, sizeof ptr, "/attack_trees/%d", i++);
            tree_info *tr = &c.trees[c.ntrees++];
            if (!read_tree(&c, it, pass ? "scenarios" : "declaration", ptr, tr, err, errlen))
                goto done;
            if (tr->nsteps > maxsteps) maxsteps = tr->nsteps;
        }
    }
    int nall = c.nrows + c.ntrees;
    base = calloc((size_t)nall + 1, 1);
    alt = calloc((size_t)nall + 1, 1);
    levels = calloc((size_t)maxsteps, sizeof *levels);
    de = calloc(c.npol ? (size_t)c.npol : 1, sizeof *de);
    if (!base || !alt || !levels || !de) {
        seterr(err, errlen, "risk: out of memory");
        goto done;
    }

    out = cJSON_CreateObject();
    add_cs(out, "matrix", matrix_json(t));
    add_cs(out, "rules", rules_json(t));
    cJSON *rows = add_arr(out, "asset_rows");
    for (int i = 0; i < c.nrows; i++) {
        score s = score_row(&c, &c.rows[i], -1);
        base[i] = s.risk;
        cJSON_AddItemToArray(rows, row_json(&c, i + 1, &c.rows[i], s));
    }
    cJSON *trees = add_arr(out, "attack_trees");
    for (int i = 0; i < c.ntrees; i++) {
        tree_score ts = score_tree(&c, &c.trees[i], -1, levels);
        base[c.nrows + i] = ts.risk;
        cJSON_AddItemToArray(trees, tree_json(&c, i + 1, &c.trees[i], ts, levels));
    }
    add_cs(out, "counts", counts_json(base, c.nrows));
    add_cs(out, "tree_counts", counts_json(base + c.nrows, c.ntrees));

    /* Delta: each failing policy treated as passing, one at a time. Score = sum of the drops
     in risk grade (A=5 … E=1) over asset rows and attack trees. */
    int nde = 0;
    for (int p = 0; p < c.npol; p++) {
        if (!c.pol[p].candidate) continue;
        int sc = 0;
        for (int i = 0; i < c.nrows; i++) {
            alt[i] = score_row(&c, &c.rows[i], p).risk;
            sc += grade_of(base[i]) - grade_of(alt[i]);
        }
        for (int i = 0; i < c.ntrees; i++) {
            alt[c.nrows + i] = score_tree(&c, &c.trees[i], p, levels).risk;
            sc += grade_of(base[c.nrows + i]) - grade_of(alt[c.nrows + i]);
        }
        de[nde].pol = p;
        de[nde].score = sc;
        de[nde].required = c.pol[p].level && !strcmp(c.pol[p].level, "required");
        nde++;
    }
    qsort(de, (size_t)nde, sizeof *de, delta_cmp);
    cJSON *delta = add_arr(out, "delta");
    for (int d = 0; d < nde; d++) {
        const policy_info *pi = &c.pol[de[d].pol];
        cJSON *o = cJSON_CreateObject();
        add_cs(o, "policy", string_or_null(pi->id));
        add_cs(o, "level", string_or_null(pi->level));
        add_cs(o, "status", string_or_null(pi->status));
        add_num(o, "rank", d + 1);
        add_num(o, "score", de[d].score);
        cJSON *ties = add_arr(o, "countermeasures");
        for (int k = 0; k < t->ncms; k++)
            if (pi->tied >> k & 1) cJSON_AddItemToArray(ties, cJSON_CreateString(t->cms[k].id));
        cJSON *imp = add_arr(o, "improvements");
        for (int i = 0; i < c.nrows; i++) {
            char to = score_row(&c, &c.rows[i], de[d].pol).risk;
            if (grade_of(to) >= grade_of(base[i])) continue;
            const asset_info *a = &c.assets[c.rows[i].asset];
            cJSON *e = cJSON_CreateObject();
            add_num(e, "no", i + 1);
            add_cs(e, "asset", string_or_null(a->id));
            add_cs(e, "asset_name", string_or_null(a->name));
            add_str(e, "threat", t->threats[c.rows[i].threat].id);
            add_cs(e, "threat_name",
                   names_json(t->threats[c.rows[i].threat].ja, t->threats[c.rows[i].threat].en));
            add_cs(e, "from", risk_string(base[i]));
            add_cs(e, "to", risk_string(to));
            cJSON_AddItemToArray(imp, e);
        }
        for (int i = 0; i < c.ntrees; i++) {
            char to = score_tree(&c, &c.trees[i], de[d].pol, levels).risk;
            if (grade_of(to) >= grade_of(base[c.nrows + i])) continue;
            cJSON *e = cJSON_CreateObject();
            add_num(e, "tree", i + 1);
            add_str(e, "scenario", jstr(c.trees[i].obj, "id"));
            add_cs(e, "from", risk_string(base[c.nrows + i]));
            add_cs(e, "to", risk_string(to));
            cJSON_AddItemToArray(imp, e);
        }
        cJSON_AddItemToArray(delta, o);
    }
    add_cs(out, "warnings", c.warnings);
    c.warnings = NULL;
done:
    free(base);
    free(alt);
    free(levels);
    free(de);
    free_ctx(&c);
    return out;
}
