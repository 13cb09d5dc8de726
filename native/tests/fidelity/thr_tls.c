/* thr_tls: thread-local storage (__thread, fs-based) holds each thread's own values while the
 * threads interleave at syscalls. */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>
#include <unistd.h>

#define THREADS 4

static __thread long mine = 7;
static __thread char name[32];
static int bad;

static void *worker(void *arg)
{
    int me = (int)(intptr_t)arg;
    if (mine != 7)
        __atomic_add_fetch(&bad, 1, __ATOMIC_SEQ_CST);
    mine = me * 1000;
    snprintf(name, sizeof name, "worker-%d", me);
    for (int i = 0; i < 200; i++) {
        getppid(); /* a syscall: a chance for the others to run */
        if (mine != me * 1000 + i || name[7] != (char)('0' + me))
            __atomic_add_fetch(&bad, 1, __ATOMIC_SEQ_CST);
        mine++;
    }
    return (void *)(intptr_t)mine;
}

int main(void)
{
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        OK(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) == 0, "thread started");
    long total = 0;
    for (int i = 0; i < THREADS; i++) {
        void *got;
        OK(pthread_join(t[i], &got) == 0, "thread joined");
        total += (long)(intptr_t)got;
    }
    OK(bad == 0, "each thread saw only its own thread-local values");
    OK(total == 1000L * (0 + 1 + 2 + 3) + 200L * THREADS, "each thread's result");
    OK(mine == 7, "the main thread's value is its own");
    return FIDELITY_END();
}
