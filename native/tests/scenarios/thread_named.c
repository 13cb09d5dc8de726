/* thread_named: two worker threads that name themselves (pthread_setname_np, i.e.
 * prctl(PR_SET_NAME)) and take turns on a mutex-guarded counter, printing each round (a write: a
 * syscall), then sleeping (a nanosleep made in the line itself, then usleep: blocking, so the
 * recorder lets the other threads run meanwhile); main waits for both. The DAP thread
 * tests (ThreadsDapTest) stop in a worker, list the threads, and switch between their stacks. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static int step(int id, int round)
{
    int before = counter; /* STEP_BODY */
    counter = before + id * 10 + round;
    return counter;
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    char name[16];
    snprintf(name, sizeof name, "worker-%d", id);
    pthread_setname_np(pthread_self(), name);
    int total = 0;
    for (int round = 0; round < 3; round++) {
        pthread_mutex_lock(&lock);
        total += step(id, round); /* WORKER_CALL */
        pthread_mutex_unlock(&lock); /* AFTER_CALL */
        printf("%s round %d total %d\n", name, round, total); /* WORKER_PRINT */
        fflush(stdout);
        struct timespec nap = {0, 1000000};
        long slept; /* a nanosleep right in this line (no call): a step over it single-steps the syscall */
        __asm__ volatile("syscall" : "=a"(slept) : "0"(35L), "D"(&nap), "S"(0L) : "rcx", "r11", "memory"); /* WORKER_NAP */
        usleep(1000 + (int)slept); /* WORKER_SLEEP: a blocking call: the other threads run meanwhile */
    }
    return (void *)(long)total; /* WORKER_RETURN */
}

int main(void)
{
    pthread_t t[2];
    int main_local = 42;
    for (int i = 0; i < 2; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)(long)(i + 1)) != 0)
            return 1;
    long sum = 0;
    for (int i = 0; i < 2; i++) {
        void *r;
        pthread_join(t[i], &r); /* MAIN_JOIN */
        sum += (long)r;
    }
    printf("main %d sum %ld counter %d\n", main_local, sum, counter);
    return 0;
}
