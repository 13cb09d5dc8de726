/*
 * trace_writer.h: writes a recording folder (docs/trace-format.md): the header, the event log in
 * checksummed zstd blocks, and content-addressed blobs of mapped files.
 *
 * Events are encoded into an open block and the block is flushed when it is large, when it has
 * been open for 100 ms, and on trace_writer_flush()/close(), so a recording cut short keeps all but
 * the last fraction of a second; a flushed block is whole or absent (readers drop a torn tail).
 * Invariant: after the first I/O error (e.g. ENOSPC), `error` holds the message and every later call
 * is a no-op; what was flushed before stays readable.
 */
#ifndef REWIND_TRACE_WRITER_H
#define REWIND_TRACE_WRITER_H

#include <stdint.h>
#include <sys/types.h>

#include "util.h"
#include "trace_format.h"

struct blob_cache_entry;

struct trace_writer {
    int dir_fd;
    int events_fd;
    uint64_t next_event;        /* index the next appended event gets */
    uint64_t block_first;       /* index of the open block's first event */
    uint32_t block_events;
    uint64_t block_opened_ns;
    struct buf block;           /* encoded events of the open block */
    struct buf event;           /* the event being built */
    void *zctx;                 /* ZSTD_CCtx */
    struct blob_cache_entry *blobs;
    int store_fd;               /* the folder's shared blob store (blob_store.h), or -1 */
    char error[256];            /* empty while healthy */
};

/* Creates `path` (0700; it must not exist, or be an empty folder) and writes the header.
 * Returns 0, or -1 with a message in tw->error. */
int trace_writer_open(struct trace_writer *tw, const char *path, const char *program,
                      char *const argv[]);

/* Starts an event of `kind`; the caller appends the body with buf_* on tw->event, then ends it. */
struct buf *trace_event_begin(struct trace_writer *tw, uint8_t kind);
/* Ends the event begun last; returns its index. */
uint64_t trace_event_end(struct trace_writer *tw);

/* Flushes the open block if it is due (size or age) or if force. */
void trace_writer_flush(struct trace_writer *tw, int force);
/* Flushes and closes. Returns 0, or -1 if any error happened (message in tw->error). */
int trace_writer_close(struct trace_writer *tw);

/*
 * Copies the file open at `fd` into blobs/ (once per file identity per recording) and returns its
 * SHA-256 in hash. Returns 0, or -1 on error (message in tw->error).
 */
int trace_blob_put_fd(struct trace_writer *tw, int fd, uint8_t hash[TRACE_HASH_SIZE]);

/* Hex name of a hash into out (65 bytes). */
void hash_hex(const uint8_t hash[TRACE_HASH_SIZE], char out[65]);

#endif
