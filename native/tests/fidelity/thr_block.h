/*
 * thr_block.h: what the thr_block_* fidelity programs share. Each has one thread wait in a syscall
 * until another thread (or a child) ends the wait; the waiter blocks every signal (quiet), so only
 * the other side can end its wait, and the releasing side first gives it time to get there
 * (pause_a_little). Under a recorder that does not let such a wait into the kernel while the
 * other threads run, these programs hang.
 */
#ifndef REWIND_THR_BLOCK_H
#define REWIND_THR_BLOCK_H

#include <pthread.h>
#include <signal.h>
#include <time.h>

static inline void quiet(void)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
}

static inline void pause_a_little(void)
{
    struct timespec ts = {0, 50 * 1000 * 1000};
    nanosleep(&ts, NULL);
}

#endif
