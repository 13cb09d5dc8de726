/* thr_mutex_condvar: two producers and two consumers share a bounded queue under a mutex and two
 * condition variables (futex waits and wakes); every item is consumed once, and the order in which
 * consumers took them (a schedule) replays exactly. */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>

#define ITEMS 2000
#define CAP 8

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
static int queue[CAP], head, count, produced_done;
static long consumed_sum[2];
static uint64_t order_hash = 1469598103934665603ull;

static void *producer(void *arg)
{
    int base = (int)(intptr_t)arg;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&lock);
        while (count == CAP)
            pthread_cond_wait(&not_full, &lock);
        queue[(head + count++) % CAP] = base + i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    produced_done++;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg)
{
    int me = (int)(intptr_t)arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (count == 0 && produced_done < 2)
            pthread_cond_wait(&not_empty, &lock);
        if (count == 0) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        int item = queue[head];
        head = (head + 1) % CAP;
        count--;
        consumed_sum[me] += item;
        order_hash = (order_hash ^ (uint64_t)(item * 2 + me)) * 1099511628211ull;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
    }
}

int main(void)
{
    pthread_t p[2], c[2];
    for (int i = 0; i < 2; i++) {
        OK(pthread_create(&c[i], NULL, consumer, (void *)(intptr_t)i) == 0, "consumer started");
        OK(pthread_create(&p[i], NULL, producer, (void *)(intptr_t)(i * 100000)) == 0, "producer started");
    }
    for (int i = 0; i < 2; i++) {
        OK(pthread_join(p[i], NULL) == 0, "producer joined");
        OK(pthread_join(c[i], NULL) == 0, "consumer joined");
    }
    long want = 2L * ITEMS * (ITEMS + 1) / 2 + 100000L * ITEMS;
    OK(consumed_sum[0] + consumed_sum[1] == want, "every item consumed exactly once");
    SHOW("consumer 0 took %ld, consumer 1 took %ld, order %016llx", consumed_sum[0], consumed_sum[1],
         (unsigned long long)order_hash);
    return FIDELITY_END();
}
