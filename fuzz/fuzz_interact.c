/* fuzz_interact.c — policy interaction: what one policy does must not change another policy's
 * result, nor the validation of the next declaration.
 *
 * The input bytes drive a generator (not Lua text): they pick statements from a grammar of what
 * hostile policies try (writes to `kyojin` helpers and to the tables they return, metatables of
 * returned tables, JSON values and strings, rawset, `_ENV` tricks, load, coroutine, errors with
 * tables, xpcall handlers, pcall, bounded loops, findings with odd strings, large allocations)
 * and benign checks that read declaration fields. Two policies are generated, A (id AA-00, so
 * it runs first) and B (ZZ-99), or B is a bundled policy of policies/ (DL-*, ST-*) in a quarter
 * of the inputs. A generated B reports, first and last, a snapshot of every shared value it can
 * see (observed[]: sorted keys of `kyojin`, the libraries, the string methods, the JSON value
 * metatables, helper results, the declaration view), one finding per value. A declaration is
 * picked from samples/ or generated (minimal.json with fields set from the input), and a
 * following declaration from samples/ or samples/invalid/.
 *
 * The way `kyojin check` runs a batch in one process (batch.c: validate, evaluate, next
 * declaration in the same runner), it runs first B alone in a fresh runner, then A and B in
 * another fresh runner (same policy directory, same file names), each over: validate decl 1,
 * evaluate decl 1, validate decl 2, evaluate decl 2 (when valid).
 * Invariants: B's result entries (status, reason, findings, messages, fields read) are
 * byte-identical in both runs; both validations give the same errors; a policy that loads has
 * a result (no crash, leak or sanitizer report). */
#define _GNU_SOURCE
#include "input/decl.h"
#include "engine/runner.h"
#include "util/strutil.h"
#include "fuzz_common.h"

#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>

static unsigned pick(fuzz_reader *r, unsigned n)
{
    return fuzz_u8(r) % n;
}

/* ---- output buffer -------------------------------------------------------------- */

typedef struct {
    char *b;
    size_t n, cap;
} buf;

static void out(buf *o, const char *fmt, ...)
{
    va_list ap;
    for (;;) {
        if (!o->b) {
            o->b = malloc(o->cap = 256);
            if (!o->b) abort();
        }
        va_start(ap, fmt);
        int k = vsnprintf(o->b + o->n, o->cap - o->n, fmt, ap);
        va_end(ap);
        if (k < 0) abort();
        if (o->n + (size_t)k < o->cap) {
            o->n += (size_t)k;
            return;
        }
        o->cap = (o->n + (size_t)k + 1) * 2;
        o->b = realloc(o->b, o->cap);
        if (!o->b) abort();
    }
}

/* ---- the grammar ------------------------------------------------------------------ */

/* Lua string literals that are hard on whoever prints them (all valid Lua source). */
static const char *const odd_str[] = {
    "\"\"",
    "\"x\"",
    "\"\\0nul\"",
    "\"\\xff\\xfe broken\"",
    "\"\\27[31mred\\27[0m\"",
    "\"line\\nbreak\\r\"",
    "\"\\u{202E}bidi\\u{202C}\"",
    "\"日本語のメッセージ\"",
    "\"%s%d%n\"",
    "\"=cmd|' /C calc'!A0\"",
    "\"<script>alert(1)</script>\"",
    "\"/assets/0\"",
    "\"\\xe3\\x81\"",
    "string.rep(\"長\", 300)",
};
#define N_STR (sizeof odd_str / sizeof *odd_str)

/* tables a policy can get hold of (expressions), each with the keys worth writing there */
static const struct {
    const char *expr, *keys;
} tables[] = {
    {"kyojin", "dl_model fact_parts object array is_array each ap_network_kinds"},
    {"kyojin.dl_model(\"1a\")", "cloud class local_breakout"},
    {"kyojin.dl_model(\"2\")", "cloud class"},
    {"kyojin.beta_access_control_params()", "scope"},
    {"kyojin.beta_access_control_params().scope", "default"},
    {"kyojin.caption_of_asset(decl.assets[1] or {id = \"a\", name = \"b\"})", "ja en"},
    {"kyojin.object({})", "x"},
    {"kyojin.array({1, 2})", "1 3"},
    {"kyojin.object()", "x"},
    {"getmetatable(kyojin.object({}))", "__index __newindex __len"},
    {"getmetatable(kyojin.array({}))", "__index __len"},
    {"getmetatable(\"\")", "__index __metatable"},
    {"getmetatable(\"\").__index", "upper format rep"},
    {"string", "format rep upper sub"},
    {"table", "concat insert sort"},
    {"math", "floor huge max"},
    {"utf8", "char len"},
    {"_ENV", "kyojin string pairs type pcall tostring"},
    {"decl", "assets model schema"},
    {"decl.assets", "1 2"},
    {"decl.assets[1]", "id count"},
    {"decl.body", "name"},
    {"result", "fail pass"},
    {"kyojin.ap_network_kinds", "1 2"},
    {"getmetatable(decl)", "__index __newindex"},
    {"getmetatable(result)", "__index"},
    {"getmetatable(kyojin)", "__index __newindex"},
    {"getmetatable(kyojin.dl_model(\"1a\"))", "__index"},
    {"kept", "x 1"},
};
#define N_TAB (sizeof tables / sizeof *tables)

static const char *const keys[] = {
    "fact",     "dl_model",    "cloud",  "class",      "__index",   "__newindex",
    "__len",    "__call",      "__eq",   "__tostring", "format",    "rep",
    "upper",    "insert",      "concat", "floor",      "x",         "[1]",
    "assets",   "model",       "schema", "fail",       "pass",      "object",
    "is_array", "default",     "name",   "id",         "[\"\\0\"]", "[0/0 ~= 0/0 and 1 or 2]",
    "[-1]",     "__metatable", "__gc",   "__mode",     "__pairs",
};
#define N_KEY (sizeof keys / sizeof *keys)

static const char *const meta_keys[] = {
    "__index", "__newindex", "__len",       "__call",  "__eq",    "__tostring", "__concat",
    "__gc",    "__mode",     "__metatable", "__close", "__pairs", "__lt",       "__name"};
#define N_META (sizeof meta_keys / sizeof *meta_keys)

static const char *const helpers[] = {
    "dl_model",
    "dl_in_use",
    "dl_is_cloud",
    "caption_of_asset",
    "beta_measures_apply",
    "beta_terminals",
    "asset_confidentiality",
    "declared_fact",
    "edr_missing",
    "al_lgwan_assets",
    "ap_network_kinds",
    "remote_work_applies",
    "st_model_ja",
    "st_connections",
    "st_in_scope",
    "vuln_assets_by_id",
    "vuln_severity",
    "contract_label",
    "zero_trust_pc_item",
    "object",
    "array",
    "is_array",
    "each",
    "fact_parts",
};
#define N_HELP (sizeof helpers / sizeof *helpers)

/* What a policy can observe of shared state: B's snapshot() (below) reports all of it in one
 * finding, so that state another policy changed shows up in B's entry. */
static const char *const observed[] = {
    "keys_of(kyojin)",
    "keys_of(string)",
    "keys_of(table)",
    "keys_of(math)",
    "keys_of(utf8)",
    "keys_of(getmetatable(\"\").__index)",
    "keys_of(kyojin.dl_model(\"1a\"))",
    "keys_of(getmetatable(kyojin.object({})))",
    "keys_of(getmetatable(kyojin.array({})))",
    "keys_of(kyojin.beta_access_control_params().scope)",
    "keys_of(decl)",
    "keys_of(decl.body)",
    "keys_of(decl.assets[1])",
    "keys_of(kyojin.ap_network_kinds)",
    "keys_of(_ENV)",
    "kyojin.dl_model(\"1a\").cloud",
    "kyojin.dl_model(\"2\").class",
    "#kyojin.ap_network_kinds",
    "getmetatable(\"\")",
    "(\"abc\"):upper()",
    "(\"ab\"):rep(2, \",\")",
    "string.format(\"%d-%s\", 3, \"x\")",
    "math.floor(2.5)",
    "math.huge",
    "table.concat({\"a\", \"b\"}, \",\")",
    "utf8.char(0x65e5)",
    "#decl.assets",
    "decl.model",
    "decl.schema",
    "decl.body.name",
    "kyojin.object({}).x",
    "#kyojin.array({})",
    "#kyojin.array({1, 2})",
    "type(getmetatable(kyojin.object({})))",
    "type(getmetatable(decl))",
    "type(getmetatable(result))",
    "type(getmetatable(kyojin))",
    "select(\"#\", kyojin.dl_model(\"1b\"))",
    "kyojin.is_array(decl.assets)",
    "kyojin.caption_of_asset(decl.assets[1]).ja",
    "rawget(_ENV, \"kept\")",
    "type(kept)",
    "tostring(1.5) .. tostring(nil)",
    "type(next) .. type(pairs) .. type(pcall) .. type(setmetatable)",
    "#decl.assets > 0 and decl.assets[1].count",
};
#define N_OBS (sizeof observed / sizeof *observed)

static const char *const asset_fields[] = {
    "id",   "name",     "kind", "segment", "count", "placement", "internet_boundary",
    "data", "controls", "nope"};
#define N_AF (sizeof asset_fields / sizeof *asset_fields)

static void gen_stmt(fuzz_reader *r, buf *o, int depth);

static void gen_val(fuzz_reader *r, buf *o, int depth)
{
    switch (pick(r, depth > 2 ? 10 : 13)) {
    case 0: out(o, "nil"); break;
    case 1: out(o, fuzz_u8(r) & 1 ? "true" : "false"); break;
    case 2: out(o, "%d", (int)(signed char)fuzz_u8(r)); break;
    case 3: out(o, "%s", odd_str[pick(r, N_STR)]); break;
    case 4: out(o, "{}"); break;
    case 5: out(o, "kyojin.object({ x = 1 })"); break;
    case 6: out(o, "0/0"); break;
    case 7: out(o, "%s", tables[pick(r, N_TAB)].expr); break;
    case 8: out(o, "math.huge"); break;
    case 9: out(o, "kyojin.%s", helpers[pick(r, N_HELP)]); break;
    case 10:
        out(o, "function(...) ");
        gen_stmt(r, o, depth + 1);
        out(o, " return ");
        gen_val(r, o, depth + 1);
        out(o, " end");
        break;
    case 11:
        out(o, "setmetatable({}, { %s = ", meta_keys[pick(r, N_META)]);
        gen_val(r, o, depth + 1);
        out(o, " })");
        break;
    default:
        out(o, "{ ");
        gen_val(r, o, depth + 1);
        out(o, ", k = ");
        gen_val(r, o, depth + 1);
        out(o, " }");
        break;
    }
}

/* The key k of table i as a Lua expression (a string literal, or a number), or NULL for
 * the expression of one of keys[]: mostly one of the table's own keys. */
static void gen_keyname(fuzz_reader *r, unsigned i, char *dst, size_t cap, const char **general)
{
    unsigned c = fuzz_u8(r);
    *general = NULL;
    if (c & 0x80) {
        *general = keys[c % N_KEY];
        return;
    }
    const char *k = tables[i].keys;
    unsigned n = 1;
    for (const char *p = k; *p; p++) n += *p == ' ';
    for (unsigned j = 0, want = c % n; j < want; j++) k = strchr(k, ' ') + 1;
    int l = (int)strcspn(k, " ");
    snprintf(dst, cap, k[0] >= '0' && k[0] <= '9' ? "%.*s" : "\"%.*s\"", l, k);
}

/* `T.K` / `T[K]` for table i */
static void gen_target(fuzz_reader *r, buf *o, unsigned i)
{
    char k[64];
    const char *g;
    gen_keyname(r, i, k, sizeof k, &g);
    if (g)
        out(o, g[0] == '[' ? "%s%s" : "%s.%s", tables[i].expr, g);
    else
        out(o, "%s[%s]", tables[i].expr, k);
}

static const char *const load_text[] = {
    "\"kyojin.fact_parts = nil\"",
    "\"return _ENV\"",
    "\"kept = 1; return kept\"",
    "\"string.rep = nil\"",
    "\"\\27Lua\\84\\0\"",
    "\"while true do end\"",
    "\"return ...\"",
    "\"error({})\"",
    "\"local t = {} t[t] = t return t\"",
};
#define N_LOAD (sizeof load_text / sizeof *load_text)

static long big_sizes[] = {0, 1, 10, 1000, 100000, 1000000, 10000000, 100000000, 2147483647L};
#define N_BIG (sizeof big_sizes / sizeof *big_sizes)

static const char *const finding_method[] = {"pass",           "fail",     "warn",
                                             "not_applicable", "classify", "info"};

static void gen_ptr(fuzz_reader *r, buf *o)
{
    switch (pick(r, 7)) {
    case 0: out(o, "\"/body\""); break;
    case 1: out(o, "\"/assets/%u\"", pick(r, 4)); break;
    case 2: out(o, "decl.assets[%u]", 1 + pick(r, 3)); break;
    case 3: out(o, "decl"); break;
    case 4: out(o, "%s", odd_str[pick(r, N_STR)]); break;
    case 5: out(o, "\"/assets/0/controls/patch/os_timely\""); break;
    default: gen_val(r, o, 3); break;
    }
}

static void gen_msg(fuzz_reader *r, buf *o, int depth)
{
    switch (pick(r, 5)) {
    case 0: out(o, "nil"); break;
    case 1: out(o, "{ ja = %s, en = %s }", odd_str[pick(r, N_STR)], odd_str[pick(r, N_STR)]); break;
    case 2: out(o, "{ ja = %s }", odd_str[pick(r, N_STR)]); break;
    case 3: out(o, "%s", odd_str[pick(r, N_STR)]); break;
    default: gen_val(r, o, depth + 1); break;
    }
}

/* One statement. Nested statements (pcall, loops, handlers, coroutines) until depth 3. */
static void gen_stmt(fuzz_reader *r, buf *o, int depth)
{
    if (depth > 3) {
        out(o, "kept = %u", pick(r, 10));
        return;
    }
    unsigned k = pick(r, 20);
    switch (k) {
    case 0: /* write into a table a policy can reach */
        gen_target(r, o, pick(r, N_TAB));
        out(o, " = ");
        gen_val(r, o, depth);
        break;
    case 1: {
        unsigned i = pick(r, N_TAB);
        char key[64];
        const char *g;
        gen_keyname(r, i, key, sizeof key, &g);
        out(o, "rawset(%s, ", tables[i].expr);
        if (g)
            gen_val(r, o, depth);
        else
            out(o, "%s", key);
        out(o, ", ");
        gen_val(r, o, depth);
        out(o, ")");
        break;
    }
    case 2:
        out(o, "setmetatable(%s, { %s = ", tables[pick(r, N_TAB)].expr, meta_keys[pick(r, N_META)]);
        gen_val(r, o, depth);
        out(o, " })");
        break;
    case 3:
        out(o, "do local mt = getmetatable(%s) if type(mt) == \"table\" then mt.%s = ",
            tables[pick(r, N_TAB)].expr, meta_keys[pick(r, N_META)]);
        gen_val(r, o, depth);
        out(o, " end end");
        break;
    case 4: { /* _ENV */
        static const char *const env[] = {
            "kyojin = nil",
            "_ENV.kyojin = { dl_model = function() return {} end }",
            "setmetatable(_ENV, { __index = function() return 1 end })",
            "string = nil",
            "ipairs = function() return function() return nil end end",
            "type = function() return \"table\" end",
            "tostring = nil",
            "policy = nil",
            "rawset(_ENV, \"string\", {})",
            "do local _ENV = { kyojin = kyojin } kyojin.fact_parts = 1 end",
            "_ENV = setmetatable({}, { __index = _ENV })",
            "pcall = function(f, ...) return true, f(...) end",
            "kept = _ENV",
        };
        out(o, "%s", env[pick(r, sizeof env / sizeof *env)]);
        break;
    }
    case 5:
        out(o, "do local f = load(%s%s) if f then kept = f() end end", load_text[pick(r, N_LOAD)],
            fuzz_u8(r) & 1 ? ", \"x\", \"bt\", _ENV" : "");
        break;
    case 6:
        out(o, "do local co = coroutine.create(function() ");
        gen_stmt(r, o, depth + 1);
        out(o, " coroutine.yield(1) ");
        gen_stmt(r, o, depth + 1);
        out(o, " end) coroutine.resume(co) kept = co end");
        break;
    case 7:
        switch (pick(r, 4)) {
        case 0: out(o, "error({ code = 1 })"); break;
        case 1:
            out(o, "error(setmetatable({}, { __tostring = function() return %s end }))",
                odd_str[pick(r, N_STR)]);
            break;
        case 2: out(o, "error(%s, %u)", odd_str[pick(r, N_STR)], pick(r, 4)); break;
        default:
            out(o, "error(");
            gen_val(r, o, depth);
            out(o, ")");
        }
        break;
    case 8:
        out(o, "xpcall(function() ");
        gen_stmt(r, o, depth + 1);
        out(o, " end, function(m) ");
        gen_stmt(r, o, depth + 1);
        out(o, " return m end)");
        break;
    case 9:
        out(o, "pcall(function() ");
        gen_stmt(r, o, depth + 1);
        out(o, " end)");
        break;
    case 10: {
        unsigned n = fuzz_u8(r);
        n = n < 200 ? n % 16 : (n - 200) * 500u;
        out(o, "for i = 1, %u do ", n);
        gen_stmt(r, o, depth + 1);
        out(o, " end");
        break;
    }
    case 11:
        out(o, "result:%s(", finding_method[pick(r, 6)]);
        gen_ptr(r, o);
        out(o, ", ");
        gen_msg(r, o, depth);
        out(o, ")");
        break;
    case 12: {
        long n = big_sizes[pick(r, N_BIG)];
        switch (pick(r, 3)) {
        case 0: out(o, "kept = string.rep(%s, %ld)", odd_str[pick(r, N_STR)], n); break;
        case 1:
            out(o, "do local t = {} for i = 1, %ld do t[i] = i end kept = #t end",
                n > 100000 ? 100000 : n);
            break;
        default: out(o, "kept = table.concat({ string.rep(\"y\", %ld), \"z\" })", n); break;
        }
        break;
    }
    case 13: { /* a benign check reading declaration fields */
        const char *f = asset_fields[pick(r, N_AF)];
        out(o,
            "for _, a in ipairs(decl.assets) do if a.%s ~= nil then result:pass(a) "
            "else result:fail(a, { ja = \"%s なし\", en = \"no %s\" }) end end",
            f, f, f);
        break;
    }
    case 14:
        out(o,
            "if decl.model == \"%s\" then result:pass(\"/model\") else result:warn(\"/model\", "
            "{ ja = \"モデル\", en = \"model\" }) end",
            (const char *[]){"alpha", "alpha_prime", "beta", "beta_prime"}[pick(r, 4)]);
        break;
    case 15:
    case 16: /* report what is seen of shared state */ out(o, "snapshot(\"seen %u\")", k); break;
    case 17:
        out(o, "kept = kyojin.%s(", helpers[pick(r, N_HELP)]);
        gen_val(r, o, depth);
        out(o, ", ");
        gen_val(r, o, depth);
        out(o, ")");
        break;
    case 18: { /* the string metatable */
        static const char *const s[] = {
            "getmetatable(\"\").__index = { upper = function() return \"X\" end }",
            "getmetatable(\"\").__index.upper = function() return \"X\" end",
            "string.upper = function() return \"X\" end",
            "(\"\").format = nil",
            "setmetatable(\"\", {})",
            "kept = (\"x\"):rep(3)",
        };
        out(o, "%s", s[pick(r, sizeof s / sizeof *s)]);
        break;
    }
    default:
        out(o, "kept = ");
        gen_val(r, o, depth);
        break;
    }
}

/* The start of every check: obs (a value as text, without addresses), keys_of (the sorted keys
 * of a table with the types of their values) and snapshot (every observed[] expression). */
static char prelude[8192];

static void make_prelude(void)
{
    buf o = {0};
    out(&o, "    local function obs(v)\n"
            "      local t = type(v)\n"
            "      if t == \"string\" or t == \"number\" or t == \"boolean\" or t == \"nil\" then\n"
            "        return t .. \":\" .. tostring(v)\n"
            "      end\n"
            "      return t\n"
            "    end\n"
            "    local function keys_of(t)\n"
            "      local ks = {}\n"
            "      for k, v in pairs(t) do\n"
            "        ks[#ks + 1] = (type(k) == \"string\" and k or obs(k)) .. \"=\" .. type(v)\n"
            "      end\n"
            "      table.sort(ks)\n"
            "      return table.concat(ks, \",\")\n"
            "    end\n"
            "    local function snapshot(tag)\n"
            "      local function see(i, f)\n"
            "        local ok, v = pcall(f)\n"
            "        local seen = (ok and \"\" or \"!\") .. obs(v)\n"
            "        pcall(result.fail, result, \"/body\",\n"
            "              { ja = string.sub(seen, 1, 3000), en = tag .. \" \" .. i })\n"
            "      end\n");
    for (size_t i = 0; i < N_OBS; i++)
        out(&o, "      see(%zu, function() return %s end)\n", i, observed[i]);
    out(&o, "    end\n");
    if (o.n >= sizeof prelude) abort();
    memcpy(prelude, o.b, o.n + 1);
    free(o.b);
}

static void gen_policy(fuzz_reader *r, buf *o, const char *id, const char *level, int snapshots)
{
    /* code of the chunk itself (it runs when the policy file loads) */
    for (unsigned i = 0, n = pick(r, 8) < 2 ? 1 : 0; i < n; i++) {
        out(o, "pcall(function() ");
        gen_stmt(r, o, 1);
        out(o, " end)\n");
    }
    out(o,
        "policy {\n  id = \"%s\", requirements = { \"ST-01\" }, level = \"%s\",\n"
        "  models = { \"alpha\", \"alpha_prime\", \"beta\", \"beta_prime\" }, source = \"S000 fuzz\",\n"
        "  title = { ja = \"生成\", en = \"generated\" }, remediation = { ja = \"なし\", en = \"none\" },\n"
        "  check = function(decl, result)\n"
        "%s",
        id, level, prelude);
    if (snapshots) /* what it sees of what the others did */
        out(o, "    snapshot(\"first\")\n");
    unsigned n = 1 + pick(r, 8);
    for (unsigned i = 0; i < n; i++) {
        int wrap = fuzz_u8(r) & 1;
        out(o, "    %s", wrap ? "pcall(function() " : "");
        gen_stmt(r, o, 0);
        out(o, "%s;\n", wrap ? " end)" : ""); /* `;`: a next line "(...)" is no call */
    }
    if (snapshots) /* and after its own statements */
        out(o, "    snapshot(\"at the end\")\n");
    out(o, "  end,\n}\n");
}

/* ---- declarations and bundled policies -------------------------------------------- */

static const char *const decl_files[] = {
    "samples/minimal.json",
    "samples/alpha-town.json",
    "samples/alpha-village-secure-browser.json",
    "samples/beta-city-daas-breakout.json",
    "samples/alpha-prime-town-daas-same-csp.json",
};
#define N_DECL (sizeof decl_files / sizeof *decl_files)
static const char *const next_files[] = {
    "samples/invalid/missing-version.json",    "samples/invalid/bad-enum.json",
    "samples/invalid/conditional-fields.json", "samples/minimal.json",
    "samples/beta-town-secure-browser.json",
};
#define N_NEXT (sizeof next_files / sizeof *next_files)
static const char *const real_policies[] = {
    "policies/dl/dl-01_link_classification.lua", "policies/dl/dl-02_remote_maintenance.lua",
    "policies/dl/dl-03_cloud_accounts.lua",      "policies/st/st-01_clipboard.lua",
    "policies/st/st-05_encryption.lua",          "policies/st/st-12_beta_screen_transfer.lua",
};
#define N_REAL (sizeof real_policies / sizeof *real_policies)

static decl_doc *decls[N_DECL], *nexts[N_NEXT];
static char *real_text[N_REAL], *real_id[N_REAL];
static char *minimal;
static size_t minimal_len;
static char dir[4096], lua[4096];

static decl_doc *load(const char *rel)
{
    char p[4096];
    fuzz_path(p, sizeof p, rel);
    decl_doc *d;
    decl_error e;
    if (decl_load_file(p, NULL, &d, &e)) {
        fprintf(stderr, "fuzz_interact: %s: %s\n", p, e.msg_en);
        exit(1);
    }
    return d;
}

static void cleanup(void)
{
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "/tmp/kyojin-fuzz-interact.XXXXXX");
    if (!mkdtemp(dir)) exit(1);
    atexit(cleanup);
    fuzz_path(lua, sizeof lua, "lua");
    make_prelude();
    for (size_t i = 0; i < N_DECL; i++) decls[i] = load(decl_files[i]);
    for (size_t i = 0; i < N_NEXT; i++) nexts[i] = load(next_files[i]);
    for (size_t i = 0; i < N_REAL; i++) {
        char p[4096];
        size_t len;
        fuzz_path(p, sizeof p, real_policies[i]);
        real_text[i] = fuzz_read(p, &len);
        const char *id = real_text[i] ? strstr(real_text[i], "id = \"") : NULL;
        if (!id) {
            fprintf(stderr, "fuzz_interact: %s: no policy id\n", p);
            exit(1);
        }
        real_id[i] = str_dup(id + 6);
        *strchr(real_id[i], '"') = 0;
    }
    char p[4096];
    fuzz_path(p, sizeof p, "samples/minimal.json");
    minimal = fuzz_read(p, &minimal_len);
    if (!minimal) exit(1);
    return 0;
}

/* minimal.json with the model and some facts set from the input (may well be invalid:
 * then only the validations are compared) */
static decl_doc *gen_decl(fuzz_reader *r)
{
    /* mostly valid values; a high byte picks an invalid one */
    static const char *const models[] = {"alpha", "alpha_prime", "beta", "beta_prime", "gamma"};
    static const char *const counts[] = {"25", "0", "1000000", "-1", "1e308", "\"25\"", "null"};
    static const char *const bools[] = {"false", "true", "null", "\"false\"", "{}"};
    unsigned x = fuzz_u8(r), y = fuzz_u8(r), z = fuzz_u8(r);
    const char *model = models[x < 240 ? x % 4 : 4];
    const char *count = counts[y < 240 ? y % 3 : 3 + y % 4];
    const char *used = bools[z < 240 ? z % 2 : 2 + z % 3];
    buf o = {0};
    const char *m = strstr(minimal, "\"model\": \"alpha\"");
    const char *c = strstr(minimal, "\"count\": 25");
    const char *u = strstr(minimal, "\"removable_media\": {\n    \"used\": false");
    if (!m || !c || !u || !(m < c && c < u)) abort();
    out(&o, "%.*s\"model\": \"%s\"", (int)(m - minimal), minimal, model);
    const char *p = m + strlen("\"model\": \"alpha\"");
    out(&o, "%.*s\"count\": %s", (int)(c - p), p, count);
    p = c + strlen("\"count\": 25");
    out(&o, "%.*s\"removable_media\": {\n    \"used\": %s", (int)(u - p), p, used);
    p = u + strlen("\"removable_media\": {\n    \"used\": false");
    out(&o, "%s", p);
    decl_doc *d = NULL;
    decl_error e;
    if (decl_load_buffer("generated.json", o.b, o.n, NULL, &d, &e)) {
        decl_error_clear(&e);
        d = NULL;
    }
    free(o.b);
    return d;
}

/* ---- running ---------------------------------------------------------------------- */

static int write_text(const char *name, const char *text, size_t len)
{
    char p[4300];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    if (!f) return -1;
    int bad = fwrite(text, 1, len, f) != len;
    if (fclose(f) != 0) bad = 1;
    return bad ? -1 : 0;
}

static void remove_text(const char *name)
{
    char p[4300];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    unlink(p);
}

static char *print(const cJSON *j)
{
    char *s = cJSON_PrintUnformatted(j);
    if (!s) abort();
    return s;
}

static void step_validate(runner *r, decl_doc *d, buf *log, int *valid)
{
    char err[1024];
    cJSON *v = runner_validate(r, d, err, sizeof err);
    if (!v) {
        out(log, "validate: %s\n", err);
        *valid = 0;
        return;
    }
    char *s = print(v);
    out(log, "validate: %s\n", s);
    free(s);
    *valid = cJSON_GetArraySize(v) == 0;
    cJSON_Delete(v);
}

static void step_eval(runner *r, decl_doc *d, const char *bid, buf *log)
{
    char err[1024];
    int any = 0;
    cJSON *res = runner_eval(r, d, NULL, &any, err, sizeof err);
    FUZZ_CHECK(res != NULL, "evaluation failed: %s", err);
    const cJSON *pol;
    int seen = 0;
    cJSON_ArrayForEach(pol, cJSON_GetObjectItemCaseSensitive(res, "policies")) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(pol, "id");
        FUZZ_CHECK(cJSON_IsString(id), "policy entry without id");
        if (strcmp(id->valuestring, bid) != 0) continue;
        char *s = print(pol);
        out(log, "eval: %s\n", s);
        free(s);
        seen++;
    }
    FUZZ_CHECK(seen == 1, "policy %s has %d entries", bid, seen);
    cJSON_Delete(res);
}

/* validate decl 1, evaluate it, validate decl 2, evaluate it when valid (batch.c's pipeline
 * over two files in one runner); NULL when the policy set does not load as a whole */
static char *run(decl_doc *d1, decl_doc *d2, const char *bid, int expect)
{
    runner_opts o = {0};
    o.policies_dir = dir;
    o.lua_dir = lua;
    o.validate = 1;
    o.sandbox.bundle = fuzz_bundle();
    o.sandbox.instructions = 100000;
    o.sandbox.policy_memory = (size_t)8 << 20;
    o.sandbox.cpu_seconds = 30; /* the instruction budget stops first: no timing dependence */
    char err[1024];
    runner *r = runner_new(&o, err, sizeof err);
    if (!r) {
        if (getenv("FUZZ_INTERACT_PRINT")) fprintf(stderr, "runner: %s\n", err);
        return NULL;
    }
    if (runner_policy_count(r) != expect) {
        const char *const *le = runner_load_errors(r);
        for (; getenv("FUZZ_INTERACT_PRINT") && le && *le; le++) fprintf(stderr, "load: %s\n", *le);
        runner_free(r);
        return NULL;
    }
    buf log = {0};
    int valid = 0;
    step_validate(r, d1, &log, &valid);
    if (valid) step_eval(r, d1, bid, &log);
    step_validate(r, d2, &log, &valid);
    if (valid) step_eval(r, d2, bid, &log);
    runner_free(r);
    return log.b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096) return 0;
    fuzz_reader rd = {data, size, 0};
    unsigned mode = fuzz_u8(&rd);
    unsigned which = fuzz_u8(&rd);
    decl_doc *gen = NULL, *d1;
    if ((which & 7) == 7 && (gen = gen_decl(&rd)) != NULL)
        d1 = gen;
    else
        d1 = decls[which % N_DECL];
    decl_doc *d2 = nexts[fuzz_u8(&rd) % N_NEXT];

    buf a = {0}, b = {0};
    gen_policy(&rd, &a, "AA-00", fuzz_u8(&rd) & 1 ? "required" : "recommended", 0);
    const char *bid = "ZZ-99";
    if (mode % 4 == 3) { /* a bundled policy as B */
        size_t k = fuzz_u8(&rd) % N_REAL;
        out(&b, "%s", real_text[k]);
        bid = real_id[k];
    } else {
        gen_policy(&rd, &b, bid, mode & 4 ? "required" : "info", 1);
    }

    if (getenv("FUZZ_INTERACT_PRINT")) /* see what an input generates */
        fprintf(stderr, "---- policy A\n%s---- policy B\n%s", a.b, b.b);
    remove_text("aa00.lua");
    if (write_text("zz99.lua", b.b, b.n) == 0) {
        char *alone = run(d1, d2, bid, 1);
        if (alone && write_text("aa00.lua", a.b, a.n) == 0) {
            char *with = run(d1, d2, bid, 2);
            if (with && strcmp(alone, with) != 0) {
                fprintf(stderr,
                        "---- policy A\n%s---- policy B\n%s---- B alone\n%s---- after A\n%s", a.b,
                        b.b, alone, with);
                FUZZ_CHECK(0, "policy %s's results depend on the policy run before it", bid);
            }
            if (with && getenv("FUZZ_INTERACT_PRINT"))
                fprintf(stderr, "---- B's results\n%s", with);
            free(with);
        }
        free(alone);
    }
    remove_text("aa00.lua");
    remove_text("zz99.lua");
    free(a.b);
    free(b.b);
    if (gen) decl_free(gen);
    return 0;
}
