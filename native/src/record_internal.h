/*
 * record_internal.h: the recorder's state, shared by record.c (the main loop, syscalls, signals)
 * and record_sched.c (which thread runs: record_threads.h). Not for use outside the recorder.
 */
#ifndef REWIND_RECORD_INTERNAL_H
#define REWIND_RECORD_INTERNAL_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "file_watch.h"
#include "record.h"
#include "record_settings.h"
#include "record_threads.h"
#include "snapshot_dump.h"
#include "syscall_table.h"
#include "trace_writer.h"
#include "tracee.h"

struct signal_point;

struct recorder {
    struct trace_writer tw;
    struct tracee t;
    struct record_result *res;
    const char *program;
    bool stopped;                     /* recording over (EXIT or STOP written) */
    bool program_ended;               /* the recorded process is gone (reaped) */
    bool attached;                    /* a forked child (record_tree.h), not started by exec */
    int release_sig;                  /* the stop signal a process let go gets (record.c) */

    /* the current thread: its syscall in progress and where it last returned (record_threads.h) */
    struct thread_ctx th;
    pid_t main_pid;                   /* the recorded process (its main thread) */
    struct thread_table threads;      /* every thread, the current one included (once there are 2) */
    bool has_current;                 /* r->t.pid is a thread resumed or to resume (else all wait) */
    pid_t named_tid;                  /* the thread the last THREAD event named (main before any) */
    bool threads_named;               /* a THREAD event was written */
    bool exiting;                     /* exit_group was entered: no more switches */
    bool let_in;                      /* the current thread entered a syscall that may block */
    bool thread_exits;                /* the current thread entered exit (not the main one) */
    bool mt_exec;                     /* the current thread entered execve with other threads (or
                                         not being the main one): if it succeeds, see
                                         sched_exec_collapse */
    struct mem_range *exit_words;     /* ... the futex words its end may write (record_thread_end.h) */
    size_t nexit_words;
    uint64_t resumed_ns;              /* when the current thread was last resumed */
    pid_t preempt_to;                 /* a preemption signal is on its way to this thread, or 0 */
    uint64_t flushed_ns;              /* when the events were last flushed */
    bool tick_fast;                   /* the timer ticks at the scheduler's pace (record_sched.c) */
    uint64_t preempts;                /* threads interrupted by the scheduler */
    uint64_t preempt_backoff_ns;      /* after a declined preemption: the wait before the next try */
    uint64_t next_preempt_ns;         /* no preemption of the current thread before then */
    uint64_t declined_since_ns;       /* tries declined since then (0: none) */
    bool decline_warned;              /* said once that a thread could not be interrupted */
    struct signal_point *declined_point; /* the current thread's state at its last declined
                                         preemption (sched_spin_point); NULL: none since it ran */
    /* chaos mode (record_request.chaos): random priorities and slices, drawn from chaos_rng */
    bool chaos;
    uint64_t chaos_rng;               /* the generator's state, from the seed */
    int chaos_budget;                 /* switch points the current thread may still run through */
    uint64_t chaos_slice_ns;          /* the current thread's slice (CPU time) of code without a stop */
    uint64_t chaos_cpu_base_ns;       /* its CPU time when its slice was first checked (0: not yet) */

    /* snapshots while recording (record_request.snapshot_every) */
    uint64_t snapshot_every, next_snapshot;
    uint64_t brk;                     /* the program break, as the replay will keep it */
    char snapshot_dir[PATH_MAX];
    struct snapshot_dumper *dumper;

    /* signals that arrived while moving to a signal's point (nudge_to_patchable) and were raised
     * again by us: their own siginfo is put back when they stop */
    struct raised_signal {
        int sig;
        siginfo_t info;
    } raised[16];
    int nraised;
    bool has_deferred;                /* the program ended while moving: its wait status */
    int deferred_status;
    bool warned[SYSCALL_TABLE_SIZE];  /* refused numbers already named on stderr */
    bool warned_other;                /* the same for numbers outside the table's range */
    struct program_settings settings; /* what the program set among what the recorder changed */
    struct file_watch *files;         /* the files the program maps; what writes to them change */

    /* rewind itself was signalled (TERM, HUP, QUIT) or lost its parent: see on_terminate_request */
    int terminated_by;                /* the first such signal, or 0 */
    uint64_t terminate_deadline_ns;   /* the program must have ended by then (0: no deadline) */
    uint64_t external_sig_ns[65];     /* when the program last got each signal from elsewhere */
};

/* record.c */
/* Ends the recording before what cannot be recorded (a STOP event naming why); kills the program. */
void record_end_here(struct recorder *r, const char *why);
/* Writes the SYSCALL event of the current thread's syscall with its result. */
void record_write_syscall(struct recorder *r, int64_t result);
/* The current thread's syscall-exit stop: its event, and where it returned. */
void record_syscall_exit(struct recorder *r);
/* Whether the syscall the current thread entered creates a thread (clone with CLONE_THREAD). */
bool record_creates_thread(struct recorder *r);

/* record_sched.c */
/* At a syscall entry of the current thread: true when it needs nothing more (see there). */
bool sched_on_entry(struct recorder *r);
/* The program's PTRACE_EVENT_EXEC stop (reported for its main thread's tid) after mt_exec: the
 * kernel ended every other thread and the thread that exec'd has the main thread's tid; the
 * others' ends are reaped, the table emptied, and the main thread is the current one. */
void sched_exec_collapse(struct recorder *r);
/* The current thread created thread tid (PTRACE_EVENT_CLONE). */
void sched_new_thread(struct recorder *r, pid_t tid);
/* A stop of a thread other than the running one. */
void sched_other_stop(struct recorder *r, pid_t pid, int status);
/* Resumes the current thread after its stop, or switches (see there). */
void sched_resume(struct recorder *r, int deliver, bool switch_point);
/* Runs the next thread that can run, if any. */
void sched_next(struct recorder *r);
/* On the timer: interrupts the current thread (a signal the program never gets) when it has run
 * user code without a stop for a time slice while another thread could run. */
void sched_tick(struct recorder *r);
/* The interruption reached the thread where the replay could not find it cheaply: it runs on, to
 * be tried again later, less often each time. */
void sched_declined(struct recorder *r);
/* At a preemption of the current thread where the replay cannot patch (point: its state there):
 * whether it is the state of its last declined preemption too, a loop that changes no register
 * and no stack byte (a spin-wait on memory only another thread changes). Every arrival at such a
 * point is alike, so the replay finds it by a breakpoint at its first arrival: it is taken. Else
 * the state is kept for the next try, which is declined. */
bool sched_spin_point(struct recorder *r, const struct signal_point *point);
/* Whether the signal stop (sig, si) of the current thread is that interruption. */
bool sched_is_preempt(struct recorder *r, int sig, const siginfo_t *si);
/* Chaos mode from this seed, which is kept in the trace folder's file `chaos`
 * (docs/trace-format.md); -1 with r->tw.error set when that file cannot be written. */
int sched_chaos_start(struct recorder *r, uint64_t seed);

#endif
