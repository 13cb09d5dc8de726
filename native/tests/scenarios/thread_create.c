/* thread_create: a program that starts a thread with pthread_create (clone with CLONE_THREAD),
 * after printing something, and joins it: recorded and replayed exactly (trace format 4), while
 * debugging such a recording is refused (MultithreadedRecordingTest). */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void *worker(void *arg) {
    printf("thread says hi\n");
    return NULL;
}

int main(void) {
    printf("before the thread: pid %d time %ld\n", getpid(), (long)time(NULL));
    fflush(stdout);
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    pthread_join(t, NULL);
    printf("after the thread\n");
    return 0;
}
