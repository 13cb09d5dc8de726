/* thr_race: two threads increment a shared counter without a lock and without syscalls: how many
 * increments are lost depends on where the threads were interrupted, so the recorded outcome must
 * replay exactly (preemption points in user code). */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>

#define ROUNDS 15000000

static volatile long counter;
static pthread_barrier_t start;

static void *racer(void *arg)
{
    pthread_barrier_wait(&start); /* both race from here */
    for (long i = 0; i < ROUNDS; i++) {
        long seen = counter; /* load ... */
        for (volatile int k = 0; k < 5; k++)
            ; /* (a wide window for an interruption between the load and the store) */
        counter = seen + 1; /* ... store: increments of the other thread meanwhile are lost */
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    pthread_barrier_init(&start, NULL, 2);
    for (int i = 0; i < 2; i++)
        OK(pthread_create(&t[i], NULL, racer, NULL) == 0, "racer started");
    for (int i = 0; i < 2; i++)
        OK(pthread_join(t[i], NULL) == 0, "racer joined");
    OK(counter > 0 && counter <= 2L * ROUNDS, "the counter holds at most every increment");
    SHOW("counter %ld of %ld", counter, 2L * ROUNDS);
    return FIDELITY_END();
}
