/* xlsx_zip.c — reading the zip container of an XLSX workbook from memory (untrusted input).
 *
 * Owns: the walk of the central directory (end record, entries, local headers), the checks
 * that make a hostile archive harmless (entry count, unsafe names, zip64, encryption, sizes
 * beyond the buffer, CRC), and inflating members with zlib under one budget for the whole
 * workbook, so that a zip bomb stops at the cap instead of filling memory. zlib is the
 * library the project already links (the XLSX report, kyojin verify); a walk of the central
 * directory is about a hundred lines, which libminizip would not save.
 * Does not own: what the members mean (xlsx_read.c). */
#include "input/xlsx_zip.h"
#include "input/xlsx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct {
    const unsigned char *name;
    size_t name_len;
    unsigned method, flags;
    size_t csize, usize, local;
    uint32_t crc;
} entry;

struct xlsx_zip {
    const unsigned char *buf;
    size_t len;
    entry *e;
    size_t n;
    size_t budget; /* bytes still allowed to inflate */
};

static uint32_t le32(const unsigned char *p)
{
    return p[0] | p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static unsigned le16(const unsigned char *p)
{
    return p[0] | p[1] << 8;
}

#define FAIL(ja, en)                                                                               \
    do {                                                                                           \
        *why_ja = ja;                                                                              \
        *why_en = en;                                                                              \
        goto fail;                                                                                 \
    } while (0)

/* A member name is safe: relative, no "..", no backslash, no control character. */
static int safe_name(const unsigned char *s, size_t n)
{
    if (n == 0 || s[0] == '/') return 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 0x20 || s[i] == '\\' || s[i] == 0x7F) return 0;
        if (s[i] == ':') return 0; /* drive letters, alternate streams */
        if (s[i] == '.' && i + 1 < n && s[i + 1] == '.' && (i == 0 || s[i - 1] == '/') &&
            (i + 2 == n || s[i + 2] == '/'))
            return 0;
    }
    return 1;
}

xlsx_zip *xlsx_zip_open(const unsigned char *buf, size_t len, size_t budget, const char **why_ja,
                        const char **why_en)
{
    xlsx_zip *z = calloc(1, sizeof *z);
    if (!z) FAIL("メモリが不足しています", "out of memory");
    z->buf = buf;
    z->len = len;
    z->budget = budget;
    size_t eocd = 0;
    if (len < 22)
        FAIL("ZIP の終端レコードがありません（ファイルが途中で切れています）",
             "no zip end record (the file is truncated)");
    for (size_t i = len - 22 + 1; i-- > 0 && len - i <= 22 + 65535;)
        if (le32(buf + i) == 0x06054b50) {
            eocd = i + 1;
            break;
        }
    if (!eocd--)
        FAIL("ZIP の終端レコードがありません（ファイルが途中で切れています）",
             "no zip end record (the file is truncated)");
    size_t count = le16(buf + eocd + 10), cdsize = le32(buf + eocd + 12),
           off = le32(buf + eocd + 16);
    if (count == 0xFFFF || off == 0xFFFFFFFF || cdsize == 0xFFFFFFFF)
        FAIL("ZIP64 形式のブックは読めません", "zip64 workbooks are not supported");
    if (count > XLSX_ZIP_MAX_ENTRIES)
        FAIL("ZIP の項目が多すぎます", "too many entries in the zip archive");
    if (off > eocd || cdsize > eocd - off)
        FAIL("ZIP の中央ディレクトリが壊れています（ファイルが途中で切れています）",
             "the zip central directory is damaged (the file is truncated)");
    z->e = calloc(count ? count : 1, sizeof *z->e);
    if (!z->e) FAIL("メモリが不足しています", "out of memory");
    for (size_t k = 0; k < count; k++) {
        if (off > len || len - off < 46 || le32(buf + off) != 0x02014b50)
            FAIL("ZIP の中央ディレクトリが壊れています", "the zip central directory is damaged");
        entry *e = &z->e[z->n];
        size_t fnl = le16(buf + off + 28), xl = le16(buf + off + 30), cl = le16(buf + off + 32);
        e->flags = le16(buf + off + 8);
        e->method = le16(buf + off + 10);
        e->crc = le32(buf + off + 16);
        e->csize = le32(buf + off + 20);
        e->usize = le32(buf + off + 24);
        e->local = le32(buf + off + 42);
        if (len - off - 46 < fnl)
            FAIL("ZIP の中央ディレクトリが壊れています", "the zip central directory is damaged");
        e->name = buf + off + 46;
        e->name_len = fnl;
        if (!safe_name(e->name, fnl))
            FAIL("ZIP の項目名が安全ではありません（絶対パス・「..」・制御文字）",
                 "unsafe name of a zip entry (absolute path, \"..\" or a control character)");
        if (e->flags & 1)
            FAIL("暗号化されたブックは読めません", "encrypted workbooks cannot be read");
        z->n++;
        off += 46 + fnl + xl + cl;
    }
    return z;
fail:
    xlsx_zip_close(z);
    return NULL;
}

void xlsx_zip_close(xlsx_zip *z)
{
    if (!z) return;
    free(z->e);
    free(z);
}

static const entry *find(const xlsx_zip *z, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < z->n; i++)
        if (z->e[i].name_len == n && memcmp(z->e[i].name, name, n) == 0) return &z->e[i];
    return NULL;
}

int xlsx_zip_has(const xlsx_zip *z, const char *name)
{
    return find(z, name) != NULL;
}

char *xlsx_zip_read(xlsx_zip *z, const char *name, size_t *len, const char **why_ja,
                    const char **why_en)
{
    char *out = NULL;
    const entry *e = find(z, name);
    if (!e) FAIL("ブックに必要な部品がありません", "a part of the workbook is missing");
    if (e->local > z->len || z->len - e->local < 30 || le32(z->buf + e->local) != 0x04034b50)
        FAIL("ZIP の項目が壊れています（ファイルが途中で切れています）",
             "a zip entry is damaged (the file is truncated)");
    size_t data = e->local + 30 + le16(z->buf + e->local + 26) + le16(z->buf + e->local + 28);
    if (data > z->len || e->csize > z->len - data)
        FAIL("ZIP の項目が壊れています（ファイルが途中で切れています）",
             "a zip entry is damaged (the file is truncated)");
    if (e->usize > z->budget)
        FAIL("展開後の大きさが上限を超えます（ZIP 爆弾の疑い）",
             "the uncompressed size exceeds the limit (a zip bomb?)");
    out = malloc(e->usize + 1);
    if (!out) FAIL("メモリが不足しています", "out of memory");
    if (e->method == 0) {
        if (e->csize != e->usize) FAIL("ZIP の項目が壊れています", "a zip entry is damaged");
        memcpy(out, z->buf + data, e->usize);
    } else if (e->method == 8) {
        z_stream s;
        memset(&s, 0, sizeof s);
        if (inflateInit2(&s, -15) != Z_OK) FAIL("メモリが不足しています", "out of memory");
        s.next_in = (unsigned char *)(z->buf + data);
        s.avail_in = (uInt)e->csize;
        s.next_out = (unsigned char *)out;
        s.avail_out = (uInt)e->usize;
        int rc = inflate(&s, Z_FINISH);
        size_t got = s.total_out;
        inflateEnd(&s);
        /* the output buffer holds exactly the declared size: more data is a lie (Z_BUF_ERROR) */
        if (rc != Z_STREAM_END || got != e->usize)
            FAIL("ZIP の項目を展開できません（壊れているか、大きさの記録が偽りです）",
                 "a zip entry cannot be inflated (damaged, or its recorded size is false)");
    } else
        FAIL("ZIP の圧縮方式が対応していません", "unsupported zip compression method");
    if (crc32(crc32(0L, Z_NULL, 0), (const Bytef *)out, (uInt)e->usize) != e->crc)
        FAIL("ZIP の項目が壊れています（CRC が一致しません）",
             "a zip entry is damaged (CRC mismatch)");
    z->budget -= e->usize;
    out[e->usize] = 0;
    *len = e->usize;
    return out;
fail:
    free(out);
    return NULL;
}

int xlsx_is_workbook(const char *buf, size_t len)
{
    /* a local header, or the end record of an archive without entries */
    return len >= 4 && (memcmp(buf, "PK\x03\x04", 4) == 0 || memcmp(buf, "PK\x05\x06", 4) == 0);
}
