/* thr_barrier: four threads meet at a pthread barrier round after round; in each round every
 * thread reads what all the others wrote in the round before. */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>

#define THREADS 4
#define ROUNDS 50

static pthread_barrier_t barrier;
static long slot[THREADS];
static int mismatches, serial_count;

static void *worker(void *arg)
{
    int me = (int)(intptr_t)arg;
    for (int round = 1; round <= ROUNDS; round++) {
        slot[me] = (long)round * (me + 1);
        if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
            __atomic_add_fetch(&serial_count, 1, __ATOMIC_SEQ_CST);
        for (int k = 0; k < THREADS; k++)
            if (slot[k] != (long)round * (k + 1))
                __atomic_add_fetch(&mismatches, 1, __ATOMIC_SEQ_CST);
        pthread_barrier_wait(&barrier);
    }
    return NULL;
}

int main(void)
{
    OK(pthread_barrier_init(&barrier, NULL, THREADS) == 0, "barrier made");
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++)
        OK(pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i) == 0, "thread started");
    for (int i = 0; i < THREADS; i++)
        OK(pthread_join(t[i], NULL) == 0, "thread joined");
    OK(mismatches == 0, "every round saw every thread's write");
    OK(serial_count == ROUNDS, "one serial thread per round");
    return FIDELITY_END();
}
