/* thread_exec: a thread of a multithreaded program calls execve (the kernel ends the main thread;
 * the new program has the process id): recorded and replayed exactly, the output of both threads
 * and of the program exec'd. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void *worker(void *arg) {
    printf("the thread runs at %ld\n", (long)time(NULL));
    fflush(stdout);
    char *argv[] = {"/bin/echo", "exec'd", NULL};
    execv(argv[0], argv);
    return NULL;
}

int main(void) {
    printf("before the thread: pid %d\n", getpid());
    fflush(stdout);
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("never printed\n");
    return 0;
}
