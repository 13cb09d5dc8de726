/* thr_block_sem: System V semaphores between threads. One thread's semop, then semtimedop (with
 * a long timeout), waits on a zero semaphore until another thread raises it. The waiting thread
 * blocks every signal, so only the other thread can end its wait. */
#define _GNU_SOURCE
#include "fidelity.h"
#include <pthread.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <time.h>

static int sems;
static int passed;

static void *down(void *arg)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    struct sembuf op = {.sem_num = 0, .sem_op = -1};
    struct timespec long_time = {600, 0};
    passed = (arg ? semtimedop(sems, &op, 1, &long_time) : semop(sems, &op, 1)) == 0;
    return NULL;
}

static void contend(const char *what, void *timed)
{
    passed = 0;
    pthread_t th;
    OK(pthread_create(&th, NULL, down, timed) == 0, "waiter started");
    struct timespec ts = {0, 50 * 1000 * 1000};
    nanosleep(&ts, NULL);
    struct sembuf up = {.sem_num = 0, .sem_op = 1};
    OK(semop(sems, &up, 1) == 0, "semaphore raised");
    char line[120];
    snprintf(line, sizeof line, "%s waited for the other thread's raise", what);
    OK(pthread_join(th, NULL) == 0 && passed, line);
}

int main(void)
{
    sems = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
    OK(sems >= 0, "semget");
    contend("semop", NULL);
    contend("semtimedop", &sems);
    OK(semctl(sems, 0, GETVAL) == 0, "the semaphore is back at zero");
    OK(semctl(sems, 0, IPC_RMID) == 0, "semaphores removed");
    return FIDELITY_END();
}
