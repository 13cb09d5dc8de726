/* thread_fork_harness.c: see thread_fork_harness.h. */
#include "thread_fork_harness.h"
#include "check.h"
#include "thread_fork.h"
#include "tracee.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MARKER 0x7e570000UL
#define MARKER_MAIN (MARKER + 0xfff)
#define MARKER_SPIN (MARKER + 0xffe)
#define WAITER_BITSET 0x7e57

static void on_alarm(int sig)
{
    static const char msg[] = "FAIL: the test ran past its time limit (tracees die with it)\n";
    (void)sig;
    (void)!write(2, msg, sizeof msg - 1);
    _exit(1);
}

void tf_watchdog(int seconds)
{
    signal(SIGALRM, on_alarm);
    alarm((unsigned)seconds);
}

int tf_build(const char *dir, char *bin, size_t binlen)
{
    char cmd[PATH_MAX * 2 + 128];
    snprintf(bin, binlen, "%s/target", dir);
    snprintf(cmd, sizeof cmd, "gcc -std=gnu11 -O1 -pthread -o %s thread_fork/target.c", bin);
    return system(cmd) == 0 ? 0 : -1;
}

void tf_kill(pid_t pid)
{
    struct thread_copy c = {.pid = pid};
    thread_copy_kill(&c);
}

/* ---- stopping every thread where the test wants it ---- */

enum role_state { RUNNING, SETTLED };

struct driver {
    struct tf_proc *p;
    enum role_state state[TF_MAXT];
    int settled, expected;
};

static int index_of(struct driver *d, pid_t tid)
{
    for (int i = 0; i < d->p->n; i++)
        if (d->p->tids[i] == tid)
            return i;
    if (d->p->n == TF_MAXT)
        return -1;
    d->p->tids[d->p->n] = tid;
    d->state[d->p->n] = RUNNING;
    return d->p->n++;
}

static void settle(struct driver *d, int i)
{
    d->state[i] = SETTLED;
    d->settled++;
}

/* Waits (bounded) until thread tid sleeps in the kernel, then stops it with SIGSTOP. */
static int stop_when_blocked(pid_t tid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", tid);
    for (int tries = 0; tries < 20000; tries++) { /* (up to ~20 s; the watchdog is the limit) */
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
        if (fd >= 0)
            close(fd);
        if (n <= 0)
            return -1;
        buf[n] = 0;
        char *paren = strrchr(buf, ')');
        if (paren && paren[1] == ' ' && paren[2] == 'S')
            return (int)syscall(SYS_tkill, tid, SIGSTOP);
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    return -1;
}

/* One syscall stop of thread i: settle it, or resume it. */
static int on_syscall_stop(struct driver *d, int i, pid_t tid)
{
    struct user_regs_struct r;
    ptrace(PTRACE_GETREGS, tid, 0, &r);
    int op = syscall_stop_op(tid);
    long nr = regs_syscall_nr(&r);
    int resume_then_stop = 0;
    if (op == 1 && nr == SYS_getppid && r.rdi >= MARKER && r.rdi < MARKER + TF_MAXT) {
        d->p->worker_idx[r.rdi - MARKER] = i;
        if (r.rdi != MARKER) { /* worker 0 goes on to its exit stop */
            settle(d, i);
            return 0;
        }
    } else if (op == 1 && nr == SYS_getppid && r.rdi == MARKER_MAIN) {
        d->p->main_idx = i;
        settle(d, i);
        return 0;
    } else if (op == 2 && nr == SYS_getppid && r.rdi == MARKER) {
        settle(d, i);
        return 0;
    } else if (op == 1 && nr == SYS_futex && r.r9 == WAITER_BITSET) {
        d->p->waiter_idx = i;
        if (ptrace(PTRACE_SYSCALL, tid, 0, 0) < 0 || stop_when_blocked(tid) < 0)
            return -1;
        return 0;
    } else if (op == 1 && nr == SYS_exit && tid == d->p->pid) {
        settle(d, i); /* mainexits: main ends (counted: it must not stay stopped here) */
    } else if (op == 2 && nr == SYS_getppid && r.rdi == MARKER_SPIN) {
        d->p->spinner_idx = i;
        resume_then_stop = 1;
    }
    if (ptrace(PTRACE_SYSCALL, tid, 0, 0) < 0)
        return -1;
    return resume_then_stop ? (int)syscall(SYS_tkill, tid, SIGSTOP) : 0;
}

static int drive(struct driver *d)
{
    while (d->settled < d->expected) {
        int status;
        pid_t tid = waitpid(-1, &status, __WALL);
        if (tid < 0 && errno == EINTR)
            continue;
        if (tid < 0 || WIFEXITED(status) || WIFSIGNALED(status)) {
            fprintf(stderr, "target: thread %d ended early (status %#x)\n", tid, status);
            return -1;
        }
        int i = index_of(d, tid);
        if (i < 0)
            return -1;
        struct stop_info s = classify_stop(tid, status);
        int rc = 0;
        if (s.kind == STOP_SYSCALL) {
            rc = on_syscall_stop(d, i, tid);
        } else if (s.kind == STOP_SIGNAL && s.sig == SIGSTOP &&
                   (i == d->p->waiter_idx || i == d->p->spinner_idx)) {
            settle(d, i); /* the waiter: after its futex's exit stop (-ERESTARTSYS) */
        } else {
            int sig = s.kind == STOP_SIGNAL && s.sig != SIGSTOP ? s.sig : 0;
            rc = (int)ptrace(PTRACE_SYSCALL, tid, 0, sig);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Waits (bounded) until the leader pid has ended (a zombie while its threads run), and takes it
 * out of p's threads. */
static int drop_ended_leader(struct tf_proc *p)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", p->pid);
    for (int tries = 0;; tries++) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
        if (fd >= 0)
            close(fd);
        if (n <= 0 || tries == 20000)
            return -1;
        buf[n] = 0;
        char *paren = strrchr(buf, ')');
        if (paren && paren[1] == ' ' && paren[2] == 'Z')
            break;
        struct timespec ms = {0, 1000000};
        nanosleep(&ms, NULL);
    }
    int k = 0;
    while (k < p->n && p->tids[k] != p->pid)
        k++;
    if (k == p->n)
        return -1;
    memmove(&p->tids[k], &p->tids[k + 1], sizeof p->tids[0] * (size_t)(p->n - k - 1));
    p->n--;
    int *idx[TF_MAXT + 3] = {&p->main_idx, &p->waiter_idx, &p->spinner_idx};
    for (int i = 0; i < TF_MAXT; i++)
        idx[3 + i] = &p->worker_idx[i];
    for (int i = 0; i < TF_MAXT + 3; i++)
        if (*idx[i] > k)
            (*idx[i])--;
    return 0;
}

int tf_start(const char *bin, int nworkers, const char *mode, int out_fd, struct tf_proc *p)
{
    int plain = !strcmp(mode, "plain"), mainexits = !strcmp(mode, "mainexits");
    memset(p, 0, sizeof *p);
    p->waiter_idx = p->spinner_idx = p->main_idx = -1;
    pid_t pid = fork();
    if (pid == 0) {
        char nbuf[16];
        snprintf(nbuf, sizeof nbuf, "%d", nworkers);
        dup2(out_fd, 1);
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        raise(SIGSTOP);
        execl(bin, bin, nbuf, mode, (char *)NULL);
        _exit(127);
    }
    int status;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
        return -1;
    ptrace(PTRACE_SETOPTIONS, pid, 0,
           PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
    p->pid = pid;
    p->tids[0] = pid;
    p->n = 1;
    struct driver d = {.p = p, .expected = nworkers + 1 + (plain ? 0 : 2) + mainexits};
    if (ptrace(PTRACE_SYSCALL, pid, 0, 0) < 0 || drive(&d) < 0 ||
        (mainexits && drop_ended_leader(p) < 0)) {
        fprintf(stderr, "target: could not be stopped as planned\n");
        tf_kill(pid);
        return -1;
    }
    return 0;
}

int tf_run_to_exit(pid_t pid, const pid_t *tids, int n, int *status)
{
    for (int i = 0; i < n; i++)
        if (ptrace(PTRACE_CONT, tids[i], 0, 0) < 0)
            return -1;
    for (;;) {
        int st;
        pid_t got = waitpid(-1, &st, __WALL);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (WIFEXITED(st) || WIFSIGNALED(st)) {
            if (got == pid) {
                *status = st;
                return 0;
            }
            continue;
        }
        struct stop_info s = classify_stop(got, st);
        int sig = s.kind == STOP_SIGNAL && s.sig != SIGSTOP ? s.sig : 0;
        ptrace(PTRACE_CONT, got, 0, sig);
    }
}

static char prepared_dir[PATH_MAX];

static void remove_prepared_dir(void)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf %s", prepared_dir);
    if (prepared_dir[0] && system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", prepared_dir);
}

int tf_prepare(const char *name, char *dir, size_t dirlen, char *bin, size_t binlen)
{
    snprintf(prepared_dir, sizeof prepared_dir, "/tmp/%s-XXXXXX", name);
    if (!mkdtemp(prepared_dir)) {
        prepared_dir[0] = 0;
        check(0, "a temporary directory");
        return -1;
    }
    atexit(remove_prepared_dir);
    snprintf(dir, dirlen, "%s", prepared_dir);
    if (tf_build(dir, bin, binlen) < 0) {
        check(0, "the test program builds");
        return -1;
    }
    return 0;
}
