/* sign.h — `kyojin keygen`, `kyojin sign` and the signature check of `kyojin verify`:
 * Ed25519 (libcrypto) over the bytes of a report, in the text format of docs/verify.md. */
#ifndef KYOJIN_SIGN_H
#define KYOJIN_SIGN_H

#include <stddef.h>

/* kyojin keygen -o KEY: a new Ed25519 key, the private key to KEY (PEM PKCS#8, mode 0600)
 * and the public key to KEY.pub (PEM SubjectPublicKeyInfo); neither file may exist.
 * Returns 0, or 2 after saying why on stderr. lang: "ja" | "en". */
int sign_keygen(const char *key_path, const char *lang);

/* kyojin sign REPORT --key KEY --signer NAME [--time TIME] [-o SIG] */
typedef struct sign_args {
    const char *report;
    const char *key;
    const char *signer;
    const char *time; /* YYYY-MM-DDThh:mm:ssZ, "now" (the clock), or NULL (none recorded) */
    const char *out;  /* NULL: REPORT.sig */
    const char *lang;
} sign_args;
/* Writes the signature file. Returns 0, or 2 after saying why on stderr. */
int sign_report(const sign_args *a);

/* The signature in sig_path of the report bytes `report` (n bytes) against the public key
 * in pubkey_path. Prints one line saying whom it names, or why it is not valid, to stdout.
 * Returns 0 valid, 1 not valid (tampered report or signature file, another key, a damaged
 * or truncated signature file), 2 an unreadable signature or key file. */
int sign_check(const unsigned char *report, size_t n, const char *sig_path, const char *pubkey_path,
               const char *lang);

#endif
