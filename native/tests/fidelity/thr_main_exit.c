/* thr_main_exit: the main thread ends (pthread_exit in main) while other threads run; a worker
 * joins it (the kernel clears the main thread's tid word at its end), makes threads of its own,
 * and ends the program with exit. */
#include "fidelity.h"
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static pthread_t main_thread;
static pid_t main_pid;

static void *square(void *arg)
{
    getppid();
    return (void *)((intptr_t)arg * (intptr_t)arg);
}

static void *worker(void *arg)
{
    (void)arg;
    void *got = (void *)1;
    OK(pthread_join(main_thread, &got) == 0, "the main thread joined");
    OK(got == (void *)42, "its pthread_exit value");
    OK(getpid() == main_pid, "the process id stays the main thread's");
    OK(syscall(SYS_gettid) != main_pid, "this thread is another one");
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        OK(pthread_create(&t[i], NULL, square, (void *)(intptr_t)(i + 2)) == 0,
           "a thread started after the main one ended");
    for (int i = 0; i < 3; i++) {
        void *r;
        OK(pthread_join(t[i], &r) == 0 && (intptr_t)r == (i + 2) * (i + 2), "joined with its result");
    }
    struct timespec ts = {0, 1000000};
    nanosleep(&ts, NULL);
    exit(FIDELITY_END());
}

int main(void)
{
    main_thread = pthread_self();
    main_pid = getpid();
    pthread_t w;
    OK(pthread_create(&w, NULL, worker, NULL) == 0, "worker started");
    fflush(stdout);
    pthread_exit((void *)42);
}
