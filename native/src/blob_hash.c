/*
 * blob_hash.c: the blob names (format 2, and format 1's plain SHA-256) and the sparse copy
 * (blob_hash.h). Invariant: the format-2 name depends only on the content's bytes, never on where
 * the source or the copy has holes; both
 * blob_copy_sparse and blob_hash_file walk the file the same way: SEEK_DATA/SEEK_HOLE to skip holes,
 * then page by page through the data, so their names agree.
 */
#include "blob_hash.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

#define CHUNK (1u << 20)

static void put_u64(struct blob_hasher *h, uint8_t tag, uint64_t v)
{
    uint8_t rec[9];
    rec[0] = tag;
    memcpy(rec + 1, &v, 8); /* little-endian on x86-64 */
    EVP_DigestUpdate(h->md, rec, sizeof rec);
}

void blob_hasher_begin(struct blob_hasher *h, uint64_t size)
{
    h->md = EVP_MD_CTX_new();
    if (!h->md)
        fatal("out of memory");
    EVP_DigestInit_ex(h->md, EVP_sha256(), NULL);
    static const char magic[] = "rewind-blob-2";
    EVP_DigestUpdate(h->md, magic, sizeof magic); /* with its NUL */
    EVP_DigestUpdate(h->md, &size, 8);
    h->zero_run = 0;
}

void blob_hasher_zeros(struct blob_hasher *h, uint64_t n)
{
    h->zero_run += n;
}

void blob_hasher_page(struct blob_hasher *h, const uint8_t *page, size_t len)
{
    if (blob_all_zero(page, len)) {
        h->zero_run++;
        return;
    }
    if (h->zero_run) {
        put_u64(h, 'Z', h->zero_run);
        h->zero_run = 0;
    }
    uint8_t tag = 'D';
    EVP_DigestUpdate(h->md, &tag, 1);
    EVP_DigestUpdate(h->md, page, len);
}

void blob_hasher_end(struct blob_hasher *h, uint8_t hash[TRACE_HASH_SIZE])
{
    if (h->zero_run)
        put_u64(h, 'Z', h->zero_run);
    unsigned int hlen = 0;
    EVP_DigestFinal_ex(h->md, hash, &hlen);
    EVP_MD_CTX_free(h->md);
    h->md = NULL;
}

bool blob_all_zero(const uint8_t *p, size_t len)
{
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (w)
            return false;
    }
    for (; i < len; i++)
        if (p[i])
            return false;
    return true;
}

/* Where the data after `off` starts (size when none is left). */
static off_t next_data(int fd, off_t off, off_t size)
{
    off_t d = lseek(fd, off, SEEK_DATA);
    if (d < 0)
        return errno == ENXIO ? size : off; /* no more data; or no SEEK_DATA: all is data */
    return d;
}

static off_t next_hole(int fd, off_t off, off_t size)
{
    off_t h = lseek(fd, off, SEEK_HOLE);
    return h < 0 || h > size ? size : h;
}

/* Walks the content: pages of data go to the hasher (and to `out` unless zero), holes are counted.
 * out < 0: hashing only; h NULL: copying only. Returns 0 or an errno. */
static int walk(int in, int out, off_t size, struct blob_hasher *h)
{
    uint8_t *chunk = xmalloc(CHUNK);
    off_t off = 0;
    int err = 0;
    while (off < size && !err) {
        off_t data = next_data(in, off, size);
        data -= data % BLOB_PAGE; /* holes count in whole pages */
        if (data > off) {
            if (h)
                blob_hasher_zeros(h, (uint64_t)(data - off) / BLOB_PAGE);
            off = data;
            continue;
        }
        off_t end = next_hole(in, off, size);
        if (end < size)
            end += (BLOB_PAGE - end % BLOB_PAGE) % BLOB_PAGE;
        if (end <= off)
            end = off + BLOB_PAGE;
        while (off < end && off < size && !err) {
            size_t want = (size_t)((end - off) < CHUNK ? (end - off) : CHUNK);
            ssize_t n = pread(in, chunk, want, off);
            if (n < 0) {
                if (errno != EINTR)
                    err = errno;
                continue;
            }
            if (n == 0) {
                err = EIO; /* the file shrank while being copied */
                break;
            }
            for (ssize_t p = 0; p < n; p += BLOB_PAGE) {
                size_t len = (size_t)(n - p < (ssize_t)BLOB_PAGE ? n - p : BLOB_PAGE);
                if (h)
                    blob_hasher_page(h, chunk + p, len);
                if (out >= 0 && !blob_all_zero(chunk + p, len)) {
                    int w = pwrite_all(out, chunk + p, len, off + p);
                    if (w) {
                        err = -w;
                        break;
                    }
                }
            }
            off += n;
        }
    }
    free(chunk);
    return err;
}

int blob_copy_sparse(int in, int out, uint8_t hash[TRACE_HASH_SIZE])
{
    struct stat st;
    if (fstat(in, &st) < 0)
        return errno;
    struct blob_hasher h;
    blob_hasher_begin(&h, (uint64_t)st.st_size);
    int err = walk(in, out, st.st_size, &h);
    blob_hasher_end(&h, hash);
    if (!err && ftruncate(out, st.st_size) < 0)
        err = errno;
    return err;
}

int blob_hash_file(int fd, uint8_t hash[TRACE_HASH_SIZE])
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return errno;
    struct blob_hasher h;
    blob_hasher_begin(&h, (uint64_t)st.st_size);
    int err = walk(fd, -1, st.st_size, &h);
    blob_hasher_end(&h, hash);
    return err;
}

int blob_copy_content(int in, int out)
{
    struct stat st;
    if (fstat(in, &st) < 0)
        return errno;
    int err = walk(in, out, st.st_size, NULL);
    if (!err && ftruncate(out, st.st_size) < 0)
        err = errno;
    return err;
}

int blob_hash_plain(int fd, uint8_t hash[TRACE_HASH_SIZE])
{
    uint8_t *chunk = xmalloc(CHUNK);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (!md)
        fatal("out of memory");
    EVP_DigestInit_ex(md, EVP_sha256(), NULL);
    int err = 0;
    for (off_t off = 0;;) {
        ssize_t n = pread(fd, chunk, CHUNK, off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = errno;
            break;
        }
        if (n == 0)
            break;
        EVP_DigestUpdate(md, chunk, (size_t)n);
        off += n;
    }
    unsigned int len = 0;
    EVP_DigestFinal_ex(md, hash, &len);
    EVP_MD_CTX_free(md);
    free(chunk);
    return err;
}
