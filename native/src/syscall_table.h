/*
 * syscall_table.h: what Rewind knows about each x86-64 system call.
 *
 * The knowledge itself is data, in one place: syscall_table.def (one row per syscall). This header
 * defines the row's shape; syscall_table.c expands the rows into a table indexed by number and
 * checks every number against <sys/syscall.h> at compile time. replay-core reads the same .def
 * file (bundled as a resource) to name syscalls in `rewind dump`, so the two never disagree.
 *
 * Invariant: a syscall the recorder lets run has every byte it writes described here (or in
 * syscall_outputs.c); one absent from the table, or marked REFUSED, never runs while recording:
 * the program gets ENOSYS (and the recorder warns once per number), so nothing unrecorded happens.
 */
#ifndef REWIND_SYSCALL_TABLE_H
#define REWIND_SYSCALL_TABLE_H

#include <stdint.h>
#include <stddef.h>
#include <sys/user.h>

/* How replay treats a syscall. */
enum sc_replay {
    SC_EMULATE = 1, /* skipped in replay; result and memory writes come from the recording */
    SC_REAL,        /* shapes the address space or signal state: executed for real in replay,
                       with the recorded addresses, and its result checked against the recording */
    SC_SPECIAL,     /* handled by name in record.c / replay.c (execve, clone, exit, mmap, brk, rseq...) */
    SC_REFUSED,     /* its effects cannot be recorded (memory the kernel writes later, on its own:
                       io_uring rings, bpf maps, userfaultfd copies, perf rings): while recording it
                       never runs and the program gets ENOSYS, as from a kernel without it; replay
                       emulates that recorded failure */
};

/* Whether a syscall may wait, in the kernel, for as long as another thread of the program chooses
 * (a futex wait, a read of a pipe, a sleep...): the recorder lets such a syscall into the kernel
 * and runs the other threads meanwhile (record.c, record_sched.c). Every row says which; 0 is no
 * value, so a row without one does not compile into a valid table (test_syscall_table checks). */
enum sc_block {
    SC_BLOCK_NO = 1,           /* returns without waiting on the program's other threads */
    SC_BLOCK_YES,              /* may wait (sleeps, waits, polls, semaphores, locks...) */
    SC_BLOCK_FUTEX_OP,         /* futex: waits for the wait and lock operations (args[1]) */
    SC_BLOCK_UNLESS_FILE,      /* a read: waits unless args[0] is a regular file, block device or
                                  directory (a pipe, socket, tty, eventfd... may wait) */
    SC_BLOCK_PIPE_OR_SOCKET,   /* a write: waits when args[0] is a pipe, FIFO or socket (full) */
    SC_BLOCK_LOCK_WAIT,        /* fcntl: F_SETLKW and F_OFD_SETLKW wait for another's unlock;
                                  flock: unless LOCK_NB (args[1]) */
    SC_BLOCK_OPEN_FIFO,        /* open, creat, openat, openat2: opening a FIFO for reading or
                                  writing only, without O_NONBLOCK, waits for the other end */
    SC_BLOCK_PIPE_EITHER_END,  /* splice, tee, sendfile: waits when the source or the destination
                                  descriptor is a pipe, FIFO or socket (empty or full) */
};

/* How the size of one memory output is known, once the syscall has returned. */
enum sc_out_kind {
    OUT_FIXED = 1,      /* args[arg] points to `size` bytes */
    OUT_RESULT,         /* args[arg] points to `result` bytes (when result > 0) */
    OUT_RESULT_TIMES,   /* args[arg] points to result * size bytes (epoll_wait events) */
    OUT_ARG,            /* args[arg] points to args[len_arg] bytes */
    OUT_ARG_TIMES,      /* args[arg] points to args[len_arg] * size bytes (poll fds) */
    OUT_LENPTR,         /* args[arg] points to *(u32 *)args[len_arg] bytes read after the call
                           (socklen_t in/out, e.g. accept's addr); the u32 itself is OUT_FIXED 4 */
    OUT_IOV_RESULT,     /* args[arg] is an iovec array of args[len_arg] entries, filled in order
                           with `result` bytes in total (readv, preadv) */
    OUT_FDSET,          /* args[arg] is an fd_set of args[len_arg] (nfds) bits: (nfds+63)/64*8 bytes */
};

/* One memory output of a syscall. The pointer args[arg] may be NULL: then nothing is written. */
struct sc_out {
    uint8_t kind;       /* enum sc_out_kind; 0 ends the list */
    uint8_t arg;        /* which argument holds the pointer, 0..5 */
    uint8_t len_arg;    /* for OUT_ARG*, OUT_LENPTR, OUT_IOV_RESULT, OUT_FDSET */
    uint32_t size;      /* for OUT_FIXED, OUT_*_TIMES */
};

#define SC_MAX_OUT 4

struct syscall_desc {
    const char *name;               /* NULL: not in the table */
    uint8_t replay;                 /* enum sc_replay */
    uint8_t special_outputs;        /* 1: outputs depend on arguments beyond this shape (ioctl,
                                       fcntl, recvmsg, prctl...): syscall_outputs() handles them */
    uint8_t block;                  /* enum sc_block */
    struct sc_out out[SC_MAX_OUT];  /* memory outputs, in this order */
};

#define SYSCALL_TABLE_SIZE 512

/* The row for `nr`, or a row whose name is NULL when nr is not in the table. */
const struct syscall_desc *syscall_lookup(long nr);

/* Name of `nr` for messages ("syscall 999" style fallbacks are the caller's). */
const char *syscall_name(long nr);

/* One memory range a finished syscall wrote in the tracee. */
struct mem_range {
    uint64_t addr;
    uint64_t len;
};

/*
 * Reads tracee memory (pid) as needed (e.g. an iovec array, a msghdr, a socklen_t) and fills `out`
 * with the memory ranges that syscall `nr` with `args` and `result` wrote, at most `max` of them.
 * Returns the number of ranges, or -1 when more than `max` would be needed. Failed syscalls
 * (result < 0) write nothing, except where the kernel documents otherwise.
 */
int syscall_outputs(int pid, long nr, const uint64_t args[6], int64_t result,
                    struct mem_range *out, int max);

#endif
