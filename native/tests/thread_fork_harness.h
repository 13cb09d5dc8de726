/*
 * thread_fork_harness.h: the thread_fork tests' live program (thread_fork/target.c) built, started
 * under ptrace and driven until every thread is stopped where the test wants it (see target.c):
 * main and workers 1.. at their marker's syscall-entry stop, worker 0 at its syscall-exit stop, the
 * waiter in a SIGSTOP signal-delivery-stop while blocked in futex (rax = -ERESTARTSYS), the spinner
 * in a SIGSTOP stop while spinning in user code. Then processes are run to their end or killed.
 */
#ifndef REWIND_THREAD_FORK_HARNESS_H
#define REWIND_THREAD_FORK_HARNESS_H

#include <sys/types.h>

#define TF_MAXT 80

struct tf_proc {
    pid_t pid;
    int n;                      /* threads, all stopped */
    pid_t tids[TF_MAXT];
    int main_idx;               /* index in tids of main */
    int worker_idx[TF_MAXT];    /* ... of worker i */
    int waiter_idx, spinner_idx; /* ... (-1 when plain) */
};

/* Kills everything the test started (EXITKILL) if it runs past seconds: a failure, not a hang. */
void tf_watchdog(int seconds);

/* Makes a temporary folder /tmp/NAME-XXXXXX into dir (removed at exit) and builds target.c there
 * (bin). 0, or -1 (a failed check says which step). */
int tf_prepare(const char *name, char *dir, size_t dirlen, char *bin, size_t binlen);

/* Builds target.c into dir/target (bin). 0, or -1. */
int tf_build(const char *dir, char *bin, size_t binlen);

/* Starts bin with nworkers workers, stdout to out_fd, and stops all threads as above. mode: ""
 * (all of them), "plain" (no waiter, no spinner) or "mainexits" (main has ended: the leader is a
 * zombie, not in tids; main_idx is the thread doing main's part). 0, or -1 (with a message; the
 * process is killed). */
int tf_start(const char *bin, int nworkers, const char *mode, int out_fd, struct tf_proc *p);

/* Resumes the stopped threads tids[0..n) of process pid (PTRACE_CONT) and waits for the process to
 * end; *status its wait status. 0, or -1. */
int tf_run_to_exit(pid_t pid, const pid_t *tids, int n, int *status);

/* Kills process pid (our tracee) and reaps all its threads. */
void tf_kill(pid_t pid);

#endif
