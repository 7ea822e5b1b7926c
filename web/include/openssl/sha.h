/* sha.h — for the web build only: the part of OpenSSL's <openssl/sha.h> that
 * core/util/sha256.c calls (SHA256_CTX, SHA256_Init/Update/Final), implemented portably in
 * web/sha256_web.c, because libcrypto is not built to WebAssembly. The digests are the same
 * (FIPS 180-4); tests/web compares the page's results, which record them, with the command
 * line's byte for byte. */
#ifndef KYOJIN_WEB_OPENSSL_SHA_H
#define KYOJIN_WEB_OPENSSL_SHA_H
#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LENGTH 32

typedef struct {
    uint32_t h[8];
    uint64_t bytes;        /* message length so far */
    unsigned char buf[64]; /* the block being filled */
    size_t nbuf;
} SHA256_CTX;

int SHA256_Init(SHA256_CTX *c);
int SHA256_Update(SHA256_CTX *c, const void *data, size_t n);
int SHA256_Final(unsigned char *md, SHA256_CTX *c);

#endif
