/* record_sched.c: which thread of the recorded process runs (record_threads.h, record_internal.h).
 * One runs at a time; every switch is a THREAD event, so the trace is the schedule. The fair
 * schedule is round-robin at every syscall; chaos mode (below) draws priorities and slices from a
 * seed instead, so that interleavings the fair one never makes show up. */
#include "record_internal.h"
#include "record_signals.h"
#include "signal_point.h"
#include "leader_end.h"
#include "record_thread_end.h"
#include "record_threads.h"
#include "trace_events.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>
#include <sys/wait.h>

/* A thread runs user code this long without a stop before another that can run gets its turn. */
#define TIME_SLICE_NS 20000000ull
/* The timer's period once the program has threads (one thread: the flush period, 100 ms). */
#define TICK_US 10000

/*
 * What a syscall entry means for the threads (the current one is r->t.pid): exit_group ends all
 * (no more switches); a thread's exit (the main thread's too, while others run) is let end before
 * another runs (end_current_thread), then written; what threads cannot do yet ends the recording. True when the entry needs nothing more.
 */
bool sched_on_entry(struct recorder *r)
{
    if (r->th.nr == SYS_exit_group)
        r->exiting = true;
    if (r->th.nr == SYS_execve || r->th.nr == SYS_execveat) {
        /* from any thread of several: if it succeeds, the kernel ends the others first */
        r->mt_exec = r->threads.n > 1 || r->t.pid != r->main_pid;
        return false;
    }
    if (r->threads.n <= 1)
        return false;
    if (r->th.nr == SYS_exit) { /* its event is written once it has ended (end_current_thread) */
        r->nexit_words = robust_list_words(r->t.pid, &r->t, &r->exit_words);
        r->thread_exits = true;
        return true;
    }
    return false;
}

/* The events from here on are tid's: a THREAD event unless they already were. */
static void name_thread(struct recorder *r, pid_t tid)
{
    if (r->named_tid == tid)
        return;
    trace_put_thread(&r->tw, (uint32_t)tid);
    r->named_tid = tid;
    r->threads_named = true;
}

/* ---- chaos mode ----
 * Each thread has a random priority; at a syscall's return the current thread runs on while its
 * budget (a random number of switch points, 1..CHAOS_MAX_BUDGET) lasts and no runnable thread has a
 * higher priority; else the runnable thread of highest priority runs, and the one that yielded
 * after spending its budget draws a new priority. A thread in user code without a stop is
 * preempted after a random slice (CHAOS_MIN_SLICE_NS..CHAOS_MAX_SLICE_NS) instead of 20 ms, and
 * then yields to another. Every choice at a syscall comes from the seed and the program's own
 * sequence of syscalls, so a program whose threads meet only at syscalls gets the same schedule
 * from the same seed; slices are wall-clock time, as in the fair schedule.
 * Progress: a budget is finite and a preempted or exhausted thread yields to another, so every
 * runnable thread runs within a bounded number of switches, as in round-robin. */
#define CHAOS_MAX_BUDGET 64
#define CHAOS_MIN_SLICE_NS 1000000ull
#define CHAOS_MAX_SLICE_NS 30000000ull
/* The timer's period in chaos mode: fine enough for the shortest slices. */
#define CHAOS_TICK_US 1000

/* splitmix64: the next number of the seeded sequence. */
static uint64_t chaos_next(struct recorder *r)
{
    uint64_t z = (r->chaos_rng += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static uint32_t chaos_priority(struct recorder *r, struct rthread *t)
{
    if (!t->chaos_priority)
        t->chaos_priority = 1 + (uint32_t)(chaos_next(r) % 1000000);
    return t->chaos_priority;
}

static bool can_run(const struct rthread *t)
{
    return t->state == RT_NEW || t->state == RT_READY || t->state == RT_RETURNED;
}

/* The runnable thread of highest priority other than `except` (ties: the first), or NULL. */
static struct rthread *chaos_best(struct recorder *r, pid_t except)
{
    struct rthread *best = NULL;
    for (int i = 0; i < r->threads.n; i++) {
        struct rthread *t = &r->threads.v[i];
        if (t->tid != except && can_run(t) && (!best || chaos_priority(r, t) > chaos_priority(r, best)))
            best = t;
    }
    return best;
}

/* At a switch point of the current thread: the thread to run instead, or NULL to run on. */
static struct rthread *chaos_pick(struct recorder *r, pid_t current)
{
    struct rthread *best = chaos_best(r, current);
    if (!best)
        return NULL;
    struct rthread *cur = threads_find(&r->threads, current);
    if (r->chaos_budget > 0 && cur && chaos_priority(r, cur) >= chaos_priority(r, best)) {
        r->chaos_budget--;
        return NULL;
    }
    if (cur && r->chaos_budget <= 0)
        cur->chaos_priority = 0; /* spent its budget: a new priority when next compared */
    return best;
}

/* The CPU time thread tid has used (ns, from /proc/PID/task/TID/schedstat), or 0 if unknown. */
static uint64_t thread_cpu_ns(struct recorder *r, pid_t tid)
{
    char path[96];
    snprintf(path, sizeof path, "/proc/%d/task/%d/schedstat", r->main_pid, tid);
    FILE *f = fopen(path, "re");
    if (!f)
        return 0;
    unsigned long long ns = 0;
    if (fscanf(f, "%llu", &ns) != 1)
        ns = 0;
    fclose(f);
    return ns;
}

/* Chaos mode: whether the current thread's slice is used up. A slice is CPU time, not wall time
 * (a thread that waits for a core on a busy machine has not used it), so a program whose threads
 * meet only at syscalls gets the same schedule from the same seed on a busy machine too. The
 * time is measured from the first tick after the thread was resumed (chaos_cpu_base_ns). */
static bool chaos_slice_over(struct recorder *r, uint64_t since_resumed_ns)
{
    uint64_t cpu = thread_cpu_ns(r, r->t.pid);
    if (!cpu)
        return since_resumed_ns >= r->chaos_slice_ns; /* (no schedstat: wall time) */
    if (!r->chaos_cpu_base_ns) {
        r->chaos_cpu_base_ns = cpu;
        return false;
    }
    return cpu - r->chaos_cpu_base_ns >= r->chaos_slice_ns;
}

int sched_chaos_start(struct recorder *r, uint64_t seed)
{
    r->chaos = true;
    r->chaos_rng = seed;
    char text[64];
    int len = snprintf(text, sizeof text, "seed %llu\n", (unsigned long long)seed);
    int fd = openat(r->tw.dir_fd, "chaos", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && write(fd, text, (size_t)len) == len;
    int err = errno;
    if (fd >= 0 && close(fd) < 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok)
        snprintf(r->tw.error, sizeof r->tw.error, "cannot write the chaos seed into the trace folder "
                 "(chaos): %s", strerror(err));
    return ok ? 0 : -1;
}

/* The current thread's budget and slice, drawn as it starts to run. */
static void chaos_start_turn(struct recorder *r)
{
    r->chaos_budget = 1 + (int)(chaos_next(r) % CHAOS_MAX_BUDGET);
    r->chaos_slice_ns = CHAOS_MIN_SLICE_NS + chaos_next(r) % (CHAOS_MAX_SLICE_NS - CHAOS_MIN_SLICE_NS);
}

/* The current thread waits from now on in state st, its context kept in the table. */
static void park_current(struct recorder *r, enum thread_state st)
{
    struct rthread *t = threads_add(&r->threads, r->t.pid, st);
    t->state = st;
    t->ctx = r->th;
    r->has_current = false;
}

/* Makes t the current thread and resumes it: one back from a blocking syscall first has its
 * result recorded (SYSCALL with SYSF_RESUMED); a new one leaves its first stop without SIGSTOP. */
static void run_thread(struct recorder *r, struct rthread *t)
{
    enum thread_state was = t->state;
    r->t.pid = t->tid;
    r->th = t->ctx;
    r->has_current = true;
    t->state = RT_RUNNING;
    name_thread(r, t->tid);
    if (was == RT_RETURNED) {
        file_watch_entry(r->files, &r->t, -1, r->th.args); /* (another syscall's watch: forgotten) */
        record_syscall_exit(r);
    }
    r->resumed_ns = now_ns();
    r->chaos_cpu_base_ns = 0;
    r->preempt_backoff_ns = 0;
    r->next_preempt_ns = 0;
    r->declined_since_ns = 0;
    free(r->declined_point);
    r->declined_point = NULL;
    if (r->chaos)
        chaos_start_turn(r);
    if (ptrace(PTRACE_SYSCALL, t->tid, 0, 0) < 0)
        warn("cannot resume thread %d: %s", t->tid, strerror(errno));
}

/* Runs the next thread that can run, if any (else every thread waits in the kernel). */
void sched_next(struct recorder *r)
{
    if (r->exiting || r->stopped)
        return;
    struct rthread *t = r->chaos ? chaos_best(r, 0) : threads_pick(&r->threads, 0);
    if (t)
        run_thread(r, t);
}

/* Reaps thread tid, which the kernel is ending (SIGKILL): through its PTRACE_EVENT_EXIT stop. */
static void reap_ending(pid_t tid)
{
    int status;
    while (waitpid_uninterrupted(tid, &status, __WALL) == tid && !WIFEXITED(status) &&
           !WIFSIGNALED(status))
        ptrace(PTRACE_CONT, tid, 0, 0);
}

void sched_exec_collapse(struct recorder *r)
{
    for (int i = 0; i < r->threads.n; i++) {
        pid_t tid = r->threads.v[i].tid;
        if (tid != r->t.pid && tid != r->main_pid)
            reap_ending(tid);
    }
    r->threads.n = 0;
    r->threads.next = 0;
    r->t.pid = r->main_pid;
    r->has_current = true;
    r->named_tid = r->main_pid; /* (implied by the EXEC event: docs/trace-format.md, kind 8) */
    r->mt_exec = false;
    r->let_in = false;
    r->preempt_to = 0;
}

/* The current thread made thread tid (PTRACE_EVENT_CLONE): it is collected in its first stop and
 * waits its turn. The first thread names the main one, so every thread of the recording is named. */
void sched_new_thread(struct recorder *r, pid_t tid)
{
    if (!r->threads_named) {
        trace_put_thread(&r->tw, (uint32_t)r->t.pid);
        r->named_tid = r->t.pid;
        r->threads_named = true;
    }
    if (!threads_find(&r->threads, r->t.pid) && r->chaos)
        chaos_start_turn(r); /* the main thread's first turn */
    threads_add(&r->threads, r->t.pid, RT_RUNNING);
    if (!r->tick_fast) { /* the timer now ticks at the scheduler's pace (sched_tick) */
        long us = r->chaos ? CHAOS_TICK_US : TICK_US;
        struct itimerval tick = {{0, us}, {0, us}};
        setitimer(ITIMER_REAL, &tick, NULL);
        r->tick_fast = true;
    }
    if (threads_find(&r->threads, tid))
        return; /* its first stop came before this event */
    int status;
    if (waitpid_uninterrupted(tid, &status, __WALL) < 0 || !WIFSTOPPED(status)) {
        record_end_here(r, "a new thread of the program could not be followed: the recording "
                              "stops here");
        return;
    }
    threads_add(&r->threads, tid, RT_NEW);
}

/* The current thread entered exit (the main one too: pthread_exit in main): it ends before any other thread runs, so
 * the kernel's clearing of its tid word (that joiners wait on) and its robust-list writes are
 * done; then its exit event is written with those writes (record_thread_end.h). */
static void end_current_thread(struct recorder *r)
{
    pid_t tid = r->t.pid;
    r->thread_exits = false;
    ptrace(PTRACE_SYSCALL, tid, 0, 0);
    if (tid == r->main_pid) { /* (pthread_exit in main: its end is reported after the others') */
        int status, got = leader_follow_to_end(tid, &status);
        if (got == 1) { /* the whole program ended meanwhile: that is handled as it comes */
            r->has_deferred = true;
            r->deferred_status = status;
        } else if (got < 0) {
            char why[200];
            snprintf(why, sizeof why, "the main thread did not end as expected after its exit "
                     "(wait status %#x): the recording stops here", status);
            record_end_here(r, why);
        }
    }
    for (; tid != r->main_pid;) {
        int status;
        if (waitpid_uninterrupted(tid, &status, __WALL) < 0 || WIFEXITED(status) || WIFSIGNALED(status))
            break;
        ptrace(PTRACE_CONT, tid, 0, 0); /* its PTRACE_EVENT_EXIT stop */
    }
    if (!r->stopped) { /* (what reads /proc for the process goes through a thread that lives) */
        for (int i = 0; i < r->threads.n; i++)
            if (r->threads.v[i].tid != tid) {
                r->t.pid = r->threads.v[i].tid;
                break;
            }
        record_write_syscall(r, 0);
        r->t.pid = tid;
    }
    r->th.in_syscall = false;
    free(r->exit_words);
    r->exit_words = NULL;
    r->nexit_words = 0;
    threads_remove(&r->threads, tid);
    if (r->preempt_to == tid)
        r->preempt_to = 0;
    r->has_current = false;
    sched_next(r);
}

/* A stop of a thread that is not the one running (or of a new one): recorded when it runs. */
void sched_other_stop(struct recorder *r, pid_t pid, int status)
{
    struct rthread *t = threads_find(&r->threads, pid);
    if (!t) {
        threads_add(&r->threads, pid, RT_NEW); /* its first stop, before its creator's event */
        return;
    }
    struct stop_info s = classify_stop(pid, status);
    if (s.kind == STOP_EXITED) {
        threads_remove(&r->threads, pid);
        return;
    }
    if (s.kind == STOP_EVENT && s.event == PTRACE_EVENT_EXIT) {
        ptrace(PTRACE_CONT, pid, 0, 0);
        return;
    }
    if (t->state == RT_IN_KERNEL && s.kind == STOP_SYSCALL && syscall_stop_op(pid) == 2) {
        t->state = RT_RETURNED;
        if (!r->has_current)
            sched_next(r);
        return;
    }
    if (!r->stopped) {
        char why[200];
        snprintf(why, sizeof why, "thread %d of the program stopped unexpectedly (wait status %#x) "
                 "while another ran: the recording stops here", pid, status);
        record_end_here(r, why);
    }
}

/*
 * Resumes the current thread after its stop (deliver: the signal it gets), or lets it into the
 * blocking syscall it entered and runs another, or, at a syscall's return (switch_point), runs
 * the next thread that can run: every thread gets its turn at each of its syscalls.
 */
void sched_resume(struct recorder *r, int deliver, bool switch_point)
{
    pid_t tid = r->t.pid;
    r->resumed_ns = now_ns();
    r->chaos_cpu_base_ns = 0;
    if (r->thread_exits && !r->stopped) {
        end_current_thread(r);
        return;
    }
    if (r->let_in) {
        r->let_in = false;
        park_current(r, RT_IN_KERNEL);
        ptrace(PTRACE_SYSCALL, tid, 0, 0);
        sched_next(r);
        return;
    }
    if (switch_point && r->threads.n > 1 && !r->exiting && !r->stopped) {
        struct rthread *next = r->chaos ? chaos_pick(r, tid) : threads_pick(&r->threads, tid);
        if (next) {
            park_current(r, RT_READY);
            run_thread(r, next);
            return;
        }
    }
    ptrace(PTRACE_SYSCALL, tid, 0, deliver);
}


/* ---- preemption ---- */

/* The signals the scheduler may interrupt a thread with, the first one it does not block: rarely
 * used ones; the thread never receives it (the recorder takes it at the delivery stop). */
static const int preempt_signals[] = {SIGSTKFLT, SIGPWR, SIGURG, SIGWINCH, SIGXCPU};

void sched_tick(struct recorder *r)
{
    if (r->threads.n < 2 || !r->has_current || r->exiting || r->stopped || r->preempt_to == r->t.pid)
        return;
    uint64_t now = now_ns();
    if ((r->chaos ? !chaos_slice_over(r, now - r->resumed_ns) : now - r->resumed_ns < TIME_SLICE_NS) ||
        now < r->next_preempt_ns ||
        !threads_runnable(&r->threads, r->t.pid))
        return;
    struct signal_masks m;
    if (!signal_masks_read(r->t.pid, &m))
        return;
    for (size_t i = 0; i < sizeof preempt_signals / sizeof preempt_signals[0]; i++)
        if (!signal_in(m.blocked, preempt_signals[i]) && !signal_in(m.pending, preempt_signals[i])) {
            syscall(SYS_tkill, r->t.pid, preempt_signals[i]);
                    r->preempt_to = r->t.pid;
            return;
        }
    sched_declined(r); /* every one blocked (for now, say while it starts a thread) */
}

/* Declined tries back off from one slice up to MAX_BACKOFF_NS between tries. */
#define MAX_BACKOFF_NS 640000000ull
/* A thread declined this long while others wait is named on stderr (once). */
#define DECLINED_WARN_NS 5000000000ull
/* ... and this long, the recording stops: the program may be waiting in that loop for another
 * thread, which would never run (no hang without a message). */
#define DECLINED_STOP_NS 60000000000ull

void sched_declined(struct recorder *r)
{
    uint64_t now = now_ns();
    r->preempt_backoff_ns = r->preempt_backoff_ns ? 2 * r->preempt_backoff_ns : TIME_SLICE_NS;
    if (r->preempt_backoff_ns > MAX_BACKOFF_NS)
        r->preempt_backoff_ns = MAX_BACKOFF_NS;
    r->next_preempt_ns = now + r->preempt_backoff_ns;
    if (!r->declined_since_ns)
        r->declined_since_ns = now;
    if (!r->stopped && now - r->declined_since_ns > DECLINED_STOP_NS) {
        char why[400];
        snprintf(why, sizeof why, "thread %d has run for %llu s where Rewind cannot interrupt it "
                 "for an exact replay (a loop of short instructions whose registers change, or "
                 "every signal blocked) while other threads wait to run: if it waits for one of "
                 "them it would wait forever; the recording stops here", r->t.pid,
                 DECLINED_STOP_NS / 1000000000ull);
        record_end_here(r, why);
        return;
    }
    if (!r->decline_warned && now - r->declined_since_ns > DECLINED_WARN_NS) {
        warn("thread %d has run for seconds where Rewind cannot interrupt it for an exact replay (a "
             "tight loop of short instructions, or every signal blocked); the other threads wait "
             "until it makes a syscall or leaves the loop (the recording stops after %llu s)",
             r->t.pid, DECLINED_STOP_NS / 1000000000ull);
        r->decline_warned = true;
    }
}

bool sched_spin_point(struct recorder *r, const struct signal_point *point)
{
    if (r->declined_point && signal_point_equal(point, r->declined_point))
        return true;
    if (!r->declined_point)
        r->declined_point = xmalloc(sizeof *r->declined_point);
    *r->declined_point = *point;
    return false;
}

bool sched_is_preempt(struct recorder *r, int sig, const siginfo_t *si)
{
    if (si->si_code != SI_TKILL || si->si_pid != getpid())
        return false;
    for (size_t i = 0; i < sizeof preempt_signals / sizeof preempt_signals[0]; i++)
        if (sig == preempt_signals[i]) {
            if (r->preempt_to == r->t.pid)
                r->preempt_to = 0;
            r->preempts++;
            r->chaos_budget = 0; /* (chaos mode) a preempted thread yields to another */
            return true;
        }
    return false;
}
