/* test_util.c — the helper layer of core/util: strutil (str_dup, suffixes, strvec), the cJSON
 * getters of cjson_cs.h, the whole-file reader (fileio), the directory listings (dirlist, and
 * the engine's policy-source rule built on it) and atomic output (atomic_out) to regular files,
 * FIFOs, character devices, standard output, and its refusals. Works in a fresh temporary
 * directory only: the devices it writes to are nodes made there, never the system's. */
#define _DEFAULT_SOURCE /* mknod, makedev */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "engine/runner.h"
#include "util/atomic_out.h"
#include "util/cjson_cs.h"
#include "util/dirlist.h"
#include "util/fileio.h"
#include "util/strutil.h"

static char dir[] = "/tmp/kyojin-util-test-XXXXXX";

static const char *at(const char *name)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static char *slurp(const char *path)
{
    size_t len;
    char *t = fileio_read(path, 0, &len);
    assert_non_null(t);
    return t;
}

/* How many entries of directory d start with ".kyojin-out." (temp files of atomic_out). */
static int temp_files(const char *d)
{
    DIR *dd = opendir(d);
    assert_non_null(dd);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dd)))
        if (strncmp(e->d_name, ".kyojin-out.", 12) == 0) n++;
    closedir(dd);
    return n;
}

static void mkdir_p(const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    for (char *s = p + strlen(dir) + 1; *s; s++)
        if (*s == '/') {
            *s = 0;
            mkdir(p, 0755);
            *s = '/';
        }
    assert_true(mkdir(p, 0755) == 0 || errno == EEXIST);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ strutil */

static void test_str_dup(void **state)
{
    (void)state;
    assert_null(str_dup(NULL));
    const char *s = "申告 text";
    char *c = str_dup(s);
    assert_non_null(c);
    assert_ptr_not_equal(c, s);
    assert_string_equal(c, s);
    free(c);
    c = str_dup("");
    assert_string_equal(c, "");
    free(c);
}

static void test_str_ends_with(void **state)
{
    (void)state;
    static const struct {
        const char *s, *suffix;
        int want;
    } cases[] = {
        {"a.json", ".json", 1},
        {".json", ".json", 1},
        {"json", ".json", 0},
        {"a.json.tmp", ".json", 0},
        {"a_test.lua", "_test.lua", 1},
        {"", "", 1},
        {"x", "", 1},
        {"", "x", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(str_ends_with(cases[i].s, cases[i].suffix) != 0, cases[i].want);
}

static void test_strvec(void **state)
{
    (void)state;
    strvec l = {0};
    const char *in[] = {"b", "a/b", "a.lua", "A", "a"};
    for (size_t i = 0; i < 5; i++) assert_int_equal(strvec_push(&l, in[i]), 0);
    assert_int_equal(strvec_push_owned(&l, NULL), -1);
    assert_int_equal(strvec_push_owned(&l, str_dup("0")), 0);
    assert_int_equal(l.n, 6);
    strvec_sort(&l, 1); /* v[0] stays */
    const char *want[] = {"b", "0", "A", "a", "a.lua", "a/b"};
    for (size_t i = 0; i < 6; i++) assert_string_equal(l.v[i], want[i]);
    const char *key = "a.lua";
    assert_non_null(bsearch(&key, l.v + 1, l.n - 1, sizeof *l.v, str_cmp_ptr));
    strvec_free(&l);
    assert_null(l.v);
    assert_int_equal(l.n, 0);
}

/* ------------------------------------------------------------------ cJSON getters */

static void test_json_getters(void **state)
{
    (void)state;
    cJSON *o = cJSON_Parse("{\"s\":\"text\",\"e\":\"\",\"n\":2.75,\"i\":-3,\"t\":true,\"f\":false,"
                           "\"a\":[1],\"o\":{\"k\":\"v\"},\"z\":null}");
    cJSON *arr = cJSON_Parse("[\"s\"]");
    assert_non_null(o);
    assert_string_equal(json_str(o, "s"), "text");
    assert_string_equal(json_str(o, "e"), "");
    assert_null(json_str(o, "n"));
    assert_null(json_str(o, "missing"));
    assert_null(json_str(o, "S")); /* case-sensitive */
    assert_null(json_str(NULL, "s"));
    assert_null(json_str(arr, "s"));
    assert_string_equal(json_str_or(o, "s", "-"), "text");
    assert_string_equal(json_str_or(o, "z", ""), "");
    assert_string_equal(json_str_or(NULL, "s", "dflt"), "dflt");
    assert_true(json_num(o, "n", 0) == 2.75);
    assert_true(json_num(o, "s", -1) == -1);
    assert_int_equal(json_int(o, "i", 0), -3);
    assert_int_equal(json_int(o, "n", 0), 2);
    assert_int_equal(json_int(o, "t", 7), 7);
    assert_true(json_true(o, "t"));
    assert_false(json_true(o, "f"));
    assert_false(json_true(o, "s"));
    assert_false(json_true(o, "missing"));
    assert_non_null(json_array(o, "a"));
    assert_null(json_array(o, "o"));
    assert_non_null(json_object(o, "o"));
    assert_null(json_object(o, "a"));
    assert_string_equal(json_str(json_object(o, "o"), "k"), "v");
    assert_ptr_equal(json_get(o, "z"), cJSON_GetObjectItemCaseSensitive(o, "z"));
    assert_null(json_get(arr, "s"));
    cJSON_Delete(o);
    cJSON_Delete(arr);
}

/* ------------------------------------------------------------------ fileio */

static void test_fileio_regular(void **state)
{
    (void)state;
    const char text[] = "abc\0def\n";
    write_file(at("r.bin"), text, sizeof text - 1);
    size_t len = 99;
    fileio_error e;
    char *b = fileio_read_file(at("r.bin"), 0, FILEIO_REGULAR, &len, &e);
    assert_non_null(b);
    assert_int_equal(e.code, FILEIO_OK);
    assert_int_equal(len, sizeof text - 1);
    assert_memory_equal(b, text, len);
    assert_int_equal(b[len], 0);
    free(b);
    /* the cap: exactly max bytes pass, one more fails */
    b = fileio_read_file(at("r.bin"), sizeof text - 1, 0, &len, &e);
    assert_non_null(b);
    free(b);
    assert_null(fileio_read_file(at("r.bin"), sizeof text - 2, 0, &len, &e));
    assert_int_equal(e.code, FILEIO_ERR_TOO_LARGE);
    assert_string_equal(fileio_strerror(&e), "file too large");
    /* empty */
    write_file(at("empty"), "", 0);
    b = fileio_read(at("empty"), 10, &len);
    assert_non_null(b);
    assert_int_equal(len, 0);
    assert_string_equal(b, "");
    free(b);
}

static void test_fileio_errors(void **state)
{
    (void)state;
    size_t len;
    fileio_error e;
    assert_null(fileio_read_file(at("missing"), 0, 0, &len, &e));
    assert_int_equal(e.code, FILEIO_ERR_OPEN);
    assert_int_equal(e.errnum, ENOENT);
    assert_string_equal(fileio_strerror(&e), strerror(ENOENT));
    assert_null(fileio_read(at("missing"), 0, &len));
    /* regular files only: a directory and a character device are refused */
    assert_null(fileio_read_file(dir, 0, FILEIO_REGULAR, &len, &e));
    assert_int_equal(e.code, FILEIO_ERR_NOT_REGULAR);
    assert_string_equal(fileio_strerror(&e), "not a regular file");
    assert_null(fileio_read_file("/dev/null", 0, FILEIO_REGULAR, &len, &e));
    assert_int_equal(e.code, FILEIO_ERR_NOT_REGULAR);
    /* without the flag a directory cannot be read, a device can */
    assert_null(fileio_read_file(dir, 0, 0, &len, &e));
    assert_int_equal(e.code, FILEIO_ERR_READ);
    char *b = fileio_read_file("/dev/null", 0, 0, &len, NULL);
    assert_non_null(b);
    assert_int_equal(len, 0);
    free(b);
}

/* A child writes n bytes of a pattern into the FIFO at path; returns its pid. */
static pid_t fifo_writer(const char *path, size_t n)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(10); /* never outlive a failed test */
        signal(SIGPIPE, SIG_IGN);
        FILE *f = fopen(path, "wb");
        if (!f) _exit(1);
        for (size_t i = 0; i < n; i++) fputc('a' + (int)(i % 26), f);
        fclose(f);
        _exit(0);
    }
    return pid;
}

static void test_fileio_fifo(void **state)
{
    (void)state;
    assert_int_equal(mkfifo(at("in.fifo"), 0600), 0);
    size_t n = 100000, len; /* more than the first 8 KiB: the buffer grows */
    pid_t pid = fifo_writer(at("in.fifo"), n);
    fileio_error e;
    char *b = fileio_read_file(at("in.fifo"), 0, 0, &len, &e);
    waitpid(pid, NULL, 0);
    assert_non_null(b);
    assert_int_equal(len, n);
    for (size_t i = 0; i < n; i += 997) assert_int_equal(b[i], 'a' + (int)(i % 26));
    free(b);
    /* a cap on a stream: stops reading and says so */
    pid = fifo_writer(at("in.fifo"), n);
    assert_null(fileio_read_file(at("in.fifo"), 20000, 0, &len, &e));
    assert_int_equal(e.code, FILEIO_ERR_TOO_LARGE);
    waitpid(pid, NULL, 0);
    unlink(at("in.fifo"));
}

/* ------------------------------------------------------------------ dirlist */

static void test_dirlist_suffix(void **state)
{
    (void)state;
    mkdir_p("decls/sub.json");
    write_file(at("decls/b.json"), "{}", 2);
    write_file(at("decls/a.json"), "{}", 2);
    write_file(at("decls/.hidden.json"), "{}", 2);
    write_file(at("decls/c.txt"), "", 0);
    write_file(at("decls/d.json.tmp"), "", 0);
    strvec l = {0};
    assert_int_equal(strvec_push(&l, "given"), 0);
    assert_int_equal(dirlist_suffix(at("decls"), ".json", &l), 0);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.v[0], "given"); /* earlier entries stay where they are */
    assert_string_equal(l.v[1], at("decls/a.json"));
    assert_string_equal(l.v[2], at("decls/b.json"));
    assert_string_equal(l.v[3], at("decls/sub.json")); /* by name only: a directory too */
    /* a trailing '/' is not doubled */
    char slash[600];
    snprintf(slash, sizeof slash, "%s/", at("decls"));
    assert_int_equal(dirlist_suffix(slash, ".json", &l), 0);
    assert_int_equal(l.n, 7);
    assert_string_equal(l.v[4], at("decls/a.json"));
    /* a directory that cannot be opened: -1, errno, the list unchanged */
    errno = 0;
    assert_int_equal(dirlist_suffix(at("nothere"), ".json", &l), -1);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(l.n, 7);
    strvec_free(&l);
    /* many entries created out of order come back sorted */
    mkdir_p("many");
    char name[64];
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "many/n%02d.json", (i * 17) % 40);
        write_file(at(name), "{}", 2);
    }
    assert_int_equal(dirlist_suffix(at("many"), ".json", &l), 0);
    assert_int_equal(l.n, 40);
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "many/n%02d.json", i);
        assert_string_equal(l.v[i], at(name));
    }
    strvec_free(&l);
}

static void test_dirlist_walk(void **state)
{
    (void)state;
    mkdir_p("tree/b/fixtures");
    mkdir_p("tree/.git");
    mkdir_p("tree/d1/d2/d3/d4/d5/d6/d7/d8/d9");
    write_file(at("tree/z.lua"), "", 0);
    write_file(at("tree/a.lua"), "", 0);
    write_file(at("tree/b/c.lua"), "", 0);
    write_file(at("tree/b/fixtures/f.lua"), "", 0);
    write_file(at("tree/.git/g.lua"), "", 0);
    write_file(at("tree/.h.lua"), "", 0);
    write_file(at("tree/d1/d2/d3/d4/d5/d6/d7/d8/at8.lua"), "", 0);
    write_file(at("tree/d1/d2/d3/d4/d5/d6/d7/d8/d9/at9.lua"), "", 0);
    assert_int_equal(mkfifo(at("tree/p.lua"), 0600), 0); /* not a regular file: left out */
    strvec l = {0};
    assert_int_equal(dirlist_walk(at("tree"), NULL, NULL, &l), 0);
    const char *want[] = {"a.lua", "b/c.lua", "b/fixtures/f.lua", "d1/d2/d3/d4/d5/d6/d7/d8/at8.lua",
                          "z.lua"};
    assert_int_equal(l.n, 5);
    for (size_t i = 0; i < 5; i++) assert_string_equal(l.v[i], want[i]);
    strvec_free(&l);
    assert_int_equal(dirlist_walk(at("nothere"), NULL, NULL, &l), 0);
    assert_int_equal(l.n, 0);
}

/* The engine's policy rule on dirlist_walk: no fixtures/, no *_test.lua, no catalog.lua at
 * the top (one below is a source), only *.lua. */
static void test_policy_sources(void **state)
{
    (void)state;
    mkdir_p("pol/seg/fixtures");
    write_file(at("pol/catalog.lua"), "", 0);
    write_file(at("pol/p1.lua"), "", 0);
    write_file(at("pol/p1_test.lua"), "", 0);
    write_file(at("pol/notes.md"), "", 0);
    write_file(at("pol/seg/catalog.lua"), "", 0);
    write_file(at("pol/seg/p2.lua"), "", 0);
    write_file(at("pol/seg/fixtures/x.lua"), "", 0);
    char **v;
    size_t n = runner_list_sources(at("pol"), 1, &v);
    assert_int_equal(n, 3);
    assert_string_equal(v[0], "p1.lua");
    assert_string_equal(v[1], "seg/catalog.lua");
    assert_string_equal(v[2], "seg/p2.lua");
    runner_free_list(v, n);
    n = runner_list_sources(at("pol"), 0, &v); /* Lua modules: every *.lua */
    assert_int_equal(n, 6);
    assert_string_equal(v[0], "catalog.lua");
    assert_string_equal(v[5], "seg/p2.lua");
    runner_free_list(v, n);
}

/* ------------------------------------------------------------------ atomic_out */

static void test_atomic_regular(void **state)
{
    (void)state;
    char err[512];
    atomic_out o;
    mkdir_p("out");
    /* a new file */
    assert_int_equal(atomic_out_open(&o, at("out/new.txt"), err, sizeof err), 0);
    assert_int_equal(o.kind, ATOMIC_OUT_FILE);
    assert_non_null(o.tmp);
    assert_int_equal(access(at("out/new.txt"), F_OK), -1); /* nothing there until commit */
    fputs("first\n", o.fp);
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    char *t = slurp(at("out/new.txt"));
    assert_string_equal(t, "first\n");
    free(t);
    assert_int_equal(temp_files(at("out")), 0);
    struct stat st;
    assert_int_equal(stat(at("out/new.txt"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
    /* abort keeps the old content and leaves no temp file */
    assert_int_equal(atomic_out_open(&o, at("out/new.txt"), err, sizeof err), 0);
    fputs("second, never seen\n", o.fp);
    fflush(o.fp);
    assert_int_equal(temp_files(at("out")), 1);
    atomic_out_abort(&o);
    t = slurp(at("out/new.txt"));
    assert_string_equal(t, "first\n");
    free(t);
    assert_int_equal(temp_files(at("out")), 0);
    /* commit replaces it */
    assert_int_equal(atomic_out_open(&o, at("out/new.txt"), err, sizeof err), 0);
    fputs("third\n", o.fp);
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    t = slurp(at("out/new.txt"));
    assert_string_equal(t, "third\n");
    free(t);
    assert_int_equal(temp_files(at("out")), 0);
    /* a directory that does not exist: a clear error naming the path */
    assert_int_equal(atomic_out_open(&o, at("nothere/x.txt"), err, sizeof err), -1);
    assert_non_null(strstr(err, "nothere/x.txt"));
    assert_null(o.fp);
}

/* A symbolic link: the file it points to is replaced, the link stays; a descriptor path
 * (/dev/fd/N) is written straight through, whatever it leads to. */
static void test_atomic_links(void **state)
{
    (void)state;
    char err[512];
    atomic_out o;
    mkdir_p("links/real");
    write_file(at("links/real/target.txt"), "old", 3);
    assert_int_equal(symlink("real/target.txt", at("links/link.txt")), 0);
    assert_int_equal(atomic_out_open(&o, at("links/link.txt"), err, sizeof err), 0);
    assert_int_equal(o.kind, ATOMIC_OUT_FILE);
    fputs("via the link", o.fp);
    assert_int_equal(temp_files(at("links/real")), 1); /* next to the target */
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    struct stat st;
    assert_int_equal(lstat(at("links/link.txt"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *t = slurp(at("links/real/target.txt"));
    assert_string_equal(t, "via the link");
    free(t);
    assert_int_equal(temp_files(at("links/real")), 0);
    assert_int_equal(temp_files(at("links")), 0);
    /* /dev/fd/N of a regular file: straight through, no temp file, no rename */
    int fd = open(at("links/fd.txt"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(fd >= 0);
    char name[64];
    snprintf(name, sizeof name, "/dev/fd/%d", fd);
    assert_int_equal(atomic_out_open(&o, name, err, sizeof err), 0);
    assert_int_equal(o.kind, ATOMIC_OUT_STREAM);
    assert_null(o.tmp);
    fputs("through the descriptor", o.fp);
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    close(fd);
    t = slurp(at("links/fd.txt"));
    assert_string_equal(t, "through the descriptor");
    free(t);
}

/* A child that copies the FIFO at `path` into the file `dst`; returns its pid. */
static pid_t fifo_reader(const char *path, const char *dst)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        alarm(10); /* never outlive a failed test (the FIFO replaced: nobody writes) */
        FILE *in = fopen(path, "rb"), *out = fopen(dst, "wb");
        if (!in || !out) _exit(1);
        int c;
        while ((c = fgetc(in)) != EOF) fputc(c, out);
        _exit(fclose(out) == 0 && fclose(in) == 0 ? 0 : 1);
    }
    return pid;
}

static void test_atomic_fifo(void **state)
{
    (void)state;
    char err[512];
    atomic_out o;
    mkdir_p("fifo");
    assert_int_equal(mkfifo(at("fifo/out"), 0600), 0);
    pid_t pid = fifo_reader(at("fifo/out"), at("fifo/got"));
    assert_int_equal(atomic_out_open(&o, at("fifo/out"), err, sizeof err), 0);
    assert_int_equal(o.kind, ATOMIC_OUT_STREAM);
    assert_null(o.tmp);
    for (int i = 0; i < 5000; i++) fprintf(o.fp, "line %d\n", i); /* more than a pipe holds */
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    char *t = slurp(at("fifo/got"));
    assert_int_equal(strncmp(t, "line 0\nline 1\n", 14), 0);
    assert_non_null(strstr(t, "\nline 4999\n"));
    free(t);
    struct stat st;
    assert_int_equal(lstat(at("fifo/out"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(temp_files(at("fifo")), 0);
}

/* Character devices made in the test directory (null: 1,3; full: 1,7), so that a mistake
 * can only replace these nodes, never the system's /dev/null. Skipped without CAP_MKNOD. */
static void test_atomic_devices(void **state)
{
    (void)state;
    char err[512];
    atomic_out o;
    mkdir_p("dev");
    if (mknod(at("dev/null"), S_IFCHR | 0666, makedev(1, 3)) != 0 ||
        mknod(at("dev/full"), S_IFCHR | 0666, makedev(1, 7)) != 0) {
        skip();
    }
    assert_int_equal(atomic_out_open(&o, at("dev/null"), err, sizeof err), 0);
    assert_int_equal(o.kind, ATOMIC_OUT_STREAM);
    assert_null(o.tmp);
    fputs("discarded\n", o.fp);
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    struct stat st;
    assert_int_equal(lstat(at("dev/null"), &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(temp_files(at("dev")), 0);
    /* a write error on a device is reported at commit */
    assert_int_equal(atomic_out_open(&o, at("dev/full"), err, sizeof err), 0);
    for (int i = 0; i < 20000; i++) fputs("x", o.fp);
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), -1);
    assert_non_null(strstr(err, "dev/full: write error"));
    assert_null(o.fp);
    assert_int_equal(lstat(at("dev/full"), &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

static void test_atomic_stdout(void **state)
{
    (void)state;
    char err[512];
    atomic_out o;
    /* standard output: "-" and no path */
    assert_int_equal(atomic_out_open(&o, "-", err, sizeof err), 0);
    assert_int_equal(o.kind, ATOMIC_OUT_STDOUT);
    assert_ptr_equal(o.fp, stdout);
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    assert_int_equal(atomic_out_open(&o, NULL, err, sizeof err), 0);
    assert_ptr_equal(o.fp, stdout);
    atomic_out_abort(&o); /* standard output is never closed */
    assert_null(o.fp);
    assert_int_not_equal(fcntl(STDOUT_FILENO, F_GETFD), -1);
}

static void test_atomic_refusals(void **state)
{
    (void)state;
    char err[512];
    atomic_out o;
    mkdir_p("target");
    errno = 0;
    assert_int_equal(atomic_out_open(&o, at("target"), err, sizeof err), -1);
    assert_int_equal(errno, EISDIR);
    assert_non_null(strstr(err, "is a directory"));
    assert_null(o.fp);
    assert_int_equal(temp_files(at("target")), 0);
    assert_int_equal(temp_files(dir), 0);
    struct stat st;
    assert_int_equal(stat(at("target"), &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    assert_int_equal(atomic_out_open_named(&o, at("target"), err, sizeof err), -1);
    /* a socket */
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    assert_true(s >= 0);
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    snprintf(a.sun_path, sizeof a.sun_path, "%s", at("sock"));
    assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
    errno = 0;
    assert_int_equal(atomic_out_open(&o, at("sock"), err, sizeof err), -1);
    assert_int_equal(errno, ENXIO);
    assert_non_null(strstr(err, "not a regular file"));
    assert_int_equal(lstat(at("sock"), &st), 0);
    assert_true(S_ISSOCK(st.st_mode));
    close(s);
    unlink(at("sock"));
}

/* The named form (a writer that creates the file itself, as libxlsxwriter does). */
static void test_atomic_named(void **state)
{
    (void)state;
    char err[512];
    atomic_out o;
    mkdir_p("named");
    write_file(at("named/book.xlsx"), "old", 3);
    assert_int_equal(atomic_out_open_named(&o, at("named/book.xlsx"), err, sizeof err), 0);
    assert_null(o.fp);
    assert_non_null(o.tmp);
    assert_int_equal(strncmp(o.tmp, at("named/.kyojin-out."), strlen(at("named/.kyojin-out."))), 0);
    unlink(o.tmp); /* the writer may remove and re-create it */
    write_file(o.tmp, "new workbook", 12);
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    char *t = slurp(at("named/book.xlsx"));
    assert_string_equal(t, "new workbook");
    free(t);
    assert_int_equal(temp_files(at("named")), 0);
    /* abort: the old file stays */
    assert_int_equal(atomic_out_open_named(&o, at("named/book.xlsx"), err, sizeof err), 0);
    write_file(o.tmp, "half", 4);
    atomic_out_abort(&o);
    t = slurp(at("named/book.xlsx"));
    assert_string_equal(t, "new workbook");
    free(t);
    assert_int_equal(temp_files(at("named")), 0);
    /* to a FIFO: the temp file is in $TMPDIR and its bytes are copied at commit */
    assert_int_equal(mkfifo(at("named/out"), 0600), 0);
    setenv("TMPDIR", at("named"), 1);
    pid_t pid = fifo_reader(at("named/out"), at("named/got"));
    assert_int_equal(atomic_out_open_named(&o, at("named/out"), err, sizeof err), 0);
    assert_int_equal(o.kind, ATOMIC_OUT_STREAM);
    write_file(o.tmp, "streamed workbook", 17);
    assert_int_equal(atomic_out_commit(&o, err, sizeof err), 0);
    unsetenv("TMPDIR");
    waitpid(pid, NULL, 0);
    t = slurp(at("named/got"));
    assert_string_equal(t, "streamed workbook");
    free(t);
    struct stat st;
    assert_int_equal(lstat(at("named/out"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(temp_files(at("named")), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_str_dup),        cmocka_unit_test(test_str_ends_with),
        cmocka_unit_test(test_strvec),         cmocka_unit_test(test_json_getters),
        cmocka_unit_test(test_fileio_regular), cmocka_unit_test(test_fileio_errors),
        cmocka_unit_test(test_fileio_fifo),    cmocka_unit_test(test_dirlist_suffix),
        cmocka_unit_test(test_dirlist_walk),   cmocka_unit_test(test_policy_sources),
        cmocka_unit_test(test_atomic_regular), cmocka_unit_test(test_atomic_fifo),
        cmocka_unit_test(test_atomic_links),   cmocka_unit_test(test_atomic_devices),
        cmocka_unit_test(test_atomic_stdout),  cmocka_unit_test(test_atomic_refusals),
        cmocka_unit_test(test_atomic_named),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
