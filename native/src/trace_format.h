/*
 * trace_format.h: the constants of the trace format. The layout itself is documented in exactly
 * one place, docs/trace-format.md; replay-core's TraceFormat.java mirrors these numbers.
 */
#ifndef REWIND_TRACE_FORMAT_H
#define REWIND_TRACE_FORMAT_H

#define TRACE_MAGIC "RWNDTRC\0"
#define TRACE_FORMAT_VERSION 5
#define TRACE_BLOCK_MAGIC "RWBK"
#define TRACE_BLOCK_HEADER_SIZE 32
#define TRACE_HASH_SIZE 32

enum trace_event_kind {
    EV_EXEC = 1,
    EV_SYSCALL = 2,
    EV_SIGNAL = 3,
    EV_RDTSC = 4,
    EV_OUTPUT = 5,
    EV_EXIT = 6,
    EV_STOP = 7,
    EV_THREAD = 8,        /* format 4: the events that follow are this thread's */
    EV_SYSCALL_ENTER = 9, /* format 4: a thread entered a syscall that may block */
    EV_PREEMPT = 10,      /* format 4: the recorder switched threads at this point */
};

/* SYSCALL event flags */
#define SYSF_STDOUT 1u
#define SYSF_STDERR 2u
#define SYSF_REAL 4u
#define SYSF_UNKNOWN 8u
#define SYSF_CHECKSUM 16u
#define SYSF_READONLY_FD 32u   /* an mmap MAP_SHARED of a descriptor not open for writing */
#define SYSF_RESUMED 64u       /* format 4: completes the thread's SYSCALL_ENTER (its result) */

/* SIGNAL event places: where the signal was delivered */
#define SIGP_AFTER_EVENT 0u   /* asynchronous, right after the previous event */
#define SIGP_FAULT 1u         /* synchronous: raised by the instruction itself */
#define SIGP_IN_CODE 2u       /* asynchronous, at a point in user code (format 3: with its fingerprint) */
#define SIGP_REGS 27          /* u64 registers in a fingerprint (struct user_regs_struct) */
#define SIGP_STACK_MAX 4224   /* stack bytes in a fingerprint at most (signal_point.h) */

/* EXEC region flags */
#define REGF_SHARED 1u
#define REGF_STACK 2u
#define REGF_VDSO 4u
#define REGF_HEAP 8u
#define REGF_READONLY_FD 16u /* shared file mapping of a descriptor not open for writing: it can
                                 never be made writable (snapshot bodies, version 3) */
#define REGF_SYSV_SEGMENT 32u /* a System V segment's attach: the region's blob field holds the
                                 segment's slot (u32), not a hash (snapshot bodies, version 5) */

#endif
