/*
 * trace_reader.h: reads a recording folder (docs/trace-format.md) event by event, verifying every
 * checksum. A block torn off by the end of the file marks the recording as cut short; any other
 * damage is an error with a one-line message in `error`.
 *
 * Pointers inside a returned trace_event point into the reader's current block and stay valid
 * until the next trace_reader_next() call.
 */
#ifndef REWIND_TRACE_READER_H
#define REWIND_TRACE_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "trace_format.h"
#include "util.h"

struct trace_event {
    uint64_t index;
    uint8_t kind;
    struct cursor body; /* the whole body, for kinds decoded lazily (EXEC) */
    union {
        struct {
            int32_t nr;               /* as the kernel dispatched it (regs_syscall_nr) */
            uint64_t args[6];
            int64_t result;
            uint32_t flags;
            bool has_blob;
            uint8_t blob[TRACE_HASH_SIZE];
            uint64_t blob_offset;
            uint32_t write_count;
            struct cursor writes; /* write_count × (u64 addr, u32 len, bytes) */
            uint64_t file_dev, file_ino; /* with has_blob: the mapped file's identity */
            uint32_t file_path_len;
            const char *file_path;       /* not NUL-terminated */
            uint32_t output_crc;         /* with SYSF_CHECKSUM */
        } sys;
        struct {
            uint32_t signo;
            bool sync;              /* place == SIGP_FAULT */
            bool preempt;           /* read from a PREEMPT event (kind EV_SIGNAL): raised and
                                       stopped at like a signal, never delivered; no siginfo */
            uint8_t place;          /* SIGP_* */
            const uint8_t *siginfo; /* 128 bytes */
            uint64_t regs[SIGP_REGS]; /* with SIGP_IN_CODE: the interrupted point */
            uint64_t stack_hash;      /* ... and its stack hash */
            bool stack_readable;      /* ... and its stack bytes */
            uint32_t stack_len;
            const uint8_t *stack;     /* stack_len bytes (NULL unless SIGP_IN_CODE) */
            uint64_t user_cpu_ns;     /* ... and the user CPU the thread had used when recorded */
        } sig;
        struct {
            bool is_rdtscp;
            uint64_t tsc;
            uint32_t aux;
        } tsc;
        struct {
            uint8_t stream;
            uint32_t pid;
            uint32_t len;
            const uint8_t *bytes;
        } out;
        struct {
            int32_t status;
        } exit;
        struct {
            uint32_t len;
            const char *reason; /* not NUL-terminated */
        } stop;
        struct {
            uint32_t tid;           /* EV_THREAD: the recorded tid of the events that follow */
        } thread;
        struct {
            int32_t nr;             /* EV_SYSCALL_ENTER */
            uint64_t args[6];
        } enter;
    };
};

struct trace_reader {
    int dir_fd, events_fd;
    uint32_t format_version, page_size;
    uint64_t created_ns;
    char *kernel, *machine, *cpu_model, *program;
    uint32_t argc;
    char **argv;

    uint8_t *raw;           /* the current block, decompressed */
    size_t raw_cap;
    struct cursor block;    /* what is left of it */
    uint32_t block_left;    /* events left in it */
    off_t file_off;         /* offset of the next block header */
    off_t block_off;        /* offset of the current block's header (trace_reader_tell) */
    uint64_t block_first;   /* index of the current block's first event */
    uint64_t next_event;
    void *dctx;             /* ZSTD_DCtx */
    bool cut_short;         /* set when the log ended in a torn block */
    char error[512];
};

/* Opens and validates the header. Returns 0, or -1 with error set. */
int trace_reader_open(struct trace_reader *tr, const char *path);
/* Next event: 1 and *ev filled, 0 at the end of the log, -1 on damage (error set). */
int trace_reader_next(struct trace_reader *tr, struct trace_event *ev);
void trace_reader_close(struct trace_reader *tr);

/* A place in the log to come back to: the block holding an event and the event's index. A block
 * offset of 0 with first event 0 is always valid (the start of the log). */
struct trace_pos {
    off_t block_off;        /* offset of the block header holding `event` (or an earlier block) */
    uint64_t block_first;   /* index of that block's first event */
    uint64_t event;         /* the event trace_reader_next() returns after a seek */
};
/* The position of event `event`: tr->next_event, or an event already returned from the current
 * block (the last one returned, say). */
void trace_reader_tell(const struct trace_reader *tr, uint64_t event, struct trace_pos *pos);
/* Repositions the reader so that the next trace_reader_next() returns event pos->event: loads
 * the block at pos->block_off and skips the events before it (clears an earlier error or cut-short
 * mark; they come back if the log is damaged there). 0, or -1 with error set. */
int trace_reader_seek(struct trace_reader *tr, const struct trace_pos *pos);

/* Opens blobs/<hash> read-only as trace_files.h allows (a regular file, no link followed, its
 * SHA-256 checked against its name once per file); -1 with error set naming what is wrong. */
int trace_blob_open(struct trace_reader *tr, const uint8_t hash[TRACE_HASH_SIZE]);
/* Path of blobs/<hash> relative to the trace folder, into out (80 bytes). */
void trace_blob_relpath(const uint8_t hash[TRACE_HASH_SIZE], char out[80]);

#endif
