/* thr_signals: signals aimed at threads: pthread_kill to a worker, tgkill from a worker to the
 * main thread, a process-directed kill taken by the one thread that does not block it, and a
 * thread waiting for a signal in sigwait while the others run. Each handler notes the tid it ran
 * in: the recording names the thread that got each signal. */
#define _GNU_SOURCE
#include "fidelity.h"
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile pid_t handled_in[65];
static volatile int handled_count[65];
static pid_t worker_tid, catcher_tid;
static volatile int worker_ready, worker_stop, catcher_ready;

static pid_t tid(void) { return (pid_t)syscall(SYS_gettid); }

static void on_signal(int sig)
{
    handled_in[sig] = tid();
    handled_count[sig]++;
}

static void *worker(void *arg)
{
    worker_tid = tid();
    __atomic_store_n(&worker_ready, 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&worker_stop, __ATOMIC_SEQ_CST))
        usleep(1000);
    /* to the main thread, by tid */
    syscall(SYS_tgkill, getpid(), (pid_t)(intptr_t)arg, SIGUSR2);
    return NULL;
}

/* The one thread that does not block SIGHUP: a process-directed SIGHUP is its. */
static void *catcher(void *arg)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    catcher_tid = tid();
    __atomic_store_n(&catcher_ready, 1, __ATOMIC_SEQ_CST);
    while (handled_count[SIGHUP] == 0)
        usleep(1000);
    return NULL;
}

static void *waiter(void *arg)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    int got = 0;
    sigwait(&set, &got);
    return (void *)(intptr_t)got;
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigset_t block;
    sigemptyset(&block);
    sigaddset(&block, SIGHUP);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, NULL); /* inherited by every thread made from here */

    pthread_t w, c, s;
    OK(pthread_create(&w, NULL, worker, (void *)(intptr_t)tid()) == 0, "worker started");
    OK(pthread_create(&s, NULL, waiter, NULL) == 0, "waiter started");
    while (!__atomic_load_n(&worker_ready, __ATOMIC_SEQ_CST))
        usleep(1000);
    OK(pthread_kill(w, SIGUSR1) == 0, "pthread_kill to the worker");
    while (handled_count[SIGUSR1] == 0)
        usleep(1000);
    OK(handled_in[SIGUSR1] == worker_tid, "the worker handled it");

    __atomic_store_n(&worker_stop, 1, __ATOMIC_SEQ_CST);
    while (handled_count[SIGUSR2] == 0)
        usleep(1000);
    OK(handled_in[SIGUSR2] == tid(), "tgkill from the worker reached the main thread");
    OK(pthread_join(w, NULL) == 0, "worker joined");

    OK(pthread_create(&c, NULL, catcher, NULL) == 0, "catcher started");
    while (!__atomic_load_n(&catcher_ready, __ATOMIC_SEQ_CST))
        usleep(1000);
    OK(kill(getpid(), SIGHUP) == 0, "a process-directed SIGHUP");
    OK(pthread_join(c, NULL) == 0, "catcher joined");
    OK(handled_in[SIGHUP] == catcher_tid, "the only thread not blocking it handled it");

    OK(pthread_kill(s, SIGTERM) == 0, "SIGTERM to the thread in sigwait");
    void *got;
    OK(pthread_join(s, &got) == 0 && (intptr_t)got == SIGTERM, "sigwait returned it");
    SHOW("worker %d catcher %d", (int)worker_tid, (int)catcher_tid);
    return FIDELITY_END();
}
