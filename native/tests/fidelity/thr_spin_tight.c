/* thr_spin_tight: threads hand a token back and forth through a flag, each waiting in a loop of
 * two short instructions (cmp of a byte in memory, jump back: nothing a replay could patch) with no
 * syscall. Under a recorder that runs one thread at a time only preemption lets the other run; the
 * waiting loop changes no register, so a point in it is found again by a breakpoint at its first
 * arrival. Also a wait with `pause` in the loop (as spin locks do). */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>

#define ROUNDS 6

static volatile uint8_t turn_is[2] = {1, 0}; /* turn_is[i]: player i may play */
static long passes[2];

/* Waits until *flag is not 0: `1: cmpb $0, (flag); je 1b`, or with `pause` in the loop. */
static void wait_for(volatile uint8_t *flag, int with_pause)
{
    if (with_pause)
        __asm__ volatile("1: pause\n\tcmpb $0, (%0)\n\tje 1b" : : "r"(flag) : "memory", "cc");
    else
        __asm__ volatile("1: cmpb $0, (%0)\n\tje 1b" : : "r"(flag) : "memory", "cc");
}

static void *player(void *arg)
{
    int me = (int)(intptr_t)arg;
    for (int i = 0; i < ROUNDS; i++) {
        wait_for(&turn_is[me], i % 2);
        turn_is[me] = 0;
        passes[me]++;
        __atomic_store_n(&turn_is[1 - me], 1, __ATOMIC_RELEASE);
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
    OK(passes[0] == ROUNDS && passes[1] == ROUNDS, "every round was played");
    return FIDELITY_END();
}
