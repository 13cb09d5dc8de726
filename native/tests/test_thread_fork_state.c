/*
 * test_thread_fork_state.c: each thread of a copy (thread_fork.c) against its source, read back
 * through ptrace and injected syscalls (thread_states_read): general registers with fs_base and
 * gs_base, the whole FP/SSE/AVX state (each worker's ymm8 holds its own value across the copy),
 * signal mask, clear_child_tid, robust list, rseq, alternate signal stack, name, TSC mode,
 * affinity; the values differ between threads, so a thread given another's state is caught. Also: a
 * copy refused while one thread runs leaves the source whole (a later copy runs like it); one at a
 * ptrace event stop is refused; a signal pending for a (non-leader) thread during the copy is
 * pending for it again afterwards; a thread at a syscall-entry stop runs that syscall when resumed,
 * in both; thread_fork_known makes a copy of the copy from its states read once. Then all run to
 * the end with the same report and exit status. Run from native/tests.
 */
#include "check.h"
#include "thread_fork.h"
#include "thread_fork_harness.h"

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#define FXSAVE_LEN 512
#define XMM8_OFFSET (160 + 8 * 16)        /* in the FXSAVE area */
#define YMM_HI_OFFSET 576                 /* the AVX component (standard format) */
#define YMM8_HI_OFFSET (YMM_HI_OFFSET + 8 * 16)

static char dir[PATH_MAX], bin[PATH_MAX + 16];

static int same_state(const struct thread_fork_state *a, const struct thread_fork_state *b)
{
    size_t avx_end = YMM_HI_OFFSET + 256;
    return !memcmp(&a->regs, &b->regs, sizeof a->regs) && a->xstate_len == b->xstate_len &&
           a->xstate_len >= avx_end && !memcmp(a->xstate, b->xstate, FXSAVE_LEN) &&
           !memcmp(a->xstate + YMM_HI_OFFSET, b->xstate + YMM_HI_OFFSET, 256) &&
           a->sigmask == b->sigmask && a->clear_child_tid == b->clear_child_tid &&
           a->robust_head == b->robust_head && a->robust_len == b->robust_len &&
           a->rseq_addr == b->rseq_addr && a->rseq_len == b->rseq_len &&
           a->rseq_sig == b->rseq_sig && a->altstack.sp == b->altstack.sp &&
           a->altstack.size == b->altstack.size && a->altstack.flags == b->altstack.flags &&
           !strcmp(a->name, b->name) && a->tsc_mode == b->tsc_mode &&
           a->affinity_len == b->affinity_len && !memcmp(a->affinity, b->affinity, a->affinity_len);
}

/* Worker i's ymm8 as it loaded it: {i, 3i, 0xabc0 + i, ~i}. */
static int holds_ymm8(const struct thread_fork_state *s, unsigned long i)
{
    unsigned long want[4] = {i, i * 3, 0xabc0 + i, ~i}, got[4];
    memcpy(got, s->xstate + XMM8_OFFSET, 16);
    memcpy(got + 2, s->xstate + YMM8_HI_OFFSET, 16);
    return !memcmp(want, got, sizeof want);
}

static void compare_states(const struct tf_proc *p, const struct thread_copy *c)
{
    int n = p->n;
    pid_t ctids[TF_MAXT];
    for (int i = 0; i < n; i++)
        ctids[i] = c->tids[i].copy;
    struct thread_fork_state src[TF_MAXT], cp[TF_MAXT];
    char err[512];
    int rs = thread_states_read(p->tids, n, p->main_idx, 0, src, err, sizeof err);
    int rc = rs == 0 ? thread_states_read(ctids, n, p->main_idx, 0, cp, err, sizeof err) : -1;
    check(rs == 0 && rc == 0, "the states of the original's and the copy's threads read back");
    if (rs < 0 || rc < 0) {
        fprintf(stderr, "  %s\n", err);
        if (rs == 0)
            for (int i = 0; i < n; i++)
                thread_state_free(&src[i]);
        return;
    }
    int all_same = 1, fs_differ = 1, masks_differ = 1, ymm_ok = 1, set = 1;
    for (int i = 0; i < n; i++) {
        if (!same_state(&src[i], &cp[i])) {
            all_same = 0;
            fprintf(stderr, "  thread %d (%s): the copy's state differs\n", i, src[i].name);
        }
        set &= src[i].clear_child_tid && src[i].robust_head &&
               (i == p->main_idx || !(src[i].altstack.flags & SS_DISABLE));
        for (int j = 0; j < i; j++) {
            fs_differ &= src[i].regs.fs_base != src[j].regs.fs_base;
            masks_differ &=
                i == p->main_idx || j == p->main_idx || src[i].sigmask != src[j].sigmask;
        }
    }
    for (int w = 0; w < n - 3; w++)
        ymm_ok &= holds_ymm8(&cp[p->worker_idx[w]], (unsigned long)w) &&
                  holds_ymm8(&src[p->worker_idx[w]], (unsigned long)w);
    check(set, "every source thread has a tid address and robust list, workers a signal stack");
    check(fs_differ && masks_differ, "the threads' fs_base and signal masks differ (meaningful)");
    check(all_same, "each copy thread has its source's registers, xstate, mask, tid address, "
                    "robust list, rseq, altstack, name, TSC mode and affinity");
    check(ymm_ok, "each worker's ymm8 holds its own value in the original and the copy");
    for (int i = 0; i < n; i++) {
        thread_state_free(&src[i]);
        thread_state_free(&cp[i]);
    }
}

/* thread_fork_known: a copy of the copy from its states read once: refused when they do not
 * match, else a copy whose threads have those states again. The new copy, or pid 0. */
static struct thread_copy copy_known(const struct tf_proc *p, const struct thread_copy *c)
{
    struct thread_copy c2 = {0};
    int n = c->nthreads;
    pid_t ctids[TF_MAXT], c2tids[TF_MAXT];
    struct thread_fork_state kst[TF_MAXT], again[TF_MAXT];
    char err[512];
    for (int i = 0; i < n; i++)
        ctids[i] = c->tids[i].copy;
    if (thread_states_read(ctids, n, p->main_idx, 0, kst, err, sizeof err) < 0) {
        check(0, "the copy's states read");
        return c2;
    }
    kst[1].regs.rip++;
    int rc = thread_fork_known(ctids, n, p->main_idx, kst, &c2, err, sizeof err);
    check(rc < 0 && strstr(err, "not in the state given"), "thread_fork_known: refused if changed");
    kst[1].regs.rip--;
    rc = thread_fork_known(ctids, n, p->main_idx, kst, &c2, err, sizeof err);
    check(rc == 0, "thread_fork_known: a copy of the copy from its known states");
    if (rc == 0) {
        for (int i = 0; i < n; i++)
            c2tids[i] = c2.tids[i].copy;
        int same = thread_states_read(c2tids, n, p->main_idx, 0, again, err, sizeof err) == 0;
        for (int i = 0; same && i < n; i++)
            same = same_state(&kst[i], &again[i]);
        for (int i = 0; i < n; i++)
            thread_state_free(&again[i]);
        check(same, "thread_fork_known: each thread has the known state");
    }
    for (int i = 0; i < n; i++)
        thread_state_free(&kst[i]);
    return c2;
}

/* A copy while the spinner runs is refused, and the source stays whole: stopped again. */
static void refused_while_running(struct tf_proc *p)
{
    pid_t spin = p->tids[p->spinner_idx];
    char err[512];
    struct thread_copy c;
    check(ptrace(PTRACE_CONT, spin, 0, 0) == 0, "the spinner runs again");
    int rc = thread_fork(p->tids, p->n, p->main_idx, 0, &c, err, sizeof err);
    check(rc < 0 && strstr(err, "not in a stop"), "no copy while a thread runs");
    rc = thread_fork(p->tids, p->n, p->spinner_idx, 0, &c, err, sizeof err);
    check(rc < 0 && strstr(err, "not in a stop"), "no copy through a thread that runs");
    int status;
    syscall(SYS_tkill, spin, SIGSTOP);
    check(waitpid(spin, &status, __WALL) == spin && WIFSTOPPED(status) &&
              WSTOPSIG(status) == SIGSTOP, "the spinner stops again");
}

/* A process in a ptrace event stop (here PTRACE_EVENT_EXEC) is refused, and left as it was. */
static void refused_at_event_stop(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        raise(SIGSTOP);
        execl("/bin/true", "true", (char *)NULL);
        _exit(127);
    }
    int status;
    waitpid(pid, &status, 0);
    ptrace(PTRACE_SETOPTIONS, pid, 0,
           PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL);
    ptrace(PTRACE_CONT, pid, 0, 0);
    waitpid(pid, &status, 0);
    check(WIFSTOPPED(status) && status >> 16 == PTRACE_EVENT_EXEC, "a process at its exec event");
    char err[512];
    struct thread_copy c;
    int rc = thread_fork(&pid, 1, 0, 0, &c, err, sizeof err);
    check(rc < 0 && strstr(err, "event"), "no copy at a ptrace event stop");
    ptrace(PTRACE_CONT, pid, 0, 0);
    check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "the process goes on untouched");
}

/* Thread tid, at the syscall-entry stop of worker i's marker (getppid(0x7e570000 + i)), resumed
 * with PTRACE_SYSCALL, stops at that syscall's exit with its result (our pid: the copy is the
 * source's sibling). */
static int entry_runs_its_syscall(pid_t tid, unsigned long i)
{
    int status;
    struct user_regs_struct r;
    return thread_place_of(tid) == PLACE_SYSCALL_ENTRY && ptrace(PTRACE_SYSCALL, tid, 0, 0) == 0 &&
           waitpid(tid, &status, __WALL) == tid && WIFSTOPPED(status) &&
           WSTOPSIG(status) == (SIGTRAP | 0x80) && thread_place_of(tid) == PLACE_SYSCALL_EXIT &&
           ptrace(PTRACE_GETREGS, tid, 0, &r) == 0 && r.orig_rax == SYS_getppid &&
           r.rdi == 0x7e570000 + i && r.rax == (unsigned long long)getpid();
}

/* Thread tid's thread-directed pending signals (/proc/TID/status SigPnd). */
static unsigned long long pending_of(pid_t tid)
{
    char path[64], line[256];
    unsigned long long mask = 0;
    snprintf(path, sizeof path, "/proc/%d/status", tid);
    FILE *f = fopen(path, "re");
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "SigPnd: %llx", &mask) == 1)
            break;
    if (f)
        fclose(f);
    return mask;
}

int main(void)
{
    tf_watchdog(120);
    if (tf_prepare("rewind-thread-fork-state", dir, sizeof dir, bin, sizeof bin) < 0)
        return check_summary();
    char out_path[PATH_MAX + 16];
    snprintf(out_path, sizeof out_path, "%s/out", dir);
    int out = open(out_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    struct tf_proc p;
    if (out < 0 || tf_start(bin, 5, "", out, &p) < 0) {
        check(0, "the program starts and stops where planned");
        return check_summary();
    }
    refused_at_event_stop();
    refused_while_running(&p);
    /* a signal pending for a worker (not the leader) meets the injections: queued to it again */
    pid_t w1 = p.tids[p.worker_idx[1]];
    syscall(SYS_tkill, w1, SIGWINCH);
    struct thread_copy c;
    char err[512];
    int rc = thread_fork(p.tids, p.n, p.waiter_idx, 0, &c, err, sizeof err);
    check(rc == 0, "a copy through the thread blocked in futex");
    check(pending_of(w1) & (1ull << (SIGWINCH - 1)),
          "a signal pending for a worker is pending for it again after the copy");
    if (rc < 0) {
        fprintf(stderr, "  %s\n", err);
        tf_kill(p.pid);
        return check_summary();
    }
    compare_states(&p, &c);
    int w3 = p.worker_idx[3];
    check(entry_runs_its_syscall(p.tids[w3], 3) && entry_runs_its_syscall(c.tids[w3].copy, 3),
          "a thread at a syscall-entry stop, resumed, runs that syscall (original and copy)");
    struct thread_copy c2 = copy_known(&p, &c);
    int s0 = -1, s1 = -1, s2 = -1;
    check(tf_run_to_exit(p.pid, p.tids, p.n, &s0) == 0 && WIFEXITED(s0), "the original ends");
    struct stat st0;
    fstat(out, &st0);
    check(thread_copy_resume(&c, PTRACE_CONT, err, sizeof err) == 0 &&
              tf_run_to_exit(c.pid, NULL, 0, &s1) == 0 && WIFEXITED(s1), "the copy ends");
    thread_copy_free(&c);
    if (c2.pid) {
        check(thread_copy_resume(&c2, PTRACE_CONT, err, sizeof err) == 0 &&
                  tf_run_to_exit(c2.pid, NULL, 0, &s2) == 0 && WIFEXITED(s2),
              "the known-state copy ends");
        thread_copy_free(&c2);
    }
    struct stat st1;
    fstat(out, &st1);
    size_t len = (size_t)st0.st_size;
    char *a = calloc(1, len + 1), *b = calloc(1, len + 1), *d = calloc(1, len + 1);
    int same = st1.st_size == 3 * st0.st_size && pread(out, a, len, 0) == st0.st_size &&
               pread(out, b, len, st0.st_size) == st0.st_size &&
               pread(out, d, len, 2 * st0.st_size) == st0.st_size && !strcmp(a, b) && !strcmp(a, d);
    check(same && !strstr(a, "BAD") && s0 == s1 && s0 == s2,
          "the copy and the known-state copy report and exit as the original");
    if (!same || strstr(a, "BAD"))
        fprintf(stderr, "original:\n%s\ncopy:\n%s\nknown-state copy:\n%s\n", a, b, d);
    free(a);
    free(b);
    free(d);
    close(out);
    return check_summary();
}
