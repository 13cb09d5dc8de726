/* thr_spin_handoff: two threads hand a token back and forth through an atomic flag, spinning
 * without any syscall while they wait: only preemption lets the other one run under a recorder
 * that runs one thread at a time. */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>

#define ROUNDS 8

static int turn; /* whose turn: 0 or 1 */
static long passes[2];

static void *player(void *arg)
{
    int me = (int)(intptr_t)arg;
    for (int i = 0; i < ROUNDS; i++) {
        while (__atomic_load_n(&turn, __ATOMIC_ACQUIRE) != me)
            ; /* spin: no syscall */
        passes[me]++;
        __atomic_store_n(&turn, 1 - me, __ATOMIC_RELEASE);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        OK(pthread_create(&t[i], NULL, player, (void *)(intptr_t)i) == 0, "player started");
    for (int i = 0; i < 2; i++)
        OK(pthread_join(t[i], NULL) == 0, "player joined");
    OK(passes[0] == ROUNDS && passes[1] == ROUNDS, "the token went back and forth every round");
    return FIDELITY_END();
}
