/*
 * test_thread_fork.c: copies of a live multithreaded process (thread_fork.c). The program
 * (thread_fork/target.c: workers, a thread blocked in futex, a spinner in user code, main) is
 * stopped with every thread in a different kind of place; a copy is made, and a copy of the copy
 * through another thread; then the original, the copy and the copy's copy run to their ends one
 * after another, writing to the same file: the three reports and exit statuses must be the same,
 * and every thread's own checks (TLS, stack, ymm8, signal mask, altstack, name, the futex wait
 * woken with 0, join) must pass. The same when main has ended first (the leader a zombie).
 * Also: an incomplete thread list is refused, a copy is killed
 * without leaving a zombie, and the time to make a copy of 1, 4 and 16 threads is printed (with
 * thread_fork and, from a copy whose states are known, with thread_fork_known).
 * Run from native/tests (target.c is built from thread_fork/ with gcc).
 */
#include "check.h"
#include "thread_fork.h"
#include "thread_fork_harness.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[PATH_MAX], bin[PATH_MAX + 16];

static off_t size_of(int fd)
{
    struct stat st;
    return fstat(fd, &st) == 0 ? st.st_size : -1;
}

static char *read_range(int fd, off_t from, off_t to)
{
    char *b = calloc(1, (size_t)(to - from) + 1);
    if (b && pread(fd, b, (size_t)(to - from), from) != to - from)
        b[0] = 0;
    return b;
}

/* The copy's place of each thread is its source's (a source thread at a user stop is at a
 * syscall-exit stop with its registers). */
static void check_places(const struct tf_proc *p, const struct thread_copy *c, const char *what)
{
    char msg[128];
    int ok = 1;
    for (int i = 0; i < c->nthreads; i++) {
        int want = i == p->worker_idx[0] || i == p->waiter_idx || i == p->spinner_idx
                       ? PLACE_SYSCALL_EXIT
                       : PLACE_SYSCALL_ENTRY;
        ok &= thread_place_of(c->tids[i].copy) == want && c->tids[i].copy != c->tids[i].source;
    }
    snprintf(msg, sizeof msg, "%s: every thread stopped in its source's place, with a new tid",
             what);
    check(ok, msg);
}

static void test_copies(void)
{
    char out_path[PATH_MAX + 16];
    snprintf(out_path, sizeof out_path, "%s/out", dir);
    int out = open(out_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    struct tf_proc p;
    if (out < 0 || tf_start(bin, 4, "", out, &p) < 0) {
        check(0, "the program starts and stops where planned");
        return;
    }
    check(p.n == 7 && p.waiter_idx >= 0 && p.spinner_idx >= 0, "7 threads stopped");
    char err[512];
    struct thread_copy c1, c2, c3;

    /* refused: a thread left out */
    int rc = thread_fork(p.tids, p.n - 1, 0, 0, &c3, err, sizeof err);
    check(rc < 0 && strstr(err, "not among"), "a copy without every thread is refused");

    rc = thread_fork(p.tids, p.n, p.main_idx, 0, &c1, err, sizeof err);
    check(rc == 0, "a copy through main");
    if (rc < 0) {
        fprintf(stderr, "  %s\n", err);
        tf_kill(p.pid);
        return;
    }
    check_places(&p, &c1, "copy");
    pid_t c1tids[TF_MAXT];
    for (int i = 0; i < c1.nthreads; i++)
        c1tids[i] = c1.tids[i].copy;
    rc = thread_fork(c1tids, c1.nthreads, p.spinner_idx, 0, &c2, err, sizeof err);
    check(rc == 0, "a copy of the copy through the spinner (stopped in user code)");
    if (rc < 0)
        fprintf(stderr, "  %s\n", err);
    else
        check_places(&p, &c2, "copy of the copy");

    /* killed: gone, reaped */
    rc = thread_fork(p.tids, p.n, p.worker_idx[1], 0, &c3, err, sizeof err);
    check(rc == 0, "a third copy (through worker 1)");
    if (rc == 0) {
        pid_t gone = c3.pid;
        thread_copy_kill(&c3);
        check(kill(gone, 0) < 0 && errno == ESRCH, "a killed copy is gone and reaped");
    }

    int s0 = -1, s1 = -1, s2 = -1;
    check(tf_run_to_exit(p.pid, p.tids, p.n, &s0) == 0 && WIFEXITED(s0), "the original ends");
    off_t n0 = size_of(out);
    check(tf_run_to_exit(c1.pid, c1tids, c1.nthreads, &s1) == 0 && WIFEXITED(s1),
          "the copy ends");
    thread_copy_free(&c1);
    off_t n1 = size_of(out);
    if (c2.pid) {
        check(thread_copy_resume(&c2, PTRACE_CONT, err, sizeof err) == 0,
              "the copy's copy resumes");
        pid_t none[1];
        check(tf_run_to_exit(c2.pid, none, 0, &s2) == 0 && WIFEXITED(s2), "the copy's copy ends");
        thread_copy_free(&c2);
    }
    off_t n2 = size_of(out);
    char *o0 = read_range(out, 0, n0), *o1 = read_range(out, n0, n1), *o2 = read_range(out, n1, n2);
    check(n0 > 0 && !strstr(o0, "BAD") && strstr(o0, "waiter ok") && strstr(o0, "spinner ok"),
          "the original's threads all pass their checks");
    check(!strcmp(o0, o1), "the copy reports what the original reports");
    check(!strcmp(o0, o2), "the copy's copy reports what the original reports");
    check(s0 == s1 && s0 == s2, "the same exit status, three times");
    if (strcmp(o0, o1) || strcmp(o0, o2))
        fprintf(stderr, "original:\n%s\ncopy:\n%s\ncopy of copy:\n%s\n", o0, o1, o2);
    free(o0);
    free(o1);
    free(o2);
    close(out);
}

/* main has ended (pthread_exit; the leader a zombie): the copy has the live threads only, its
 * process id is the lead's copy, and it runs as the original does. */
static void test_main_ended(void)
{
    char out_path[PATH_MAX + 16];
    snprintf(out_path, sizeof out_path, "%s/out-mainexits", dir);
    int out = open(out_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    struct tf_proc p;
    if (out < 0 || tf_start(bin, 2, "mainexits", out, &p) < 0) {
        check(0, "the program (main ends first) starts and stops where planned");
        return;
    }
    char err[512];
    struct thread_copy c;
    int rc = thread_fork(p.tids, p.n, p.main_idx, 0, &c, err, sizeof err);
    check(rc == 0 && c.nthreads == 5, "a copy of a process whose main thread has ended");
    if (rc < 0) {
        fprintf(stderr, "  %s\n", err);
        tf_kill(p.pid);
        close(out);
        return;
    }
    int s0 = -1, s1 = -1;
    check(tf_run_to_exit(p.pid, p.tids, p.n, &s0) == 0 && WIFEXITED(s0), "the original ends");
    off_t n0 = size_of(out);
    check(thread_copy_resume(&c, PTRACE_CONT, err, sizeof err) == 0 &&
              tf_run_to_exit(c.pid, NULL, 0, &s1) == 0 && WIFEXITED(s1), "the copy ends");
    thread_copy_free(&c);
    char *o0 = read_range(out, 0, n0), *o1 = read_range(out, n0, size_of(out));
    check(n0 > 0 && !strstr(o0, "BAD") && !strcmp(o0, o1) && s0 == s1,
          "the copy reports and exits as the original (main ended)");
    free(o0);
    free(o1);
    close(out);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The best of 5 times (ms) of thread_fork_known from a copy of p (a save point's restore). */
static double time_known_copy(const struct tf_proc *p)
{
    struct thread_copy sp, c;
    struct thread_fork_state st[TF_MAXT];
    pid_t tids[TF_MAXT];
    char err[512];
    double best = 1e9;
    if (thread_fork(p->tids, p->n, p->main_idx, 0, &sp, err, sizeof err) < 0)
        return best;
    for (int i = 0; i < sp.nthreads; i++)
        tids[i] = sp.tids[i].copy;
    if (thread_states_read(tids, sp.nthreads, p->main_idx, 0, st, err, sizeof err) == 0) {
        for (int rep = 0; rep < 5; rep++) {
            double t0 = now_ms();
            int ok =
                thread_fork_known(tids, sp.nthreads, p->main_idx, st, &c, err, sizeof err) == 0;
            double t = now_ms() - t0;
            check(ok, "copies of a copy from its known states");
            if (!ok)
                break;
            best = t < best ? t : best;
            thread_copy_kill(&c);
        }
        for (int i = 0; i < sp.nthreads; i++)
            thread_state_free(&st[i]);
    }
    thread_copy_kill(&sp);
    return best;
}

/* Measures (prints, never asserts) the time of a copy of 1, 4 and 16 threads. */
static void measure(void)
{
    static const int counts[] = {1, 4, 16};
    int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        struct tf_proc p;
        if (tf_start(bin, counts[k] - 1, "plain", devnull, &p) < 0) {
            check(0, "the program starts (plain)");
            continue;
        }
        char err[512];
        double best = 1e9;
        int ok = 1;
        for (int rep = 0; rep < 5 && ok; rep++) {
            struct thread_copy c;
            double t0 = now_ms();
            ok = thread_fork(p.tids, p.n, p.main_idx, 0, &c, err, sizeof err) == 0;
            double t = now_ms() - t0;
            if (ok) {
                best = t < best ? t : best;
                thread_copy_kill(&c);
            }
        }
        check(ok, "copies of the plain program");
        double known = time_known_copy(&p);
        printf("thread_fork: %2d threads: a copy in %.2f ms, from known states %.2f ms "
               "(best of 5)\n", p.n, best, known);
        tf_kill(p.pid);
    }
    close(devnull);
}

int main(void)
{
    tf_watchdog(120);
    if (tf_prepare("rewind-thread-fork", dir, sizeof dir, bin, sizeof bin) < 0)
        return check_summary();
    test_copies();
    test_main_ended();
    measure();
    return check_summary();
}
