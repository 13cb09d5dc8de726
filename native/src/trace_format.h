/*
 * trace_format.h: the constants of the trace format. The layout itself is documented in exactly
 * one place, docs/trace-format.md; replay-core's TraceFormat.java mirrors these numbers.
 */
#ifndef REWIND_TRACE_FORMAT_H
#define REWIND_TRACE_FORMAT_H

#define TRACE_MAGIC "RWNDTRC\0"
#define TRACE_FORMAT_VERSION 2
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
};

/* SYSCALL event flags */
#define SYSF_STDOUT 1u
#define SYSF_STDERR 2u
#define SYSF_REAL 4u
#define SYSF_UNKNOWN 8u
#define SYSF_CHECKSUM 16u
#define SYSF_READONLY_FD 32u   /* an mmap MAP_SHARED of a descriptor not open for writing */

/* EXEC region flags */
#define REGF_SHARED 1u
#define REGF_STACK 2u
#define REGF_VDSO 4u
#define REGF_HEAP 8u

#endif
