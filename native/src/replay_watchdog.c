/*
 * replay_watchdog.c: a replay must never wait forever. Between events the replayed process only
 * runs its own code: every syscall it makes is stopped at and emulated, and the few that run for
 * real (address-space calls, an injected rt_sigsuspend that delivers a recorded signal) return at
 * once. So a replayed process that sleeps inside a syscall (state S or D) for a long time can
 * only be waiting for something the recording does not provide: no event can make progress.
 *
 * A thread looks at the current tracee once a second; after REPLAY_STUCK_SECONDS (or
 * $REWIND_STUCK_SECONDS) of such sleep in a row it notes "replay stuck at event N: ..." and kills
 * the tracee, so that whatever the agent waits in returns; replay_diverged() and
 * replay_trace_error() then report the note instead of their own message.
 *
 * The other way to wait forever is in user code: a signal or preemption point in user code
 * (SIGNAL/PREEMPT place 2) that the replay misses inside a loop without syscalls (a loop that
 * spins until the signal's handler changes something) runs for ever. Such a point carries the
 * user CPU time its thread had used when recorded, an upper bound of what it used since its
 * previous event; while the replay runs to one (replay_watchdog_approach), the watchdog measures
 * the user CPU the replayed thread has used since, and past STUCK_CPU_FACTOR times the recorded
 * time, and at least the limit above, it ends the replay as stuck too. User time only: a replay
 * stopping at every arrival (a breakpoint) spends its extra time in the kernel and in the agent,
 * and the stub's comparison costs a few dozen instructions per arrival.
 */
#include "replay_internal.h"
#include "signal_point.h"
#include "syscall_table.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define REPLAY_STUCK_SECONDS 20
#define STUCK_CPU_FACTOR 64

struct replay_watchdog {
    struct replay *r;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    bool quit;                    /* under lock */
    unsigned limit;               /* seconds of sleep in a syscall that mean "stuck" */
    int stuck;                    /* set (release) once message is written */
    /* the run to a point in user code (under lock); approach_pid 0: none */
    pid_t approach_pid;
    uint64_t approach_event;      /* the point's event index */
    uint64_t approach_base_ns;    /* the thread's user CPU when the run began */
    uint64_t approach_recorded_ns;
    char message[512];
};

/* Reads a small /proc file into buf (NUL-terminated); its length, or -1. */
static ssize_t read_small_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    buf[n > 0 ? n : 0] = 0;
    return n;
}

/* The syscall pid sleeps in, or -1 when it is running, stopped, or not in a syscall. */
static long sleeping_in_syscall(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_small_file(path, buf, sizeof buf) <= 0)
        return -1;
    const char *close_paren = strrchr(buf, ')');
    if (!close_paren || (close_paren[2] != 'S' && close_paren[2] != 'D'))
        return -1;
    snprintf(path, sizeof path, "/proc/%d/syscall", pid);
    if (read_small_file(path, buf, sizeof buf) <= 0)
        return -1;
    char *end;
    long nr = strtol(buf, &end, 10);
    return end == buf || nr < 0 ? -1 : nr;
}

static void note_stuck(struct replay_watchdog *w, pid_t pid, long nr, unsigned seconds)
{
    struct replay *r = w->r;
    uint64_t event = __atomic_load_n(&r->tr.next_event, __ATOMIC_RELAXED);
    const char *name = syscall_name(nr);
    char what[64];
    if (name)
        snprintf(what, sizeof what, "%s (syscall %ld)", name, nr);
    else
        snprintf(what, sizeof what, "syscall %ld", nr);
    snprintf(w->message, sizeof w->message,
             "replay stuck at event %lu: the replayed process has waited in %s for %u s, and "
             "nothing in the recording can end that wait (the replay was stopped)",
             (unsigned long)(event ? event - 1 : 0), what, seconds);
    __atomic_store_n(&w->stuck, 1, __ATOMIC_RELEASE);
    kill(pid, SIGKILL);
}

/* Whether the run to a point in user code has used far more user CPU than the recording did;
 * then notes it as stuck (under lock). */
static bool check_approach(struct replay_watchdog *w)
{
    pid_t pid = __atomic_load_n(&w->r->t.pid, __ATOMIC_RELAXED);
    uint64_t next = __atomic_load_n(&w->r->tr.next_event, __ATOMIC_RELAXED);
    if (!w->approach_pid || pid != w->approach_pid || next != w->approach_event + 1)
        return false;
    uint64_t now = signal_point_user_cpu_ns(pid);
    uint64_t used = now > w->approach_base_ns ? now - w->approach_base_ns : 0;
    uint64_t limit = (uint64_t)w->limit * 1000000000ull;
    if (w->approach_recorded_ns < UINT64_MAX / STUCK_CPU_FACTOR &&
        w->approach_recorded_ns * STUCK_CPU_FACTOR > limit)
        limit = w->approach_recorded_ns * STUCK_CPU_FACTOR;
    if (w->approach_recorded_ns >= UINT64_MAX / STUCK_CPU_FACTOR || used <= limit)
        return false;
    snprintf(w->message, sizeof w->message,
             "replay stuck at event %lu: the replayed thread %d has computed for %.1f s of user CPU "
             "without reaching the event's point in user code, which the recording reached after "
             "%.1f s at most (the replay was stopped)",
             (unsigned long)w->approach_event, (int)pid, used / 1e9,
             w->approach_recorded_ns / 1e9);
    __atomic_store_n(&w->stuck, 1, __ATOMIC_RELEASE);
    kill(pid, SIGKILL);
    return true;
}

void replay_watchdog_approach(struct replay_watchdog *w, pid_t pid, uint64_t event,
                              uint64_t recorded_ns)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    if (w->approach_pid != pid || w->approach_event != event) {
        w->approach_pid = pid;
        w->approach_event = event;
        w->approach_base_ns = signal_point_user_cpu_ns(pid);
        w->approach_recorded_ns = recorded_ns;
    }
    pthread_mutex_unlock(&w->lock);
}

static void *watch(void *arg)
{
    struct replay_watchdog *w = arg;
    unsigned slept = 0;
    pid_t last = 0;
    long last_nr = -1;
    pthread_mutex_lock(&w->lock);
    while (!w->quit) {
        struct timespec at;
        clock_gettime(CLOCK_REALTIME, &at);
        at.tv_sec += 1;
        pthread_cond_timedwait(&w->wake, &w->lock, &at);
        if (w->quit || __atomic_load_n(&w->stuck, __ATOMIC_ACQUIRE))
            continue;
        if (check_approach(w))
            continue;
        pid_t pid = __atomic_load_n(&w->r->t.pid, __ATOMIC_RELAXED);
        long nr = pid > 0 ? sleeping_in_syscall(pid) : -1;
        slept = nr >= 0 && pid == last && nr == last_nr ? slept + 1 : 0;
        last = pid;
        last_nr = nr;
        if (nr >= 0 && slept >= w->limit)
            note_stuck(w, pid, nr, slept);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

struct replay_watchdog *replay_watchdog_start(struct replay *r)
{
    struct replay_watchdog *w = calloc(1, sizeof *w);
    if (!w)
        fatal("out of memory");
    w->r = r;
    const char *env = getenv("REWIND_STUCK_SECONDS");
    long limit = env ? strtol(env, NULL, 10) : 0;
    w->limit = limit > 0 && limit < 86400 ? (unsigned)limit : REPLAY_STUCK_SECONDS;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    /* the agent's own signals (flush timer, parent death, TERM) are for the main thread */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int made = pthread_create(&w->thread, NULL, watch, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (made != 0) {
        warn("cannot start the replay watchdog: %s (a stuck replay will not be detected)",
             strerror(made));
        free(w);
        return NULL;
    }
    return w;
}

const char *replay_watchdog_stuck(const struct replay_watchdog *w)
{
    return w && __atomic_load_n(&w->stuck, __ATOMIC_ACQUIRE) ? w->message : NULL;
}

void replay_watchdog_stop(struct replay_watchdog *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->quit = true;
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
    free(w);
}
