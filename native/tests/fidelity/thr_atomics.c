/* thr_atomics: eight threads increment shared atomics; each reports its tid (gettid, as the
 * recording saw it: replay maps live tids to recorded ones) and the tid glibc stored for it. */
#define _GNU_SOURCE
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#define THREADS 8
#define ROUNDS 20000

static long counter, per_thread[THREADS];
static pid_t tids[THREADS];

static void *worker(void *arg)
{
    int me = (int)(intptr_t)arg;
    tids[me] = (pid_t)syscall(SYS_gettid);
    for (int i = 0; i < ROUNDS; i++) {
        __atomic_add_fetch(&counter, 1, __ATOMIC_SEQ_CST);
        per_thread[me]++;
        if (i % 5000 == 0)
            sched_yield();
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        OK(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) == 0, "thread started");
    for (int i = 0; i < THREADS; i++)
        OK(pthread_join(t[i], NULL) == 0, "thread joined");
    OK(counter == (long)THREADS * ROUNDS, "every increment counted");
    int distinct = 1;
    for (int i = 0; i < THREADS; i++)
        for (int j = 0; j < i; j++)
            if (tids[i] == tids[j] || tids[i] == getpid())
                distinct = 0;
    OK(distinct, "every thread has its own tid");
    for (int i = 0; i < THREADS; i++)
        SHOW("thread %d: tid %d", i, (int)tids[i]);
    return FIDELITY_END();
}
