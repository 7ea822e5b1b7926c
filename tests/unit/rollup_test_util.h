/*
 * rollup_test_util.h — helpers shared by the roll-up unit tests: build small
 * result documents (interfaces.md §5) in memory, capture a writer's output,
 * and write temporary files.
 */
#ifndef ROLLUP_TEST_UTIL_H
#define ROLLUP_TEST_UTIL_H

#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "rollup/rollup.h"

static inline cJSON *t_msg(const char *ja, const char *en)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "ja", ja);
    cJSON_AddStringToObject(m, "en", en);
    return m;
}

static inline cJSON *t_finding(const char *status, const char *pointer, int line, int col,
                               const char *ja, const char *en)
{
    cJSON *f = cJSON_CreateObject();
    cJSON_AddStringToObject(f, "status", status);
    cJSON_AddStringToObject(f, "pointer", pointer);
    if (line > 0) {
        cJSON_AddNumberToObject(f, "line", line);
        cJSON_AddNumberToObject(f, "column", col);
    } else {
        cJSON_AddNullToObject(f, "line");
        cJSON_AddNullToObject(f, "column");
    }
    cJSON_AddItemToObject(f, "message", t_msg(ja, en));
    cJSON_AddStringToObject(f, "evidence", "declared");
    cJSON_AddNullToObject(f, "classification");
    cJSON_AddNullToObject(f, "waiver");
    return f;
}

/* A policy result; findings are added by the caller. */
static inline cJSON *t_policy(const char *id, const char *level, const char *status)
{
    cJSON *p = cJSON_CreateObject();
    cJSON_AddStringToObject(p, "id", id);
    cJSON *r = cJSON_AddArrayToObject(p, "requirements");
    cJSON_AddItemToArray(r, cJSON_CreateString(id));
    cJSON_AddStringToObject(p, "level", level);
    char ja[64], en[64];
    snprintf(ja, sizeof ja, "%s の表題", id);
    snprintf(en, sizeof en, "Title of %s", id);
    cJSON_AddItemToObject(p, "title", t_msg(ja, en));
    cJSON_AddStringToObject(p, "source", "S000");
    cJSON_AddItemToObject(p, "remediation", t_msg("是正する", "Fix it"));
    cJSON_AddArrayToObject(p, "countermeasures");
    cJSON_AddStringToObject(p, "status", status);
    cJSON_AddNullToObject(p, "reason");
    cJSON_AddArrayToObject(p, "findings");
    cJSON_AddArrayToObject(p, "fields_read");
    return p;
}

static inline cJSON *t_add_finding(cJSON *policy, cJSON *finding)
{
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(policy, "findings"), finding);
    return finding;
}

static inline cJSON *t_decl(const char *file, const char *name, const char *code, const char *pref,
                            const char *model)
{
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "file", file);
    cJSON_AddStringToObject(d, "sha256",
                            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    cJSON *b = cJSON_AddObjectToObject(d, "body");
    cJSON_AddStringToObject(b, "name", name);
    cJSON_AddStringToObject(b, "code", code);
    cJSON_AddStringToObject(b, "prefecture", pref);
    cJSON_AddStringToObject(b, "model", model);
    cJSON_AddStringToObject(b, "as_of", "2026-10-01");
    cJSON_AddBoolToObject(d, "compliant", 1);
    cJSON *c = cJSON_AddObjectToObject(d, "counts");
    const char *k[] = {"pass", "fail", "warn", "not_applicable", "error", "waived"};
    for (int i = 0; i < 6; i++) cJSON_AddNumberToObject(c, k[i], 0);
    cJSON_AddArrayToObject(d, "policies");
    cJSON_AddNullToObject(d, "error");
    return d;
}

/* Recompute counts and compliant from the policy statuses (as the engine does). */
static inline void t_finish_decl(cJSON *d)
{
    cJSON *c = cJSON_GetObjectItemCaseSensitive(d, "counts");
    int compliant = 1;
    const cJSON *p;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(d, "policies")) {
        const char *s = cJSON_GetObjectItemCaseSensitive(p, "status")->valuestring;
        cJSON *n = cJSON_GetObjectItemCaseSensitive(c, s);
        if (n) cJSON_SetNumberValue(n, n->valuedouble + 1);
        if ((!strcmp(s, "fail") || !strcmp(s, "error")) &&
            !strcmp(cJSON_GetObjectItemCaseSensitive(p, "level")->valuestring, "required"))
            compliant = 0;
    }
    cJSON_ReplaceItemInObjectCaseSensitive(d, "compliant", cJSON_CreateBool(compliant));
}

static inline cJSON *t_result(void)
{
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "schema", "kyojin/result/v1");
    cJSON *t = cJSON_AddObjectToObject(r, "tool");
    cJSON_AddStringToObject(t, "name", "kyojin");
    cJSON_AddStringToObject(t, "version", "0.1.0");
    cJSON_AddObjectToObject(r, "parameters");
    cJSON_AddNullToObject(r, "as_of");
    cJSON_AddArrayToObject(r, "declarations");
    return r;
}

static inline cJSON *t_add_decl(cJSON *result, cJSON *decl)
{
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(result, "declarations"), decl);
    return decl;
}

static inline cJSON *t_add_policy(cJSON *decl, cJSON *policy)
{
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(decl, "policies"), policy);
    return policy;
}

/* Run a writer into memory; returns the malloc'd text (caller frees). */
typedef int (*t_writer)(const cJSON *, const char *, FILE *, char *, size_t);
static inline char *t_capture(t_writer w, const cJSON *result, const char *lang, int *rc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    char err[256] = "";
    *rc = w(result, lang, f, err, sizeof err);
    fclose(f);
    return buf;
}

/* Write a cJSON document to a temporary file; returns its malloc'd path. */
static inline char *t_write_temp(const cJSON *doc)
{
    char *path = strdup("/tmp/kyojin-rollup-test-XXXXXX");
    int fd = mkstemp(path);
    char *text = cJSON_Print(doc);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    free(text);
    return path;
}

/* Capture stdout of fn(a) (kyojin summary or diff) into a malloc'd string; *rc gets the
 * return. */
static inline char *t_capture_stdout(int (*fn)(const rollup_args *), const rollup_args *a, int *rc)
{
    fflush(stdout);
    char path[] = "/tmp/kyojin-rollup-out-XXXXXX";
    int fd = mkstemp(path);
    int saved = dup(1);
    dup2(fd, 1);
    *rc = fn(a);
    fflush(stdout);
    dup2(saved, 1);
    close(saved);
    lseek(fd, 0, SEEK_SET);
    FILE *f = fdopen(fd, "r");
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 >= cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    buf[n] = '\0';
    fclose(f);
    unlink(path);
    return buf;
}

#endif
