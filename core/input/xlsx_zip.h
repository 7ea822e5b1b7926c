/* xlsx_zip.h — the members of a zip archive held in memory (the container of an XLSX
 * workbook), read with caps: entry count, names, and the total size inflated. */
#ifndef KYOJIN_XLSX_ZIP_H
#define KYOJIN_XLSX_ZIP_H
#include <stddef.h>

#define XLSX_ZIP_MAX_ENTRIES 10000

typedef struct xlsx_zip xlsx_zip;

/* Open the archive in buf (not copied: it must outlive the handle). `budget` caps the bytes
 * all members inflated by xlsx_zip_read may add up to. Returns NULL with a reason (English and
 * Japanese, static strings) when the central directory is missing, damaged or unsafe (a name
 * with "..", an absolute path, a backslash or a control character; zip64; encryption). */
xlsx_zip *xlsx_zip_open(const unsigned char *buf, size_t len, size_t budget, const char **why_ja,
                        const char **why_en);
void xlsx_zip_close(xlsx_zip *z);

/* Whether a member exists. */
int xlsx_zip_has(const xlsx_zip *z, const char *name);

/* A member inflated and NUL-terminated (*len without the NUL); NULL with a reason when it is
 * absent, damaged (size or CRC), uses an unknown method or goes beyond the budget. */
char *xlsx_zip_read(xlsx_zip *z, const char *name, size_t *len, const char **why_ja,
                    const char **why_en);

#endif
