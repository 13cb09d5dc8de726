/*
 * util.h: small building blocks shared by the agent: fatal errors, growable byte buffers for
 * encoding (little-endian), bounded cursors for decoding, and CRC-32C.
 *
 * Invariant: a cursor never reads past its end; a short read sets `bad` and returns zeros, so a
 * decoder checks `bad` once at the end instead of after every field.
 */
#ifndef REWIND_UTIL_H
#define REWIND_UTIL_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <sys/types.h>

#define REWIND_VERSION "0.1.0"

/* Prints "rewind-agent: <message>" to stderr and exits with status 125. */
__attribute__((noreturn, format(printf, 1, 2))) void fatal(const char *fmt, ...);
/* Prints "rewind-agent: warning: <message>" to stderr. */
__attribute__((format(printf, 1, 2))) void warn(const char *fmt, ...);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A growable byte buffer; data is valid up to len. */
struct buf {
    uint8_t *data;
    size_t len, cap;
};
void buf_reserve(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *p, size_t n);
void buf_u8(struct buf *b, uint8_t v);
void buf_u16(struct buf *b, uint16_t v);
void buf_u32(struct buf *b, uint32_t v);
void buf_u64(struct buf *b, uint64_t v);
void buf_str(struct buf *b, const char *s);           /* u32 length + bytes */
void buf_strn(struct buf *b, const char *s, size_t n);
void buf_free(struct buf *b);

/* A read-only view being decoded. */
struct cursor {
    const uint8_t *p, *end;
    bool bad;
};
uint8_t cur_u8(struct cursor *c);
uint16_t cur_u16(struct cursor *c);
uint32_t cur_u32(struct cursor *c);
uint64_t cur_u64(struct cursor *c);
const uint8_t *cur_bytes(struct cursor *c, size_t n);  /* NULL (and bad) when short */
/* A string as a freshly allocated NUL-terminated copy ("" and bad when short). */
char *cur_str(struct cursor *c);

uint32_t crc32c(uint32_t crc, const void *data, size_t n);

/* Writes all of p, retrying on EINTR and short writes. Returns 0 or -errno. */
int write_all(int fd, const void *p, size_t n);
/* The same at file offset off (pwrite). Returns 0 or -errno. */
int pwrite_all(int fd, const void *p, size_t n, off_t off);
/* Reads exactly n bytes. Returns n, fewer at end of file, or -errno. */
long read_full(int fd, void *p, size_t n);

/* Current CLOCK_MONOTONIC time in ns. */
uint64_t now_ns(void);

/* waitpid, retried while a signal to the agent (the recorder's flush timer) interrupts it: an
 * EINTR is never taken for a stop or an exit. */
pid_t waitpid_uninterrupted(pid_t pid, int *status, int flags);

#endif
