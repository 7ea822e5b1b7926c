/* runner.c — the policy set and the evaluation of one declaration.
 *
 * Owns: finding policy files, compiling them once, validating their metadata (through the
 * trusted DSL module lua/kyojin/dsl.lua), parameters, applicability, running each check in a
 * fresh environment under the sandbox limits, the result API (`result:fail` …), the selection
 * of --only/--skip, waivers (the declaration's and a --waivers file's), and the declaration
 * result document (interfaces.md §5).
 * Does not own: the limits themselves (sandbox.c), the declaration view (luaconv.c), report
 * formats (report*.c), risk scoring (risk.c).
 *
 * Each declaration re-runs every policy chunk (compiled once) in a new environment, so no
 * state survives from one declaration to the next or passes between policies; helpers in
 * lua/kyojin/helpers/ are re-run the same way and offered frozen as `kyojin`.
 */
#define _POSIX_C_SOURCE 200809L
#include "engine/runner.h"
#include "engine/bundle.h"
#include "input/fastval.h"
#include "util/fileio.h"
#include "util/cjson_cs.h"
#include "input/luaconv.h"
#include "util/sha256.h"
#include "util/dirlist.h"
#include "util/strutil.h"
#include "util/utf8.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char CURRENT_COLLECT = 0; /* registry: light userdata → collect being filled */
static const char CURRENT_SPEC = 0;    /* registry: the table passed to policy{} */
static const char RESULT_OBJECT = 0;   /* registry: the frozen result object (made once) */
static const char PARAMS_CACHE = 0;    /* registry: policy index + 1 → its frozen parameters */

static int repair_tree(cJSON *item);

typedef struct {
    char *name;
    int type; /* 0 number, 1 string, 2 boolean */
    cJSON *value;
} param;

typedef struct {
    char *relname;
    int chunk_ref;
    char *id;
    char *level;
    cJSON *meta;
    param *params;
    size_t nparams;
    int has_applies;
    int meta_repaired; /* its metadata held text that was not UTF-8 (repair_tree) */
    int deselected;    /* left out by runner_select (--only, --skip) */
} policy;

/* Free what a policy entry owns and zero it (its chunk reference stays with the caller). */
static void policy_clear(policy *p)
{
    cJSON_Delete(p->meta);
    free(p->relname);
    free(p->id);
    free(p->level);
    for (size_t k = 0; k < p->nparams; k++) {
        free(p->params[k].name);
        cJSON_Delete(p->params[k].value);
    }
    free(p->params);
    memset(p, 0, sizeof *p);
}

typedef struct {
    int status;
    char *ptr;
    char *ja, *en;
    int evidence; /* 0 none, 1 declared, 2 evidenced */
    cJSON *classification;
} finding;

typedef struct {
    finding *f;
    size_t n, cap;
    int na;
    char *na_ja, *na_en;
    int overflow;
} collect;

struct runner {
    sandbox *sb;
    int en; /* runner_opts.lang is "en": parameter messages in English */
    policy *p;
    size_t np;
    char **errors;
    size_t nerr;
    char sha[65];
    int *helper_refs;
    char **helper_names;
    size_t nhelpers;
    int validate_ref;         /* validate function, or LUA_NOREF */
    int validate_waivers_ref; /* validate_waivers function, or LUA_NOREF */
    cJSON *waivers;           /* runner_set_waivers: the waivers file's array, or NULL */
    char *waivers_file;       /* its name as shown */
    fastval *fv;              /* C fast path of validation (fastval.h), or NULL: Lua only */
    int dsl_ref;
    char *policies_dir;
    char *lua_dir;
    int validate;
    const char *eval_only;   /* evaluate only this policy (host.evaluate), or NULL */
    runner_policy_hook hook; /* watchdog: progress and skipping (runner_set_policy_hook) */
    void *hook_ud;
    int profile;           /* KYOJIN_PROFILE set: per-policy cost on stderr */
    const bundle *bundle;  /* the build's precompiled chunks (bundle.h), or NULL */
    unsigned long tree_of; /* serial of the declaration whose raw tree is cached in tree_ref */
    int tree_ref;          /* registry ref of that raw tree, or LUA_NOREF */
    cJSON *edition;        /* the pack's edition.lua as data (runner_edition), or NULL */
};

void runner_set_policy_hook(runner *r, runner_policy_hook fn, void *ud)
{
    r->hook = fn;
    r->hook_ud = ud;
}

/* cJSON_AddItemTo* do not take the item when they fail (the key copy cannot be allocated,
 * or the container is NULL): free it then, so an allocation failure leaks nothing. */
static void add_item(cJSON *o, const char *k, cJSON *item)
{
    if (item && !cJSON_AddItemToObject(o, k, item)) cJSON_Delete(item);
}
static void add_elem(cJSON *a, cJSON *item)
{
    if (item && !cJSON_AddItemToArray(a, item)) cJSON_Delete(item);
}

/* add_cs, add_str, …: members under constant keys (cjson_cs.h) */

#define MAX_FINDINGS 10000
#define MAX_MESSAGE  4000

const char *status_name(policy_status s)
{
    static const char *const n[] = {"pass",  "fail",   "warn", "not_applicable",
                                    "error", "waived", "info"};
    return n[s];
}

static void add_error(runner *r, const char *fmt1, const char *msg)
{
    char **ne = realloc(r->errors, (r->nerr + 2) * sizeof *ne);
    if (!ne) return;
    r->errors = ne;
    size_t n = strlen(fmt1) + strlen(msg) + 4;
    char *s = malloc(n);
    if (s) snprintf(s, n, "%s: %s", fmt1, msg);
    r->errors[r->nerr++] = s;
    r->errors[r->nerr] = NULL;
}

const char *const *runner_load_errors(const runner *r)
{
    static const char *const none[] = {NULL};
    return r->nerr ? (const char *const *)r->errors : none;
}

sandbox *runner_sandbox(runner *r)
{
    return r->sb;
}

/* ------------------------------------------------------------------ files */

/* Which Lua sources dirlist_walk keeps. With `policies`, the rules of a policy directory: no
 * fixtures/ directories, no *_test.lua, no catalog.lua or edition.lua at the top (depth 0: data
 * of the pack, not policies). `top` is the
 * depth of the directory walked (1 for lua/kyojin/helpers: a catalog.lua there is a helper);
 * nothing deeper than depth 8 is read. tools/mkbundle.c and audit/verify.c list the sources
 * through runner_list_sources, so the three agree. */
typedef struct {
    int policies, top;
} lua_rule;

static int lua_source(const char *name, int depth, int is_dir, void *ctx)
{
    const lua_rule *r = ctx;
    depth += r->top;
    if (is_dir) return depth < DIRLIST_MAX_DEPTH && !(r->policies && strcmp(name, "fixtures") == 0);
    return str_ends_with(name, ".lua") &&
           !(r->policies && (str_ends_with(name, "_test.lua") ||
                             (depth == 0 && (strcmp(name, "catalog.lua") == 0 ||
                                             strcmp(name, EDITION_FILE) == 0))));
}

/* The sorted relative paths of the Lua sources under base (a policy directory with
 * `policies`), into *out. When memory runs out the list is shorter; callers check what they
 * need from it. */
static void list_lua(const char *base, int policies, int top, strvec *out)
{
    lua_rule rule = {policies, top};
    dirlist_walk(base, lua_source, &rule, out);
}

size_t runner_list_sources(const char *base, int policies, char ***out)
{
    strvec l = {0};
    list_lua(base, policies, 0, &l);
    *out = l.v;
    return l.n;
}

void runner_free_list(char **v, size_t n)
{
    strvec l = {v, n, n};
    strvec_free(&l);
}

/* ------------------------------------------------------------------ the pack's edition */

/* Is s 1..max bytes of UTF-8 without control characters? */
static int edition_text(const cJSON *s, size_t max)
{
    if (!cJSON_IsString(s)) return 0;
    size_t n = strlen(s->valuestring);
    if (!n || n > max || !utf8_valid(s->valuestring, n)) return 0;
    for (const unsigned char *p = (const unsigned char *)s->valuestring; *p; p++)
        if (*p < 0x20 || *p == 0x7f) return 0;
    return 1;
}

/* A real calendar date written YYYY-MM-DD. */
static int edition_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 || m > 12 || d < 1)
        return 0;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Why the edition table e is ill-formed, or NULL: exactly { edition, date, title = { ja, en } };
 * edition 1..40 of [0-9A-Za-z._-], date YYYY-MM-DD, titles 1..300 bytes of text. */
static const char *edition_problem(const cJSON *e)
{
    if (!cJSON_IsObject(e)) return "must return a table { edition, date, title = { ja, en } }";
    const cJSON *it;
    cJSON_ArrayForEach(it, e)
        if (strcmp(it->string, "edition") && strcmp(it->string, "date") &&
            strcmp(it->string, "title"))
            return "unknown member (only "
                   "edition, date and title)";
    const cJSON *ed = cJSON_GetObjectItemCaseSensitive(e, "edition");
    if (!edition_text(ed, 40) ||
        strspn(ed->valuestring, "0123456789abcdefghijklmnopqrstuvwxyz"
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZ._-") != strlen(ed->valuestring))
        return "edition must be 1 to 40 letters, digits, '.', '_' or '-' (e.g. \"2026.1\")";
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(e, "date");
    if (!cJSON_IsString(date) || !edition_date(date->valuestring))
        return "date must be a date written YYYY-MM-DD";
    const cJSON *title = cJSON_GetObjectItemCaseSensitive(e, "title");
    if (!cJSON_IsObject(title) || cJSON_GetArraySize(title) != 2 ||
        !edition_text(cJSON_GetObjectItemCaseSensitive(title, "ja"), 300) ||
        !edition_text(cJSON_GetObjectItemCaseSensitive(title, "en"), 300))
        return "title must be { ja = \"...\", en = \"...\" } (1 to 300 bytes each, no control "
               "characters)";
    return NULL;
}

/* The pack's edition.lua (policies/edition.lua, or the bundle's when the policy set is the
 * bundle's): a chunk returning plain data, run with an empty environment under the sandbox's
 * limits and checked (edition_problem). Absent: no edition (runner_edition gives NULL); present
 * but unreadable or ill-formed: a load error, as for a policy. */
static void load_edition(runner *r, int pol_bundled)
{
    char path[8192], msg[1024];
    snprintf(path, sizeof path, "%s/%s", r->policies_dir, EDITION_FILE);
    size_t len = 0;
    char *text = NULL;
    if (pol_bundled) {
        if (!r->bundle->edition) return;
        text = bundle_text_copy(r->bundle->edition, &len);
    } else {
        struct stat st;
        if (lstat(path, &st) != 0) return;
        text = fileio_read(path, (size_t)1 << 20, &len);
    }
    if (!text) {
        add_error(r, path, "cannot read the file");
        return;
    }
    lua_State *L = sandbox_state(r->sb);
    char chunk[8300];
    snprintf(chunk, sizeof chunk, "@%s", path);
    int rc = sandbox_load_cached(r->sb, text, len, chunk, NULL, msg, sizeof msg);
    free(text);
    if (rc) {
        add_error(r, path, msg);
        return;
    }
    lua_newtable(L); /* data only: no globals at all */
    lua_setupvalue(L, -2, 1);
    if (sandbox_call(r->sb, 0, 1, EDITION_FILE, msg, sizeof msg) != SANDBOX_OK) {
        add_error(r, path, msg);
        return;
    }
    cJSON *e = lua_istable(L, -1) ? luaconv_to_json(L, -1, msg, sizeof msg) : NULL;
    if (!lua_istable(L, -1)) snprintf(msg, sizeof msg, "%s", edition_problem(NULL));
    lua_pop(L, 1);
    const char *why = e ? edition_problem(e) : msg;
    if (why) {
        add_error(r, path, why);
        cJSON_Delete(e);
        return;
    }
    r->edition = e;
}

const cJSON *runner_edition(const runner *r)
{
    return r->edition;
}

/* ------------------------------------------------------------------ result API */

static collect *current(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &CURRENT_COLLECT);
    collect *c = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (!c) luaL_error(L, "result object used outside its policy run");
    return c;
}

/* Read a bilingual message at idx: a string (used for both) or { ja = , en = }. */
static void get_message(lua_State *L, int idx, char **ja, char **en, int required)
{
    *ja = *en = NULL;
    if (lua_isnoneornil(L, idx)) {
        if (required) luaL_error(L, "a message { ja = ..., en = ... } is required");
        return;
    }
    if (lua_type(L, idx) == LUA_TSTRING) {
        size_t n;
        const char *s = lua_tolstring(L, idx, &n);
        if (n > MAX_MESSAGE) luaL_error(L, "message longer than %d bytes", MAX_MESSAGE);
        *ja = str_dup(s);
        *en = str_dup(s);
        return;
    }
    luaL_checktype(L, idx, LUA_TTABLE);
    const char *k[2] = {"ja", "en"};
    char **dst[2] = {ja, en};
    for (int i = 0; i < 2; i++) {
        lua_getfield(L, idx, k[i]);
        if (lua_type(L, -1) != LUA_TSTRING) {
            free(*ja);
            *ja = NULL;
            luaL_error(L, "message field '%s' must be a string", k[i]);
        }
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        if (n > MAX_MESSAGE) {
            free(*ja);
            *ja = NULL;
            luaL_error(L, "message longer than %d bytes", MAX_MESSAGE);
        }
        *dst[i] = str_dup(s);
        lua_pop(L, 1);
    }
}

/* Subject at idx: a declaration table (its pointer) or a JSON-pointer string. */
static char *get_subject(lua_State *L, int idx)
{
    const char *p = luaconv_pointer(L, idx);
    if (p) return str_dup(p);
    if (lua_type(L, idx) == LUA_TSTRING) {
        const char *s = lua_tostring(L, idx);
        if (*s && *s != '/')
            luaL_error(L,
                       "subject must be a JSON pointer starting with '/' or a declaration table");
        if (strlen(s) > 1000) luaL_error(L, "subject pointer too long");
        return str_dup(s);
    }
    if (lua_isnoneornil(L, idx)) return str_dup("");
    luaL_error(L, "subject must be a declaration table or a JSON pointer string (got %s)",
               luaL_typename(L, idx));
    return NULL;
}

static int add_finding(lua_State *L, int status)
{
    collect *c = current(L);
    if (c->n >= MAX_FINDINGS) return luaL_error(L, "more than %d findings", MAX_FINDINGS);
    /* arguments: self, subject, message, opts. Everything that can raise (including memory
     * errors) happens while nothing is owned outside the collect, so nothing leaks. */
    int evidence = 0;
    if (lua_type(L, 4) == LUA_TTABLE) {
        lua_getfield(L, 4, "evidence");
        if (lua_type(L, -1) == LUA_TSTRING) {
            const char *e = lua_tostring(L, -1);
            if (strcmp(e, "declared") == 0)
                evidence = 1;
            else if (strcmp(e, "evidenced") == 0)
                evidence = 2;
            else
                return luaL_error(L, "evidence must be \"declared\" or \"evidenced\"");
        }
        lua_pop(L, 1);
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 8;
        finding *nf = realloc(c->f, nc * sizeof *nf);
        if (!nf) return luaL_error(L, "out of memory");
        c->f = nf;
        c->cap = nc;
    }
    char *ptr = get_subject(L, 2); /* raises only before allocating */
    finding *f = &c->f[c->n++];
    memset(f, 0, sizeof *f);
    f->status = status;
    f->ptr = ptr;
    f->evidence = evidence;
    get_message(L, 3, &f->ja, &f->en, status == ST_FAIL || status == ST_WARN);
    return 0;
}

static int res_pass(lua_State *L)
{
    return add_finding(L, ST_PASS);
}
static int res_fail(lua_State *L)
{
    return add_finding(L, ST_FAIL);
}
static int res_warn(lua_State *L)
{
    return add_finding(L, ST_WARN);
}

static int res_not_applicable(lua_State *L)
{
    collect *c = current(L);
    char *ja, *en;
    get_message(L, 2, &ja, &en, 1);
    free(c->na_ja);
    free(c->na_en);
    c->na = 1;
    c->na_ja = ja;
    c->na_en = en;
    return 0;
}

static int res_classify(lua_State *L)
{
    collect *c = current(L);
    luaL_checktype(L, 3, LUA_TTABLE);
    char err[200];
    cJSON *cls = luaconv_to_json(L, 3, err, sizeof err);
    if (!cls) return luaL_error(L, "classification: %s", err);
    char *text = cJSON_PrintUnformatted(cls);
    size_t tl = text ? strlen(text) : 0;
    cJSON_free(text);
    if (tl > 16384) {
        cJSON_Delete(cls);
        return luaL_error(L, "classification too large");
    }
    if (c->n >= MAX_FINDINGS) {
        cJSON_Delete(cls);
        return luaL_error(L, "more than %d findings", MAX_FINDINGS);
    }
    char *ptr;
    {
        const char *p = luaconv_pointer(L, 2);
        if (!p && lua_type(L, 2) == LUA_TSTRING) p = lua_tostring(L, 2);
        ptr = str_dup(p ? p : "");
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 8;
        finding *nf = realloc(c->f, nc * sizeof *nf);
        if (!nf) {
            free(ptr);
            cJSON_Delete(cls);
            return luaL_error(L, "out of memory");
        }
        c->f = nf;
        c->cap = nc;
    }
    finding *f = &c->f[c->n++];
    memset(f, 0, sizeof *f);
    f->status = ST_INFO;
    f->ptr = ptr;
    f->classification = cls;
    cJSON *ja = cJSON_GetObjectItemCaseSensitive(cls, "ja"),
          *en = cJSON_GetObjectItemCaseSensitive(cls, "en");
    if (cJSON_IsString(ja)) f->ja = str_dup(ja->valuestring);
    if (cJSON_IsString(en)) f->en = str_dup(en->valuestring);
    return 0;
}

static void collect_free(collect *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->f[i].ptr);
        free(c->f[i].ja);
        free(c->f[i].en);
        cJSON_Delete(c->f[i].classification);
    }
    free(c->f);
    free(c->na_ja);
    free(c->na_en);
    memset(c, 0, sizeof *c);
}

/* The result object handed to every check: frozen C functions without upvalues that act on
 * the collect of the running policy (CURRENT_COLLECT), so one object serves every policy of
 * every declaration. */
static void push_result_object(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &RESULT_OBJECT) == LUA_TTABLE) return;
    lua_pop(L, 1);
    static const luaL_Reg m[] = {{"pass", res_pass},         {"fail", res_fail},
                                 {"warn", res_warn},         {"not_applicable", res_not_applicable},
                                 {"classify", res_classify}, {NULL, NULL}};
    luaL_newlib(L, m);
    sandbox_push_frozen(L, -1);
    lua_remove(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &RESULT_OBJECT);
}

/* policy { ... } — records the spec of the chunk being run. */
static int api_policy(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &CURRENT_SPEC) != LUA_TNIL)
        return luaL_error(L, "policy { ... } may be called only once per file");
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &CURRENT_SPEC);
    return 0;
}

/* ------------------------------------------------------------------ loading */

/* Run the trusted DSL validator on the spec at top: leaves the metadata table, or raises. */
static int validate_spec(runner *r, const char *relname, char *err, size_t errlen)
{
    lua_State *L = sandbox_state(r->sb);
    lua_rawgeti(L, LUA_REGISTRYINDEX, r->dsl_ref);
    lua_getfield(L, -1, "validate");
    lua_remove(L, -2);
    lua_insert(L, -2);
    lua_pushstring(L, relname);
    /* under the policy limits: the spec may carry policy metatables (__len, __index) */
    return sandbox_call(r->sb, 2, 1, relname, err, errlen) == SANDBOX_OK ? 0 : -1;
}

static int param_from_meta(policy *p)
{
    cJSON *ps = cJSON_GetObjectItemCaseSensitive(p->meta, "params");
    size_t n = 0;
    cJSON *c;
    cJSON_ArrayForEach(c, ps) n++;
    p->params = calloc(n ? n : 1, sizeof *p->params);
    if (!p->params) return -1;
    cJSON_ArrayForEach(c, ps) {
        param *q = &p->params[p->nparams++];
        q->name = str_dup(c->string);
        cJSON *t = cJSON_GetObjectItemCaseSensitive(c, "type");
        const char *ts = cJSON_IsString(t) ? t->valuestring : "number";
        q->type = strcmp(ts, "number") == 0 ? 0 : strcmp(ts, "boolean") == 0 ? 2 : 1;
        q->value = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(c, "default"), 1);
        if (!q->name || !q->value) return -1; /* out of memory: the caller frees what was made */
    }
    return 0;
}

static int cmp_policy(const void *a, const void *b)
{
    return strcmp(((const policy *)a)->id, ((const policy *)b)->id);
}

/* Run a policy chunk (at stack top, consumed) in a fresh environment; leaves the spec table
 * on the stack. Returns 0, or -1 with err. */
static int run_chunk(runner *r, int ref, const char *who, char *err, size_t errlen)
{
    lua_State *L = sandbox_state(r->sb);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    sandbox_push_env(r->sb);
    lua_setupvalue(L, -2, 1);
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &CURRENT_SPEC);
    if (sandbox_call(r->sb, 0, 0, who, err, errlen) != SANDBOX_OK) return -1;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &CURRENT_SPEC) != LUA_TTABLE) {
        lua_pop(L, 1);
        snprintf(err, errlen, "the file does not call policy { ... }");
        return -1;
    }
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &CURRENT_SPEC);
    return 0;
}

/* Helpers: compile each file under lua/kyojin/helpers once. */
static int load_helpers(runner *r, char *err, size_t errlen)
{
    lua_State *L = sandbox_state(r->sb);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/kyojin/helpers", r->lua_dir);
    strvec files = {0};
    int bundled = sandbox_runtime_bundled(r->sb); /* the helpers the bundle was built with */
    for (size_t i = 0; bundled && i < r->bundle->nhelpers; i++)
        strvec_push(&files, r->bundle->helpers[i]);
    if (!bundled) list_lua(dir, 1, 1, &files); /* depth 1: a catalog.lua here is a helper */
    if (files.n) qsort(files.v, files.n, sizeof *files.v, str_cmp_ptr);
    r->helper_refs = calloc(files.n ? files.n : 1, sizeof *r->helper_refs);
    r->helper_names = calloc(files.n ? files.n : 1, sizeof *r->helper_names);
    if (!r->helper_refs || !r->helper_names) {
        snprintf(err, errlen, "out of memory");
        strvec_free(&files);
        return -1;
    }
    for (size_t i = 0; i < files.n; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, files.v[i]);
        size_t len;
        char rel[4200];
        snprintf(rel, sizeof rel, "kyojin/helpers/%s", files.v[i]);
        char *text = bundled ? bundle_text_copy(bundle_runtime_file(r->bundle, rel), &len)
                             : fileio_read(path, (size_t)64 << 20, &len);
        if (!text) {
            snprintf(err, errlen, "%s: cannot read", path);
            strvec_free(&files);
            return -1;
        }
        char chunk[4200];
        snprintf(chunk, sizeof chunk, "@%s", path);
        int rc = sandbox_load_cached(r->sb, text, len, chunk, NULL, err, errlen);
        free(text);
        if (rc) {
            strvec_free(&files);
            return -1;
        }
        r->helper_refs[r->nhelpers] = luaL_ref(L, LUA_REGISTRYINDEX);
        r->helper_names[r->nhelpers++] = str_dup(files.v[i]);
        if (!r->helper_names[r->nhelpers - 1]) {
            snprintf(err, errlen, "out of memory");
            strvec_free(&files);
            return -1;
        }
    }
    strvec_free(&files);
    return 0;
}

/* Build the frozen `kyojin` table for one declaration: JSON API + every helper's exports, each
 * guarded (sandbox_push_guarded): no table of a helper, and nothing a helper function returns,
 * is shared between policies. */
static int install_kyojin(runner *r, char *err, size_t errlen)
{
    lua_State *L = sandbox_state(r->sb);
    luaconv_push_api(L);
    int k = lua_gettop(L);
    lua_pushnil(L);
    lua_setfield(L, k, "encode");
    for (size_t i = 0; i < r->nhelpers; i++) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->helper_refs[i]);
        sandbox_push_env(r->sb);
        lua_setupvalue(L, -2, 1);
        if (sandbox_call(r->sb, 0, 1, r->helper_names[i], err, errlen) != SANDBOX_OK) {
            lua_settop(L, k - 1);
            return -1;
        }
        if (lua_type(L, -1) != LUA_TTABLE) {
            snprintf(err, errlen, "helper %s must return a table of functions", r->helper_names[i]);
            lua_settop(L, k - 1);
            return -1;
        }
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            if (lua_type(L, -2) != LUA_TSTRING) {
                lua_pop(L, 1);
                continue;
            }
            lua_pushvalue(L, -2);
            if (lua_rawget(L, k) != LUA_TNIL) {
                snprintf(err, errlen, "helper %s: name '%s' is already defined", r->helper_names[i],
                         lua_tostring(L, -3));
                lua_settop(L, k - 1);
                return -1;
            }
            lua_pop(L, 1);
            /* the boundary: what policies reach through kyojin is frozen, and what a helper
             * function returns is a fresh copy or a read-only view (sandbox_push_guarded) */
            lua_pushvalue(L, -2);
            sandbox_push_guarded(L, -2, 1);
            lua_rawset(L, k);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
        /* helpers may call each other through kyojin: install progressively */
        sandbox_push_frozen(L, k);
        sandbox_set_safe(r->sb, "kyojin");
    }
    sandbox_push_frozen(L, k);
    sandbox_set_safe(r->sb, "kyojin");
    lua_settop(L, k - 1);
    return 0;
}

runner *runner_new(const runner_opts *o, char *err, size_t errlen)
{
    runner *r = calloc(1, sizeof *r);
    if (!r) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    r->en = o->lang && strcmp(o->lang, "en") == 0;
    r->policies_dir = str_dup(o->policies_dir ? o->policies_dir : "policies");
    r->lua_dir = str_dup(o->lua_dir ? o->lua_dir : "lua");
    r->validate = o->validate;
    r->validate_ref = LUA_NOREF;
    r->validate_waivers_ref = LUA_NOREF;
    r->tree_ref = LUA_NOREF;
    r->profile = getenv("KYOJIN_PROFILE") != NULL;
    r->bundle = bundle_usable(o->sandbox.bundle);
    sandbox_opts so = o->sandbox;
    so.lua_dir = r->lua_dir;
    so.bundle = r->bundle;
    r->sb = sandbox_new(&so, err, errlen);
    if (!r->sb) {
        runner_free(r);
        return NULL;
    }
    lua_State *L = sandbox_state(r->sb);

    /* `policy` in the safe globals */
    lua_pushcfunction(L, api_policy);
    sandbox_set_safe(r->sb, "policy");

    /* trusted DSL module */
    lua_getglobal(L, "require");
    lua_pushliteral(L, "kyojin.dsl");
    if (sandbox_call_trusted(r->sb, 1, 1, err, errlen)) {
        runner_free(r);
        return NULL;
    }
    r->dsl_ref = luaL_ref(L, LUA_REGISTRYINDEX);

    if (r->validate) {
        char path[4200];
        snprintf(path, sizeof path, "%s/kyojin/validate.lua", r->lua_dir);
        struct stat st;
        if (stat(path, &st) == 0 || (sandbox_runtime_bundled(r->sb) &&
                                     bundle_runtime_file(r->bundle, "kyojin/validate.lua"))) {
            lua_getglobal(L, "require");
            lua_pushliteral(L, "kyojin.validate");
            if (sandbox_call_trusted(r->sb, 1, 1, err, errlen)) {
                runner_free(r);
                return NULL;
            }
            lua_getfield(L, -1, "validate");
            r->validate_ref = luaL_ref(L, LUA_REGISTRYINDEX);
            lua_getfield(L, -1, "validate_waivers");
            if (lua_isfunction(L, -1))
                r->validate_waivers_ref = luaL_ref(L, LUA_REGISTRYINDEX);
            else
                lua_pop(L, 1); /* a runtime without it: --waivers says so */
            lua_pop(L, 1);
            /* The same schema data compiled for the C fast path; without it (or with
             * KYOJIN_VALIDATE=lua) every declaration goes through the Lua validator. */
            const char *vmode = getenv("KYOJIN_VALIDATE");
            if (!vmode || strcmp(vmode, "lua") != 0) {
                char ferr[256];
                lua_getglobal(L, "require");
                lua_pushliteral(L, "kyojin.schema");
                if (sandbox_call_trusted(r->sb, 1, 1, ferr, sizeof ferr) == 0) {
                    r->fv = fastval_compile(L, -1, ferr, sizeof ferr);
                    lua_pop(L, 1);
                }
            }
        }
    }

    if (load_helpers(r, err, errlen)) {
        runner_free(r);
        return NULL;
    }
    if (install_kyojin(r, err, errlen)) {
        runner_free(r);
        return NULL;
    }

    /* policy files */
    strvec files = {0};
    struct stat st;
    if (o->skip_policies) {
        sha256_hex((const unsigned char[32]){0}, r->sha);
        return r;
    }
    /* no policy directory: the bundle's policy set when asked for (policies_from_bundle) */
    int pol_bundled = 0;
    if (stat(r->policies_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        pol_bundled = o->policies_from_bundle && r->bundle && r->bundle->npolicies;
        if (!pol_bundled) {
            snprintf(err, errlen, "%s: policy directory not found", r->policies_dir);
            runner_free(r);
            return NULL;
        }
        for (size_t i = 0; i < r->bundle->npolicies; i++)
            strvec_push(&files, r->bundle->policies[i].relname);
    }
    if (!pol_bundled) list_lua(r->policies_dir, 1, 0, &files);
    if (files.n) qsort(files.v, files.n, sizeof *files.v, str_cmp_ptr);
    r->p = calloc(files.n ? files.n : 1, sizeof *r->p);
    if (!r->p) {
        snprintf(err, errlen, "out of memory");
        strvec_free(&files);
        runner_free(r);
        return NULL;
    }
    /* The policy-set hash covers every readable file's name and text. While the files are
     * exactly the build's bundled policy set (same names, same texts byte for byte: bundle.h)
     * nothing is hashed: if all of them are, the set hash is the one recorded for that set at
     * build time. At the first difference the texts so far (equal to the bundled ones) and
     * every later one are hashed as usual. */
    sha256_ctx hc;
    sha256_init(&hc);
    const bundle *bp = r->bundle;
    int same = bp && bp->npolicies == files.n;
    /* A policy's metadata is a function of its text, the DSL module, the helpers and the host:
     * while the files are the bundled set so far (`same`: the loading up to here is the one
     * made at build time), the runtime came entirely from the bundle (same DSL, same helper
     * files) and the limits are at least those the metadata was built under, the metadata
     * recorded at build time is used instead of running the chunk and the DSL validator now
     * (the chunk runs for each declaration anyway). */
    int cached_meta =
        bp && sandbox_sources_compiled(r->sb) == 0 && bp->nhelpers == r->nhelpers &&
        !o->sandbox.verbose && !o->sandbox.fail_alloc_at &&
        (!o->sandbox.instructions || o->sandbox.instructions >= SANDBOX_DEFAULT_INSTRUCTIONS) &&
        (!o->sandbox.policy_memory || o->sandbox.policy_memory >= SANDBOX_DEFAULT_POLICY_MEMORY) &&
        (!o->sandbox.state_memory || o->sandbox.state_memory >= SANDBOX_DEFAULT_STATE_MEMORY) &&
        (o->sandbox.cpu_seconds <= 0 || o->sandbox.cpu_seconds >= SANDBOX_DEFAULT_CPU_SECONDS);
    for (size_t i = 0; cached_meta && i < r->nhelpers; i++)
        if (strcmp(bp->helpers[i], r->helper_names[i]) != 0) cached_meta = 0;
    for (size_t i = 0; i < files.n; i++) {
        char path[8192], msg[1024];
        snprintf(path, sizeof path, "%s/%s", r->policies_dir, files.v[i]);
        size_t len = 0;
        /* bundled: files.v is the bundle's list, in its order */
        char *text = pol_bundled ? bundle_text_copy(bp->policies[i].chunk, &len)
                                 : fileio_read(path, (size_t)64 << 20, &len);
        if (same && (!text || strcmp(bp->policies[i].relname, files.v[i]) != 0 ||
                     !bundle_same_text(bp->policies[i].chunk, text, len))) {
            same = 0;
            for (size_t k = 0; k < i; k++) {
                sha256_update(&hc, files.v[k], strlen(files.v[k]) + 1);
                sha256_update(&hc, bp->policies[k].chunk->src, bp->policies[k].chunk->src_len);
                sha256_update(&hc, "", 1);
            }
        }
        if (!text) {
            add_error(r, path, "cannot read the file");
            continue;
        }
        if (!same) {
            sha256_update(&hc, files.v[i], strlen(files.v[i]) + 1);
            sha256_update(&hc, text, len);
            sha256_update(&hc, "", 1);
        }
        char chunk[8300];
        snprintf(chunk, sizeof chunk, "@%s", path);
        const bundle_chunk *used = NULL;
        int rc = sandbox_load_cached(r->sb, text, len, chunk, &used, msg, sizeof msg);
        free(text);
        if (rc) {
            add_error(r, path, msg);
            continue;
        }
        int ref = luaL_ref(L, LUA_REGISTRYINDEX);
        cJSON *meta = cached_meta && same && used && used->meta ? cJSON_Parse(used->meta) : NULL;
        if (meta && used->has_applies && !cJSON_AddTrueToObject(meta, "has_applies")) {
            cJSON_Delete(meta);
            meta = NULL;
        }
        if (!meta) {
            if (run_chunk(r, ref, files.v[i], msg, sizeof msg) ||
                validate_spec(r, path, msg, sizeof msg)) {
                add_error(r, path, msg);
                luaL_unref(L, LUA_REGISTRYINDEX, ref);
                continue;
            }
            /* metadata table (plain data) → JSON */
            meta = luaconv_to_json(L, -1, msg, sizeof msg);
            lua_pop(L, 1);
            if (!meta) {
                add_error(r, path, msg);
                luaL_unref(L, LUA_REGISTRYINDEX, ref);
                continue;
            }
        }
        policy *p = &r->p[r->np];
        p->relname = str_dup(files.v[i]);
        p->chunk_ref = ref;
        p->meta = meta;
        p->meta_repaired = repair_tree(meta); /* once: entries copy it for every declaration */
        const cJSON *jid = cJSON_GetObjectItemCaseSensitive(meta, "id"),
                    *jlevel = cJSON_GetObjectItemCaseSensitive(meta, "level");
        p->id = cJSON_IsString(jid) ? str_dup(jid->valuestring) : NULL;
        p->level = cJSON_IsString(jlevel) ? str_dup(jlevel->valuestring) : NULL;
        p->has_applies = json_true(meta, "has_applies");
        cJSON_DeleteItemFromObjectCaseSensitive(meta, "has_applies");
        if (!p->relname || !p->id || !p->level || param_from_meta(p)) { /* out of memory */
            add_error(r, path, "out of memory");
            policy_clear(p);
            luaL_unref(L, LUA_REGISTRYINDEX, ref);
            continue;
        }
        int dup = 0;
        for (size_t k = 0; k < r->np; k++)
            if (strcmp(r->p[k].id, p->id) == 0) dup = 1;
        if (dup) {
            snprintf(msg, sizeof msg, "policy id %s is defined twice", p->id);
            add_error(r, path, msg);
            policy_clear(p);
            luaL_unref(L, LUA_REGISTRYINDEX, ref);
            continue;
        }
        r->np++;
    }
    load_edition(r, pol_bundled);
    unsigned char dg[32];
    sha256_final(&hc, dg);
    if (same) memcpy(dg, bp->policy_set_sha, 32);
    sha256_hex(dg, r->sha);
    strvec_free(&files);
    if (r->np) qsort(r->p, r->np, sizeof *r->p, cmp_policy);
    if (o->only_policy) {
        size_t k = 0;
        for (size_t i = 0; i < r->np; i++) {
            if (strcmp(r->p[i].id, o->only_policy) == 0)
                r->p[k++] = r->p[i];
            else {
                policy_clear(&r->p[i]);
            }
        }
        r->np = k;
    }
    return r;
}

void runner_free(runner *r)
{
    if (!r) return;
    for (size_t i = 0; i < r->np; i++) policy_clear(&r->p[i]);
    free(r->p);
    for (size_t i = 0; i < r->nerr; i++) free(r->errors[i]);
    free(r->errors);
    for (size_t i = 0; i < r->nhelpers; i++) free(r->helper_names[i]);
    free(r->helper_names);
    free(r->helper_refs);
    free(r->policies_dir);
    free(r->lua_dir);
    cJSON_Delete(r->waivers);
    free(r->waivers_file);
    cJSON_Delete(r->edition);
    fastval_free(r->fv);
    sandbox_free(r->sb);
    free(r);
}

const char *runner_policy_set_sha256(const runner *r)
{
    return r->sha;
}

int runner_policy_export(const runner *r, int i, const char **relname, char **meta_json,
                         int *has_applies)
{
    if (i < 0 || (size_t)i >= r->np) return -1;
    *relname = r->p[i].relname;
    *has_applies = r->p[i].has_applies;
    *meta_json = cJSON_PrintUnformatted(r->p[i].meta);
    return *meta_json ? 0 : -1;
}

int runner_helper_count(const runner *r)
{
    return (int)r->nhelpers;
}
const char *runner_helper_name(const runner *r, int i)
{
    return i >= 0 && (size_t)i < r->nhelpers ? r->helper_names[i] : NULL;
}
int runner_policy_count(const runner *r)
{
    return (int)r->np;
}

/* text with every "{name}" (or "{name:N}", N decimals) naming a parameter of p replaced by
 * the value in effect (a
 * remediation that quotes a parameter, e.g. ST-06's "{max_refresh_days}日ごと"); any other
 * brace is kept. A malloc'd string, or NULL when memory runs out. */
static char *with_param_values(const policy *p, const char *text)
{
    size_t cap = strlen(text) + 64, n = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
    for (const char *s = text; *s;) {
        const char *val = NULL, *end = *s == '{' ? strchr(s, '}') : NULL;
        char num[64];
        /* "{name}" or "{name:N}", N (0-9) the decimals of a number (CVSS "{important_cvss:1}") */
        const char *colon = end ? memchr(s, ':', (size_t)(end - s)) : NULL;
        int decimals =
            colon && end == colon + 2 && colon[1] >= '0' && colon[1] <= '9' ? colon[1] - '0' : -1;
        const char *name_end = decimals >= 0 ? colon : end;
        for (size_t k = 0; end && !val && k < p->nparams; k++) {
            size_t len = strlen(p->params[k].name);
            if ((size_t)(name_end - s - 1) != len || strncmp(s + 1, p->params[k].name, len))
                continue;
            const cJSON *v = p->params[k].value;
            if (cJSON_IsNumber(v)) {
                double d = v->valuedouble;
                if (decimals >= 0)
                    snprintf(num, sizeof num, "%.*f", decimals, d);
                else
                    snprintf(num, sizeof num, d == floor(d) && fabs(d) < 1e15 ? "%.0f" : "%g", d);
                val = num;
            } else if (cJSON_IsString(v)) {
                val = v->valuestring;
            } else {
                val = cJSON_IsTrue(v) ? "true" : "false";
            }
        }
        size_t add = val ? strlen(val) : 1;
        if (n + add + 1 > cap) {
            cap = (n + add + 1) * 2;
            char *t = realloc(out, cap);
            if (!t) {
                free(out);
                return NULL;
            }
            out = t;
        }
        if (val) {
            memcpy(out + n, val, add);
            s = end + 1;
        } else {
            out[n] = *s++;
        }
        n += add;
    }
    out[n] = 0;
    return out;
}

/* A copy of p's remediation { ja, en } with the parameter values in effect
 * (with_param_values); NULL when memory runs out. */
static cJSON *remediation_in_effect(const policy *p)
{
    cJSON *rem = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(p->meta, "remediation"), 1);
    cJSON *t;
    cJSON_ArrayForEach(t, rem) {
        if (!cJSON_IsString(t) || !strchr(t->valuestring, '{')) continue;
        char *v = with_param_values(p, t->valuestring);
        if (!v || !cJSON_SetValuestring(t, v)) {
            free(v);
            cJSON_Delete(rem);
            return NULL;
        }
        free(v);
    }
    return rem;
}

cJSON *runner_metadata(runner *r)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < r->np; i++) {
        cJSON *m = cJSON_Duplicate(r->p[i].meta, 1);
        cJSON *rem = remediation_in_effect(&r->p[i]);
        if (m && rem)
            cJSON_ReplaceItemInObjectCaseSensitive(m, "remediation", rem);
        else
            cJSON_Delete(rem);
        char *file = utf8_show_name(r->p[i].relname);
        cJSON_AddStringToObject(m, "file", file ? file : "");
        free(file);
        add_elem(a, m);
    }
    return a;
}

/* ------------------------------------------------------------------ parameters */

/* A parameter message in the runner's language (runner_opts.lang). */
#define PMSG(j, e) (r->en ? (e) : (j))

static param *find_param(runner *r, const char *full, char *err, size_t errlen)
{
    const char *dot = strrchr(full, '.');
    if (!dot || dot == full) {
        snprintf(err, errlen,
                 PMSG("パラメータ '%s' は ポリシーID.名前 の形で指定してください",
                      "parameter '%s' must be written POLICY-ID.NAME"),
                 full);
        return NULL;
    }
    size_t idlen = (size_t)(dot - full);
    for (size_t i = 0; i < r->np; i++) {
        if (strlen(r->p[i].id) != idlen || strncmp(r->p[i].id, full, idlen) != 0) continue;
        for (size_t k = 0; k < r->p[i].nparams; k++)
            if (strcmp(r->p[i].params[k].name, dot + 1) == 0) return &r->p[i].params[k];
        snprintf(err, errlen,
                 PMSG("ポリシー %.*s にパラメータ '%s' はありません",
                      "policy %.*s has no parameter '%s'"),
                 (int)idlen, full, dot + 1);
        return NULL;
    }
    snprintf(err, errlen,
             PMSG("ポリシー '%1$.*2$s' がありません（パラメータ '%3$s'）",
                  "unknown policy '%1$.*2$s' in parameter '%3$s'"),
             full, (int)idlen, full);
    return NULL;
}

static int set_param_value(runner *r, param *q, const cJSON *v, const char *full, char *err,
                           size_t errlen)
{
    if ((q->type == 0 && !cJSON_IsNumber(v)) || (q->type == 1 && !cJSON_IsString(v)) ||
        (q->type == 2 && !cJSON_IsBool(v))) {
        snprintf(err, errlen,
                 PMSG("パラメータ %s は%sで指定してください", "parameter %s must be a %s"), full,
                 q->type == 0   ? PMSG("数値", "number")
                 : q->type == 1 ? PMSG("文字列", "string")
                                : PMSG("真偽値（true か false）", "boolean"));
        return -1;
    }
    if (q->type == 0 && !isfinite(v->valuedouble)) { /* nan compares false: a fail would pass */
        snprintf(err, errlen,
                 PMSG("パラメータ %s は有限の数値で指定してください",
                      "parameter %s must be a finite number"),
                 full);
        return -1;
    }
    cJSON_Delete(q->value);
    q->value = cJSON_Duplicate(v, 1);
    return 0;
}

static void forget_params(runner *r);

int runner_set_param(runner *r, const char *name, const char *value, char *err, size_t errlen)
{
    forget_params(r);
    param *q = find_param(r, name, err, errlen);
    if (!q) return -1;
    cJSON *v = NULL;
    if (q->type == 0) {
        char *end;
        double d = strtod(value, &end);
        if (!*value || *end) {
            snprintf(err, errlen,
                     PMSG("パラメータ %s は数値で指定してください（'%s' が指定されました）",
                          "parameter %s must be a number (got '%s')"),
                     name, value);
            return -1;
        }
        v = cJSON_CreateNumber(d);
    } else if (q->type == 2) {
        if (strcmp(value, "true") && strcmp(value, "false")) {
            snprintf(
                err, errlen,
                PMSG("パラメータ %s は true か false で指定してください（'%s' が指定されました）",
                     "parameter %s must be true or false (got '%s')"),
                name, value);
            return -1;
        }
        v = cJSON_CreateBool(strcmp(value, "true") == 0);
    } else {
        v = cJSON_CreateString(value);
    }
    int rc = set_param_value(r, q, v, name, err, errlen);
    cJSON_Delete(v);
    return rc;
}

int runner_set_params_json(runner *r, const cJSON *obj, char *err, size_t errlen)
{
    if (!cJSON_IsObject(obj)) {
        snprintf(err, errlen,
                 PMSG("パラメータのファイルは JSON のオブジェクトでなければなりません",
                      "a parameter file must hold a JSON object"));
        return -1;
    }
    forget_params(r);
    const cJSON *c;
    cJSON_ArrayForEach(c, obj) {
        if (cJSON_IsObject(c)) {
            const cJSON *d;
            cJSON_ArrayForEach(d, c) {
                char *full = str_printf("%s.%s", c->string, d->string);
                param *q = full ? find_param(r, full, err, errlen) : NULL;
                if (!full) snprintf(err, errlen, PMSG("メモリが不足しています", "out of memory"));
                int bad = !q || set_param_value(r, q, d, full, err, errlen);
                free(full);
                if (bad) return -1;
            }
        } else {
            param *q = find_param(r, c->string, err, errlen);
            if (!q || set_param_value(r, q, c, c->string, err, errlen)) return -1;
        }
    }
    return 0;
}

cJSON *runner_parameters(runner *r)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < r->np; i++)
        for (size_t k = 0; k < r->p[i].nparams; k++) {
            char full[512];
            snprintf(full, sizeof full, "%s.%s", r->p[i].id, r->p[i].params[k].name);
            add_item(o, full, cJSON_Duplicate(r->p[i].params[k].value, 1));
        }
    return o;
}

/* ------------------------------------------------------------------ evaluation */

/* Push spec[name] without metamethods: the spec is the policy's own table, read as the DSL
 * validator reads it (rawget), so no policy code runs outside the sandboxed call. */
static void push_raw_field(lua_State *L, int spec, const char *name)
{
    lua_pushstring(L, name);
    lua_rawget(L, spec);
}

/* Run under sandbox_call: applies(decl) → (applies, reason ja or nil, reason en or nil), the
 * reason read here, inside the protected and budgeted call (its table may be a read-only
 * proxy or carry any metamethods), so that the host afterwards finds only a boolean and
 * strings on the stack. A reason is a string (both languages) or a table { ja =, en = };
 * anything else (and a field that is not a string) gives the default reason. */
static int call_applies(lua_State *L)
{
    lua_call(L, lua_gettop(L) - 1, 2);
    int ok = lua_toboolean(L, -2);
    int reason = lua_absindex(L, -1);
    lua_pushboolean(L, ok);
    if (ok) {
        lua_pushnil(L);
        lua_pushnil(L);
    } else if (lua_type(L, reason) == LUA_TSTRING) {
        lua_pushvalue(L, reason);
        lua_pushvalue(L, reason);
    } else if (lua_type(L, reason) == LUA_TTABLE) {
        lua_getfield(L, reason, "ja"); /* the host keeps only strings */
        lua_getfield(L, reason, "en");
    } else {
        lua_pushnil(L);
        lua_pushnil(L);
    }
    return 3;
}

/* The policy with this id in the sorted set, or NULL. */
static policy *policy_by_id(runner *r, const char *id)
{
    policy key = {.id = (char *)id};
    return r->np ? bsearch(&key, r->p, r->np, sizeof *r->p, cmp_policy) : NULL;
}

/* The frozen parameters of policy p (scalars only, so immutable): made once and kept until a
 * parameter is set again (forget_params). A policy that restates others (metadata
 * "restates", e.g. ST-11 and AP-01…AP-05) also finds their parameters under their ids
 * (params["AP-01"].antimalware_requires), so it evaluates with the values in effect for
 * them and never keeps a copy of its own. */
static void push_params(runner *r, policy *p)
{
    lua_State *L = sandbox_state(r->sb);
    lua_Integer slot = (lua_Integer)(p - r->p) + 1;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &PARAMS_CACHE) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &PARAMS_CACHE);
    }
    if (lua_rawgeti(L, -1, slot) == LUA_TTABLE) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    lua_createtable(L, 0, (int)p->nparams);
    for (size_t k = 0; k < p->nparams; k++) {
        luaconv_push(L, p->params[k].value);
        lua_setfield(L, -2, p->params[k].name);
    }
    const cJSON *rs;
    cJSON_ArrayForEach(rs, cJSON_GetObjectItemCaseSensitive(p->meta, "restates")) {
        policy *q = cJSON_IsString(rs) ? policy_by_id(r, rs->valuestring) : NULL;
        /* kyojin lint rejects an unknown id and a restated policy that restates others
         * (which would make this recursion deeper than one level) */
        if (!q || q == p || cJSON_GetObjectItemCaseSensitive(q->meta, "restates")) continue;
        push_params(r, q); /* the table of q's parameters, on top of ours */
        lua_setfield(L, -2, q->id);
    }
    sandbox_push_frozen(L, -1);
    lua_remove(L, -2);
    lua_pushvalue(L, -1);
    lua_rawseti(L, -3, slot);
    lua_remove(L, -2);
}

static void forget_params(runner *r)
{
    lua_State *L = sandbox_state(r->sb);
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &PARAMS_CACHE);
}

static int model_applies(const policy *p, const char *model)
{
    const cJSON *models = cJSON_GetObjectItemCaseSensitive(p->meta, "models");
    if (!models) return 1;
    const cJSON *m;
    cJSON_ArrayForEach(m, models)
        if (cJSON_IsString(m) && model && strcmp(m->valuestring, model) == 0) return 1;
    return 0;
}

/* Is pointer a equal to b or an ancestor of it? */
static int ancestor_or_self(const char *a, const char *b)
{
    size_t n = strlen(a);
    if (strncmp(a, b, n) != 0) return 0;
    return b[n] == 0 || b[n] == '/';
}

/* Does a waiver subject match a finding? Equal pointers, a waiver on an ancestor (it covers
 * everything below), or a waiver on a field of the finding's subject (a finding on a
 * connection is waived by a waiver naming the connection's field that causes it). */
static int covers(const char *w, const char *f)
{
    return ancestor_or_self(w, f) || (*f && ancestor_or_self(f, w));
}

/* The first waiver of `list` (a waivers array, or NULL) for policy `id` whose subject covers
 * the finding at `ptr`: its index and whether it expired before `as_of`; NULL when none. */
static const cJSON *find_waiver(const cJSON *list, const char *id, const char *ptr,
                                const char *as_of, int *index, int *expired)
{
    const cJSON *w, *arr = cJSON_IsArray(list) ? list : NULL;
    int i = 0;
    cJSON_ArrayForEach(w, arr) {
        const char *wp = json_str(w, "policy"), *ws = json_str(w, "subject");
        if (wp && ws && strcmp(wp, id) == 0 && covers(ws, ptr)) {
            const char *exp = json_str(w, "expires");
            *index = i;
            *expired = exp && as_of && strcmp(exp, as_of) < 0;
            return w;
        }
        i++;
    }
    return NULL;
}

/* The evidence the declaration gives for a finding (docs/result-schema.md "evidence_refs"):
 * every evidence reference ({title, date, sha256} of a process fact) that the policy read at
 * or below the finding's subject, in the order of the sorted fields-read log. `read` is that
 * log (JSON pointers); a new array, possibly empty (NULL when out of memory). */
static cJSON *evidence_refs(const decl_doc *d, const char *subject, const cJSON *read)
{
    static const char tail[] = "/evidence";
    const size_t nt = sizeof tail - 1;
    cJSON *refs = cJSON_CreateArray();
    const cJSON *r;
    if (!refs) return NULL;
    cJSON_ArrayForEach(r, read) {
        const char *ptr = cJSON_IsString(r) ? r->valuestring : NULL;
        size_t n = ptr ? strlen(ptr) : 0;
        if (!ptr || n < nt || strcmp(ptr + n - nt, tail) != 0 || !ancestor_or_self(subject, ptr))
            continue;
        const cJSON *ev = decl_resolve(d, ptr);
        if (!cJSON_IsObject(ev)) continue;
        cJSON *o = cJSON_CreateObject();
        if (!o) continue;
        add_str(o, "pointer", ptr);
        static const char *const keys[] = {"title", "date", "sha256"};
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
            const char *v = json_str(ev, keys[k]);
            if (v)
                add_str(o, keys[k], v);
            else
                add_null(o, keys[k]);
        }
        add_elem(refs, o);
    }
    return refs;
}

static cJSON *bilingual(const char *ja, const char *en)
{
    cJSON *o = cJSON_CreateObject();
    add_str(o, "ja", ja ? ja : "");
    add_str(o, "en", en ? en : "");
    return o;
}

/* Make one string of a result entry valid UTF-8 (utf8_repair: ill-formed sequences and NUL
 * become U+FFFD). *s is cJSON-owned; out of memory, the bad bytes become '?' in place.
 * Returns 1 when the string was changed. */
static int repair_string(char **s)
{
    size_t n = strlen(*s);
    if (utf8_valid(*s, n)) return 0;
    char *fixed = utf8_repair(*s, n, NULL);
    char *copy = fixed ? cJSON_malloc(strlen(fixed) + 1) : NULL;
    if (copy) {
        memcpy(copy, fixed, strlen(fixed) + 1);
        cJSON_free(*s);
        *s = copy;
    } else {
        unsigned char *p = (unsigned char *)*s;
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            size_t len = utf8_decode(p + i, n - i, &cp);
            if (cp == UTF8_INVALID) memset(p + i, '?', len);
            i += len;
        }
    }
    free(fixed);
    return 1;
}

/* Repair every string value and member name under item; 1 when anything was repaired. */
static int repair_tree(cJSON *item)
{
    int any = 0;
    if (item->string && !(item->type & cJSON_StringIsConst)) any |= repair_string(&item->string);
    if (cJSON_IsString(item) && item->valuestring) any |= repair_string(&item->valuestring);
    for (cJSON *c = item->child; c; c = c->next) any |= repair_tree(c);
    return any;
}

/* Every string a policy hands back (messages, reasons, subjects, classifications, error
 * messages, the fields it read) reaches the reports through its entry, so the entry is checked
 * here, once (its metadata once at load: meta_repaired): text that is not valid UTF-8 (an
 * invalid byte, a character cut by s:sub) is repaired with U+FFFD and the finding, and the
 * policy, say so with "text_repaired": true (interfaces.md §5). */
static void repair_entry(cJSON *jp, int meta_repaired)
{
    int any = meta_repaired;
    cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(jp, "findings")) {
        if (repair_tree(f)) {
            add_bool(f, "text_repaired", 1);
            any = 1;
        }
    }
    cJSON *reason = cJSON_GetObjectItemCaseSensitive(jp, "reason");
    cJSON *read = cJSON_GetObjectItemCaseSensitive(jp, "fields_read");
    if (reason && repair_tree(reason)) any = 1;
    if (read && repair_tree(read)) any = 1;
    if (any) add_bool(jp, "text_repaired", 1);
}

/* Push the raw Lua tree of a declaration, converting it once for validation and evaluation.
 * The tree is never handed to policies (they get read-only proxies), and the validator only
 * reads it, so one conversion serves both. [-0, +1] */
static void push_tree(runner *r, const decl_doc *d)
{
    lua_State *L = sandbox_state(r->sb);
    if (r->tree_of == decl_serial(d) && r->tree_ref != LUA_NOREF) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, r->tree_ref);
        return;
    }
    luaL_unref(L, LUA_REGISTRYINDEX, r->tree_ref);
    luaconv_reset_order(L);
    luaconv_push(L, decl_root(d));
    lua_pushvalue(L, -1);
    r->tree_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    r->tree_of = decl_serial(d);
}

/* Forget the cached tree (after evaluation; the declaration is about to be freed). */
static void drop_tree(runner *r)
{
    luaL_unref(sandbox_state(r->sb), LUA_REGISTRYINDEX, r->tree_ref);
    luaconv_reset_order(sandbox_state(r->sb));
    r->tree_ref = LUA_NOREF;
    r->tree_of = 0;
}

/* known_policy of the fast path: is `id` in the policy set? (as opts.policy_ids below) */
static int fastval_known(void *ud, const char *id)
{
    const runner *r = ud;
    for (size_t i = 0; i < r->np; i++)
        if (strcmp(r->p[i].id, id) == 0) return 1;
    return 0;
}

/* The errors the Lua validator function `ref` (kyojin.validate) finds in d, as an array;
 * NULL with err when it could not run. */
static cJSON *validate_with(runner *r, int ref, decl_doc *d, char *err, size_t errlen)
{
    lua_State *L = sandbox_state(r->sb);
    cJSON *out = cJSON_CreateArray();
    if (!out) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (ref == LUA_NOREF) return out;
    int top = lua_gettop(L);
    luaconv_reset_cache(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, ref);
    push_tree(r, d);
    lua_getglobal(L, "json");
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, 100);
    lua_setfield(L, -2, "max_errors");
    lua_createtable(L, 0, (int)r->np);
    for (size_t i = 0; i < r->np; i++) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, r->p[i].id);
    }
    lua_setfield(L, -2, "policy_ids");
    if (sandbox_call_trusted(r->sb, 3, 1, err, errlen)) {
        cJSON_Delete(out);
        lua_settop(L, top);
        return NULL;
    }
    char cerr[200];
    cJSON *errs = luaconv_to_json(L, -1, cerr, sizeof cerr);
    lua_settop(L, top);
    if (!errs) {
        snprintf(err, errlen, "validator returned malformed errors: %s", cerr);
        cJSON_Delete(out);
        return NULL;
    }
    if (cJSON_IsArray(errs)) {
        cJSON_Delete(out);
        return errs;
    }
    cJSON_Delete(errs);
    return out;
}

cJSON *runner_validate(runner *r, decl_doc *d, char *err, size_t errlen)
{
    /* Certainly valid: the Lua validator would find nothing. Anything else (invalid or
     * unsure) goes to it for the exact errors. */
    if (r->validate_ref != LUA_NOREF && r->fv &&
        fastval_check(r->fv, decl_root(d), fastval_known, r) == FASTVAL_VALID) {
        cJSON *none = cJSON_CreateArray();
        if (!none) snprintf(err, errlen, "out of memory");
        return none;
    }
    return validate_with(r, r->validate_ref, d, err, errlen);
}

cJSON *runner_validate_waivers(runner *r, decl_doc *d, char *err, size_t errlen)
{
    if (r->validate_waivers_ref == LUA_NOREF) {
        snprintf(err, errlen, "the validator (kyojin.validate) is not installed");
        return NULL;
    }
    cJSON *errs = validate_with(r, r->validate_waivers_ref, d, err, errlen);
    /* the runner's cached tree is the declaration's, never this file's */
    drop_tree(r);
    return errs;
}

int runner_set_waivers(runner *r, const cJSON *waivers, const char *file)
{
    cJSON *w = cJSON_Duplicate(waivers, 1);
    char *f = str_dup(file);
    if (!w || !f) {
        cJSON_Delete(w);
        free(f);
        return -1;
    }
    cJSON_Delete(r->waivers);
    free(r->waivers_file);
    r->waivers = w;
    r->waivers_file = f;
    return 0;
}

const char *runner_waivers_file(const runner *r)
{
    return r->waivers_file;
}

int runner_select(runner *r, const char *const *only, size_t n_only, const char *const *skip,
                  size_t n_skip, const char **unknown)
{
    for (size_t k = 0; k < n_only + n_skip; k++) {
        const char *id = k < n_only ? only[k] : skip[k - n_only];
        if (!policy_by_id(r, id)) {
            *unknown = id;
            return -1;
        }
    }
    for (size_t i = 0; i < r->np; i++) r->p[i].deselected = n_only > 0;
    for (size_t k = 0; k < n_only; k++) policy_by_id(r, only[k])->deselected = 0;
    for (size_t k = 0; k < n_skip; k++) policy_by_id(r, skip[k])->deselected = 1;
    return 0;
}

cJSON *runner_eval(runner *r, decl_doc *d, const char *as_of_opt, int *any_error, char *err,
                   size_t errlen)
{
    lua_State *L = sandbox_state(r->sb);
    int top = lua_gettop(L);
    *any_error = 0;
    const cJSON *root = decl_root(d);
    const cJSON *body = cJSON_GetObjectItemCaseSensitive(root, "body");
    const char *model = json_str(root, "model");
    const char *as_of = as_of_opt ? as_of_opt : json_str(body, "as_of");

    cJSON *res = cJSON_CreateObject();
    { /* a name that is not UTF-8 is shown with \xHH for its stray bytes (utf8_show_name) */
        char *file = utf8_show_name(decl_path(d));
        add_str(res, "file", file ? file : "");
        free(file);
    }
    add_str(res, "sha256", decl_sha256_hex(d));
    cJSON *b = add_obj(res, "body");
    const char *bkeys[] = {"name", "code", "prefecture"};
    for (int i = 0; i < 3; i++) {
        const char *v = json_str(body, bkeys[i]);
        if (v)
            add_str(b, bkeys[i], v);
        else
            add_null(b, bkeys[i]);
    }
    if (model)
        add_str(b, "model", model);
    else
        add_null(b, "model");
    if (json_str(body, "as_of"))
        add_str(b, "as_of", json_str(body, "as_of"));
    else
        add_null(b, "as_of");
    { /* the declaration's contact: department, e-mail, telephone (the report's cover) */
        const cJSON *ct = cJSON_GetObjectItemCaseSensitive(body, "contact");
        add_cs(b, "contact", cJSON_IsObject(ct) ? cJSON_Duplicate(ct, 1) : cJSON_CreateNull());
    }
    cJSON *compliant =
        cJSON_AddTrueToObject(res, "compliant"); /* its own key: ->type is set below */
    cJSON *counts = add_obj(res, "counts");
    int cnt[7] = {0};
    cJSON *pols = add_arr(res, "policies");

    /* fresh view of this declaration */
    luaconv_reset_cache(L);
    if (install_kyojin(r, err, errlen)) {
        cJSON_Delete(res);
        return NULL;
    }
    push_tree(r, d);
    int raw = lua_gettop(L);
    luaconv_push_proxy(L, raw, "");
    int proxy = lua_gettop(L);
    const cJSON *waivers = cJSON_GetObjectItemCaseSensitive(root, "waivers");

    for (size_t i = 0; i < r->np; i++) {
        policy *p = &r->p[i];
        if (r->eval_only ? strcmp(r->eval_only, p->id) != 0 : p->deselected) continue;
        char msg[1024];
        collect c = {0};
        policy_status st = ST_PASS;
        const char *reason_ja = NULL, *reason_en = NULL;
        char *rja = NULL, *ren = NULL; /* owned texts of the reason, whole (no length cut) */
        cJSON *read = NULL;

        luaconv_new_log(L);
        const char *skip = r->hook ? r->hook(r->hook_ud, (int)i, p->id) : NULL;
        if (skip) {
            snprintf(msg, sizeof msg, "%s", skip);
            st = ST_ERROR;
        } else if (run_chunk(r, p->chunk_ref, p->id, msg, sizeof msg)) {
            st = ST_ERROR;
        } else {
            int spec = lua_gettop(L);
            int applies = 1;
            if (!model_applies(p, model)) {
                applies = 0;
                const cJSON *why = cJSON_GetObjectItemCaseSensitive(p->meta, "model_reason");
                rja = str_dup(json_str(why, "ja") ? json_str(why, "ja") : "対象外のモデルです。");
                ren = str_printf("model is %s (%s)", model ? model : "(not declared)",
                                 json_str(why, "en") ? json_str(why, "en") : "not applicable");
                reason_ja = rja;
                reason_en = ren;
            } else if (p->has_applies) {
                lua_pushcfunction(L, call_applies);
                push_raw_field(L, spec, "applies");
                lua_pushvalue(L, proxy);
                if (sandbox_call(r->sb, 2, 3, p->id, msg, sizeof msg) != SANDBOX_OK) {
                    st = ST_ERROR;
                    applies = -1;
                } else {
                    /* plain values only (call_applies): no policy code runs here */
                    if (!lua_toboolean(L, -3)) {
                        applies = 0;
                        const char *ja =
                            lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
                        const char *en =
                            lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
                        rja = str_dup(ja ? ja : "適用条件に該当しないため対象外");
                        ren = str_dup(en ? en : "the applicability condition is not met");
                        reason_ja = rja;
                        reason_en = ren;
                    }
                    lua_pop(L, 3);
                }
            }
            if (applies == 0) {
                st = ST_NA;
            } else if (applies == 1) {
                push_raw_field(L, spec, "check");
                lua_pushvalue(L, proxy);
                push_result_object(L);
                push_params(r, p);
                lua_pushlightuserdata(L, &c);
                lua_rawsetp(L, LUA_REGISTRYINDEX, &CURRENT_COLLECT);
                sandbox_status ss = sandbox_call(r->sb, 3, 0, p->id, msg, sizeof msg);
                if (r->profile)
                    fprintf(stderr, "profile %s %s instructions<=%ld memory=%zu\n", decl_path(d),
                            p->id, sandbox_last_instructions(r->sb), sandbox_memory_in_use(r->sb));
                lua_pushnil(L);
                lua_rawsetp(L, LUA_REGISTRYINDEX, &CURRENT_COLLECT);
                if (ss != SANDBOX_OK) {
                    st = ST_ERROR;
                } else if (c.na) {
                    st = ST_NA;
                    rja = str_dup(c.na_ja);
                    ren = str_dup(c.na_en);
                    reason_ja = rja;
                    reason_en = ren;
                }
            }
            lua_settop(L, spec - 1);
        }
        read = luaconv_take_log(L);
        if (st == ST_ERROR) {
            *any_error = 1;
            free(rja);
            free(ren);
            /* Japanese: what the failure means; the raw text as the labelled detail */
            rja = str_printf(
                "%s詳細（原文）: %s",
                sandbox_failure_ja(skip ? SANDBOX_OK : sandbox_last_status(r->sb), msg), msg);
            ren = str_printf("the policy failed: %s", msg);
            reason_ja = rja;
            reason_en = ren;
        }

        /* recommended: a failed finding is a warning */
        int recommended = strcmp(p->level, "recommended") == 0;
        int info = strcmp(p->level, "info") == 0;
        cJSON *jp = cJSON_CreateObject();
        add_str(jp, "id", p->id);
        add_cs(jp, "requirements",
               cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(p->meta, "requirements"), 1));
        add_str(jp, "level", p->level);
        add_cs(jp, "title", cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(p->meta, "title"), 1));
        add_str(jp, "source", json_str(p->meta, "source"));
        add_cs(jp, "remediation", remediation_in_effect(p));
        cJSON *cm = cJSON_GetObjectItemCaseSensitive(p->meta, "countermeasures");
        add_cs(jp, "countermeasures", cm ? cJSON_Duplicate(cm, 1) : cJSON_CreateArray());
        cJSON *jstatus = add_str(jp, "status", "pass");
        if (reason_ja && (!rja || !ren)) {
            cJSON_Delete(jp);
            free(rja);
            free(ren);
            collect_free(&c);
            cJSON_Delete(read);
            cJSON_Delete(res);
            lua_settop(L, top);
            luaconv_reset_cache(L);
            drop_tree(r);
            snprintf(err, errlen, "out of memory");
            return NULL;
        }
        if (reason_ja)
            add_cs(jp, "reason", bilingual(reason_ja, reason_en));
        else
            add_null(jp, "reason");
        cJSON *jf = add_arr(jp, "findings");
        int n_fail = 0, n_warn = 0, n_waived = 0, n_info = 0;
        if (st != ST_ERROR && st != ST_NA) {
            for (size_t k = 0; k < c.n; k++) {
                finding *f = &c.f[k];
                int fs = f->status;
                if (fs == ST_FAIL && recommended) fs = ST_WARN;
                cJSON *wj = NULL;
                if (fs == ST_FAIL || fs == ST_WARN) {
                    /* the declaration's own waiver, else one of the waivers file (in force
                     * first: runner_set_waivers) */
                    int wi = -1, expired = 0, fi = -1, fexp = 0;
                    const cJSON *w = find_waiver(waivers, p->id, f->ptr, as_of, &wi, &expired);
                    const cJSON *fw =
                        (!w || expired) ? find_waiver(r->waivers, p->id, f->ptr, as_of, &fi, &fexp)
                                        : NULL;
                    const char *wfile = NULL;
                    if (fw && (!w || !fexp)) {
                        w = fw;
                        wi = fi;
                        expired = fexp;
                        wfile = r->waivers_file;
                    }
                    if (w) {
                        wj = cJSON_CreateObject();
                        char wptr[64];
                        snprintf(wptr, sizeof wptr, "/waivers/%d", wi);
                        add_str(wj, "pointer", wptr);
                        if (wfile) add_str(wj, "file", wfile);
                        const char *wk[] = {"justification", "approver", "compensating_control",
                                            "mitigation", "expires"};
                        for (int q = 0; q < 5; q++) {
                            const cJSON *v = cJSON_GetObjectItemCaseSensitive(w, wk[q]);
                            if (v && !cJSON_IsNull(v)) add_cs(wj, wk[q], cJSON_Duplicate(v, 1));
                        }
                        add_bool(wj, "expired", expired);
                        if (!expired) fs = ST_WAIVED;
                    }
                }
                if (fs == ST_FAIL)
                    n_fail++;
                else if (fs == ST_WARN)
                    n_warn++;
                else if (fs == ST_WAIVED)
                    n_waived++;
                else if (fs == ST_INFO)
                    n_info++;
                cJSON *o = cJSON_CreateObject();
                add_str(o, "status", status_name(fs));
                add_str(o, "pointer", f->ptr);
                int line = 0, col = 0;
                decl_locate(d, f->ptr, &line, &col);
                add_num(o, "line", line);
                add_num(o, "column", col);
                if (f->ja || f->en)
                    add_cs(o, "message", bilingual(f->ja, f->en));
                else
                    add_null(o, "message");
                if (f->evidence)
                    add_str(o, "evidence", f->evidence == 2 ? "evidenced" : "declared");
                else
                    add_null(o, "evidence");
                add_cs(o, "evidence_refs", evidence_refs(d, f->ptr, read));
                if (f->classification)
                    add_cs(o, "classification", cJSON_Duplicate(f->classification, 1));
                else
                    add_null(o, "classification");
                if (wj)
                    add_cs(o, "waiver", wj);
                else
                    add_null(o, "waiver");
                add_elem(jf, o);
            }
            if (n_fail)
                st = ST_FAIL;
            else if (n_warn)
                st = ST_WARN;
            else if (n_waived)
                st = ST_WAIVED;
            else if (info && n_info)
                st = ST_INFO;
            else
                st = ST_PASS;
        }
        collect_free(&c);
        free(rja);
        free(ren);
        cJSON_SetValuestring(jstatus, status_name(st));
        add_cs(jp, "fields_read", read ? read : cJSON_CreateArray());
        repair_entry(jp, p->meta_repaired);
        add_elem(pols, jp);
        cnt[st]++;
        if (strcmp(p->level, "required") == 0 && (st == ST_FAIL || st == ST_ERROR)) {
            compliant->type = cJSON_False;
        }
    }
    lua_settop(L, top);
    luaconv_reset_cache(L);
    drop_tree(r);
    for (int s = 0; s < 7; s++) add_num(counts, status_name((policy_status)s), cnt[s]);
    /* the risk section is added by the caller (core/risk/risk.c) after evaluation. */
    add_null(res, "error");
    return res;
}

/* ------------------------------------------------------------------ host API for tools */

static runner *host_runner(lua_State *L)
{
    return lua_touserdata(L, lua_upvalueindex(1));
}

/* host.read_file(path) → text | nil, message */
static int host_read_file(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    size_t len;
    char *t = fileio_read(path, (size_t)64 << 20, &len);
    if (!t) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: cannot read the file", path);
        return 2;
    }
    lua_pushlstring(L, t, len);
    free(t);
    return 1;
}

/* host.list(dir) → sorted array of the relative paths of every regular file below dir
 * (recursive, depth 8 at most); { "" } when dir is a file */
static int host_list(lua_State *L)
{
    const char *dir = luaL_checkstring(L, 1);
    strvec l = {0};
    struct stat st;
    if (stat(dir, &st) == 0 && S_ISREG(st.st_mode)) {
        lua_createtable(L, 1, 0);
        lua_pushstring(L, "");
        lua_rawseti(L, -2, 1);
        return 1;
    }
    dirlist_walk(dir, NULL, NULL, &l);
    lua_createtable(L, (int)l.n, 0);
    for (size_t i = 0; i < l.n; i++) {
        lua_pushstring(L, l.v[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    strvec_free(&l);
    return 1;
}

/* host.decode(text, name) → raw tree | nil, message (strict loader) */
static int host_decode(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "(text)");
    decl_doc *d;
    decl_error e;
    if (decl_load_buffer(name, text, len, NULL, &d, &e)) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s:%d:%d: %s", e.file ? e.file : name, e.line, e.column, e.msg_en);
        decl_error_clear(&e);
        return 2;
    }
    luaconv_push(L, decl_root(d));
    decl_free(d);
    return 1;
}

/* Collecting test cases: case { ... } inside a test file run in the sandbox. */
static const char CASES = 0;
static int api_case(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &CASES);
    if (lua_type(L, -1) != LUA_TTABLE)
        return luaL_error(L, "case { ... } is only available in test files");
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    return 0;
}

/* host.load_cases(path) → array of plain case tables | nil, message */
static int host_load_cases(lua_State *L)
{
    runner *r = host_runner(L);
    const char *path = luaL_checkstring(L, 1);
    size_t len;
    char *text = fileio_read(path, (size_t)64 << 20, &len);
    if (!text) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: cannot read the file", path);
        return 2;
    }
    char err[1024], chunk[4200];
    snprintf(chunk, sizeof chunk, "@%s", path);
    int rc = sandbox_load(r->sb, text, len, chunk, err, sizeof err);
    free(text);
    if (rc) {
        lua_pushnil(L);
        lua_pushstring(L, err);
        return 2;
    }
    int fn = lua_gettop(L);
    sandbox_push_env(r->sb);
    lua_pushcfunction(L, api_case);
    lua_setfield(L, -2, "case");
    lua_setupvalue(L, fn, 1);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &CASES);
    if (install_kyojin(r, err, sizeof err) ||
        sandbox_call(r->sb, 0, 0, path, err, sizeof err) != SANDBOX_OK) {
        lua_pushnil(L);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &CASES);
        lua_pushnil(L);
        lua_pushstring(L, err);
        return 2;
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &CASES);
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &CASES);
    /* plain-data copy: no policy metatables or functions survive */
    cJSON *j = luaconv_to_json(L, -1, err, sizeof err);
    lua_pop(L, 1);
    if (!j) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: a test case holds a value that is not plain data: %s", path, err);
        return 2;
    }
    if (!cJSON_IsArray(j)) { /* no cases: {} */
        cJSON_Delete(j);
        lua_newtable(L);
        return 1;
    }
    luaconv_push(L, j);
    cJSON_Delete(j);
    return 1;
}

/* host.metadata() → array of policy metadata (plain data) */
static int host_metadata(lua_State *L)
{
    cJSON *m = runner_metadata(host_runner(L));
    luaconv_push(L, m);
    cJSON_Delete(m);
    return 1;
}

/* host.evaluate(text, name, policy_id|nil, params|nil, as_of|nil)
 *   → declaration result (plain data) | nil, validation errors (array) or message */
static int host_evaluate(lua_State *L)
{
    runner *r = host_runner(L);
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "(test)");
    const char *only = luaL_optstring(L, 3, NULL);
    const char *as_of = luaL_optstring(L, 5, NULL);
    char err[2048];
    decl_doc *d;
    decl_error e;
    if (decl_load_buffer(name, text, len, NULL, &d, &e)) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s:%d:%d: %s", e.file ? e.file : name, e.line, e.column, e.msg_en);
        decl_error_clear(&e);
        return 2;
    }
    cJSON *verrs = runner_validate(r, d, err, sizeof err);
    if (!verrs || cJSON_GetArraySize(verrs) > 0) {
        decl_free(d);
        lua_pushnil(L);
        if (verrs) {
            luaconv_push(L, verrs);
            cJSON_Delete(verrs);
        } else {
            lua_pushstring(L, err);
        }
        return 2;
    }
    cJSON_Delete(verrs);
    /* parameters: save, apply, restore */
    cJSON *saved = runner_parameters(r);
    if (lua_type(L, 4) == LUA_TTABLE && only) {
        /* NAME is a parameter of the policy under test; ID.NAME one of another policy (the
         * policies a composite restates) */
        cJSON *given = luaconv_to_json(L, 4, err, sizeof err);
        cJSON *pj = given ? cJSON_CreateObject() : NULL;
        cJSON *own = pj ? cJSON_AddObjectToObject(pj, only) : NULL;
        if (given && !own) snprintf(err, sizeof err, "out of memory");
        while (own && given->child) {
            cJSON *it = cJSON_DetachItemViaPointer(given, given->child);
            cJSON_AddItemToObject(strchr(it->string, '.') ? pj : own, it->string, it);
        }
        cJSON_Delete(given);
        if (!own || runner_set_params_json(r, pj, err, sizeof err)) {
            cJSON_Delete(pj);
            cJSON_Delete(saved);
            decl_free(d);
            return luaL_error(L, "parameters: %s", err);
        }
        cJSON_Delete(pj);
    }
    r->eval_only = only;
    int any_error = 0;
    cJSON *res = runner_eval(r, d, as_of, &any_error, err, sizeof err);
    r->eval_only = NULL;
    char perr[256];
    runner_set_params_json(r, saved, perr, sizeof perr);
    cJSON_Delete(saved);
    decl_free(d);
    if (!res) {
        lua_pushnil(L);
        lua_pushstring(L, err);
        return 2;
    }
    luaconv_push(L, res);
    cJSON_Delete(res);
    return 1;
}

/* host.write(s...) → stdout (tools only; policies never see it) */
static int host_write(lua_State *L)
{
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_checklstring(L, i, &len);
        fwrite(s, 1, len, stdout);
    }
    return 0;
}

void runner_push_host_api(runner *r)
{
    lua_State *L = sandbox_state(r->sb);
    static const luaL_Reg f[] = {{"read_file", host_read_file}, {"list", host_list},
                                 {"decode", host_decode},       {"load_cases", host_load_cases},
                                 {"metadata", host_metadata},   {"evaluate", host_evaluate},
                                 {"write", host_write},         {NULL, NULL}};
    lua_createtable(L, 0, 8);
    for (const luaL_Reg *q = f; q->name; q++) {
        lua_pushlightuserdata(L, r);
        lua_pushcclosure(L, q->func, 1);
        lua_setfield(L, -2, q->name);
    }
}
