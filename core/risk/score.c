/* score.c — scoring one declaration with the loaded risk tables (requirements.md RA-01 …
 * RA-06; docs/dev/interfaces.md §7).
 *
 * Owns: the level mapping of risk.h (countermeasure level, vulnerability level, tree level),
 * reading a declaration (assets, their importance, placement and provided countermeasures,
 * unpatched vulnerabilities), reading the policy results (which countermeasures a failing
 * policy invalidates on which assets, what passing it would put in place), reading and
 * validating attack trees (the declaration's and a scenario file's; their messages are in the
 * user's language), scoring asset rows and trees with a policy treated as passing, and
 * ranking the delta.
 * Does not own: loading the tables (tables.c), the JSON of the risk section (risk_json.c),
 * text output (risk_text.c).
 */
#include "risk/risk_internal.h"
#include "util/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Language of the messages about a declaration's attack trees (users read them); table
   errors are for maintainers and stay English. */
static bool lang_en;

void risk_set_lang(const char *lang)
{
    lang_en = lang && strcmp(lang, "en") == 0;
}

#define L10N(ja, en) (lang_en ? (en) : (ja))

/* ------------------------------------------------------------------------------------ */
/* Level mapping                                                                        */

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

int risk_popcount(cmset x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

/* The member `tok` of an object, or the element at index `tok` of an array; else NULL. */
static const cJSON *child(const cJSON *cur, const char *tok)
{
    if (cJSON_IsObject(cur)) return cJSON_GetObjectItemCaseSensitive(cur, tok);
    if (!cJSON_IsArray(cur)) return NULL;
    char *end;
    long i = strtol(tok, &end, 10);
    if (*end || end == tok || i < 0 || i > 1000000) return NULL;
    return cJSON_GetArrayItem(cur, (int)i);
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
        cur = child(cur, seg);
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
        cur = child(cur, tok);
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

static int find_asset(const risk_ctx *c, const char *id)
{
    if (!id) return -1;
    for (int i = 0; i < c->nassets; i++)
        if (c->assets[i].id && strcmp(c->assets[i].id, id) == 0) return i;
    return -1;
}

static void warnf(risk_ctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = str_vprintf(fmt, ap); /* whole: no fixed buffer cuts a name */
    va_end(ap);
    if (msg) cJSON_AddItemToArray(c->warnings, cJSON_CreateString(msg));
    free(msg);
}

static int level_of_name(const char *const *names, const int *levels, const char *s, int dflt)
{
    if (!s) return dflt;
    for (int i = 0; i < 3; i++)
        if (strcmp(names[i], s) == 0) return levels[i];
    return dflt;
}

/* RA-01: the highest proposal of importance.lua's rules (the first rule that proposes it
   in *rule), the default (*rule NULL) when none holds. */
static int derive_importance(const risk_tables *t, const asset_info *a, const cJSON **rule)
{
    int best = t->imp_default;
    const cJSON *r, *f;
    const cJSON *data = json_get(a->obj, "data");
    *rule = NULL;
    cJSON_ArrayForEach(r, t->imp_rules) {
        const cJSON *segs = json_get(r, "segments"), *kinds = json_get(r, "kinds"),
                    *d = json_get(r, "data");
        if (segs && !risk_list_has(segs, a->segment)) continue;
        if (kinds && !risk_list_has(kinds, a->kind)) continue;
        bool flags = true;
        cJSON_ArrayForEach(f, json_get(r, "flags"))
            if (!cJSON_IsTrue(json_get(a->obj, f->valuestring))) flags = false;
        if (!flags) continue;
        if (d) {
            bool hit = false;
            const cJSON *x;
            cJSON_ArrayForEach(x, data)
                if (cJSON_IsString(x) && risk_list_has(d, x->valuestring)) hit = true;
            if (!hit) continue;
        }
        int lv = (int)json_get(r, "importance")->valuedouble;
        if (lv > best || (lv == best && !*rule)) {
            best = lv;
            *rule = r;
        }
    }
    return best;
}

/* One condition of controls.lua: "path" holds when its value is truthy; "path=text" when
   its value is the string `text`, or, for "true" and "false", that boolean (or a fact
   {value = boolean}); a missing value holds neither. */
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
    if (cJSON_IsObject(v)) v = cJSON_GetObjectItemCaseSensitive(v, "value");
    if (cJSON_IsBool(v) && (!strcmp(eq + 1, "true") || !strcmp(eq + 1, "false")))
        return cJSON_IsTrue(v) == !strcmp(eq + 1, "true");
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

/* Does element `el` of a controls.lua `each` array refer to asset `a` (the rule's `match`
   field equals its id or lists its id or kind, or `match_segment` equals its segment)? */
static bool element_refers(const rt_control *rule, const cJSON *el, const asset_info *a)
{
    if (rule->match) {
        const cJSON *f = json_get(el, rule->match);
        if (cJSON_IsString(f)) return a->id && strcmp(f->valuestring, a->id) == 0;
        return cJSON_IsArray(f) && (risk_list_has(f, a->id) || risk_list_has(f, a->kind));
    }
    const char *f = json_str(el, rule->match_segment);
    return f && a->segment && strcmp(f, a->segment) == 0;
}

/* Does controls.lua rule `rule` consider asset `a` at all (its kinds, except_kinds and
   segments)? */
static bool rule_admits(const rt_control *rule, const asset_info *a)
{
    if (rule->kinds && !risk_list_has(rule->kinds, a->kind)) return false;
    if (rule->except_kinds && risk_list_has(rule->except_kinds, a->kind)) return false;
    if (rule->segments && !risk_list_has(rule->segments, a->segment)) return false;
    return true;
}

/* Does controls.lua rule `rule` provide its countermeasure for asset `a`? */
static bool rule_provides(const rt_control *rule, const cJSON *decl, const asset_info *a)
{
    if (!rule_admits(rule, a)) return false;
    if (!rule->each) return conditions_hold(rule, decl, a->obj);
    const cJSON *arr = follow(decl, rule->each + 1), *el;
    cJSON_ArrayForEach(el, arr)
        if (element_refers(rule, el, a) && conditions_hold(rule, decl, el)) return true;
    return false;
}

static void read_assets(risk_ctx *c)
{
    const risk_tables *t = c->t;
    const cJSON *assets = json_get(c->decl, "assets");
    int n = cJSON_IsArray(assets) ? cJSON_GetArraySize(assets) : 0;
    c->assets = calloc(n ? (size_t)n : 1, sizeof *c->assets);
    if (!c->assets) return;
    const cJSON *it;
    cJSON_ArrayForEach(it, assets) {
        asset_info *a = &c->assets[c->nassets++];
        a->obj = it;
        a->id = json_str(it, "id");
        a->name = json_str(it, "name");
        a->kind = json_str(it, "kind");
        a->segment = json_str(it, "segment");
        const cJSON *pl = json_get(it, "placement");
        a->logical_name = json_str(pl, "logical");
        a->physical_name = json_str(pl, "physical");
        a->logical = level_of_name(risk_logical_names, t->logical, a->logical_name, 3);
        a->physical = level_of_name(risk_physical_names, t->physical, a->physical_name, 3);
        if (t->boundary_reachable && cJSON_IsTrue(json_get(it, "internet_boundary")))
            a->logical = t->logical[0];
        const cJSON *imp = json_get(it, "importance");
        if (cJSON_IsNumber(imp) &&
            (imp->valuedouble == 1 || imp->valuedouble == 2 || imp->valuedouble == 3)) {
            a->importance = (int)imp->valuedouble;
            a->importance_declared = true;
        } else {
            a->importance = derive_importance(t, a, &a->importance_rule);
        }
        for (int r = 0; r < t->nctl; r++)
            if (rule_provides(&t->ctl[r], c->decl, a)) a->provided |= (cmset)1 << t->ctl[r].cm;
        const cJSON *flag;
        cJSON_ArrayForEach(flag, t->oos_flags)
            if (cJSON_IsTrue(json_get(it, flag->valuestring))) a->out_of_scope = true;
    }
    /* S001: a known unpatched vulnerability forces the vulnerability level. */
    const cJSON *vulns = json_get(c->decl, "vulnerabilities"), *vu;
    int nv = cJSON_IsArray(vulns) ? cJSON_GetArraySize(vulns) : 0;
    c->vuln_asset = calloc(nv ? (size_t)nv : 1, sizeof *c->vuln_asset);
    if (!c->vuln_asset) {
        free(c->assets);
        c->assets = NULL;
        return;
    }
    cJSON_ArrayForEach(vu, vulns) {
        int k = find_asset(c, json_str(vu, "asset"));
        if (k >= 0 && cJSON_IsTrue(json_get(vu, "patched"))) k = -1;
        if (k >= 0 && t->mitigation_lifts &&
            cJSON_IsTrue(json_get(json_get(vu, "mitigation"), "applied")))
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

/* Is `ptr` an element of the `each` array of some controls.lua rule ("/screen_transfer/0")?
   Then mark the assets that element refers to under those rules: a connection concerns its
   platform and the terminals that use it, a vulnerability its asset. */
static bool mark_each_element(const risk_ctx *c, const char *ptr, const cJSON *el, bool *hit)
{
    const risk_tables *t = c->t;
    bool any = false;
    for (int r = 0; r < t->nctl; r++) {
        const rt_control *rule = &t->ctl[r];
        size_t n = rule->each ? strlen(rule->each) : 0;
        if (!n || strncmp(ptr, rule->each, n) != 0 || ptr[n] != '/' ||
            !isdigit((unsigned char)ptr[n + 1]) || strchr(ptr + n + 1, '/'))
            continue;
        for (int a = 0; a < c->nassets; a++)
            if (rule_admits(rule, &c->assets[a]) && element_refers(rule, el, &c->assets[a])) {
                hit[a] = true;
                any = true;
            }
    }
    return any;
}

/* Which assets a failing finding at `ptr` concerns (interfaces.md §7): the asset the pointer
   is in; else, walking up from the subject to the top-level element, a connection or other
   element of a controls.lua `each` array (the assets it refers to under those rules) or an
   element that names assets by id (a vulnerability, a contract's scope of ids or kinds).
   Sets *direct when the finding names its assets (then passing would put the tied
   countermeasures in place). A subject that names no asset is organisation-wide: *orgwide is
   set and no asset is marked (read_policies then invalidates only what such facts provide). */
static void finding_concerns(const risk_ctx *c, const char *ptr, bool *hit, bool *direct,
                             bool *orgwide)
{
    *direct = false;
    *orgwide = false;
    if (ptr && strncmp(ptr, "/assets/", 8) == 0 && isdigit((unsigned char)ptr[8])) {
        char *end;
        long i = strtol(ptr + 8, &end, 10);
        if ((*end == '\0' || *end == '/') && i >= 0 && i < c->nassets) {
            hit[i] = true;
            *direct = true;
            return;
        }
    }
    char *buf =
        str_printf("%s", ptr ? ptr : ""); /* the whole pointer: a cut one would name another node */
    if (!buf) {
        *orgwide = true;
        return;
    }
    for (;;) {
        const cJSON *subject = resolve_pointer(c->decl, buf);
        if (subject && subject != c->decl &&
            (mark_each_element(c, buf, subject, hit) ||
             mark_referenced(c, subject, hit, 0, false))) {
            *direct = true;
            free(buf);
            return;
        }
        char *slash = strrchr(buf, '/');
        if (!slash || slash == buf || !strchr(buf + 1, '/')) break;
        *slash = '\0';
        if (!strchr(buf + 1, '/')) break; /* stop above the top-level element */
    }
    free(buf);
    *orgwide = true;
}

/* Does a declaration-wide fact provide countermeasure `k` on asset `a`: a controls.lua rule
   for `k` that admits the asset and reads a path of the declaration ("/mail/…") under the
   top-level member `top` of an organisation-wide finding (NULL: any)? These organisational
   countermeasures are the ones an organisation-wide failure takes away. */
static bool org_provided(const risk_ctx *c, int k, int a, const char *top, size_t ntop)
{
    const risk_tables *t = c->t;
    for (int r = 0; r < t->nctl; r++) {
        const rt_control *rule = &t->ctl[r];
        if (rule->cm != k || rule->each || !rule_admits(rule, &c->assets[a])) continue;
        for (int pass = 0; pass < 2; pass++) {
            const cJSON *paths = pass ? rule->any : rule->all, *p;
            cJSON_ArrayForEach(p, paths) {
                const char *s = p->valuestring;
                if (s[0] != '/') continue;
                if (!top || (strncmp(s, top, ntop) == 0 &&
                             (s[ntop] == '/' || s[ntop] == '=' || s[ntop] == '\0')))
                    return true;
            }
        }
    }
    return false;
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
        pi->id = json_str(p, "id");
        pi->level = json_str(p, "level");
        pi->status = json_str(p, "status");
        /* info policies classify; they pass no judgement a countermeasure could fail. A
         * preview policy (kyojin.vocab levels) is being rolled out: its failures are shown
         * but change no risk value, as they change no verdict. */
        pi->failing =
            status_failing(pi->status) &&
            !(pi->level && (strcmp(pi->level, "info") == 0 || strcmp(pi->level, "preview") == 0));
        pi->mask = calloc(c->nassets ? (size_t)c->nassets : 1, sizeof *pi->mask);
        pi->add = calloc(c->nassets ? (size_t)c->nassets : 1, sizeof *pi->add);
        pi->lifts = calloc(c->nvulns ? (size_t)c->nvulns : 1, sizeof *pi->lifts);
        if (!pi->mask || !pi->add || !pi->lifts) {
            free(hit);
            return false;
        }
        if (!pi->failing) continue;
        /* the ties: "id" or { id = "…", kinds = {…} } */
        const cJSON *ties = json_get(p, "countermeasures"), *tie;
        cJSON_ArrayForEach(tie, ties) {
            const char *cid = cJSON_IsString(tie) ? tie->valuestring : json_str(tie, "id");
            int k = cid ? risk_find_cm(t, cid) : -1;
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
        const cJSON *findings = json_get(p, "findings"), *f;
        bool any_failing = false;
        cJSON_ArrayForEach(f, findings) {
            if (!status_failing(json_str(f, "status"))) continue;
            any_failing = true;
            bool direct, orgwide;
            const char *fptr = json_str(f, "pointer");
            memset(hit, 0, (size_t)c->nassets * sizeof *hit);
            finding_concerns(c, fptr, hit, &direct, &orgwide);
            /* the top-level member of an organisation-wide subject ("/mail" of "/mail/x") */
            size_t ntop = fptr && fptr[0] == '/' ? strcspn(fptr + 1, "/") + 1 : 0;
            cJSON_ArrayForEach(tie, ties) {
                const char *cid = cJSON_IsString(tie) ? tie->valuestring : json_str(tie, "id");
                int k = cid ? risk_find_cm(t, cid) : -1;
                if (k < 0) continue;
                const cJSON *kinds = cJSON_IsObject(tie) ? json_get(tie, "kinds") : NULL;
                for (int a = 0; a < c->nassets; a++) {
                    if (cJSON_IsArray(kinds) && !risk_list_has(kinds, c->assets[a].kind)) continue;
                    if (orgwide ? !org_provided(c, k, a, ntop > 1 ? fptr : NULL, ntop) : !hit[a])
                        continue;
                    pi->mask[a] |= (cmset)1 << k;
                    if (direct) pi->add[a] |= (cmset)1 << k;
                }
                /* passing a patching policy that names an unpatched vulnerability patches it
           (or mitigates it, where rules.lua lets a mitigation lift the override) */
                int v = pointer_vulnerability(c, json_str(f, "pointer"));
                bool fixes = !strcmp(t->cms[k].id, "patching") ||
                             (t->mitigation_lifts && !strcmp(t->cms[k].id, "vuln_avoidance"));
                if (v >= 0 && fixes && c->vuln_asset[v] >= 0 &&
                    (!cJSON_IsArray(kinds) ||
                     risk_list_has(kinds, c->assets[c->vuln_asset[v]].kind)))
                    pi->lifts[v] = true;
            }
        }
        if (!any_failing) { /* a failing policy without failing findings: organisation-wide */
            cJSON_ArrayForEach(tie, ties) {
                const char *cid = cJSON_IsString(tie) ? tie->valuestring : json_str(tie, "id");
                int k = cid ? risk_find_cm(t, cid) : -1;
                if (k < 0) continue;
                const cJSON *kinds = cJSON_IsObject(tie) ? json_get(tie, "kinds") : NULL;
                for (int a = 0; a < c->nassets; a++)
                    if ((!cJSON_IsArray(kinds) || risk_list_has(kinds, c->assets[a].kind)) &&
                        org_provided(c, k, a, NULL, 0))
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
    if (th->kinds && !risk_list_has(th->kinds, a->kind)) return false;
    if (th->segments && !risk_list_has(th->segments, a->segment)) return false;
    if (th->except_data) {
        const cJSON *d;
        cJSON_ArrayForEach(d, json_get(a->obj, "data"))
            if (cJSON_IsString(d) && risk_list_has(th->except_data, d->valuestring)) return false;
    }
    if (th->placements && !risk_list_has(th->placements, a->logical_name)) {
        bool boundary = cJSON_IsTrue(json_get(a->obj, "internet_boundary"));
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
            if (c->assets[a].out_of_scope || !threat_applies(t, th, &c->assets[a])) continue;
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
cmset risk_effective_on(const risk_ctx *c, int a, int skip)
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

score risk_score_row(const risk_ctx *c, const row_info *r, int skip)
{
    const risk_tables *t = c->t;
    score s;
    s.count = risk_popcount(risk_effective_on(c, r->asset, skip) & r->cand_counted);
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
cmset risk_tree_invalid(const risk_ctx *c, const tree_info *tr, int skip)
{
    cmset m = 0;
    for (int a = 0; a < c->nassets; a++)
        if (!tr->uses_any || tr->uses[a]) m |= invalid_on(c, a, skip);
    return m;
}

tree_score risk_score_tree(const risk_ctx *c, const tree_info *tr, int skip, int *step_levels)
{
    const risk_tables *t = c->t;
    cmset inval = risk_tree_invalid(c, tr, skip);
    for (int s = 0; s < tr->nsteps; s++)
        step_levels[s] = risk_countermeasure_level(t, risk_popcount(tr->step_counted[s] & ~inval));
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
        risk_seterr(err, errlen, "%s: an attack tree must be an object", ptr);
        return false;
    }
    const char *id = json_str(obj, "id");
    const char *p = id;
    bool ok = p && isdigit((unsigned char)*p);
    while (ok && isdigit((unsigned char)*p)) p++;
    ok = ok && *p++ == '-' && isdigit((unsigned char)*p);
    while (ok && isdigit((unsigned char)*p)) p++;
    if (!ok || *p) {
        risk_seterr(
            err, errlen,
            L10N(
                "%s/id: 攻撃シナリオ番号は \"x-y\"（x = 最終的な被害、y = 攻撃の違い）の形式です: '%s'",
                "%s/id: scenario number must be \"x-y\" (x = final damage, y = variant), got '%s'"),
            ptr, nz(id));
        return false;
    }
    const char *dmg = json_str(obj, "damage"), *entry = json_str(obj, "entry");
    if ((tr->damage = dmg ? risk_find_damage(t, dmg) : -1) < 0) {
        risk_seterr(
            err, errlen,
            L10N("%s/damage: 不明な事業被害です: '%s'（lua/kyojin/risk/damages.lua を参照）",
                 "%s/damage: unknown business damage '%s' (see damages.lua)"),
            ptr, nz(dmg));
        return false;
    }
    if ((tr->entry = entry ? risk_find_entry(t, entry) : -1) < 0) {
        risk_seterr(
            err, errlen,
            L10N("%s/entry: 不明な侵入口です: '%s'（entry_points.lua の ATT&CK Initial Access）",
                 "%s/entry: unknown entry point '%s' (ATT&CK Initial Access of entry_points.lua)"),
            ptr, nz(entry));
        return false;
    }
    static const char *const texts[] = {"attacker", "route", "base", "target", "final_attack"};
    for (int i = 0; i < NELEM(texts); i++) {
        const cJSON *x = json_get(obj, texts[i]);
        if (x && !cJSON_IsString(x)) {
            risk_seterr(err, errlen,
                        L10N("%s/%s: 文字列でなければなりません", "%s/%s: must be a string"), ptr,
                        texts[i]);
            return false;
        }
    }
    const cJSON *via = json_get(obj, "via"), *x;
    if (via && !cJSON_IsArray(via)) {
        risk_seterr(
            err, errlen,
            L10N("%s/via: 文字列の配列でなければなりません", "%s/via: must be a list of strings"),
            ptr);
        return false;
    }
    tr->uses = calloc(c->nassets ? (size_t)c->nassets : 1, sizeof *tr->uses);
    const cJSON *steps = json_get(obj, "steps");
    int n = cJSON_IsArray(steps) ? cJSON_GetArraySize(steps) : 0;
    tr->step_cms = calloc(n ? (size_t)n : 1, sizeof *tr->step_cms);
    tr->step_counted = calloc(n ? (size_t)n : 1, sizeof *tr->step_counted);
    if (!tr->uses || !tr->step_cms || !tr->step_counted) {
        risk_seterr(err, errlen, "out of memory");
        return false;
    }
    int i = 0;
    cJSON_ArrayForEach(x, via) {
        if (!cJSON_IsString(x)) {
            risk_seterr(
                err, errlen,
                L10N("%s/via/%d: 文字列でなければなりません", "%s/via/%d: must be a string"), ptr,
                i);
            return false;
        }
        i++;
    }
    if (n < 1) {
        risk_seterr(err, errlen,
                    L10N("%s/steps: 攻撃ツリーには攻撃ステップが 1 つ以上必要です",
                         "%s/steps: an attack tree needs at least one step"),
                    ptr);
        return false;
    }
    /* the assets the tree names, and its threat level (RA-02 on the target, RA-06) */
    mark_referenced(c, via, tr->uses, 0, true);
    mark_referenced(c, json_get(obj, "base"), tr->uses, 0, true);
    mark_referenced(c, json_get(obj, "target"), tr->uses, 0, true);
    for (int a = 0; a < c->nassets; a++)
        if (tr->uses[a]) tr->uses_any = true;
    tr->threat_level = t->entries[tr->entry].threat_level;
    tr->target_asset = find_asset(c, json_str(obj, "target"));
    if (tr->target_asset < 0) tr->target_asset = find_asset_by_name(c, json_str(obj, "target"));
    if (tr->target_asset >= 0) {
        int lv = c->assets[tr->target_asset].logical;
        if (lv < t->tree_target_floor) lv = t->tree_target_floor;
        if (lv < tr->threat_level) tr->threat_level = lv;
    }
    const cJSON *st;
    int si = 0;
    cJSON_ArrayForEach(st, steps) {
        if (!cJSON_IsObject(st) || !json_str(st, "name")) {
            risk_seterr(err, errlen,
                        L10N("%s/steps/%d: 攻撃ステップには name と countermeasures が必要です",
                             "%s/steps/%d: a step needs a name and countermeasures"),
                        ptr, si);
            return false;
        }
        const cJSON *cms = json_get(st, "countermeasures"), *cm;
        if (cms && !cJSON_IsArray(cms)) {
            risk_seterr(err, errlen,
                        L10N("%s/steps/%d/countermeasures: 対策 ID の配列でなければなりません",
                             "%s/steps/%d/countermeasures: must be a list of countermeasure ids"),
                        ptr, si);
            return false;
        }
        int ci = 0;
        cJSON_ArrayForEach(cm, cms) {
            const char *cid = cJSON_IsString(cm) ? cm->valuestring : json_str(cm, "id");
            int k = cid ? risk_find_cm(t, cid) : -1;
            if (k < 0) {
                risk_seterr(
                    err, errlen,
                    L10N(
                        "%s/steps/%d/countermeasures/%d: 不明な対策です: '%s'（countermeasures.lua を参照）",
                        "%s/steps/%d/countermeasures/%d: unknown countermeasure '%s' (see countermeasures.lua)"),
                    ptr, si, ci, nz(cid));
                return false;
            }
            int stage = t->cms[k].category;
            const char *sn = cJSON_IsObject(cm) ? json_str(cm, "stage") : NULL;
            if (sn && (stage = risk_stage_index(sn)) < 0) {
                risk_seterr(
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
/* One declaration                                                                      */

bool risk_ctx_read(risk_ctx *c, const risk_tables *t, const cJSON *decl, const cJSON *policies,
                   const cJSON *scenarios, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->t = t;
    c->decl = decl;
    c->warnings = cJSON_CreateArray();
    c->maxsteps = 1;
    if (!t || !cJSON_IsObject(decl)) {
        risk_seterr(err, errlen, "risk: the declaration must be a JSON object");
        return false;
    }
    if (policies && !cJSON_IsArray(policies)) {
        risk_seterr(err, errlen, "risk: the policy results must be an array");
        return false;
    }
    /* a scenario file is { "attack_trees": [ … ] } (the declaration's shape) or a bare array */
    const char *scen_prefix = L10N("シナリオファイル ", "scenario file ");
    if (cJSON_IsObject(scenarios)) {
        scenarios = json_get(scenarios, "attack_trees");
        scen_prefix = L10N("シナリオファイル /attack_trees", "scenario file /attack_trees");
    }
    if (scenarios && !cJSON_IsArray(scenarios)) {
        risk_seterr(err, errlen,
                    L10N("シナリオファイル: { \"attack_trees\": [ … ] } の形式でなければなりません",
                         "scenario file: must be { \"attack_trees\": [ … ] }"));
        return false;
    }
    read_assets(c);
    if (!c->assets || !read_policies(c, policies) || !index_invalidations(c) || !build_rows(c)) {
        risk_seterr(err, errlen, "risk: out of memory");
        return false;
    }
    /* attack trees: the declaration's, then the scenario file's */
    const cJSON *dtrees = json_get(decl, "attack_trees");
    if (dtrees && !cJSON_IsArray(dtrees)) {
        risk_seterr(
            err, errlen,
            L10N("/attack_trees: 配列でなければなりません", "/attack_trees: must be an array"));
        return false;
    }
    int ntr = cJSON_GetArraySize(dtrees) + (scenarios ? cJSON_GetArraySize(scenarios) : 0);
    c->trees = calloc(ntr ? (size_t)ntr : 1, sizeof *c->trees);
    if (!c->trees) {
        risk_seterr(err, errlen, "risk: out of memory");
        return false;
    }
    for (int pass = 0; pass < 2; pass++) {
        const cJSON *list = pass ? scenarios : dtrees, *it;
        int i = 0;
        cJSON_ArrayForEach(it, list) {
            char ptr[64];
            if (pass)
                snprintf(ptr, sizeof ptr, "%s/%d", scen_prefix, i++);
            else
                snprintf(ptr, sizeof ptr, "/attack_trees/%d", i++);
            tree_info *tr = &c->trees[c->ntrees++];
            if (!read_tree(c, it, pass ? "scenarios" : "declaration", ptr, tr, err, errlen))
                return false;
            if (tr->nsteps > c->maxsteps) c->maxsteps = tr->nsteps;
        }
    }
    return true;
}

void risk_ctx_free(risk_ctx *c)
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

/* ------------------------------------------------------------------------------------ */
/* Delta                                                                                */

static int delta_cmp(const void *pa, const void *pb)
{
    const delta_entry *a = pa, *b = pb;
    if (a->score != b->score) return b->score - a->score;
    if (a->required != b->required) return b->required - a->required;
    return a->pol - b->pol; /* policies arrive sorted by id (interfaces.md §5) */
}

/* Each failing policy treated as passing, one at a time. Score = sum of the drops in risk
   grade (on matrix.lua's scale: A=5 … E=1 by default) over asset rows and attack trees. */
int risk_delta_rank(const risk_ctx *c, const char *base, int *levels, delta_entry *de)
{
    const risk_tables *t = c->t;
    int nde = 0;
    for (int p = 0; p < c->npol; p++) {
        if (!c->pol[p].candidate) continue;
        int sc = 0;
        for (int i = 0; i < c->nrows; i++)
            sc += risk_grade(t, base[i]) - risk_grade(t, risk_score_row(c, &c->rows[i], p).risk);
        for (int i = 0; i < c->ntrees; i++)
            sc += risk_grade(t, base[c->nrows + i]) -
                  risk_grade(t, risk_score_tree(c, &c->trees[i], p, levels).risk);
        de[nde].pol = p;
        de[nde].score = sc;
        de[nde].required = c->pol[p].level && !strcmp(c->pol[p].level, "required");
        nde++;
    }
    qsort(de, (size_t)nde, sizeof *de, delta_cmp);
    return nde;
}
