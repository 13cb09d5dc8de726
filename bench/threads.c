/* threads.c: the workloads of bench/threads. Usage: threads compute|mutex|pool [SCALE]
 *   compute: 4 threads computing with no shared writes, joined;
 *   mutex:   4 threads incrementing one counter under one mutex;
 *   pool:    8 workers waiting on a queue (mutex + condition variable) for jobs main hands out.
 * Prints a checksum so the work is not optimized away. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long scale = 1;

static void *compute(void *arg)
{
    uint64_t x = (uint64_t)(intptr_t)arg + 1, acc = 0;
    for (long i = 0; i < 40000000L * scale; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        acc += x & 0xff;
    }
    return (void *)(uintptr_t)acc;
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *contend(void *arg)
{
    for (long i = 0; i < 200000L * scale; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

#define QCAP 64
static pthread_cond_t has_job = PTHREAD_COND_INITIALIZER, has_room = PTHREAD_COND_INITIALIZER;
static int jobs[QCAP], qhead, qlen, closed;
static uint64_t done_sum;

static void *worker(void *arg)
{
    for (;;) {
        pthread_mutex_lock(&lock);
        while (qlen == 0 && !closed)
            pthread_cond_wait(&has_job, &lock);
        if (qlen == 0) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        int job = jobs[qhead];
        qhead = (qhead + 1) % QCAP;
        qlen--;
        pthread_cond_signal(&has_room);
        pthread_mutex_unlock(&lock);
        uint64_t s = 0;
        for (int i = 0; i < job * 1000; i++)
            s += (uint64_t)i * i;
        pthread_mutex_lock(&lock);
        done_sum += s;
        pthread_mutex_unlock(&lock);
    }
}

static int run(void *(*fn)(void *), int n)
{
    pthread_t t[16];
    uint64_t sum = 0;
    for (int i = 0; i < n; i++)
        if (pthread_create(&t[i], NULL, fn, (void *)(intptr_t)i) != 0)
            return 1;
    for (int i = 0; i < n; i++) {
        void *got;
        pthread_join(t[i], &got);
        sum += (uint64_t)(uintptr_t)got;
    }
    printf("%llu\n", (unsigned long long)sum);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (argc > 2)
        scale = atol(argv[2]);
    if (!strcmp(argv[1], "compute"))
        return run(compute, 4);
    if (!strcmp(argv[1], "mutex")) {
        int rc = run(contend, 4);
        printf("%ld\n", counter);
        return rc;
    }
    if (strcmp(argv[1], "pool"))
        return 2;
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (long j = 0; j < 4000 * scale; j++) {
        pthread_mutex_lock(&lock);
        while (qlen == QCAP)
            pthread_cond_wait(&has_room, &lock);
        jobs[(qhead + qlen++) % QCAP] = (int)(j % 50) + 1;
        pthread_cond_signal(&has_job);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    closed = 1;
    pthread_cond_broadcast(&has_job);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    printf("%llu\n", (unsigned long long)done_sum);
    return 0;
}
