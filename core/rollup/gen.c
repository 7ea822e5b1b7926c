/*
 * gen.c — `kyojin gen`: synthetic but plausible declarations for tests and
 * benchmarks, in the national shape.
 *
 * The country: 47 prefectures with their real numbers of cities, towns,
 * villages and (Tokyo) special wards — 1,741 municipalities — plus the 47
 * prefectures themselves, 1,788 bodies. Body names are fictional; codes are
 * valid 6-digit local-government codes (prefecture code, three digits, the
 * check digit of requirements.md's glossary). Each body gets a model (mostly
 * α, some α′, β, β′), assets scaled to its size, and a seeded share of
 * deficiencies so that roll-ups have something to show.
 *
 * Deterministic: a seed fully determines every byte (own PRNG: splitmix64
 * seeding xoshiro256**; one stream per prefecture for names and codes, one
 * per body for its content, so body N does not depend on --count).
 * Output: DIR/<code>.json, each written atomically.
 *
 * It writes declarations only; it never evaluates them.
 */
#define _POSIX_C_SOURCE 200809L

#include "rollup/rollup.h"
#include "input/lgcode.h"
#include "util/atomic_out.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- PRNG: splitmix64 → xoshiro256** ------------------------------------- */

typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = seed ^ (stream * 0xD1342543DE82EF95ull + 0x2545F4914F6CDD1Dull);
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

static double rng_unit(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

static int rng_range(rng *r, int lo, int hi) /* inclusive */
{
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

static int chance(rng *r, double p)
{
    return rng_unit(r) < p;
}

/* ---- the country ---------------------------------------------------------- */

typedef struct {
    const char *name, *name_en, *slug;
    int pop_k; /* population in thousands (approximate) */
    int cities, towns, villages, wards;
} pref_info;

/* Municipality counts per prefecture (cities, towns, villages, special wards). */
static const pref_info prefs[47] = {
    {"北海道", "Hokkaido", "hokkaido", 5100, 35, 129, 15, 0},
    {"青森県", "Aomori Prefecture", "aomori", 1200, 10, 22, 8, 0},
    {"岩手県", "Iwate Prefecture", "iwate", 1180, 14, 15, 4, 0},
    {"宮城県", "Miyagi Prefecture", "miyagi", 2260, 14, 20, 1, 0},
    {"秋田県", "Akita Prefecture", "akita", 930, 13, 9, 3, 0},
    {"山形県", "Yamagata Prefecture", "yamagata", 1040, 13, 19, 3, 0},
    {"福島県", "Fukushima Prefecture", "fukushima", 1790, 13, 31, 15, 0},
    {"茨城県", "Ibaraki Prefecture", "ibaraki", 2840, 32, 10, 2, 0},
    {"栃木県", "Tochigi Prefecture", "tochigi", 1910, 14, 11, 0, 0},
    {"群馬県", "Gunma Prefecture", "gunma", 1910, 12, 15, 8, 0},
    {"埼玉県", "Saitama Prefecture", "saitama", 7330, 40, 22, 1, 0},
    {"千葉県", "Chiba Prefecture", "chiba", 6270, 37, 16, 1, 0},
    {"東京都", "Tokyo Metropolis", "tokyo", 14000, 26, 5, 8, 23},
    {"神奈川県", "Kanagawa Prefecture", "kanagawa", 9230, 19, 13, 1, 0},
    {"新潟県", "Niigata Prefecture", "niigata", 2150, 20, 6, 4, 0},
    {"富山県", "Toyama Prefecture", "toyama", 1020, 10, 4, 1, 0},
    {"石川県", "Ishikawa Prefecture", "ishikawa", 1120, 11, 8, 0, 0},
    {"福井県", "Fukui Prefecture", "fukui", 750, 9, 8, 0, 0},
    {"山梨県", "Yamanashi Prefecture", "yamanashi", 800, 13, 8, 6, 0},
    {"長野県", "Nagano Prefecture", "nagano", 2020, 19, 23, 35, 0},
    {"岐阜県", "Gifu Prefecture", "gifu", 1960, 21, 19, 2, 0},
    {"静岡県", "Shizuoka Prefecture", "shizuoka", 3600, 23, 12, 0, 0},
    {"愛知県", "Aichi Prefecture", "aichi", 7480, 38, 14, 2, 0},
    {"三重県", "Mie Prefecture", "mie", 1740, 14, 15, 0, 0},
    {"滋賀県", "Shiga Prefecture", "shiga", 1410, 13, 6, 0, 0},
    {"京都府", "Kyoto Prefecture", "kyoto", 2550, 15, 10, 1, 0},
    {"大阪府", "Osaka Prefecture", "osaka", 8780, 33, 9, 1, 0},
    {"兵庫県", "Hyogo Prefecture", "hyogo", 5400, 29, 12, 0, 0},
    {"奈良県", "Nara Prefecture", "nara", 1310, 12, 15, 12, 0},
    {"和歌山県", "Wakayama Prefecture", "wakayama", 900, 9, 20, 1, 0},
    {"鳥取県", "Tottori Prefecture", "tottori", 540, 4, 14, 1, 0},
    {"島根県", "Shimane Prefecture", "shimane", 650, 8, 10, 1, 0},
    {"岡山県", "Okayama Prefecture", "okayama", 1860, 15, 10, 2, 0},
    {"広島県", "Hiroshima Prefecture", "hiroshima", 2760, 14, 9, 0, 0},
    {"山口県", "Yamaguchi Prefecture", "yamaguchi", 1310, 13, 6, 0, 0},
    {"徳島県", "Tokushima Prefecture", "tokushima", 700, 8, 15, 1, 0},
    {"香川県", "Kagawa Prefecture", "kagawa", 930, 8, 9, 0, 0},
    {"愛媛県", "Ehime Prefecture", "ehime", 1310, 11, 9, 0, 0},
    {"高知県", "Kochi Prefecture", "kochi", 680, 11, 17, 6, 0},
    {"福岡県", "Fukuoka Prefecture", "fukuoka", 5100, 29, 29, 2, 0},
    {"佐賀県", "Saga Prefecture", "saga", 800, 10, 10, 0, 0},
    {"長崎県", "Nagasaki Prefecture", "nagasaki", 1280, 13, 8, 0, 0},
    {"熊本県", "Kumamoto Prefecture", "kumamoto", 1720, 14, 23, 8, 0},
    {"大分県", "Oita Prefecture", "oita", 1110, 14, 3, 1, 0},
    {"宮崎県", "Miyazaki Prefecture", "miyazaki", 1050, 9, 14, 3, 0},
    {"鹿児島県", "Kagoshima Prefecture", "kagoshima", 1560, 19, 20, 4, 0},
    {"沖縄県", "Okinawa Prefecture", "okinawa", 1470, 11, 11, 19, 0},
};

#define N_PREF       47
#define N_BODIES_MAX 1788

/* Pieces of fictional place names: kanji and reading. */
static const char *const head_k[] = {"青", "赤", "朝", "東", "西", "南", "北", "大", "小", "高",
                                     "若", "松", "竹", "梅", "桜", "杉", "柳", "藤", "菊", "白",
                                     "黒", "金", "石", "岩", "玉", "鶴", "亀", "星", "花", "緑",
                                     "深", "長", "広", "美", "福", "豊", "清", "日", "月", "雲"};
static const char *const head_r[] = {
    "ao",   "aka",   "asa",  "higashi", "nishi",  "minami", "kita",   "oo",    "ko",    "taka",
    "waka", "matsu", "take", "ume",     "sakura", "sugi",   "yanagi", "fuji",  "kiku",  "shira",
    "kuro", "kana",  "ishi", "iwa",     "tama",   "tsuru",  "kame",   "hoshi", "hana",  "midori",
    "fuka", "naga",  "hiro", "mi",      "fuku",   "toyo",   "kiyo",   "hi",    "tsuki", "kumo"};
static const char *const tail_k[] = {"川", "山", "田", "野", "原", "沢", "浜", "岡", "島", "森",
                                     "江", "宮", "崎", "津", "谷", "瀬", "里", "丘", "台", "浦",
                                     "木", "根", "坂", "橋", "尾", "部", "平", "井"};
static const char *const tail_r[] = {"kawa", "yama",  "ta",    "no",  "hara", "sawa", "hama",
                                     "oka",  "shima", "mori",  "e",   "miya", "saki", "tsu",
                                     "ya",   "se",    "sato",  "oka", "dai",  "ura",  "ki",
                                     "ne",   "saka",  "hashi", "o",   "be",   "hira", "i"};
#define N_HEAD (sizeof head_k / sizeof head_k[0])
#define N_TAIL (sizeof tail_k / sizeof tail_k[0])

typedef enum { K_PREFECTURE, K_CITY, K_WARD, K_TOWN, K_VILLAGE } body_kind;
static const char *const kind_keys[] = {"prefecture", "city", "ward", "town", "village"};
static const char *const kind_suffix[] = {"", "市", "区", "町", "村"};
static const char *const kind_suffix_en[] = {"", "City", "Ward", "Town", "Village"};
static const char *const kind_slug[] = {"pref", "city", "city", "town", "vill"};

typedef struct {
    int pref;
    body_kind kind;
    char code[7];
    char name[64];
    char name_en[96];
    char slug[64];
    long population;
} body_plan;

static void check_digit(char code[7], int five)
{
    snprintf(code, 7, "%05d", five);
    code[5] = (char)('0' + lg_check_digit(code));
    code[6] = '\0';
}

/* A population drawn log-uniformly in [lo, hi]. */
static long log_uniform(rng *r, double lo, double hi)
{
    double u = rng_unit(r);
    double v = lo * pow(hi / lo, u);
    return (long)v;
}

/* The national plan: every body's prefecture, kind, code, name, size.
 * Returns the number of bodies (1,788). */
static size_t plan_country(uint64_t seed, body_plan *out)
{
    size_t n = 0;
    for (int p = 0; p < N_PREF; p++) {
        const pref_info *pi = &prefs[p];
        rng r;
        rng_seed(&r, seed, 1000 + (uint64_t)p);
        int pc = p + 1;

        body_plan *b = &out[n++];
        memset(b, 0, sizeof *b);
        b->pref = p;
        b->kind = K_PREFECTURE;
        check_digit(b->code, pc * 1000);
        snprintf(b->name, sizeof b->name, "%s", pi->name);
        snprintf(b->name_en, sizeof b->name_en, "%s", pi->name_en);
        snprintf(b->slug, sizeof b->slug, "pref.%s", pi->slug);
        b->population = (long)pi->pop_k * 1000;

        size_t first = n;
        int total = pi->wards + pi->cities + pi->towns + pi->villages;
        int next_city = 201, next_rural = 301;
        for (int i = 0; i < total; i++) {
            body_plan *m = &out[n];
            memset(m, 0, sizeof *m);
            m->pref = p;
            int code5;
            if (i < pi->wards) {
                m->kind = K_WARD;
                code5 = pc * 1000 + 101 + i;
                m->population = log_uniform(&r, 60000, 950000);
            } else if (i < pi->wards + pi->cities) {
                m->kind = K_CITY;
                code5 = pc * 1000 + next_city++;
                /* the first city is the prefectural capital */
                if (i == pi->wards && pi->wards == 0)
                    m->population = (long)(pi->pop_k * 1000.0 * (0.08 + 0.12 * rng_unit(&r)));
                else
                    m->population = log_uniform(&r, 22000, 420000);
            } else {
                m->kind = i < pi->wards + pi->cities + pi->towns ? K_TOWN : K_VILLAGE;
                if (next_rural > 301 && chance(&r, 0.15)) /* a new district (郡) */
                    next_rural = ((next_rural + 19) / 20) * 20 + 1;
                if (next_rural > 999) next_rural = 999;
                code5 = pc * 1000 + next_rural++;
                m->population =
                    m->kind == K_TOWN ? log_uniform(&r, 3500, 45000) : log_uniform(&r, 300, 9000);
            }
            check_digit(m->code, code5);
            /* a name unique within the prefecture (and not the prefecture's) */
            for (int tries = 0;; tries++) {
                size_t h = (size_t)rng_range(&r, 0, (int)N_HEAD - 1);
                size_t t = (size_t)rng_range(&r, 0, (int)N_TAIL - 1);
                char nm[64], en[96], sl[48];
                snprintf(nm, sizeof nm, "%s%s%s", head_k[h], tail_k[t], kind_suffix[m->kind]);
                snprintf(sl, sizeof sl, "%s%s", head_r[h], tail_r[t]);
                snprintf(en, sizeof en, "%c%s %s", sl[0] - 'a' + 'A', sl + 1,
                         kind_suffix_en[m->kind]);
                int clash = 0;
                for (size_t j = first; j < n && !clash; j++)
                    if (strncmp(out[j].slug + 5, sl, strlen(sl)) == 0 &&
                        out[j].slug[5 + strlen(sl)] == '\0')
                        clash = 1;
                if (clash && tries < 1000) continue;
                snprintf(m->name, sizeof m->name, "%s", nm);
                snprintf(m->name_en, sizeof m->name_en, "%s", en);
                snprintf(m->slug, sizeof m->slug, "%s.%s", kind_slug[m->kind], sl);
                break;
            }
            if (m->population < 200) m->population = 200;
            n++;
        }
    }
    return n;
}

/* ---- declaration building ------------------------------------------------- */

typedef struct {
    rng r;
    const body_plan *b;
    const char *model;
    double weak;      /* scale of deficiency probabilities */
    double evidenced; /* share of process facts backed by evidence */
    long staff;       /* business terminals */
    int extra;        /* extra assets (size) */
    int extra_vulns;
    int trees;
    double waivers; /* probability of a waiver (gen_options.waivers_pct / 100) */
    char today[11]; /* as_of */
} genctx;

/* A control that is in place unless a deficiency (probability weak·f) hits. */
static int ok(genctx *g, double f)
{
    return !chance(&g->r, g->weak * f);
}

static void hex64(genctx *g, char out[65])
{
    static const char hx[] = "0123456789abcdef";
    for (int i = 0; i < 64; i += 16) {
        uint64_t v = rng_next(&g->r);
        for (int k = 0; k < 16; k++) out[i + k] = hx[(v >> (4 * k)) & 15];
    }
    out[64] = '\0';
}

/* A process fact: a bare boolean, or {value, evidence{title, date, sha256}}. */
static cJSON *fact(genctx *g, int value, const char *title, const char *date)
{
    if (!value || !chance(&g->r, g->evidenced)) return cJSON_CreateBool(value);
    cJSON *f = cJSON_CreateObject();
    cJSON_AddBoolToObject(f, "value", value);
    cJSON *e = cJSON_AddObjectToObject(f, "evidence");
    cJSON_AddStringToObject(e, "title", title);
    cJSON_AddStringToObject(e, "date", date);
    char h[65];
    hex64(g, h);
    cJSON_AddStringToObject(e, "sha256", h);
    return f;
}

static cJSON *edr(genctx *g, int enabled)
{
    cJSON *e = cJSON_CreateObject();
    cJSON_AddBoolToObject(e, "enabled", enabled);
    cJSON_AddBoolToObject(e, "behaviour_detection", enabled && ok(g, 0.3));
    cJSON_AddBoolToObject(e, "managed_monitoring", enabled && ok(g, 0.8));
    cJSON_AddBoolToObject(e, "csirt_link", enabled && ok(g, 0.5));
    cJSON_AddBoolToObject(e, "isolates_on_detection", enabled && ok(g, 0.4));
    cJSON_AddBoolToObject(e, "investigation_support", enabled && ok(g, 0.6));
    cJSON_AddBoolToObject(e, "detects_exfiltration", enabled && ok(g, 0.4));
    return e;
}

static void add_pair(cJSON *o, const char *key, const char *a, int va, const char *b, int vb)
{
    cJSON *x = cJSON_AddObjectToObject(o, key);
    cJSON_AddBoolToObject(x, a, va);
    cJSON_AddBoolToObject(x, b, vb);
}

static void add_logging(genctx *g, cJSON *c, int days)
{
    cJSON *l = cJSON_AddObjectToObject(c, "logging");
    cJSON_AddBoolToObject(l, "collected", 1);
    cJSON_AddBoolToObject(l, "analysed", ok(g, 1.2));
    cJSON_AddNumberToObject(l, "retention_days", ok(g, 0.6) ? days : 90);
}

typedef enum { C_TERMINAL, C_SERVER, C_NETWORK, C_CLOUD, C_STORAGE } ctl_kind;

static cJSON *controls(genctx *g, ctl_kind k)
{
    cJSON *c = cJSON_CreateObject();
    if (k == C_TERMINAL || k == C_SERVER) {
        cJSON_AddItemToObject(c, "edr", edr(g, ok(g, 1.0)));
        cJSON *am = cJSON_AddObjectToObject(c, "antimalware");
        cJSON_AddBoolToObject(am, "pattern_matching", 1);
        cJSON_AddBoolToObject(am, "behaviour_detection", ok(g, 0.6));
        cJSON_AddBoolToObject(am, "definitions_current", ok(g, 0.3));
    }
    {
        cJSON *p = cJSON_AddObjectToObject(c, "patch");
        cJSON_AddBoolToObject(p, "os_timely", ok(g, k == C_NETWORK ? 1.0 : 0.5));
        cJSON_AddBoolToObject(p, "managed_by_vendor", k != C_TERMINAL);
    }
    if (k == C_TERMINAL || k == C_SERVER) cJSON_AddBoolToObject(c, "allowlisting", ok(g, 1.5));
    if (k != C_NETWORK && k != C_STORAGE) cJSON_AddBoolToObject(c, "dlp", ok(g, 1.2));
    if (k != C_STORAGE) cJSON_AddBoolToObject(c, "mfa", ok(g, 0.8));
    if (k == C_TERMINAL || k == C_SERVER || k == C_NETWORK)
        cJSON_AddBoolToObject(c, "ndr", ok(g, 2.0));
    add_pair(c, "encryption", "at_rest", k != C_NETWORK && ok(g, 0.5), "in_transit", ok(g, 0.2));
    add_logging(g, c, k == C_SERVER || k == C_STORAGE ? 1825 : 400);
    if (k != C_NETWORK) {
        cJSON *b = cJSON_AddObjectToObject(c, "backup");
        cJSON_AddBoolToObject(b, "enabled", ok(g, 0.4));
        cJSON_AddBoolToObject(b, "includes_mail", ok(g, 0.8));
        cJSON_AddBoolToObject(b, "offline", k != C_CLOUD && ok(g, 1.5));
    }
    if (k == C_TERMINAL) {
        cJSON_AddBoolToObject(c, "url_filtering", ok(g, 0.5));
        cJSON_AddBoolToObject(c, "device_control", ok(g, 0.8));
    }
    if (k == C_SERVER || k == C_NETWORK) cJSON_AddBoolToObject(c, "firewall", 1);
    if (k == C_NETWORK) cJSON_AddBoolToObject(c, "ips", ok(g, 1.0));
    if (k == C_CLOUD) cJSON_AddBoolToObject(c, "waf", ok(g, 0.8));
    cJSON_AddBoolToObject(c, "privilege_management", ok(g, 0.8));
    if (k != C_STORAGE) {
        cJSON_AddBoolToObject(c, "log_integration", ok(g, 1.5));
        cJSON_AddBoolToObject(c, "anomaly_monitoring", ok(g, 1.2));
    }
    return c;
}

static cJSON *asset(cJSON *assets, const char *id, const char *name, const char *kind,
                    const char *segment, long count, const char *logical, const char *physical,
                    int boundary, cJSON *ctl, const char *const *data)
{
    cJSON *a = cJSON_CreateObject();
    cJSON_AddStringToObject(a, "id", id);
    cJSON_AddStringToObject(a, "name", name);
    cJSON_AddStringToObject(a, "kind", kind);
    cJSON_AddStringToObject(a, "segment", segment);
    cJSON_AddNumberToObject(a, "count", (double)(count < 1 ? 1 : count));
    cJSON *pl = cJSON_AddObjectToObject(a, "placement");
    cJSON_AddStringToObject(pl, "logical", logical);
    cJSON_AddStringToObject(pl, "physical", physical);
    cJSON_AddBoolToObject(a, "internet_boundary", boundary);
    if (data) {
        cJSON *d = cJSON_AddArrayToObject(a, "data");
        for (; *data; data++) cJSON_AddItemToArray(d, cJSON_CreateString(*data));
    }
    cJSON_AddItemToObject(a, "controls", ctl);
    cJSON_AddItemToArray(assets, a);
    return a;
}

static const char *const D_MN[] = {"my_number", "confidential_3", NULL};
static const char *const D_C2[] = {"confidential_2", NULL};
static const char *const D_C21[] = {"confidential_2", "confidential_1", "public", NULL};
static const char *const D_MNONLY[] = {"my_number", NULL};

static int has_asset(const cJSON *assets, const char *id)
{
    const cJSON *a;
    cJSON_ArrayForEach(a, assets)
        if (strcmp(rollup_str(a, "id"), id) == 0) return 1;
    return 0;
}

static cJSON *connection(genctx *g, const char *id, const char *term, const char *target,
                         const char *method, const char *platform, const char *decided_date)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "id", id);
    cJSON_AddStringToObject(c, "terminal_segment", term);
    cJSON_AddStringToObject(c, "target_segment", target);
    cJSON_AddStringToObject(c, "method", method);
    if (platform) cJSON_AddStringToObject(c, "platform_asset", platform);
    if (strcmp(method, "daas") == 0) {
        cJSON_AddStringToObject(c, "daas_csp", "aws");
        cJSON_AddStringToObject(c, "gov_cloud_csp", chance(&g->r, 0.7) ? "aws" : "microsoft");
    }
    cJSON_AddBoolToObject(c, "local_breakout",
                          strcmp(g->model, "alpha_prime") == 0 && strcmp(target, "internet") == 0);
    cJSON_AddBoolToObject(c, "terminal_remains_in_internet", 0);
    cJSON_AddBoolToObject(c, "lgwan_internet_breakout", 0);
    cJSON *rd = cJSON_AddObjectToObject(c, "redirection");
    add_pair(rd, "clipboard", "to_local", !ok(g, 0.25), "to_virtual", !ok(g, 0.4));
    add_pair(rd, "file", "to_local", !ok(g, 0.15), "to_virtual", !ok(g, 0.3));
    cJSON_AddBoolToObject(rd, "printer", !ok(g, 0.3));
    cJSON_AddBoolToObject(rd, "drive", !ok(g, 0.1));
    cJSON_AddBoolToObject(rd, "usb", !ok(g, 0.1));
    cJSON_AddBoolToObject(c, "encryption", ok(g, 0.05));
    cJSON_AddBoolToObject(c, "session_rebuild", ok(g, 0.3));
    cJSON_AddBoolToObject(c, "session_ends_with_local", ok(g, 0.3));
    cJSON_AddNumberToObject(c, "refresh_interval_days",
                            ok(g, 0.5) ? 1 : (chance(&g->r, 0.5) ? 14 : 30));
    cJSON_AddBoolToObject(c, "mfa", ok(g, 0.4));
    cJSON_AddBoolToObject(c, "designated_staff_only", ok(g, 0.3));
    cJSON *w = cJSON_AddObjectToObject(c, "wireless_lan");
    int wl = chance(&g->r, 0.2);
    cJSON_AddBoolToObject(w, "used", wl);
    if (wl) cJSON_AddBoolToObject(w, "mynumber_staff_only", ok(g, 1.0));
    cJSON *ed = cJSON_AddObjectToObject(c, "executive_decision");
    cJSON_AddItemToObject(
        ed, "decided",
        fact(g, ok(g, 0.5), "情報セキュリティ委員会 議事録（画面転送の導入決定）", decided_date));
    cJSON_AddStringToObject(ed, "date", decided_date);
    cJSON_AddItemToObject(
        c, "platform_patch_managed",
        fact(g, ok(g, 0.6), "画面転送基盤保守契約書（脆弱性対応）", "2025-12-01"));
    return c;
}

static cJSON *data_link(genctx *g, const char *id, const char *model, const char *desc,
                        const char *from, const char *to, const char *a1, const char *a2)
{
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "id", id);
    cJSON_AddStringToObject(d, "model", model);
    cJSON_AddStringToObject(d, "description", desc);
    cJSON_AddStringToObject(d, "from_segment", from);
    cJSON_AddStringToObject(d, "to_segment", to);
    cJSON *as = cJSON_AddArrayToObject(d, "assets");
    cJSON_AddItemToArray(as, cJSON_CreateString(a1));
    if (a2) cJSON_AddItemToArray(as, cJSON_CreateString(a2));
    cJSON *c = cJSON_AddObjectToObject(d, "controls");
    cJSON_AddBoolToObject(c, "malware_check", ok(g, 0.5));
    cJSON_AddBoolToObject(c, "format_check", ok(g, 0.5));
    if (model[0] == '1') cJSON_AddBoolToObject(c, "harmlessization", ok(g, 0.5));
    cJSON_AddBoolToObject(c, "access_control", ok(g, 0.3));
    cJSON_AddBoolToObject(c, "mfa", ok(g, 0.6));
    cJSON_AddBoolToObject(c, "encryption", ok(g, 0.3));
    cJSON_AddBoolToObject(c, "logging", ok(g, 0.5));
    return d;
}

static cJSON *contract(genctx *g, const char *id, const char *vendor, const char *const *scope,
                       int cloud, const char *const *covers)
{
    cJSON *c = cJSON_CreateObject();
    cJSON_AddStringToObject(c, "id", id);
    cJSON_AddStringToObject(c, "vendor", vendor);
    cJSON *s = cJSON_AddArrayToObject(c, "scope");
    for (; *scope; scope++) cJSON_AddItemToArray(s, cJSON_CreateString(*scope));
    cJSON *pp = cJSON_AddObjectToObject(c, "patch_process");
    cJSON_AddItemToObject(pp, "full_scope",
                          fact(g, ok(g, 1.2), "保守契約書（脆弱性対応）", "2025-12-01"));
    cJSON_AddItemToObject(pp, "includes_network_devices",
                          fact(g, ok(g, 1.2), "保守契約書（脆弱性対応）", "2025-12-01"));
    if (ok(g, 0.8))
        cJSON_AddNullToObject(pp, "round_cap");
    else
        cJSON_AddNumberToObject(pp, "round_cap", rng_range(&g->r, 2, 6));
    cJSON_AddItemToObject(c, "settings_guaranteed",
                          fact(g, ok(g, 1.0), "保守契約書 別紙（設定値保証）", "2025-12-01"));
    cJSON *sb = cJSON_AddObjectToObject(c, "sbom");
    int sbom = ok(g, 2.0);
    cJSON_AddItemToObject(sb, "provided",
                          fact(g, sbom, "SBOM提出書（2026年度上期）", "2026-07-15"));
    if (sbom && covers) {
        cJSON_AddStringToObject(sb, "scope",
                                "対象システムのOS、ミドルウェア、ファームウェア及び同梱ライブラリ");
        cJSON *cv = cJSON_AddArrayToObject(sb, "covers");
        for (; *covers; covers++) cJSON_AddItemToArray(cv, cJSON_CreateString(*covers));
    }
    if (cloud) {
        cJSON *cs = cJSON_AddObjectToObject(c, "cloud_settings_check");
        cJSON_AddItemToObject(
            cs, "periodic", fact(g, ok(g, 1.0), "クラウド設定点検報告書（四半期）", "2026-09-30"));
        cJSON_AddItemToObject(
            cs, "on_change",
            fact(g, ok(g, 1.2), "クラウドサービス変更時設定確認手順書", "2026-04-01"));
    }
    return c;
}

static const struct {
    const char *cve;
    double cvss;
    int exploited;
} cves[] = {
    {"CVE-2024-21762", 9.8, 1}, {"CVE-2025-22457", 9.0, 1},  {"CVE-2024-6387", 8.1, 0},
    {"CVE-2023-4966", 9.4, 1},  {"CVE-2024-3400", 10.0, 1},  {"CVE-2023-46805", 8.2, 1},
    {"CVE-2024-21887", 9.1, 1}, {"CVE-2023-20198", 10.0, 1}, {"CVE-2022-40684", 9.8, 1},
    {"CVE-2023-27997", 9.8, 1}, {"CVE-2021-44228", 10.0, 1}, {"CVE-2024-38077", 9.8, 0},
};
#define N_CVES (sizeof cves / sizeof cves[0])

static void vulnerability(genctx *g, cJSON *vulns, const char *asset_id)
{
    size_t k = (size_t)rng_range(&g->r, 0, (int)N_CVES - 1);
    cJSON *v = cJSON_CreateObject();
    cJSON_AddStringToObject(v, "asset", asset_id);
    cJSON_AddStringToObject(v, "cve", cves[k].cve);
    cJSON_AddNumberToObject(v, "cvss", cves[k].cvss);
    cJSON_AddBoolToObject(v, "exploited", cves[k].exploited);
    int patched = ok(g, 0.6);
    cJSON_AddBoolToObject(v, "patched", patched);
    if (!patched && chance(&g->r, 0.5)) {
        cJSON *m = cJSON_AddObjectToObject(v, "mitigation");
        cJSON_AddStringToObject(
            m, "description", "パッチ適用までの間、管理インタフェースへのアクセスを保守端末に限定");
        cJSON_AddBoolToObject(m, "applied", ok(g, 1.0));
    }
    cJSON_AddItemToArray(vulns, v);
}

static cJSON *used_section(genctx *g, int used, const char *const *fields, double f)
{
    cJSON *s = cJSON_CreateObject();
    cJSON_AddBoolToObject(s, "used", used);
    if (used)
        for (; *fields; fields++) cJSON_AddBoolToObject(s, *fields, ok(g, f));
    return s;
}

static cJSON *used_facts(genctx *g, int used, const char *const *fields, const char *const *titles,
                         double f)
{
    cJSON *s = cJSON_CreateObject();
    cJSON_AddBoolToObject(s, "used", used);
    if (used)
        for (int i = 0; fields[i]; i++)
            cJSON_AddItemToObject(s, fields[i],
                                  titles[i] ? fact(g, ok(g, f), titles[i], "2025-10-01")
                                            : cJSON_CreateBool(ok(g, f)));
    return s;
}

static void attack_tree(genctx *g, cJSON *trees, int n, const char *base, const char *target)
{
    static const struct {
        const char *damage, *entry, *attacker, *route, *final_attack;
    } kinds[] = {
        {"core_stop", "T1566", "外部の攻撃者（標的型攻撃）", "標的型メール",
         "ランサムウェアによるデータ暗号化"},
        {"personal_data_leak", "T1190", "外部の攻撃者", "公開サーバの脆弱性", "住民情報の窃取"},
        {"resident_data_altered", "T1189", "外部の攻撃者", "改ざんされたWebサイトの閲覧",
         "住民記録の改ざん"},
        {"cloud_overbilling", "T1078", "外部の攻撃者", "窃取した認証情報",
         "大量通信による課金の発生"},
    };
    int k = n % 4;
    cJSON *t = cJSON_CreateObject();
    char id[16];
    snprintf(id, sizeof id, "%d-%d", k + 1, n / 4 + 1);
    cJSON_AddStringToObject(t, "id", id);
    cJSON_AddStringToObject(t, "damage", kinds[k].damage);
    cJSON_AddStringToObject(t, "attacker", kinds[k].attacker);
    cJSON_AddStringToObject(t, "entry", kinds[k].entry);
    cJSON_AddStringToObject(t, "route", kinds[k].route);
    (void)g;
    cJSON *via = cJSON_AddArrayToObject(t, "via");
    cJSON_AddItemToArray(via, cJSON_CreateString(base));
    cJSON_AddStringToObject(t, "base", base);
    cJSON_AddStringToObject(t, "target", target);
    cJSON_AddStringToObject(t, "final_attack", kinds[k].final_attack);
    cJSON *steps = cJSON_AddArrayToObject(t, "steps");
    static const char *const s1[] = {"mail_filtering", "harmlessization", "edr", "antimalware",
                                     NULL};
    static const char *const s2[] = {"screen_transfer_isolation", "mfa", "fw", NULL};
    static const char *const s3[] = {"backup", "access_control", "log_analysis", NULL};
    const char *const *cms[] = {s1, s2, s3};
    static const char *const names[] = {"侵入口での端末・機器の侵害", "内部での横展開",
                                        "攻撃対象への最終攻撃"};
    for (int i = 0; i < 3; i++) {
        cJSON *st = cJSON_CreateObject();
        cJSON_AddStringToObject(st, "name", names[i]);
        cJSON *c = cJSON_AddArrayToObject(st, "countermeasures");
        for (const char *const *p = cms[i]; *p; p++)
            cJSON_AddItemToArray(c, cJSON_CreateString(*p));
        cJSON_AddItemToArray(steps, st);
    }
    cJSON_AddItemToArray(trees, t);
}

static const char *const divisions[] = {"住民課",         "税務課",     "福祉課",     "保険年金課",
                                        "子育て支援課",   "建設課",     "上下水道課", "教育総務課",
                                        "農林課",         "商工観光課", "環境課",     "会計課",
                                        "選挙管理委員会", "議会事務局", "消防本部"};
#define N_DIV (sizeof divisions / sizeof divisions[0])

/* The minimal declaration (--size small): every required section, little else. */
static void build_small(genctx *g, cJSON *d)
{
    cJSON *assets = cJSON_AddArrayToObject(d, "assets");
    int beta = g->model[0] == 'b';
    cJSON *tc = cJSON_CreateObject();
    cJSON_AddItemToObject(tc, "edr", edr(g, ok(g, 1.0)));
    asset(assets, "pc", "業務端末", "terminal", beta ? "internet" : "lgwan", g->staff, "intranet",
          "restricted", 0, tc, NULL);
    cJSON *sc = cJSON_CreateObject();
    cJSON *p = cJSON_AddObjectToObject(sc, "patch");
    cJSON_AddBoolToObject(p, "os_timely", ok(g, 0.5));
    asset(assets, "juki", "住民記録システム", "server", "mynumber", 1, "isolated", "mfa_room", 0,
          sc, NULL);
    cJSON_AddArrayToObject(d, "screen_transfer");
}

/* The full declaration of a body of the given model, like samples/base.json. */
static void build_full(genctx *g, cJSON *d)
{
    const char *m = g->model;
    int alpha = m[0] == 'a', beta = m[0] == 'b', prime = strstr(m, "prime") != NULL;
    long staff = g->staff;
    cJSON *assets = cJSON_AddArrayToObject(d, "assets");

    /* internet segment */
    if (beta) {
        asset(assets, "inet-pc", "インターネット接続系 業務端末", "terminal", "internet", staff,
              "intranet", "restricted", 0, controls(g, C_TERMINAL), D_C21);
        asset(assets, "inet-ad", "インターネット接続系 ディレクトリサーバ", "server", "internet", 2,
              "intranet", "restricted", 0, controls(g, C_SERVER), NULL);
        asset(assets, "vpn-gw", "リモートアクセスVPN装置", "vpn", "internet", 1 + staff / 1500,
              "internet_reachable", "restricted", 1, controls(g, C_NETWORK), NULL);
        asset(assets, "auth-gw", "認証ゲートウェイ（多要素認証）", "auth_gateway", "internet", 2,
              "internet_reachable", "restricted", 1, controls(g, C_NETWORK), NULL);
    } else {
        asset(assets, "inet-vdi", "インターネット接続系 画面転送基盤（仮想ブラウザ）",
              "screen_transfer_platform", "internet", 1 + staff / 400, "intranet", "restricted", 0,
              controls(g, C_SERVER), NULL);
        asset(assets, "harmless-srv", "無害化サーバ（ファイル取込）", "file_link_server",
              "internet", 1, "intranet", "restricted", 0, controls(g, C_SERVER), NULL);
    }
    if (strcmp(m, "beta_prime") == 0) {
        static const char *const sys[][2] = {{"doc-mgmt", "文書管理システム"},
                                             {"payroll", "人事給与システム"},
                                             {"accounting", "財務会計システム"}};
        for (int i = 0; i < 3; i++) {
            cJSON *c = controls(g, C_SERVER);
            add_pair(c, "access_control", "per_division", ok(g, 0.5), "per_section", ok(g, 1.0));
            asset(assets, sys[i][0], sys[i][1], "server", "internet", 2, "intranet", "restricted",
                  0, c, D_C2);
        }
    }
    asset(assets, "mail-relay", "インターネットメール中継サーバ", "mail_relay", "internet",
          1 + (staff > 2000), "internet_reachable", "restricted", 1, controls(g, C_SERVER), NULL);
    asset(assets, "inet-fw", "インターネット境界ファイアウォール", "network_device", "internet", 2,
          "internet_reachable", "restricted", 1, controls(g, C_NETWORK), NULL);
    asset(assets, "web-proxy", "Webプロキシ（URLフィルタリング）", "gateway", "internet",
          1 + (staff > 1500), "intranet", "restricted", 0, controls(g, C_NETWORK), NULL);

    /* LGWAN segment */
    asset(assets, "lgwan-pc", alpha ? "LGWAN接続系 業務端末" : "LGWAN接続系 端末（画面転送用）",
          "terminal", "lgwan", alpha ? staff : 2 + staff / 25, "intranet", "restricted", 0,
          controls(g, C_TERMINAL), D_C2);
    if (beta)
        asset(assets, "lgwan-vdi", "LGWAN接続系 画面転送基盤（VDI）", "screen_transfer_platform",
              "lgwan", 1 + staff / 300, "intranet", "mfa_room", 0, controls(g, C_SERVER), D_C2);
    {
        cJSON *c = controls(g, C_SERVER);
        add_pair(c, "access_control", "per_division", ok(g, 0.5), "per_section", ok(g, 1.0));
        asset(assets, "lgwan-biz", "LGWAN接続系 業務システム（電子決裁）", "server", "lgwan", 2,
              "intranet", "mfa_room", 0, c, D_C2);
    }
    asset(assets, "lgwan-fw", "LGWAN接続系 ファイアウォール", "network_device", "lgwan", 2,
          "intranet", "mfa_room", 0, controls(g, C_NETWORK), NULL);
    asset(assets, "file-link", "ファイル連携サーバ（境界セグメント）", "file_link_server", "lgwan",
          1, "intranet", "mfa_room", 0, controls(g, C_SERVER), D_MN);
    asset(assets, "backup-store", "バックアップストレージ", "storage", "lgwan", 1, "isolated",
          "mfa_room", 0, controls(g, C_STORAGE), NULL);

    /* My Number segment */
    asset(assets, "juki", "住民記録システム", "server", "mynumber", 2, "isolated", "mfa_room", 0,
          controls(g, C_SERVER), D_MN);
    asset(assets, "tax", "税務システム", "server", "mynumber", 2, "isolated", "mfa_room", 0,
          controls(g, C_SERVER), D_MN);
    asset(assets, "welfare-db", "福祉システム データベース", "database", "mynumber", 1, "isolated",
          "mfa_room", 0, controls(g, C_SERVER), D_MN);
    int mn_st = chance(&g->r, beta ? 0.6 : 0.25);
    if (mn_st)
        asset(assets, "mn-vdi", "マイナンバー利用事務系 画面転送基盤（VDI）",
              "screen_transfer_platform", "mynumber", 1 + staff / 800, "isolated", "mfa_room", 0,
              controls(g, C_SERVER), D_MNONLY);
    asset(assets, "mn-pc", "マイナンバー利用事務系 専用端末", "terminal", "mynumber",
          3 + staff / 12, "isolated", "restricted", 0, controls(g, C_TERMINAL), D_MN);
    asset(assets, "mn-fw", "マイナンバー利用事務系 ファイアウォール", "network_device", "mynumber",
          2, "isolated", "mfa_room", 0, controls(g, C_NETWORK), NULL);
    asset(assets, "maint-pc", "保守用端末", "maintenance_terminal", "mynumber", 1, "isolated",
          "mfa_room", 0, controls(g, C_TERMINAL), NULL);

    /* cloud */
    int eapp = chance(&g->r, g->b->kind == K_VILLAGE ? 0.3 : g->b->kind == K_TOWN ? 0.5 : 0.85);
    if (eapp)
        asset(assets, "e-app", "電子申請サービス", "cloud_service", "cloud", 1,
              "internet_reachable", "restricted", 1, controls(g, C_CLOUD), D_C2);
    if (prime || chance(&g->r, 0.2))
        asset(assets, "groupware", "クラウド型グループウェア", "cloud_service", "cloud", 1,
              "internet_reachable", "restricted", 0, controls(g, C_CLOUD), D_C2);

    /* extra assets for larger bodies: division systems and branch equipment */
    for (int i = 0; i < g->extra; i++) {
        char id[32], name[160];
        const char *div = divisions[(size_t)i % N_DIV];
        int round = i / (int)N_DIV + 1;
        switch (i % 3) {
        case 0:
            snprintf(id, sizeof id, "biz-%03d", i + 1);
            snprintf(name, sizeof name, "%s 業務システム（第%d）", div, round);
            asset(assets, id, name, "server", chance(&g->r, 0.3) ? "mynumber" : "lgwan",
                  1 + (i % 2), chance(&g->r, 0.3) ? "isolated" : "intranet", "mfa_room", 0,
                  controls(g, C_SERVER), D_C2);
            break;
        case 1:
            snprintf(id, sizeof id, "branch-sw-%03d", i + 1);
            snprintf(name, sizeof name, "%s 出先機関 ネットワーク機器（第%d）", div, round);
            asset(assets, id, name, "network_device", "lgwan", 1 + i % 4, "intranet", "restricted",
                  0, controls(g, C_NETWORK), NULL);
            break;
        default:
            snprintf(id, sizeof id, "branch-pc-%03d", i + 1);
            snprintf(name, sizeof name, "%s 出先機関 端末（第%d）", div, round);
            asset(assets, id, name, "terminal", beta ? "internet" : "lgwan", 5 + i % 40, "intranet",
                  "restricted", 0, controls(g, C_TERMINAL), D_C2);
        }
    }

    /* screen transfer */
    cJSON *st = cJSON_AddArrayToObject(d, "screen_transfer");
    if (alpha)
        cJSON_AddItemToArray(st, connection(g, "st-inet", "lgwan", "internet",
                                            chance(&g->r, 0.5) ? "secure_browser" : "vdi",
                                            "inet-vdi", "2023-03-20"));
    else
        cJSON_AddItemToArray(
            st, connection(g, "st-lgwan", "internet", "lgwan", "vdi", "lgwan-vdi", "2024-03-22"));
    if (mn_st)
        cJSON_AddItemToArray(
            st, connection(g, "st-mn", "lgwan", "mynumber", "vdi", "mn-vdi", "2025-11-14"));

    cJSON *h = cJSON_AddObjectToObject(d, "harmlessization");
    cJSON *hm = cJSON_AddArrayToObject(h, "methods");
    int visual = chance(&g->r, 0.15);
    cJSON_AddItemToArray(hm, cJSON_CreateString(chance(&g->r, 0.6) ? "cdr" : "text_extraction"));
    if (chance(&g->r, 0.4)) cJSON_AddItemToArray(hm, cJSON_CreateString("image_pdf"));
    if (visual) {
        cJSON_AddItemToArray(hm, cJSON_CreateString("visual_check"));
        cJSON *vp = cJSON_AddObjectToObject(h, "visual_check_procedure");
        cJSON_AddBoolToObject(vp, "sender", 1);
        cJSON_AddBoolToObject(vp, "subject", 1);
        cJSON_AddBoolToObject(vp, "wording", ok(g, 1.0));
        cJSON_AddBoolToObject(vp, "fonts", ok(g, 1.5));
    }
    cJSON_AddBoolToObject(h, "unknown_malware_detection", ok(g, 0.8));
}

static void build_mail_and_rest(genctx *g, cJSON *d, int full)
{
    int alpha = g->model[0] == 'a';
    cJSON *assets = cJSON_GetObjectItemCaseSensitive(d, "assets");
    cJSON *mail = cJSON_AddObjectToObject(d, "mail");
    cJSON_AddStringToObject(mail, "delivery",
                            alpha ? (chance(&g->r, 0.6) ? "text_only" : "screen_transfer")
                                  : "direct");
    cJSON_AddBoolToObject(mail, "attachments_removed", alpha && ok(g, 0.5));
    cJSON_AddBoolToObject(mail, "html_to_text", alpha && ok(g, 0.5));
    cJSON_AddBoolToObject(mail, "relay_only", ok(g, 0.4));
    cJSON_AddBoolToObject(mail, "smtp_only", ok(g, 0.4));
    if (full) {
        cJSON *sb = cJSON_AddObjectToObject(d, "segment_boundary");
        cJSON_AddBoolToObject(sb, "internet_lgwan_screen_transfer_only", ok(g, 0.3));
    }

    cJSON *dl = cJSON_AddArrayToObject(d, "data_links");
    if (full) {
        if (has_asset(assets, "e-app"))
            cJSON_AddItemToArray(
                dl,
                data_link(
                    g, "dl-1a", "1a",
                    "電子申請データをファイル連携サーバ（境界セグメント）経由でマイナンバー利用事務系へ取り込む",
                    "internet", "mynumber", "file-link", "e-app"));
        cJSON_AddItemToArray(
            dl, data_link(
                    g, "dl-1b", "1b",
                    "LGWAN接続系の業務データをファイル連携サーバ経由でマイナンバー利用事務系へ送る",
                    "lgwan", "mynumber", "file-link", NULL));
    }

    int small_body = g->b->kind == K_VILLAGE || g->b->kind == K_TOWN;
    static const char *const rm_f[] = {"device_connection_control", "media_management", NULL};
    cJSON_AddItemToObject(d, "removable_media",
                          used_section(g, chance(&g->r, small_body ? 0.7 : 0.4), rm_f, 1.0));
    static const char *const rmt_f[] = {"closed_network", NULL};
    cJSON_AddItemToObject(d, "remote_maintenance",
                          used_section(g, full && chance(&g->r, 0.6), rmt_f, 0.8));
    cJSON *ea = cJSON_CreateObject();
    int eapp = has_asset(assets, "e-app");
    cJSON_AddBoolToObject(ea, "used", eapp);
    if (eapp) {
        cJSON_AddBoolToObject(ea, "malware_check", ok(g, 0.8));
        cJSON_AddBoolToObject(ea, "format_check", ok(g, 0.8));
        cJSON *a = cJSON_AddArrayToObject(ea, "assets");
        cJSON_AddItemToArray(a, cJSON_CreateString("e-app"));
    }
    cJSON_AddItemToObject(d, "e_application", ea);

    cJSON *contracts = cJSON_AddArrayToObject(d, "contracts");
    if (full) {
        static const char *const plat_scope_a[] = {"inet-vdi", "harmless-srv", "network_device",
                                                   NULL};
        static const char *const plat_scope_b[] = {"lgwan-vdi", "vpn-gw", "auth-gw",
                                                   "network_device", NULL};
        static const char *const plat_cov_a[] = {"inet-vdi", NULL};
        static const char *const plat_cov_b[] = {"lgwan-vdi", "vpn-gw", "auth-gw", NULL};
        cJSON_AddItemToArray(contracts,
                             contract(g, "c-platform", "地域情報システムサービス株式会社",
                                      alpha ? plat_scope_a : plat_scope_b, 0,
                                      alpha ? plat_cov_a : plat_cov_b));
        static const char *const core_scope[] = {"juki",  "tax",      "welfare-db", "mn-pc",
                                                 "mn-fw", "maint-pc", NULL};
        static const char *const core_cov[] = {"juki", "tax", "welfare-db", NULL};
        cJSON_AddItemToArray(
            contracts, contract(g, "c-core", "基幹システム開発株式会社", core_scope, 0, core_cov));
        int ea = has_asset(assets, "e-app"), gw = has_asset(assets, "groupware");
        if (ea || gw) {
            static const char *const both[] = {"e-app", "groupware", NULL};
            static const char *const only_e[] = {"e-app", NULL};
            static const char *const only_g[] = {"groupware", NULL};
            const char *const *scope = ea && gw ? both : ea ? only_e : only_g;
            cJSON_AddItemToArray(
                contracts,
                contract(g, "c-cloud", "株式会社クラウドインテグレーション", scope, 1, scope));
        }
    } else {
        static const char *const scope[] = {"juki", NULL};
        cJSON_AddItemToArray(contracts,
                             contract(g, "c-core", "基幹システム開発株式会社", scope, 0, NULL));
    }

    cJSON *vulns = cJSON_AddArrayToObject(d, "vulnerabilities");
    if (full) {
        const char *boundary = has_asset(assets, "vpn-gw") ? "vpn-gw" : "inet-fw";
        int nv = rng_range(&g->r, 0, 2) + g->extra_vulns;
        for (int i = 0; i < nv; i++) vulnerability(g, vulns, i % 2 ? "inet-fw" : boundary);
    }

    cJSON *org = cJSON_AddObjectToObject(d, "organisation");
    cJSON *cs = cJSON_AddObjectToObject(org, "csirt");
    cJSON_AddItemToObject(cs, "exists", fact(g, ok(g, 0.3), "CSIRT設置要綱", "2023-04-01"));
    cJSON_AddItemToObject(cs, "roles_defined",
                          fact(g, ok(g, 0.6), "CSIRT運用手順書", "2023-04-01"));
    cJSON_AddItemToObject(org, "training",
                          fact(g, ok(g, 0.5), "情報セキュリティ研修 実施報告", "2026-06-30"));
    cJSON_AddItemToObject(org, "cyder", fact(g, ok(g, 2.0), "CYDER 修了証", "2025-11-20"));
    cJSON_AddItemToObject(org, "info_sharing",
                          fact(g, ok(g, 0.8), "自治体CEPTOAR 情報共有記録", "2026-05-01"));
    cJSON_AddItemToObject(
        org, "policy_follows_guideline",
        fact(g, ok(g, 0.5), "情報セキュリティポリシー（令和8年4月改定）", "2026-04-01"));
    if (full && (g->model[0] == 'b' || chance(&g->r, 0.3))) {
        cJSON_AddItemToObject(org, "continuous_monitoring",
                              fact(g, ok(g, 1.0), "SOC監視サービス契約書", "2025-04-01"));
        cJSON_AddItemToObject(org, "vulnerability_diagnosis",
                              fact(g, ok(g, 1.5), "脆弱性診断報告書", "2026-01-31"));
        cJSON_AddItemToObject(org, "shadow_it_control",
                              fact(g, ok(g, 1.5), "外部サービス利用監視手順書", "2025-10-01"));
    }

    if (full) {
        cJSON *ir = cJSON_AddObjectToObject(d, "incident_response");
        cJSON *pa = cJSON_AddArrayToObject(ir, "partners");
        if (ok(g, 1.0)) {
            cJSON *p = cJSON_CreateObject();
            cJSON_AddStringToObject(p, "name", "株式会社インシデントレスポンス・サービス");
            cJSON_AddBoolToObject(p, "forensics", ok(g, 0.8));
            cJSON_AddItemToArray(pa, p);
        }
        cJSON_AddItemToObject(ir, "config_shared",
                              fact(g, ok(g, 1.0), "システム構成情報共有記録", "2026-09-10"));
        cJSON_AddItemToObject(ir, "roles_agreed",
                              fact(g, ok(g, 0.8), "インシデント対応 役割分担合意書", "2025-04-01"));
        cJSON_AddItemToObject(
            ir, "nda_signed",
            fact(g, ok(g, 0.8), "秘密保持契約書（インシデント対応）", "2025-04-01"));
        cJSON *es = cJSON_AddObjectToObject(d, "edr_service");
        static const char *const ef[] = {"data_in_japan", "domestic_provision",
                                         "specialist_credentials_known", "equipment_secured"};
        for (int i = 0; i < 4; i++) {
            if (chance(&g->r, 0.15))
                cJSON_AddNullToObject(es, ef[i]);
            else
                cJSON_AddBoolToObject(es, ef[i], ok(g, 0.5));
        }
    }

    cJSON *audits = cJSON_AddArrayToObject(d, "audits");
    if (full || ok(g, 1.0)) {
        int external = ok(g, 1.5);
        cJSON *a = cJSON_CreateObject();
        cJSON_AddStringToObject(a, "date", "2026-02-20");
        cJSON_AddStringToObject(a, "type", external ? "external" : "internal");
        cJSON_AddStringToObject(a, "auditor", external ? "監査法人さくら台" : "総務課 情報政策係");
        cJSON *q = cJSON_AddArrayToObject(a, "auditor_qualifications");
        if (external || ok(g, 1.0))
            cJSON_AddItemToArray(q, cJSON_CreateString(external ? "公認情報システム監査人（CISA）"
                                                                : "システム監査技術者"));
        cJSON_AddItemToObject(
            a, "report_submitted_to_jlis",
            fact(g, external && ok(g, 1.0), "外部監査報告書 J-LIS提出控", "2026-03-10"));
        cJSON_AddItemToArray(audits, a);
    }

    if (full && has_asset(assets, "e-app")) {
        cJSON *ca = cJSON_AddArrayToObject(d, "cloud_accounts");
        cJSON *c = cJSON_CreateObject();
        cJSON_AddStringToObject(c, "id", "ca-eapp");
        cJSON_AddStringToObject(c, "provider", "lgwan_asp");
        static const char *const cf[] = {
            "mfa",           "iam_least_privilege", "audit_log_protected", "alerts_protected",
            "api_inventory", "billing_alerts"};
        for (int i = 0; i < 6; i++) cJSON_AddBoolToObject(c, cf[i], ok(g, 1.0));
        cJSON_AddItemToArray(ca, c);
    }

    static const char *const tw_f[] = {"pre_post_checks", "location_rules", NULL};
    static const char *const tw_t[] = {"テレワーク実施前後チェックリスト", NULL};
    int telework = full && chance(&g->r, 0.6);
    cJSON_AddItemToObject(d, "telework", used_facts(g, telework, tw_f, tw_t, 1.0));
    static const char *const by_f[] = {"storage_prevented", "device_registration",
                                       "application_procedure", NULL};
    static const char *const by_t[] = {NULL, NULL, "私物端末業務利用申請書", NULL};
    cJSON_AddItemToObject(d, "byod", used_facts(g, full && chance(&g->r, 0.15), by_f, by_t, 1.0));
    static const char *const wc_f[] = {"outsider_exclusion", "suspicious_removal",
                                       "content_check_beforehand", NULL};
    cJSON_AddItemToObject(d, "web_conferencing",
                          used_section(g, full && chance(&g->r, 0.8), wc_f, 0.8));
    static const char *const ra_f[] = {"lent_terminals",     "mfa_or_device_auth",
                                       "encrypted_line",     "information_limited",
                                       "takeout_management", "per_access_auth",
                                       "minimal_privileges", "abnormal_access_detection",
                                       "dlp_labels",         NULL};
    cJSON_AddItemToObject(
        d, "remote_access",
        used_section(g, telework || (full && chance(&g->r, g->model[0] == 'b' ? 0.9 : 0.4)), ra_f,
                     0.6));

    cJSON *ext = cJSON_AddArrayToObject(d, "external_services");
    if (full && chance(&g->r, 0.7)) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "id", "es-sns");
        cJSON_AddStringToObject(e, "name", "公式SNSアカウント（広報）");
        cJSON_AddBoolToObject(e, "click_through_terms", 1);
        cJSON_AddNumberToObject(e, "max_confidentiality", ok(g, 0.5) ? 1 : 2);
        cJSON *lc = cJSON_AddObjectToObject(e, "lifecycle");
        cJSON_AddItemToObject(lc, "selection",
                              fact(g, ok(g, 1.0), "外部サービス選定評価シート", "2025-06-01"));
        cJSON_AddBoolToObject(lc, "use", ok(g, 0.8));
        cJSON_AddBoolToObject(lc, "termination", ok(g, 1.0));
        cJSON_AddItemToArray(ext, e);
    }

    if (full && strcmp(g->model, "beta_prime") == 0) {
        cJSON *z = cJSON_AddObjectToObject(d, "zero_trust_pc");
        static const char *const zf[] = {"hw_root_of_trust",        "discrete_tpm",
                                         "certified_chip",          "firmware_resilience",
                                         "gpt_protection",          "browser_hw_isolation",
                                         "attachment_hw_isolation", "central_config"};
        for (int i = 0; i < 8; i++) cJSON_AddBoolToObject(z, zf[i], ok(g, 1.0));
    }

    if (full && g->trees > 0) {
        cJSON *trees = cJSON_AddArrayToObject(d, "attack_trees");
        const char *base =
            g->model[0] == 'b' ? "インターネット接続系 業務端末" : "LGWAN接続系 業務端末";
        for (int i = 0; i < g->trees; i++) attack_tree(g, trees, i, base, "住民記録システム");
    }

    /* waivers: some bodies waive a longer refresh interval of their connection into
     * the My Number segment (the last one when present) */
    cJSON *sts = cJSON_GetObjectItemCaseSensitive(d, "screen_transfer");
    int last = cJSON_GetArraySize(sts) - 1;
    cJSON *st0 = last >= 0 ? cJSON_GetArrayItem(sts, last) : NULL;
    if (st0 && strcmp(rollup_str(st0, "target_segment"), "mynumber") != 0) st0 = NULL;
    if (st0 && chance(&g->r, g->waivers)) {
        char subject[64];
        snprintf(subject, sizeof subject, "/screen_transfer/%d", last);
        cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(st0, "refresh_interval_days"), 14);
        cJSON *ws = cJSON_AddArrayToObject(d, "waivers");
        cJSON *w = cJSON_CreateObject();
        cJSON_AddStringToObject(w, "policy", "ST-06");
        cJSON_AddStringToObject(w, "subject", subject);
        cJSON_AddStringToObject(w, "justification",
                                "繁忙期に限り仮想端末の再構築間隔を14日に延長する");
        cJSON_AddStringToObject(w, "approver", "最高情報セキュリティ責任者");
        cJSON_AddStringToObject(w, "compensating_control", "EDRによる常時監視と日次フルスキャン");
        cJSON_AddStringToObject(w, "expires", chance(&g->r, 0.3) ? "2026-03-31" : "2027-03-31");
        cJSON_AddItemToArray(ws, w);
    }
}

/* ---- public entry points ----------------------------------------------------- */

static body_plan *cached_plan;
static size_t cached_n;
static uint64_t cached_seed;

static const body_plan *plan_for(uint64_t seed, size_t *n)
{
    if (!cached_plan || cached_seed != seed) {
        if (!cached_plan) cached_plan = malloc(N_BODIES_MAX * sizeof *cached_plan);
        if (!cached_plan) return NULL;
        cached_n = plan_country(seed, cached_plan);
        cached_seed = seed;
    }
    *n = cached_n;
    return cached_plan;
}

size_t gen_national_count(void)
{
    size_t n = 0;
    for (int p = 0; p < N_PREF; p++)
        n += 1 + (size_t)(prefs[p].cities + prefs[p].towns + prefs[p].villages + prefs[p].wards);
    return n;
}

void gen_options_init(gen_options *o)
{
    o->size = GEN_AUTO;
    o->waivers_pct = 25;
}

cJSON *gen_declaration(uint64_t seed, size_t index, enum gen_size size)
{
    gen_options o;
    gen_options_init(&o);
    o.size = size;
    return gen_declaration_opts(seed, index, &o);
}

cJSON *gen_declaration_opts(uint64_t seed, size_t index, const gen_options *o)
{
    enum gen_size size = o->size;
    size_t n = 0;
    const body_plan *plan = plan_for(seed, &n);
    if (!plan || index >= n) return NULL;
    const body_plan *b = &plan[index];
    genctx g;
    memset(&g, 0, sizeof g);
    g.b = b;
    g.waivers = o->waivers_pct / 100.0;
    rng_seed(&g.r, seed, 1000000 + (uint64_t)index);

    /* model mix: mostly α; β and β′ more likely in larger bodies */
    double u = rng_unit(&g.r);
    double big = b->population > 300000 ? 1.0 : b->population > 50000 ? 0.5 : 0.15;
    if (u < 0.06 * big)
        g.model = "beta_prime";
    else if (u < 0.06 * big + 0.16 * big)
        g.model = "beta";
    else if (u < 0.06 * big + 0.16 * big + 0.08)
        g.model = "alpha_prime";
    else
        g.model = "alpha";

    /* Most bodies are well run (rare slips); some have gaps, more often the
     * small ones. */
    double sloppy, weak;
    switch (b->kind) {
    case K_VILLAGE:
        sloppy = 0.50;
        weak = 0.10;
        break;
    case K_TOWN:
        sloppy = 0.40;
        weak = 0.08;
        break;
    case K_CITY:
        sloppy = 0.28;
        weak = 0.05;
        break;
    case K_WARD:
        sloppy = 0.22;
        weak = 0.04;
        break;
    default: sloppy = 0.20; weak = 0.03;
    }
    g.weak = chance(&g.r, sloppy) ? weak * (0.5 + rng_unit(&g.r)) : 0.0012;
    g.evidenced = b->kind == K_VILLAGE ? 0.1 : b->kind == K_TOWN ? 0.25 : 0.6;
    long pop = b->population;
    g.staff = b->kind == K_PREFECTURE ? 3000 + pop / 1500 : 20 + pop / 120;

    int full = size != GEN_SMALL;
    if (size == GEN_LARGE) {
        g.extra = 190;
        g.extra_vulns = 60;
        g.trees = 8;
    } else if (size == GEN_AUTO) {
        g.extra = (int)(pop / 20000);
        if (b->kind == K_PREFECTURE) g.extra = 30 + (int)(pop / 400000);
        if (g.extra > 90) g.extra = 90;
        g.extra_vulns = g.extra / 10;
        g.trees = pop > 100000 ? 2 : pop > 20000 ? 1 : 0;
    } else if (size == GEN_MEDIUM) {
        g.extra = 16;
        g.extra_vulns = 4;
        g.trees = 2;
    }

    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "schema", "kyojin/declaration/v1");
    cJSON *body = cJSON_AddObjectToObject(d, "body");
    cJSON_AddStringToObject(body, "name", b->name);
    cJSON_AddStringToObject(body, "name_en", b->name_en);
    cJSON_AddStringToObject(body, "prefecture", prefs[b->pref].name);
    cJSON_AddStringToObject(body, "code", b->code);
    cJSON_AddStringToObject(body, "kind", kind_keys[b->kind]);
    cJSON_AddNumberToObject(body, "population", (double)pop);
    cJSON_AddStringToObject(body, "as_of", "2026-10-01");
    cJSON *contact = cJSON_AddObjectToObject(body, "contact");
    cJSON_AddStringToObject(contact, "department",
                            b->kind == K_PREFECTURE ? "総務部 デジタル推進課"
                                                    : "総務課 情報政策係");
    char email[160], phone[32];
    snprintf(email, sizeof email, "joho@%s.example.jp", b->slug);
    cJSON_AddStringToObject(contact, "email", email);
    snprintf(phone, sizeof phone, "0%d-555-%04d", 11 + b->pref * 2, (int)(index % 10000));
    cJSON_AddStringToObject(contact, "phone", phone);
    cJSON_AddStringToObject(d, "model", g.model);
    if (full)
        build_full(&g, d);
    else
        build_small(&g, d);
    build_mail_and_rest(&g, d, full);
    return d;
}

static int parse_u64(const char *s, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || !end || *end || s[0] == '-' || !s[0]) return -1;
    *out = (uint64_t)v;
    return 0;
}

int gen_parse_waivers(const char *s, int *pct)
{
    uint64_t v;
    if (parse_u64(s, &v) != 0 || v > 100) return -1;
    *pct = (int)v;
    return 0;
}

int cmd_gen(const gen_args *a)
{
    uint64_t seed = 1, count = 0;
    const char *out = a->out, *size_s = a->size ? a->size : "auto";
    int quiet = a->quiet, en = a->lang && strcmp(a->lang, "en") == 0;
    gen_options go;
    gen_options_init(&go);
    if (a->waivers && gen_parse_waivers(a->waivers, &go.waivers_pct) != 0) {
        fputs(en ? "kyojin gen: --waivers needs a percentage from 0 to 100\n"
                 : "kyojin gen: --waivers には 0〜100 の百分率を指定してください\n",
              stderr);
        return ROLLUP_EXIT_USAGE;
    }
    if (a->seed && parse_u64(a->seed, &seed) != 0) {
        fputs(en ? "kyojin gen: --seed needs a non-negative integer\n"
                 : "kyojin gen: --seed には 0 以上の整数を指定してください\n",
              stderr);
        return ROLLUP_EXIT_USAGE;
    }
    if (a->count && (parse_u64(a->count, &count) != 0 || count == 0)) {
        fputs(en ? "kyojin gen: --count needs a positive integer\n"
                 : "kyojin gen: --count には正の整数を指定してください\n",
              stderr);
        return ROLLUP_EXIT_USAGE;
    }
    if (!out) {
        fputs(en ? "kyojin gen: give the directory to write to (--out DIR)\n"
                   "(see kyojin gen --help)\n"
                 : "kyojin gen: 書き出すディレクトリを指定してください（--out DIR）\n"
                   "（kyojin gen --help を参照）\n",
              stderr);
        return ROLLUP_EXIT_USAGE;
    }
    enum gen_size size;
    if (strcmp(size_s, "auto") == 0)
        size = GEN_AUTO;
    else if (strcmp(size_s, "small") == 0)
        size = GEN_SMALL;
    else if (strcmp(size_s, "medium") == 0)
        size = GEN_MEDIUM;
    else if (strcmp(size_s, "large") == 0)
        size = GEN_LARGE;
    else {
        fprintf(stderr,
                en ? "kyojin gen: unknown size \"%s\" (small, medium, large, auto)\n"
                   : "kyojin gen: 不明な大きさです: %s（small, medium, large, auto）\n",
                size_s);
        return ROLLUP_EXIT_USAGE;
    }
    go.size = size;
    size_t total = gen_national_count();
    if (count == 0 || count > total) count = count ? count : total;
    if (count > total) {
        fprintf(stderr,
                en ? "kyojin gen: --count is at most %zu (the bodies of the country)\n"
                   : "kyojin gen: --count は %zu（全国の団体数）以下です\n",
                total);
        return ROLLUP_EXIT_USAGE;
    }
    if (mkdir(out, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "kyojin gen: %s: %s\n", out, strerror(errno));
        return ROLLUP_EXIT_OUTPUT;
    }
    char err[512];
    size_t bytes = 0;
    for (size_t i = 0; i < count; i++) {
        cJSON *d = gen_declaration_opts(seed, i, &go);
        if (!d) {
            fputs(en ? "kyojin gen: out of memory\n" : "kyojin gen: メモリが不足しています\n",
                  stderr);
            return ROLLUP_EXIT_OUTPUT;
        }
        const char *code = rollup_str(cJSON_GetObjectItemCaseSensitive(d, "body"), "code");
        size_t pl = strlen(out) + 16;
        char *path = malloc(pl);
        char *text = cJSON_Print(d);
        int rc = -1;
        if (path && text) {
            snprintf(path, pl, "%s/%s.json", out, code);
            atomic_out o;
            if (atomic_out_open(&o, path, err, sizeof err) == 0) {
                fputs(text, o.fp);
                fputc('\n', o.fp);
                rc = atomic_out_commit(&o, err, sizeof err);
                bytes += strlen(text) + 1;
            }
        } else {
            snprintf(err, sizeof err, "out of memory");
        }
        free(text);
        free(path);
        cJSON_Delete(d);
        if (rc != 0) {
            fprintf(stderr, "kyojin gen: %s\n", err);
            return ROLLUP_EXIT_OUTPUT;
        }
    }
    if (!quiet)
        fprintf(stderr,
                en ? "kyojin gen: %zu declarations (%zu KB) written to %s\n"
                   : "kyojin gen: %zu 件の申告（%zu KB）を %s に書き出しました\n",
                (size_t)count, bytes / 1024, out);
    return ROLLUP_EXIT_OK;
}
