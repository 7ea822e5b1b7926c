/* sha256.c — SHA-256 (FIPS 180-4) used for declaration and policy-set fingerprints.
 * Owns: the hash. Does not own: what is hashed (runner.c, verify.c decide that).
 *
 * The compression function is OpenSSL's libcrypto (SHA256_Init/Update/Final): it picks the
 * CPU's SHA extensions (or SSSE3/AVX code) at run time and is several times cheaper per byte
 * than a portable C loop. The low-level calls are used rather than EVP_Digest because EVP
 * initialises OpenSSL's provider machinery on first use (millions of instructions at start
 * up for a one-off hash). libcrypto is already mapped into kyojin by libxlsxwriter. */
#define OPENSSL_API_COMPAT 10101 /* SHA256_* without 3.0 deprecation attributes */
#include "util/sha256.h"

#include <openssl/sha.h>

_Static_assert(sizeof(SHA256_CTX) <= sizeof(((sha256_ctx *)0)->opaque),
               "sha256_ctx too small for SHA256_CTX");

void sha256_init(sha256_ctx *c)
{
    SHA256_Init((SHA256_CTX *)(void *)c->opaque);
}

void sha256_update(sha256_ctx *c, const void *data, size_t n)
{
    if (n) SHA256_Update((SHA256_CTX *)(void *)c->opaque, data, n);
}

void sha256_final(sha256_ctx *c, unsigned char out[32])
{
    SHA256_Final(out, (SHA256_CTX *)(void *)c->opaque);
}

void sha256(const void *data, size_t n, unsigned char out[32])
{
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, data, n);
    sha256_final(&c, out);
}

void sha256_hex(const unsigned char d[32], char hex[65])
{
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = 0;
}
