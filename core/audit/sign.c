/* sign.c — signatures of reports: `kyojin keygen`, `kyojin sign` and the signature check of
 * `kyojin verify`.
 *
 * Ed25519 of libcrypto. Keys are PEM files (PKCS#8 private key, SubjectPublicKeyInfo public
 * key) so that `openssl pkeyutl` reads them. A signature file (REPORT.sig) is UTF-8 text, one
 * "name: value" line each, in this order (docs/verify.md):
 *
 *   kyojin-signature: 1
 *   algorithm: ed25519
 *   key-id: sha256:<SHA-256 of the DER SubjectPublicKeyInfo>
 *   report-sha256: <SHA-256 of the report>
 *   report-size: <bytes>
 *   signer: <name>
 *   time: <YYYY-MM-DDThh:mm:ssZ, or ->
 *   signature: <base64 Ed25519 signature of the report's bytes>
 *   statement-signature: <base64 Ed25519 signature of every line above, newlines included>
 *
 * The first signature is what `openssl pkeyutl -verify -rawin` checks against the report; the
 * second binds the signer and the time. Owns: key generation, the file format, signing and
 * checking. Does not own: whether the report's content is what its inputs give (verify.c). */
#define _POSIX_C_SOURCE 200809L
#include "audit/sign.h"
#include "util/atomic_out.h"
#include "util/fileio.h"
#include "util/sha256.h"
#include "util/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define REPORT_MAX ((size_t)256 << 20)
#define SMALL_MAX  ((size_t)64 << 10) /* key and signature files */
#define SIG_LEN    64

static int en;
#define MSG(ja, e) (en ? (e) : (ja))

/* ------------------------------------------------------------------ keys */

/* "sha256:<hex>" of the DER SubjectPublicKeyInfo of k; 0 or -1. */
static int key_id(EVP_PKEY *k, char id[72])
{
    unsigned char *der = NULL, d[32];
    char hex[65];
    int n = i2d_PUBKEY(k, &der);
    if (n <= 0) return -1;
    sha256(der, (size_t)n, d);
    OPENSSL_free(der);
    sha256_hex(d, hex);
    snprintf(id, 72, "sha256:%s", hex);
    return 0;
}

/* The PEM text a writer produces, malloc'd into *text; 0 or -1. */
static int pem_text(EVP_PKEY *k, int private_key, char **text, size_t *len)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *p;
    long n;
    int ok = b && (private_key ? PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL)
                               : PEM_write_bio_PUBKEY(b, k));
    if (ok && (n = BIO_get_mem_data(b, &p)) > 0 && (*text = malloc((size_t)n))) {
        memcpy(*text, p, (size_t)n);
        *len = (size_t)n;
    } else
        ok = 0;
    BIO_free(b);
    return ok ? 0 : -1;
}

/* Create `path` (it must not exist; a link is not followed) with `mode` and write the bytes.
 * 0, or -1 with errno set; a file this call created is removed on failure. */
static int create_new(const char *path, mode_t mode, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) return -1;
    int rc = fchmod(fd, mode);
    for (size_t off = 0; rc == 0 && off < len;) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0)
            rc = -1;
        else
            off += (size_t)w;
    }
    if (rc == 0) rc = fsync(fd);
    int e = errno;
    if (close(fd) != 0 && rc == 0) {
        rc = -1;
        e = errno;
    }
    if (rc != 0) {
        unlink(path);
        errno = e;
    }
    return rc;
}

int sign_keygen(const char *key_path, const char *lang)
{
    en = lang && !strcmp(lang, "en");
    if (!key_path || !*key_path || !strcmp(key_path, "-")) {
        fputs(MSG("kyojin: 秘密鍵を書き出すファイルを -o で指定してください\n",
                  "kyojin: name the private key file with -o\n"),
              stderr);
        return 2;
    }
    char *pub_path = str_printf("%s.pub", key_path);
    char *priv = NULL, *pub = NULL;
    size_t privlen = 0, publen = 0;
    char id[72];
    struct stat st;
    int rc = 2;
    EVP_PKEY *k = NULL;
    if (!pub_path) goto done;
    /* refuse before anything is made: neither file may exist */
    const char *exists = lstat(key_path, &st) == 0   ? key_path
                         : lstat(pub_path, &st) == 0 ? pub_path
                                                     : NULL;
    if (exists) {
        fprintf(
            stderr,
            MSG("kyojin: %s はすでにあります。鍵は上書きしません（別の名前を指定してください）\n",
                "kyojin: %s exists; keys are never overwritten (choose another name)\n"),
            exists);
        goto done;
    }
    if (!(k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) || pem_text(k, 1, &priv, &privlen) ||
        pem_text(k, 0, &pub, &publen) || key_id(k, id)) {
        fputs(
            MSG("kyojin: 鍵を作れません（libcrypto）\n", "kyojin: cannot make a key (libcrypto)\n"),
            stderr);
        goto done;
    }
    if (create_new(key_path, 0600, priv, privlen) != 0) {
        fprintf(stderr, MSG("kyojin: %s に書き込めません: %s\n", "kyojin: cannot write %s: %s\n"),
                key_path, strerror(errno));
        goto done;
    }
    if (create_new(pub_path, 0644, pub, publen) != 0) {
        int e = errno;
        unlink(key_path);
        fprintf(stderr, MSG("kyojin: %s に書き込めません: %s\n", "kyojin: cannot write %s: %s\n"),
                pub_path, strerror(e));
        goto done;
    }
    printf(
        MSG("秘密鍵: %s（他の人に渡さないでください）\n公開鍵: %s（報告書を受け取る人に渡します）\n"
            "鍵 ID: %s\n",
            "Private key: %s (keep it to yourself)\nPublic key:  %s (give it to those who "
            "receive your reports)\nKey id: %s\n"),
        key_path, pub_path, id);
    rc = 0;
done:
    if (priv) OPENSSL_cleanse(priv, privlen);
    free(priv);
    free(pub);
    free(pub_path);
    EVP_PKEY_free(k);
    return rc;
}

/* The key in a PEM file: private (PKCS#8) or public; must be Ed25519. NULL after printing
 * why on stderr. */
static EVP_PKEY *read_key(const char *path, int private_key)
{
    size_t n;
    char *text = fileio_read(path, SMALL_MAX, &n);
    EVP_PKEY *k = NULL;
    if (!text) {
        fprintf(stderr,
                MSG("kyojin: 鍵のファイルを読めません: %s\n", "kyojin: cannot read the key %s\n"),
                path);
        return NULL;
    }
    BIO *b = BIO_new_mem_buf(text, (int)n);
    if (b)
        k = private_key ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL)
                        : PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
    BIO_free(b);
    OPENSSL_cleanse(text, n);
    free(text);
    if (!k || !EVP_PKEY_is_a(k, "ED25519")) {
        fprintf(
            stderr,
            private_key
                ? MSG("kyojin: %s は Ed25519 の秘密鍵（kyojin keygen が作るもの）ではありません\n",
                      "kyojin: %s is not an Ed25519 private key (as kyojin keygen makes)\n")
                : MSG("kyojin: %s は Ed25519 の公開鍵（kyojin keygen が作る .pub）ではありません\n",
                      "kyojin: %s is not an Ed25519 public key (the .pub of kyojin keygen)\n"),
            path);
        EVP_PKEY_free(k);
        return NULL;
    }
    return k;
}

/* ------------------------------------------------------------------ signing */

static int ed25519_sign(EVP_PKEY *k, const void *msg, size_t n, unsigned char sig[SIG_LEN])
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    size_t len = SIG_LEN;
    int ok = c && EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
             EVP_DigestSign(c, sig, &len, msg, n) == 1 && len == SIG_LEN;
    EVP_MD_CTX_free(c);
    return ok ? 0 : -1;
}

static int ed25519_verify(EVP_PKEY *k, const void *msg, size_t n, const unsigned char *sig)
{
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
             EVP_DigestVerify(c, sig, SIG_LEN, msg, n) == 1;
    EVP_MD_CTX_free(c);
    return ok;
}

/* base64 of the 64 signature bytes (88 characters and a NUL) */
static void b64(const unsigned char sig[SIG_LEN], char out[92])
{
    EVP_EncodeBlock((unsigned char *)out, sig, SIG_LEN);
}

/* The 64 signature bytes of exactly 88 base64 characters; 0 or -1. */
static int unb64(const char *s, size_t n, unsigned char sig[SIG_LEN])
{
    unsigned char buf[72];
    if (n != 88 || s[86] != '=' || s[87] != '=' || s[85] == '=') return -1;
    if (EVP_DecodeBlock(buf, (const unsigned char *)s, 88) != 66) return -1;
    memcpy(sig, buf, SIG_LEN);
    return 0;
}

/* YYYY-MM-DDThh:mm:ssZ with plausible fields */
static int valid_time(const char *t)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    for (size_t i = 0; i < sizeof shape - 1; i++)
        if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i]) return 0;
    if (t[sizeof shape - 1]) return 0;
    int mo = atoi(t + 5), d = atoi(t + 8), h = atoi(t + 11), mi = atoi(t + 14), s = atoi(t + 17);
    return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
}

/* A signer's name: UTF-8, one line, no control characters, at most 256 bytes. */
static int valid_signer(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > 256 || !utf8_valid(s, n)) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) return 0;
    return 1;
}

int sign_report(const sign_args *a)
{
    en = a->lang && !strcmp(a->lang, "en");
    if (!a->report || !a->key || !a->signer) {
        fputs(
            MSG("kyojin: 報告書、--key 秘密鍵、--signer 氏名 を指定してください"
                "（kyojin sign --help を参照）\n",
                "kyojin: give the report, --key KEY and --signer NAME (see kyojin sign --help)\n"),
            stderr);
        return 2;
    }
    if (!valid_signer(a->signer)) {
        fputs(MSG("kyojin: --signer は 1 行の文字列（256 バイトまで、制御文字なし）です\n",
                  "kyojin: --signer must be one line of text (up to 256 bytes, no control "
                  "characters)\n"),
              stderr);
        return 2;
    }
    char when[32] = "-";
    if (a->time && !strcmp(a->time, "now")) {
        time_t t = time(NULL);
        struct tm tm;
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
    } else if (a->time) {
        if (!valid_time(a->time)) {
            fprintf(stderr,
                    MSG("kyojin: --time は YYYY-MM-DDThh:mm:ssZ（協定世界時）か now です: %s\n",
                        "kyojin: --time must be YYYY-MM-DDThh:mm:ssZ (UTC) or now: %s\n"),
                    a->time);
            return 2;
        }
        snprintf(when, sizeof when, "%s", a->time);
    }
    size_t n;
    unsigned char *report = (unsigned char *)fileio_read(a->report, REPORT_MAX, &n), d[32];
    if (!report) {
        fprintf(stderr,
                MSG("kyojin: 報告書を読めません: %s\n", "kyojin: cannot read the report %s\n"),
                a->report);
        return 2;
    }
    EVP_PKEY *k = read_key(a->key, 1);
    char *out = a->out ? NULL : str_printf("%s.sig", a->report), *stmt = NULL;
    const char *out_path = a->out ? a->out : out;
    char id[72], hex[65], s1[92], s2[92], err[1024];
    unsigned char sig[SIG_LEN];
    int rc = 2;
    if (!k) goto done;
    if (!out_path) goto oom;
    sha256(report, n, d);
    sha256_hex(d, hex);
    if (key_id(k, id) || ed25519_sign(k, report, n, sig)) goto crypto;
    b64(sig, s1);
    stmt = str_printf("kyojin-signature: 1\nalgorithm: ed25519\nkey-id: %s\nreport-sha256: %s\n"
                      "report-size: %zu\nsigner: %s\ntime: %s\nsignature: %s\n",
                      id, hex, n, a->signer, when, s1);
    if (!stmt) goto oom;
    if (ed25519_sign(k, stmt, strlen(stmt), sig)) goto crypto;
    b64(sig, s2);
    atomic_out o;
    if (atomic_out_open(&o, out_path, err, sizeof err) != 0) {
        fprintf(stderr, MSG("kyojin: 書き込めません: %s\n", "kyojin: cannot write: %s\n"), err);
        goto done;
    }
    fprintf(o.fp, "%sstatement-signature: %s\n", stmt, s2);
    if (ferror(o.fp)) {
        atomic_out_abort(&o);
        fprintf(stderr, MSG("kyojin: %s に書き込めません\n", "kyojin: cannot write %s\n"),
                out_path);
        goto done;
    }
    if (atomic_out_commit(&o, err, sizeof err) != 0) {
        fprintf(stderr, MSG("kyojin: 書き込めません: %s\n", "kyojin: cannot write: %s\n"), err);
        goto done;
    }
    if (out_path && strcmp(out_path, "-"))
        fprintf(
            stderr,
            MSG("署名しました: %s（署名者 %s、鍵 ID %s）\n", "Signed: %s (signer %s, key id %s)\n"),
            out_path, a->signer, id);
    rc = 0;
    goto done;
crypto:
    fputs(MSG("kyojin: 署名できません（libcrypto）\n", "kyojin: cannot sign (libcrypto)\n"),
          stderr);
    goto done;
oom:
    fputs(MSG("kyojin: メモリが不足しています\n", "kyojin: out of memory\n"), stderr);
done:
    free(stmt);
    free(out);
    free(report);
    EVP_PKEY_free(k);
    return rc;
}

/* ------------------------------------------------------------------ checking */

static const char *const sig_fields[] = {
    "kyojin-signature", "algorithm", "key-id",    "report-sha256",      "report-size",
    "signer",           "time",      "signature", "statement-signature"};
#define NFIELDS (sizeof sig_fields / sizeof *sig_fields)

int sign_check(const unsigned char *report, size_t n, const char *sig_path, const char *pubkey_path,
               const char *lang)
{
    en = lang && !strcmp(lang, "en");
    size_t len;
    char *text = fileio_read(sig_path, SMALL_MAX, &len);
    if (!text) {
        fprintf(
            stderr,
            MSG("kyojin: 署名ファイルを読めません: %s\n", "kyojin: cannot read the signature %s\n"),
            sig_path);
        return 2;
    }
    EVP_PKEY *k = read_key(pubkey_path, 0);
    if (!k) {
        free(text);
        return 2;
    }
    const char *val[NFIELDS];
    size_t vlen[NFIELDS], stmt_len = 0;
    const char *p = text, *end = text + len, *why = NULL;
    unsigned char sig[SIG_LEN], d[32];
    char id[72], hex[65];
    int rc = 1;
    /* exactly the nine lines, in order, each ending with a newline */
    for (size_t i = 0; i < NFIELDS && !why; i++) {
        size_t fl = strlen(sig_fields[i]);
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            why = MSG("署名ファイルが途中で切れています", "the signature file is truncated");
            break;
        }
        if ((size_t)(nl - p) < fl + 2 || memcmp(p, sig_fields[i], fl) || p[fl] != ':' ||
            p[fl + 1] != ' ') {
            why = MSG("署名ファイルの形式が正しくありません", "the signature file is malformed");
            break;
        }
        val[i] = p + fl + 2;
        vlen[i] = (size_t)(nl - val[i]);
        if (i == NFIELDS - 1) stmt_len = (size_t)(p - text);
        p = nl + 1;
    }
#define IS(i, s) (vlen[i] == strlen(s) && !memcmp(val[i], s, vlen[i]))
    if (!why && p != end)
        why = MSG("署名ファイルの後ろに余分な内容があります",
                  "the signature file has extra content after its last line");
    if (!why && !IS(0, "1"))
        why = MSG("この版の kyojin が知らない署名形式です", "an unknown signature format version");
    if (!why && !IS(1, "ed25519"))
        why = MSG("署名の方式が ed25519 ではありません", "the algorithm is not ed25519");
    if (!why && key_id(k, id)) why = MSG("公開鍵を読めません", "cannot read the public key");
    if (!why && !IS(2, id)) {
        printf(MSG("  不一致  署名の鍵 ID %.*s\n          公開鍵:   %s\n",
                   "  MISMATCH  the signature's key id %.*s\n            public key: %s\n"),
               (int)vlen[2], val[2], id);
        why = MSG("署名は指定された公開鍵とは別の鍵で作られています",
                  "the signature was made with another key than the public key given");
    }
    if (!why) {
        sha256(report, n, d);
        sha256_hex(d, hex);
        if (!IS(3, hex))
            why = MSG("報告書は署名された後で変更されています（SHA-256 が署名と違います）",
                      "the report was changed after it was signed (its SHA-256 differs)");
    }
    if (!why && (unb64(val[7], vlen[7], sig) || !ed25519_verify(k, report, n, sig)))
        why =
            MSG("報告書の署名が正しくありません（署名ファイルが書き換えられているか、別の鍵です）",
                "the report's signature is not valid (the signature file was altered, or "
                "another key)");
    if (!why && (unb64(val[8], vlen[8], sig) || !ed25519_verify(k, text, stmt_len, sig)))
        why = MSG("署名ファイルの記載（署名者・日時など）が署名の後で書き換えられています",
                  "the signature file's statement (signer, time, ...) was altered after signing");
    if (why)
        printf(MSG("  不正    署名 %s: %s\n", "  INVALID   signature %s: %s\n"), sig_path, why);
    else {
        printf(MSG("  有効    署名 %s: 署名者 %.*s、日時 %.*s、鍵 ID %s\n",
                   "  valid     signature %s: signer %.*s, time %.*s, key id %s\n"),
               sig_path, (int)vlen[5], val[5], (int)vlen[6], val[6], id);
        rc = 0;
    }
#undef IS
    free(text);
    EVP_PKEY_free(k);
    return rc;
}
