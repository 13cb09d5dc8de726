/*
 * thread_fork.h: a stopped copy of a ptrace-stopped multithreaded process, every thread recreated
 * (the building block of save points and snapshots of multithreaded replays; DESIGN.md "Threads").
 * fork copies only the calling thread, so the copy is made by forking one thread (the lead) and
 * injecting clone(CLONE_VM | CLONE_THREAD | ...) into the copy once per other thread, then giving
 * each new thread its original's state.
 *
 * What the caller must provide (the contract):
 *  - Every thread of the source process is a ptrace tracee of the calling thread, attached the
 *    PTRACE_TRACEME/PTRACE_ATTACH way (not PTRACE_SEIZE) with PTRACE_O_TRACESYSGOOD, and is in a
 *    ptrace stop; tids lists them all (checked against /proc/PID/task: a missing thread is
 *    refused).
 *    Ended threads (zombies: a leader that called pthread_exit while others run, a thread not yet
 *    waited for) are not listed and have no copy; the lead must be a live thread.
 *  - Each thread's stop is one of: a syscall-entry stop, a syscall-exit stop, or any other stop
 *    the caller would resume WITHOUT a signal (a SIGSTOP/SIGTRAP signal-delivery-stop, a breakpoint
 *    or single-step trap, a group-stop). A thread in a signal-delivery-stop is taken as resumed
 *    without its signal; a ptrace event stop (PTRACE_EVENT_CLONE, _EXEC...: inside a
 *    syscall) or a seccomp stop is refused.
 *  - Memory holds no breakpoint bytes the copy should not inherit (take them out around the call,
 *    as replay_save does).
 *
 * What it does to the source (each thread is injected into: prctl(PR_GET_TID_ADDRESS),
 * sigaltstack, prctl(PR_GET_TSC), and the lead a clone): afterwards every source thread is in a
 * ptrace stop again with the same registers, "in the same place":
 *  - a thread that was at a syscall-entry stop is at a syscall-entry stop of the same syscall,
 *    of the same kind: the kernel decides at the entry whether the syscall is emulated (the
 *    request that ran the thread into the stop, PTRACE_SYSEMU or PTRACE_SYSCALL, not the one that
 *    resumes it), so the caller says which kind its threads' entry stops are (flags
 *    THREAD_FORK_SYSEMU: every one is an emulated entry, as in a replay); a thread is re-entered
 *    with that request, and a resume then runs the syscall, or skips it, as before;
 *  - a thread at a syscall-exit stop is at a syscall-exit stop with the same registers;
 *  - a thread at another stop is at a syscall-exit stop (of the injection) with its registers, so
 *    PTRACE_CONT/SYSCALL/SINGLESTEP resume it at the same instruction; if it had been interrupted
 *    inside a syscall (orig_rax >= 0, rax = -ERESTARTSYS/-ERESTARTNOINTR/-ERESTARTNOHAND/
 *    -ERESTART_RESTARTBLOCK) its registers show the restart the kernel would have done
 *    (rip - 2, rax = orig_rax or restart_syscall), as it would have been resumed without a signal.
 *  - Signals that arrived during the injections are queued to the thread again (tkill).
 *  - The memory is unchanged (the scratch bytes below the lead's red zone are put back).
 *
 * The copy: a new process (a sibling of the source: CLONE_PARENT, so the caller reaps it; it sends
 * no SIGCHLD; its pid is the lead's copy's tid, whatever the source's pid), traced by the caller
 * with the source's ptrace options, one thread per live source thread, every thread stopped in the
 * same place as its source (as above; a thread interrupted inside a syscall restarts it with its
 * original arguments, also for -ERESTART_RESTARTBLOCK: a relative timeout starts again). Per thread
 * it has the source thread's general registers (fs_base, gs_base included), FP/SSE/AVX state
 * (NT_X86_XSTATE, FP registers without XSAVE), signal mask, clear_child_tid (set_tid_address),
 * robust list head, rseq registration, alternate signal stack, name (comm), TSC mode (PR_SET_TSC)
 * and CPU affinity. Not copied: pending signals (process- and thread-directed, as fork), nice value
 * and scheduling policy, per-thread credentials, restart_block (see above), ptrace stop kinds other
 * than syscall stops, seccomp per thread (all threads get the lead's filter).
 *
 * Thread ids: the copy's threads have new tids (the map is in struct thread_copy). Nothing in the
 * copy's memory is rewritten; the tid values the program or the kernel hold there keep the
 * source's tids, and the caller (replay's recorded <-> live tid map) must know them:
 *  - words written with a tid by the kernel: CLONE_PARENT_SETTID / CLONE_CHILD_SETTID targets
 *    (glibc: struct pthread.tid) and set_tid_address: these hold source tids. clear_child_tid is
 *    only ever cleared (written 0) at thread exit, so pthread_join works unchanged.
 *  - futex words the kernel reads as tids: robust mutexes (owner tid in the lock word: at thread
 *    exit the kernel marks a lock FUTEX_OWNER_DIED only if the word holds the live tid) and PI
 *    futexes (FUTEX_LOCK_PI/UNLOCK_PI look the owner up by the tid in the word): in a replay the
 *    program's words hold recorded tids; such futexes are emulated, never run for real.
 *  - tgkill/tkill/rt_tgsigqueueinfo/sched_* by tid (glibc's pthread_kill uses struct pthread.tid),
 *    gettid, getpid: a replay emulates them with recorded values; a live copy would use stale tids.
 *
 * Replay integration (the threads work, h1's agent), what the caller does:
 *  - Save: stop every thread at a schedule point (the thread that runs next at its syscall-entry
 *    stop or wherever it stopped, the others where they wait: syscall stops, or SIGSTOP stops the
 *    caller would resume without a signal), reap ended threads, take breakpoint bytes out, call
 *    thread_fork with the running thread as lead, put the bytes back. The save point keeps the
 *    copy (struct thread_copy) and, per recorded tid, the index of its thread in copy->tids,
 *    next to the schedule position (which thread runs, each thread's next event), as
 *    replay_savepoint.c keeps the event position. The save point itself never runs.
 *  - Restore: thread_fork the save point's threads (copy->tids[].copy, same lead index; or
 *    thread_fork_known with their states read once by thread_states_read) and map
 *    each recorded tid to its new live tid (recorded -> index -> new copy->tids[index].copy);
 *    kill the old live process with thread_copy_kill (it reaps every thread).
 *  - Unlike tracee_fork_stopped + settle (single-threaded save points: always left at a
 *    syscall-exit stop), a thread at a syscall-entry stop stays at one: the code that resumes a
 *    restored process must take each thread's place into account (thread_place_of).
 *  - Fix up nothing in memory for tids when every tid use is emulated (see above); a syscall run
 *    for real with a tid argument (tgkill to a thread of the process, a PI futex) must have its
 *    recorded tid mapped to the live one first.
 * Snapshots (snapshot_threads.c, format 4) keep one record per thread: struct thread_fork_state
 * (registers, xstate, signal mask, clear_child_tid, robust list, rseq, altstack, name, TSC mode,
 * affinity, place), read with thread_states_read. Restoring into the husk: the husk's one thread
 * becomes the first thread (thread_state_apply with is_forked false: a process made from scratch
 * inherits nothing), each other thread is made with thread_clone_into and given its state with
 * thread_state_apply (docs/snapshot-format.md, "The threads section").
 *
 * Invariant: on failure (-1 with err) no copy exists (a partly made copy is killed and reaped)
 * and the source threads are back in their places as above.
 */
#ifndef REWIND_THREAD_FORK_H
#define REWIND_THREAD_FORK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

enum thread_place {
    PLACE_SYSCALL_ENTRY, /* at a syscall-entry stop */
    PLACE_SYSCALL_EXIT,  /* at a syscall-exit stop */
    PLACE_USER,          /* any other stop: resumes at rip, without a signal */
};

/* One thread's state: all a copy needs to recreate it. */
#define THREAD_XSTATE_MAX 16384
struct thread_fork_state {
    pid_t tid;
    enum thread_place place;
    int entry_emulated;                 /* PLACE_SYSCALL_ENTRY: a PTRACE_SYSEMU entry stop (the
                                         * syscall is skipped whatever the resume), re-entered so */
    struct user_regs_struct regs;       /* as read (place PLACE_USER: before the restart fix-up) */
    uint8_t *xstate;                    /* NT_X86_XSTATE bytes (xstate_len), or fpregs */
    size_t xstate_len;
    int xstate_is_fpregs;               /* no XSAVE: xstate holds a struct user_fpregs_struct */
    uint64_t sigmask;
    uint64_t clear_child_tid;
    uint64_t robust_head, robust_len;
    uint64_t rseq_addr, rseq_len, rseq_sig; /* rseq_addr 0: none registered */
    struct { uint64_t sp; int flags; uint64_t size; } altstack;
    int tsc_mode;                       /* PR_GET_TSC: PR_TSC_ENABLE or PR_TSC_SIGSEGV */
    char name[16];                      /* comm */
    uint8_t affinity[128];              /* sched_getaffinity mask (1024 CPUs) */
    size_t affinity_len;
};

struct thread_fork_tid {
    pid_t source, copy;
};

struct thread_copy {
    pid_t pid;                  /* the copy's process (thread-group) id: the lead's copy */
    int nthreads;
    struct thread_fork_tid *tids; /* tids[i]: the i-th input thread and its copy (malloc'd) */
};

/* flags: every syscall-entry stop of the threads is a PTRACE_SYSEMU one (a replay's) */
#define THREAD_FORK_SYSEMU 1u

/*
 * Makes the copy of the process whose threads are tids[0..n) (all of them), forking through
 * thread tids[lead]; flags: THREAD_FORK_SYSEMU or 0. Returns 0 with *copy filled, or -1 with err.
 */
int thread_fork(const pid_t *tids, int n, int lead, unsigned flags, struct thread_copy *copy,
                char *err, size_t errlen);

/*
 * As thread_fork, with the threads' states already known (st[i] for tids[i], as
 * thread_states_read gave them) and the threads unchanged since: a save point, which never runs,
 * read once after it is made. Nothing is read from the threads and only the lead is injected
 * into (the fork): about a third faster, and the save point's other threads are not touched.
 * The kind of each entry stop is st's (entry_emulated).
 * Refused if a thread's place or general registers differ from st.
 */
int thread_fork_known(const pid_t *tids, int n, int lead, const struct thread_fork_state *st,
                      struct thread_copy *copy, char *err, size_t errlen);

/* Resumes every thread of the copy with ptrace request (PTRACE_CONT, PTRACE_SYSCALL...), no
 * signal. 0, or -1 with err (a thread that is gone). After this the caller waits for it. */
int thread_copy_resume(const struct thread_copy *copy, int request, char *err, size_t errlen);

/* Kills the copy (stopped or running) and reaps every thread of it; frees copy->tids. */
void thread_copy_kill(struct thread_copy *copy);

/* Frees copy->tids only (the caller ran the copy to its end and reaped it). */
void thread_copy_free(struct thread_copy *copy);

/* ---- the per-thread steps (thread_state.c), for snapshots and tests ---- */

/* Reads the state of every thread tids[0..n) of one process (all of them, as thread_fork), each
 * thread put back in its place afterwards (as thread_fork leaves the source). The snapshot's
 * per-thread records. 0, or -1 with err (then nothing is left allocated in st). */
int thread_states_read(const pid_t *tids, int n, int lead, unsigned flags,
                       struct thread_fork_state *st, char *err, size_t errlen);

/* Where thread tid (in a ptrace stop) is, or -1 (not stopped, a ptrace event or seccomp stop). */
int thread_place_of(pid_t tid);

/* Reads thread tid's state through ptrace and through syscalls injected at inj (a `syscall`
 * instruction in its memory), using 256 bytes at scratch in its memory (restored by the caller).
 * The thread is left in a syscall-exit stop: thread_state_place puts it back in its place.
 * flags: THREAD_FORK_SYSEMU or 0 (st->entry_emulated). 0, or -1 with err (st->xstate may be
 * allocated: thread_state_free). */
int thread_state_read(pid_t tid, uint64_t inj, uint64_t scratch, unsigned flags,
                      struct thread_fork_state *st, char *err, size_t errlen);
/* Puts source thread tid (in a syscall-exit stop after injections) back in st's place with st's
 * registers (as the header's first part says). 0, or -1 with err. */
int thread_state_place(pid_t tid, const struct thread_fork_state *st, char *err, size_t errlen);
void thread_state_free(struct thread_fork_state *st);

/* Gives thread tid (a fresh thread in its first stop, or any thread in a syscall stop) the state
 * st, attributes through syscalls injected at inj (scratch as above), and puts it in st's place.
 * is_forked: tid is the fork of st's thread (it has its rseq registration and altstack already).
 * 0, or -1 with err. */
int thread_state_apply(pid_t tid, const struct thread_fork_state *st, uint64_t inj,
                       uint64_t scratch, int is_forked, char *err, size_t errlen);

/* Makes one more thread in process pid (its thread leader in a ptrace stop) by a clone
 * injected at inj, with st's stack pointer and fs_base, traced like the leader; returns its tid
 * in its first stop (state not given yet: thread_state_apply), or -1 with err. */
pid_t thread_clone_into(pid_t leader, int mem_fd, const struct thread_fork_state *st, uint64_t inj,
                        char *err, size_t errlen);

/* The registers a thread at PLACE_USER resumes with (the kernel's restart of an interrupted
 * syscall done by hand; for_source: -ERESTART_RESTARTBLOCK becomes restart_syscall, else a rerun
 * of the original syscall). */
struct user_regs_struct thread_resume_regs(const struct thread_fork_state *st, int for_source);

#endif
