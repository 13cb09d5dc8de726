/* thr_exit_join: threads end while others run (return, pthread_exit, detached ones), a joiner
 * waits on a thread's tid word the kernel clears at its end (CLONE_CHILD_CLEARTID). */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

static int detached_done;

static void *quick(void *arg)
{
    return (void *)((intptr_t)arg * 3);
}

static void *leaves(void *arg)
{
    for (int i = 0; i < 50; i++)
        getppid();
    pthread_exit((void *)((intptr_t)arg + 1));
}

static void *detached(void *arg)
{
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
    __atomic_add_fetch(&detached_done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

int main(void)
{
    pthread_t a[6];
    for (int i = 0; i < 6; i++)
        OK(pthread_create(&a[i], NULL, i % 2 ? leaves : quick, (void *)(intptr_t)i) == 0,
           "thread started");
    pthread_t d;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    OK(pthread_create(&d, &attr, detached, NULL) == 0, "detached thread started");
    for (int i = 5; i >= 0; i--) {
        void *got;
        OK(pthread_join(a[i], &got) == 0, "thread joined");
        OK((intptr_t)got == (i % 2 ? i + 1 : i * 3), "its result");
    }
    for (int i = 0; i < 1000 && !__atomic_load_n(&detached_done, __ATOMIC_SEQ_CST); i++) {
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    OK(detached_done == 1, "the detached thread ran");
    return FIDELITY_END();
}
