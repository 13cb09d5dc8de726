/*
 * blob_hash.h: how a blob (the recording's copy of a mapped file) is named, from trace format 2 on:
 * the SHA-256 of a description of its content in which runs of zero pages are counted rather than
 * spelled out, so that a sparse 1 TiB file is named (and verified) at the cost of its data, and two
 * files with the same bytes get the same name however their holes are laid out on disk:
 *
 *   SHA-256( "rewind-blob-2" 0x00, u64 size,
 *            for each 4096-byte page of the content, in order, merging neighbours:
 *              a run of n all-zero pages:  'Z' u64 n
 *              a page with any other byte: 'D' its bytes (the last page: its bytes up to size) )
 *
 * Format 1 named blobs by the plain SHA-256 of their content (blob_hash_plain).
 */
#ifndef REWIND_BLOB_HASH_H
#define REWIND_BLOB_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace_format.h"

#define BLOB_PAGE 4096u

struct blob_hasher {
    void *md;              /* EVP_MD_CTX */
    uint64_t zero_run;     /* zero pages seen and not yet written out */
};

/* Starts a name for content of `size` bytes. */
void blob_hasher_begin(struct blob_hasher *h, uint64_t size);
/* The next `n` pages are all zero (a hole, or zero bytes read). */
void blob_hasher_zeros(struct blob_hasher *h, uint64_t n);
/* The next page, of `len` bytes (BLOB_PAGE, or less for the last one). */
void blob_hasher_page(struct blob_hasher *h, const uint8_t *page, size_t len);
void blob_hasher_end(struct blob_hasher *h, uint8_t hash[TRACE_HASH_SIZE]);

/* Whether `len` bytes are all zero. */
bool blob_all_zero(const uint8_t *p, size_t len);

/*
 * Copies the file open at `in` into `out` (an empty regular file) keeping only what exists:
 * holes (SEEK_HOLE) and all-zero pages are left as holes in the copy, data is copied, and the copy
 * is given the source's size. Names the content as above into `hash`. Returns 0, or a positive errno.
 */
int blob_copy_sparse(int in, int out, uint8_t hash[TRACE_HASH_SIZE]);

/* The same copy without naming: the replay's working copies of blobs. 0 or an errno. */
int blob_copy_content(int in, int out);

/* Names the content of the file open at `fd` (format 2), reading only its data. 0 or an errno. */
int blob_hash_file(int fd, uint8_t hash[TRACE_HASH_SIZE]);

/* Names the content of the file open at `fd` as format 1 did: its plain SHA-256. 0 or an errno. */
int blob_hash_plain(int fd, uint8_t hash[TRACE_HASH_SIZE]);

#endif
