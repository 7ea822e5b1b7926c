/* fuzz_policy.c — the policy loader and evaluator with arbitrary Lua text as a policy file.
 * Each input becomes the only policy of a fresh runner (small instruction and memory limits),
 * which is then evaluated against a sample declaration twice (the second evaluation runs in
 * the state the first left behind).
 * Invariants: no crash, no leak, no sanitizer report; a policy that loads has a result whose
 * status is one of the documented ones; an error's reason is one line without controls. */
#define _GNU_SOURCE
#include "input/decl.h"
#include "engine/runner.h"
#include "fuzz_common.h"

#include <stdint.h>
#include <unistd.h>

static char dir[4096], file[4200], lua[4096];
static decl_doc *D;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(dir, sizeof dir, "/tmp/kyojin-fuzz-policy.XXXXXX");
    if (!mkdtemp(dir)) exit(1);
    snprintf(file, sizeof file, "%s/p.lua", dir);
    fuzz_path(lua, sizeof lua, "lua");
    char sample[4096];
    fuzz_path(sample, sizeof sample, "samples/alpha-town.json");
    decl_error e;
    if (decl_load_file(sample, NULL, &D, &e)) {
        fprintf(stderr, "fuzz_policy: %s: %s\n", sample, e.msg_en);
        exit(1);
    }
    return 0;
}

static void check_reason(const cJSON *pol)
{
    const cJSON *st = cJSON_GetObjectItemCaseSensitive(pol, "status");
    FUZZ_CHECK(cJSON_IsString(st), "policy without status");
    static const char *const ok[] = {"pass",  "fail",   "warn", "not_applicable",
                                     "error", "waived", "info", NULL};
    int known = 0;
    for (int i = 0; ok[i]; i++) known |= strcmp(st->valuestring, ok[i]) == 0;
    FUZZ_CHECK(known, "unknown status %s", st->valuestring);
    const cJSON *r =
        cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(pol, "reason"), "en");
    if (strcmp(st->valuestring, "error") == 0 && cJSON_IsString(r))
        for (const unsigned char *p = (const unsigned char *)r->valuestring; *p; p++)
            FUZZ_CHECK(*p >= 0x20 && *p != 0x7f, "control character in an error reason");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 20000) return 0;
    FILE *f = fopen(file, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    runner_opts o = {0};
    o.policies_dir = dir;
    o.lua_dir = lua;
    o.validate = 0;
    o.sandbox.instructions = 200000;
    o.sandbox.policy_memory = (size_t)8 << 20;
    o.sandbox.cpu_seconds = 0.5;
    char err[1024];
    runner *r = runner_new(&o, err, sizeof err);
    if (!r) return 0;
    if (runner_policy_count(r) == 1) {
        for (int round = 0; round < 2; round++) {
            int any = 0;
            cJSON *res = runner_eval(r, D, NULL, &any, err, sizeof err);
            FUZZ_CHECK(res != NULL, "evaluation failed: %s", err);
            const cJSON *pol;
            cJSON_ArrayForEach(pol, cJSON_GetObjectItemCaseSensitive(res, "policies"))
                check_reason(pol);
            cJSON_Delete(res);
        }
    }
    runner_free(r);
    return 0;
}
