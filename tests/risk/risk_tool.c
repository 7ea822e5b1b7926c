/* risk_tool.c — stand-alone driver of the risk module for development and tests/risk checks:
 *   risk_tool [--json] [--summary] [--lang en] [--policies RESULT.json] [--scenarios FILE]
 *             [--tables DIR] DECLARATION.json
 * RESULT.json is either an array of policy results (interfaces.md §5 "policies") or a whole
 * result document (its first declaration's policies are used). Not part of the kyojin CLI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "risk/risk.h"

static cJSON *read_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    cJSON *j = cJSON_Parse(buf);
    if (!j) fprintf(stderr, "%s: invalid JSON\n", path);
    free(buf);
    return j;
}

int main(int argc, char **argv)
{
    const char *tables = "lua/kyojin/risk", *lang = "ja", *pol_path = NULL, *scen_path = NULL,
               *decl_path = NULL;
    int json = 0, summary = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--summary"))
            summary = 1;
        else if (!strcmp(argv[i], "--lang") && i + 1 < argc)
            lang = argv[++i];
        else if (!strcmp(argv[i], "--policies") && i + 1 < argc)
            pol_path = argv[++i];
        else if (!strcmp(argv[i], "--scenarios") && i + 1 < argc)
            scen_path = argv[++i];
        else if (!strcmp(argv[i], "--tables") && i + 1 < argc)
            tables = argv[++i];
        else
            decl_path = argv[i];
    }
    if (!decl_path) {
        fprintf(
            stderr,
            "usage: risk_tool [--json] [--summary] [--lang en] [--policies F] [--scenarios F] DECL\n");
        return 2;
    }
    char err[1024];
    risk_tables *t;
    if (risk_tables_load(tables, &t, err, sizeof err, stderr) != 0) {
        fprintf(stderr, "%s\n", err);
        return 3;
    }
    cJSON *decl = read_json(decl_path), *pol = pol_path ? read_json(pol_path) : NULL,
          *scen = scen_path ? read_json(scen_path) : NULL;
    if (!decl || (pol_path && !pol) || (scen_path && !scen)) return 2;
    const cJSON *policies = pol;
    if (cJSON_IsObject(pol))
        policies = cJSON_GetObjectItem(
            cJSON_GetArrayItem(cJSON_GetObjectItem(pol, "declarations"), 0), "policies");
    cJSON *risk = risk_compute(t, decl, policies, scen, err, sizeof err);
    if (!risk) {
        fprintf(stderr, "%s: %s\n", decl_path, err);
        return 2;
    }
    cJSON *dr = cJSON_CreateObject();
    cJSON_AddStringToObject(dr, "file", decl_path);
    cJSON_AddItemToObject(dr, "body", cJSON_Duplicate(cJSON_GetObjectItem(decl, "body"), 1));
    cJSON_AddItemToObject(dr, "risk", risk);
    int rc = 0;
    if (json) {
        char *s = cJSON_Print(risk);
        puts(s);
        free(s);
    } else if (summary) {
        rc = risk_write_summary(dr, lang, stdout);
    } else {
        rc = risk_write_sheets(dr, lang, stdout);
    }
    cJSON_Delete(dr);
    cJSON_Delete(decl);
    cJSON_Delete(pol);
    cJSON_Delete(scen);
    risk_tables_free(t);
    return rc ? 1 : 0;
}
