/* thr_robust_owner_died: a thread ends holding a robust mutex; the kernel walks its robust list at
 * its end and marks the mutex word "owner died", so the next locker gets EOWNERDEAD, makes the
 * mutex consistent, and a later locker gets it normally. Also a shared robust mutex whose owner
 * ends while another thread already waits on it. */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t robust;
static int waiter_result = -1;

static void *holds_and_ends(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust);
    getppid();
    return NULL; /* ends holding it */
}

static void *holds_and_sleeps(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust);
    struct timespec ts = {0, 20000000};
    nanosleep(&ts, NULL); /* the waiter blocks meanwhile */
    pthread_exit(NULL);   /* ends holding it */
}

static void *waits(void *arg)
{
    (void)arg;
    waiter_result = pthread_mutex_lock(&robust);
    if (waiter_result == EOWNERDEAD)
        pthread_mutex_consistent(&robust);
    pthread_mutex_unlock(&robust);
    return NULL;
}

int main(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    OK(pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST) == 0, "robust attribute");
    OK(pthread_mutex_init(&robust, &attr) == 0, "robust mutex made");

    pthread_t t;
    OK(pthread_create(&t, NULL, holds_and_ends, NULL) == 0, "owner started");
    OK(pthread_join(t, NULL) == 0, "owner joined");
    int got = pthread_mutex_lock(&robust);
    OK(got == EOWNERDEAD, "the next locker gets EOWNERDEAD");
    OK(pthread_mutex_consistent(&robust) == 0, "made consistent");
    OK(pthread_mutex_unlock(&robust) == 0, "unlocked");
    OK(pthread_mutex_lock(&robust) == 0, "then locked normally");
    OK(pthread_mutex_unlock(&robust) == 0, "unlocked again");

    pthread_t owner, waiter;
    OK(pthread_create(&owner, NULL, holds_and_sleeps, NULL) == 0, "second owner started");
    struct timespec ts = {0, 5000000};
    nanosleep(&ts, NULL);
    OK(pthread_create(&waiter, NULL, waits, NULL) == 0, "waiter started");
    OK(pthread_join(owner, NULL) == 0, "second owner joined");
    OK(pthread_join(waiter, NULL) == 0, "waiter joined");
    OK(waiter_result == EOWNERDEAD || waiter_result == 0, "the waiter got the mutex");
    SHOW("waiter result %d", waiter_result);
    OK(pthread_mutex_lock(&robust) == 0, "locked after the waiter");
    return FIDELITY_END();
}
