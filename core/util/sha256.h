/* sha256.h — SHA-256 (FIPS 180-4), one-shot and incremental. Owns hashing only.
 * Implemented with OpenSSL's libcrypto (link with -lcrypto). */
#ifndef KYOJIN_SHA256_H
#define KYOJIN_SHA256_H
#include <stddef.h>
#include <stdint.h>

/* Opaque: the state of the implementation (libcrypto's SHA256_CTX, see sha256.c). */
typedef struct {
    uint64_t opaque[16];
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
void sha256_final(sha256_ctx *c, unsigned char out[32]);
void sha256(const void *data, size_t n, unsigned char out[32]);
/* Lowercase hex of a digest into hex[65] (NUL-terminated). */
void sha256_hex(const unsigned char d[32], char hex[65]);

#endif
