/*
 * record_threads.h: the recorder's threads. One thread of the recorded process runs at a time;
 * the others wait in ptrace stops, or in the kernel inside a syscall that may block (let in so the
 * others can run: a futex wait, a read of a pipe...). This table knows each thread's state and
 * the context of the syscall it stands in; record.c schedules (docs/trace-format.md, kinds 8, 9).
 *
 * Invariant: at most one thread is RT_RUNNING (resumed into user code or a syscall that completes
 * at once); every other known thread is stopped by ptrace or RT_IN_KERNEL.
 */
#ifndef REWIND_RECORD_THREADS_H
#define REWIND_RECORD_THREADS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

/* The syscall a thread stands in, between its entry and exit stops, and where it last returned. */
struct thread_ctx {
    bool in_syscall;
    long nr;
    uint64_t args[6];
    bool exec_done;                   /* an exec happened inside this syscall */
    uint64_t clone3_flags;            /* original clone3 flags to put back at exit, or 0 */
    int refused;                      /* the error of a refused syscall in progress, or 0 */
    bool entered;                     /* a SYSCALL_ENTER event was written for it (may block) */
    /* where the last syscall returned: a signal stop with these registers is at the boundary */
    bool at_boundary;
    struct user_regs_struct boundary_regs;
    uint64_t boundary_queued;         /* signals_queued() at that syscall exit */
    /* the last stop was a signal's, resumed with it delivered (see record.c) */
    bool after_delivery;
};

enum thread_state {
    RT_NEW,        /* created, in its first (SIGSTOP) stop: resumed with the stop suppressed */
    RT_READY,      /* in a ptrace stop, its events so far recorded */
    RT_RUNNING,    /* the one thread resumed */
    RT_IN_KERNEL,  /* let into a syscall that may block; its exit stop not seen yet */
    RT_RETURNED,   /* ... its exit stop seen: the result is recorded when it is scheduled */
};

struct rthread {
    pid_t tid;
    enum thread_state state;
    struct thread_ctx ctx;            /* saved while another thread runs */
    uint32_t chaos_priority;          /* chaos mode: the higher runs first; 0: not drawn yet */
};

struct thread_table {
    struct rthread *v;
    int n, cap;
    int next;                         /* where the round-robin search for the next thread starts */
};

struct rthread *threads_find(struct thread_table *tt, pid_t tid);
/* Adds tid in state st (a new entry with an empty context; the existing one if known). */
struct rthread *threads_add(struct thread_table *tt, pid_t tid, enum thread_state st);
void threads_remove(struct thread_table *tt, pid_t tid);
/* The next thread that can be resumed (NEW, READY, RETURNED) other than `except`, round-robin;
 * NULL when every thread waits in the kernel. */
struct rthread *threads_pick(struct thread_table *tt, pid_t except);
/* Whether a thread other than `except` can be resumed (threads_pick would find one). */
bool threads_runnable(const struct thread_table *tt, pid_t except);
void threads_free(struct thread_table *tt);

/* Whether syscall nr with args may block for as long as another thread chooses (a futex wait, a
 * read of a pipe or socket, a sleep, a wait...): such a syscall is let into the kernel while the
 * other threads run. pid: the thread, for the kind of a descriptor. */
bool syscall_may_block(pid_t pid, long nr, const uint64_t args[6]);

#endif
