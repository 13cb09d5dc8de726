/*
 * trace_events.h: the encoders of the event kinds the recorder writes (docs/trace-format.md: all
 * kinds but EXEC, which image.c encodes). The layout of each kind lives here and only here, so the
 * recorder and test_trace_roundtrip (which writes every kind with extreme values for both readers)
 * cannot disagree about it.
 */
#ifndef REWIND_TRACE_EVENTS_H
#define REWIND_TRACE_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "trace_writer.h"

/* The fixed part of a SYSCALL event. */
struct syscall_head {
    int32_t nr;                 /* as the kernel dispatched it (regs_syscall_nr) */
    uint64_t args[6];
    int64_t result;
    uint32_t flags;             /* SYSF_*; SYSF_CHECKSUM adds output_crc at the end */
    bool has_blob;
    uint8_t blob[TRACE_HASH_SIZE];
    uint64_t blob_offset;
};

/* What follows the memory writes. */
struct syscall_tail {
    uint64_t file_dev, file_ino; /* with has_blob */
    const char *file_path;       /* with has_blob; NUL-terminated */
    uint32_t output_crc;         /* with SYSF_CHECKSUM */
};

/* Reads len bytes of the program's memory at addr into out: 0, or -1 if any of it is unreadable. */
typedef int (*memory_reader)(void *ctx, uint64_t addr, void *out, size_t len);

/* A SYSCALL event being written: begin, one write per memory range, end. */
struct syscall_writes {
    size_t count_at;            /* where write_count sits in the event */
    uint32_t count;
};

void trace_syscall_begin(struct trace_writer *tw, const struct syscall_head *h,
                         struct syscall_writes *w);
/* Appends the bytes of [addr, addr+len) as read now, in records of at most 1 GiB. Where part of
 * the range cannot be read, the readable prefix up to the first unreadable page is kept: the
 * kernel copies out in order and stops at the first page it cannot write. */
void trace_syscall_write(struct trace_writer *tw, struct syscall_writes *w, uint64_t addr,
                         uint64_t len, memory_reader read, void *ctx);
/* Appends a size mark: a zero-length write at addr, the start of a shared mapping of the file
 * whose size the syscall set (file_watch.h). */
void trace_syscall_size_mark(struct trace_writer *tw, struct syscall_writes *w, uint64_t addr);
void trace_syscall_end(struct trace_writer *tw, const struct syscall_head *h,
                       struct syscall_writes *w, const struct syscall_tail *t);

/* Where an asynchronous signal interrupted user code (SIGP_IN_CODE): the registers as a
 * struct user_regs_struct and the hash of the top of the stack (signal_point.h). */
struct signal_point {
    uint64_t regs[SIGP_REGS];
    uint64_t stack_hash;
    bool stack_readable;              /* every byte of stack[] could be read */
    uint32_t stack_len;               /* bytes of the window (signal_point.h) */
    uint8_t stack[SIGP_STACK_MAX];    /* the window from rsp-128; zeros where unreadable */
    uint64_t user_cpu_ns;             /* recorder: user CPU the thread had used when stopped here
                                         (an upper bound of what it used since its last event;
                                         replay_watchdog.c); 0 when unknown */
};

/* place: SIGP_*; point only with SIGP_IN_CODE (else NULL). */
void trace_put_signal(struct trace_writer *tw, uint32_t sig, uint8_t place, const void *siginfo128,
                      const struct signal_point *point);
void trace_put_rdtsc(struct trace_writer *tw, bool rdtscp, uint64_t tsc, uint32_t aux);
void trace_put_output(struct trace_writer *tw, uint8_t stream, uint32_t pid, const void *bytes,
                      uint32_t len);
void trace_put_exit(struct trace_writer *tw, int32_t wait_status);
void trace_put_stop(struct trace_writer *tw, const char *reason);
/* Format 4: the recorder interrupted the current thread with signal sig (never delivered) to run
 * another; place SIGP_AFTER_EVENT or SIGP_IN_CODE (with point), as for a signal. */
void trace_put_preempt(struct trace_writer *tw, uint32_t sig, uint8_t place,
                       const struct signal_point *point);
/* Format 4: the events that follow are thread tid's (as the program saw it). */
void trace_put_thread(struct trace_writer *tw, uint32_t tid);
/* Format 4: the current thread entered syscall nr, which may block; its result comes later as a
 * SYSCALL event with SYSF_RESUMED. */
void trace_put_syscall_enter(struct trace_writer *tw, int32_t nr, const uint64_t args[6]);

#endif
