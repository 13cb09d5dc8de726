/* crash_segv: a program that crashes: a write through a null pointer with no handler, after
 * printing the time and its pid (flushed). Recording exits 139 (128 + SIGSEGV); replay must
 * reproduce the output and the same status. */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("pid %d about to crash at %lld.%09ld\n", getpid(), (long long)ts.tv_sec, ts.tv_nsec);
    fflush(stdout);
    volatile int *p = NULL;
    *p = 1;
    printf("not reached\n");
    return 0;
}
