/* native_only.c — the web build's answer for the two features that need a library the page
 * does not carry: Ed25519 signatures (libcrypto; core/audit/sign.c) and reading declaration
 * workbooks (expat; core/input/xlsx_read.c). In the page these say, in the user's language,
 * that the command line does it, and fail with the usage/input exit code; nothing is
 * pretended. Owns: those messages. Does not own: the features (the files named above). */
#include "audit/sign.h"
#include "input/xlsx.h"
#include "util/utf8.h"

#include <stdio.h>
#include <string.h>

static const char SIGN_JA[] =
    "署名と署名の確認はこのページではできません。コマンドライン（kyojin keygen・sign・verify "
    "--pubkey）で行ってください。";
static const char SIGN_EN[] = "signatures are made and checked by the command line (kyojin keygen, "
                              "sign, verify --pubkey), not in this page";

static int sign_unavailable(const char *lang)
{
    fprintf(stderr, "kyojin: %s\n", lang && !strcmp(lang, "en") ? SIGN_EN : SIGN_JA);
    return 2;
}

int sign_keygen(const char *key_path, const char *lang)
{
    (void)key_path;
    return sign_unavailable(lang);
}

int sign_report(const sign_args *a)
{
    return sign_unavailable(a ? a->lang : NULL);
}

int sign_check(const unsigned char *report, size_t n, const char *sig_path, const char *pubkey_path,
               const char *lang)
{
    (void)report, (void)n, (void)sig_path, (void)pubkey_path;
    return sign_unavailable(lang);
}

int xlsx_read_declaration(const unsigned char *buf, size_t len, size_t max_uncompressed,
                          cJSON **root, xlsx_cells **cells, char **msg_ja, char **msg_en)
{
    (void)buf, (void)len, (void)max_uncompressed;
    *root = NULL;
    *cells = NULL;
    *msg_ja = str_printf("%s", "Excel のブックはこのページでは読めません。コマンドラインの kyojin "
                               "convert で JSON に変換してから開いてください。");
    *msg_en = str_printf("%s", "Excel workbooks are not read in this page: convert the workbook "
                               "to JSON with kyojin convert on the command line, then open it");
    return -1;
}
