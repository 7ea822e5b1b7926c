/* fuzz_batch.c — the batch driver (`kyojin check DIR`: batch_collect, batch_check) over a
 * generated folder.
 *
 * The input bytes describe the folder's entries: valid declarations from samples/, truncated
 * ones, arbitrary bytes, UTF-16 and BOM-prefixed text, empty files, a FIFO nobody writes to,
 * symbolic links (to an entry, to the folder itself, dangling, in a loop), a subfolder, a
 * sparse file claiming gigabytes, an unreadable file, names with odd bytes (controls, invalid
 * UTF-8, a leading '-', other suffixes, hidden names). The batch runs in-process, with worker
 * processes (--jobs 2) or through the watchdog (--timeout), as the input chooses, with the
 * benign test policies.
 * Invariants: the batch returns (libFuzzer's -timeout catches a hang; a FIFO is refused at
 * once); the listing holds every *.json entry that does not start with '.' exactly once and
 * nothing else; the report has exactly one entry per listed input, in order, naming its file
 * (\xHH for a byte that is not UTF-8), valid UTF-8, with a result or an "error" {kind,
 * message {ja, en}}; a valid sample (or a link to one) is evaluated; a FIFO or a folder is refused as not a regular file; no temporary file is left
 * (TMPDIR, the folder). */
#define _GNU_SOURCE
#include "input/decl.h"
#include "engine/runner.h"
#include "rollup/rollup.h"
#include "util/strutil.h"
#include "util/utf8.h"
#include "fuzz_common.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
    K_VALID,
    K_TRUNCATED,
    K_BYTES,
    K_UTF16,
    K_EMPTY,
    K_FIFO,
    K_LINK,
    K_LINK_DIR,
    K_DANGLING,
    K_SUBDIR,
    K_HUGE,
    K_LOOP,
    K_NO_READ,
    K_BOM,
    K_NUL,
    N_KINDS
};

#define MAX_ENTRIES 12

typedef struct {
    char name[64];
    int kind;
    int valid;  /* a valid declaration: must be evaluated */
    int fails;  /* must have an error entry */
    int notreg; /* ... saying "not a regular file" */
    int sub;    /* a subfolder (with one file in it) */
} entry;

static runner *R;
static char base[4096], tmp[4200], folder[4200];
static char *samples[2];
static size_t sample_len[2];
static size_t max_input; /* the loader's limit in this run, or 0 */

static void cleanup(void)
{
    rmdir(folder);
    rmdir(tmp);
    rmdir(base);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(base, sizeof base, "/tmp/kyojin-fuzz-batch.XXXXXX");
    if (!mkdtemp(base)) exit(1);
    /* the batch's own temporary files go here, so that leftovers can be seen */
    snprintf(tmp, sizeof tmp, "%s/tmp", base);
    snprintf(folder, sizeof folder, "%s/in", base);
    if (mkdir(tmp, 0700) != 0) exit(1);
    setenv("TMPDIR", tmp, 1);
    atexit(cleanup);
    const char *files[] = {"samples/minimal.json", "samples/alpha-village-secure-browser.json"};
    for (int i = 0; i < 2; i++) {
        char p[4096];
        fuzz_path(p, sizeof p, files[i]);
        samples[i] = fuzz_read(p, &sample_len[i]);
        if (!samples[i]) {
            fprintf(stderr, "fuzz_batch: cannot read %s\n", p);
            exit(1);
        }
    }
    char pol[4096], lua[4096], err[1024];
    fuzz_path(pol, sizeof pol, "tests/adversarial/policies/benign");
    fuzz_path(lua, sizeof lua, "lua");
    runner_opts o = {0};
    o.policies_dir = pol;
    o.lua_dir = lua;
    o.validate = 1;
    o.sandbox.bundle = fuzz_bundle();
    R = runner_new(&o, err, sizeof err);
    if (!R) {
        fprintf(stderr, "fuzz_batch: %s\n", err);
        exit(1);
    }
    return 0;
}

static int write_bytes(const char *path, const void *b, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return -1;
    int bad = n && write(fd, b, n) != (ssize_t)n;
    if (close(fd) != 0) bad = 1;
    return bad ? -1 : 0;
}

/* The entry's name: input bytes without '/' and NUL, then a suffix. Unique by its index. */
static void make_name(fuzz_reader *r, entry *e, int idx)
{
    static const char *const suffix[] = {".json", ".json",  ".json", ".json",
                                         ".JSON", ".json~", ".txt",  ""};
    unsigned len = fuzz_u8(r) % 12, flags = fuzz_u8(r);
    size_t o = 0;
    if (flags & 0x80) e->name[o++] = '.'; /* hidden */
    if (flags & 0x40) e->name[o++] = '-';
    for (unsigned i = 0; i < len; i++) {
        unsigned c = fuzz_u8(r);
        e->name[o++] = c == '/' || c == 0 ? '_' : (char)c;
    }
    o += (size_t)snprintf(e->name + o, sizeof e->name - o, "%02d%s", idx, suffix[flags & 7]);
}

static int listed(const entry *e)
{
    size_t l = strlen(e->name);
    return e->name[0] != '.' && l >= 5 && strcmp(e->name + l - 5, ".json") == 0;
}

static void path_of(char *dst, size_t cap, const char *name)
{
    snprintf(dst, cap, "%s/%s", folder, name);
}

/* Create entry i; returns 0, or -1 when the entry could not be made (then it is dropped). */
static int make_entry(fuzz_reader *r, entry *es, int i)
{
    entry *e = &es[i];
    char p[8192], q[8300];
    path_of(p, sizeof p, e->name);
    const char *s = samples[0];
    size_t sl = sample_len[0];
    switch (e->kind) {
    case K_VALID: {
        int k = fuzz_u8(r) & 1;
        e->valid = !max_input || sample_len[k] <= max_input;
        return write_bytes(p, samples[k], sample_len[k]);
    }
    case K_TRUNCATED: return write_bytes(p, s, sl * fuzz_u8(r) / 256);
    case K_BYTES: {
        size_t n = fuzz_u8(r) % 64, have = r->n - r->i;
        if (n > have) n = have;
        int rc = write_bytes(p, r->p + r->i, n);
        r->i += n;
        return rc;
    }
    case K_UTF16: {
        int be = fuzz_u8(r) & 1;
        size_t n = 2 + 2 * sl;
        unsigned char *b = malloc(n);
        if (!b) return -1;
        b[0] = be ? 0xFE : 0xFF;
        b[1] = be ? 0xFF : 0xFE;
        for (size_t k = 0; k < sl; k++) { /* byte-wise: fine for the ASCII parts */
            b[2 + 2 * k + be] = (unsigned char)s[k];
            b[2 + 2 * k + !be] = 0;
        }
        int rc = write_bytes(p, b, n);
        free(b);
        return rc;
    }
    case K_EMPTY: e->fails = 1; return write_bytes(p, "", 0);
    case K_FIFO: e->fails = e->notreg = 1; return mkfifo(p, 0600);
    case K_LINK: {
        e->fails = 1;
        if (i == 0) return symlink("nowhere.json", p);
        entry *t = &es[fuzz_u8(r) % i];
        e->valid = t->valid;
        e->fails = t->fails;
        e->notreg = t->notreg;
        return symlink(t->name, p);
    }
    case K_LINK_DIR: e->fails = e->notreg = 1; return symlink(fuzz_u8(r) & 1 ? "." : folder, p);
    case K_DANGLING: e->fails = 1; return symlink("gone/missing.json", p);
    case K_SUBDIR:
        if (mkdir(p, 0700) != 0) return -1;
        e->sub = e->fails = e->notreg = 1;
        snprintf(q, sizeof q, "%s/inner.json", p);
        if (write_bytes(q, samples[0], sample_len[0]) != 0) {
            rmdir(p);
            return -1;
        }
        return 0;
    case K_HUGE: { /* sparse: claims 8 GiB, costs nothing */
        int fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd < 0) return -1;
        e->fails = 1;
        int rc = ftruncate(fd, (off_t)8 << 30);
        close(fd);
        if (rc != 0) unlink(p);
        return rc;
    }
    case K_LOOP: /* a link to itself */ e->fails = 1; return symlink(e->name, p);
    case K_NO_READ:
        if (write_bytes(p, s, sl) != 0) return -1;
        return chmod(p, 0);
    case K_BOM: {
        size_t n = 3 + sl;
        char *b = malloc(n);
        if (!b) return -1;
        memcpy(b, "\xEF\xBB\xBF", 3);
        memcpy(b + 3, s, sl);
        int rc = write_bytes(p, b, n);
        free(b);
        return rc;
    }
    default: { /* K_NUL: a NUL byte inside a string */
        char *b = malloc(sl);
        if (!b) return -1;
        memcpy(b, s, sl);
        const char *at = strstr(b, "こもれび村");
        if (at) b[at - b + 3] = 0;
        int rc = write_bytes(p, b, sl);
        free(b);
        return rc;
    }
    }
}

static void remove_entries(entry *es, int n)
{
    char p[8192], q[8300];
    for (int i = n - 1; i >= 0; i--) {
        path_of(p, sizeof p, es[i].name);
        if (es[i].sub) {
            snprintf(q, sizeof q, "%s/inner.json", p);
            unlink(q);
            rmdir(p);
        } else {
            unlink(p);
        }
    }
}

static int dir_entries(const char *d)
{
    DIR *h = opendir(d);
    if (!h) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(h)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
    closedir(h);
    return n;
}

typedef struct {
    size_t n;
    char **paths;
    int *seen;
    const entry **of; /* the entry behind each path */
    size_t last;      /* index of the previous emit + 1 (order) */
} report;

static int emit(void *ctx, size_t index, batch_item *it)
{
    report *rp = ctx;
    FUZZ_CHECK(index < rp->n, "result for index %zu of %zu", index, rp->n);
    FUZZ_CHECK(index + 1 > rp->last, "results out of input order");
    rp->last = index + 1;
    rp->seen[index]++;
    FUZZ_CHECK(it->res || it->text, "an empty result for %s", rp->paths[index]);
    const cJSON *res = it->res;
    cJSON *parsed = NULL;
    if (!res) res = parsed = cJSON_ParseWithLength(it->text, it->len);
    FUZZ_CHECK(res != NULL, "result of %s is not JSON", rp->paths[index]);
    /* the report is valid UTF-8 JSON: a name that is not UTF-8 is shown with \xHH */
    char *text = cJSON_PrintUnformatted(res), *shown = utf8_show_name(rp->paths[index]);
    FUZZ_CHECK(text && shown, "out of memory");
    FUZZ_CHECK(utf8_valid(text, strlen(text)), "result of %s is not valid UTF-8", shown);
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(res, "file");
    FUZZ_CHECK(cJSON_IsString(file) && strcmp(file->valuestring, shown) == 0,
               "result %zu does not name its file %s", index, shown);
    free(text);
    free(shown);
    const cJSON *err = cJSON_GetObjectItemCaseSensitive(res, "error");
    const entry *e = rp->of[index];
    if (cJSON_IsObject(err)) {
        const cJSON *kind = cJSON_GetObjectItemCaseSensitive(err, "kind");
        const cJSON *msg = cJSON_GetObjectItemCaseSensitive(err, "message");
        const cJSON *en = cJSON_GetObjectItemCaseSensitive(msg, "en");
        FUZZ_CHECK(cJSON_IsString(kind) && cJSON_IsString(en) && en->valuestring[0] &&
                       cJSON_IsString(cJSON_GetObjectItemCaseSensitive(msg, "ja")),
                   "error entry of %s without kind or message", rp->paths[index]);
        FUZZ_CHECK(it->failed, "an error entry not marked failed: %s", rp->paths[index]);
        FUZZ_CHECK(!e->valid, "valid declaration %s not evaluated: %s", rp->paths[index],
                   en->valuestring);
        if (e->notreg)
            FUZZ_CHECK(strstr(en->valuestring, "not a regular file"),
                       "%s refused for another reason: %s", rp->paths[index], en->valuestring);
    } else {
        FUZZ_CHECK(cJSON_IsNull(err), "error of %s is neither null nor an object",
                   rp->paths[index]);
        FUZZ_CHECK(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(res, "policies")),
                   "result of %s without policies", rp->paths[index]);
        FUZZ_CHECK(!e->fails, "%s (kind %d) evaluated", rp->paths[index], e->kind);
    }
    cJSON_Delete(parsed);
    cJSON_Delete(it->res);
    free(it->text);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 2048) return 0;
    fuzz_reader rd = {data, size, 0};
    unsigned opts = fuzz_u8(&rd);
    decl_limits lim = {(size_t)4 << 10, 0}; /* the samples but minimal.json are larger */
    max_input = opts & 8 ? lim.max_input : 0;
    int n = (int)(fuzz_u8(&rd) % (MAX_ENTRIES + 1));
    entry es[MAX_ENTRIES];
    memset(es, 0, sizeof es);
    FUZZ_CHECK(mkdir(folder, 0700) == 0, "%s: %s", folder, strerror(errno));
    int made = 0;
    for (int i = 0; i < n; i++) {
        entry *e = &es[made];
        e->kind = (int)(fuzz_u8(&rd) % N_KINDS);
        make_name(&rd, e, made);
        if (make_entry(&rd, es, made) == 0)
            made++;
        else
            memset(e, 0, sizeof *e);
    }

    /* the listing: every *.json entry not starting with '.', once, sorted */
    char *in[] = {folder};
    char **paths = NULL, err[1024];
    size_t np = 0;
    FUZZ_CHECK(batch_collect(1, in, &paths, &np, err, sizeof err) == 0, "collect: %s", err);
    size_t want = 0;
    for (int i = 0; i < made; i++) want += listed(&es[i]) ? 1 : 0;
    FUZZ_CHECK(np == want, "%zu inputs listed, %zu expected", np, want);
    for (size_t k = 1; k < np; k++)
        FUZZ_CHECK(strcmp(paths[k - 1], paths[k]) < 0, "listing not sorted or repeated");
    report rp = {np, paths, calloc(np + 1, sizeof(int)), calloc(np + 1, sizeof(entry *)), 0};
    FUZZ_CHECK(rp.seen && rp.of, "out of memory");
    for (int i = 0; i < made; i++) {
        if (!listed(&es[i])) continue;
        char p[8192], *key = p;
        path_of(p, sizeof p, es[i].name);
        char **hit = bsearch(&key, paths, np, sizeof *paths, cmp_str);
        FUZZ_CHECK(hit != NULL, "%s not listed", p);
        rp.of[hit - paths] = &es[i];
    }

    batch_opts o;
    memset(&o, 0, sizeof o);
    o.jobs = opts & 1 ? 2 : 1;
    o.progress = 0;
    o.lang = opts & 2 ? "en" : "ja";
    o.timeout = opts & 4 ? 20 : 0;
    if (max_input) o.limits = &lim;
    batch_status st;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    FUZZ_CHECK(batch_check(R, paths, np, &o, emit, &rp, &st) == 0, "the batch did not start");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    /* a dozen small files: seconds at most even on a loaded machine (make fuzz: -timeout=60) */
    FUZZ_CHECK(t1.tv_sec - t0.tv_sec < 50, "the batch took %lds", (long)(t1.tv_sec - t0.tv_sec));
    for (size_t k = 0; k < np; k++)
        FUZZ_CHECK(rp.seen[k] == 1, "%s reported %d times", paths[k], rp.seen[k]);
    int bad = 0;
    for (int i = 0; i < made; i++) bad |= listed(&es[i]) && es[i].fails;
    FUZZ_CHECK(!bad || st.bad_input || st.policy_error, "a bad input without a bad status");

    FUZZ_CHECK(dir_entries(folder) == made, "the batch changed the folder");
    FUZZ_CHECK(dir_entries(tmp) == 0, "temporary files left in TMPDIR");
    remove_entries(es, made);
    FUZZ_CHECK(rmdir(folder) == 0, "%s: %s", folder, strerror(errno));
    free(rp.seen);
    free(rp.of);
    batch_free_paths(paths, np);
    return 0;
}
