/* demo: the friendly example for `rewind demo`: rolls dice with rand() seeded from the clock and
 * getrandom, and prints them with the time and its pid. Run it twice and the numbers change;
 * replay a recording of it and they come back exactly. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

/* One die: a function of its own, so `rewind demo` can step back over its call. */
__attribute__((noinline)) static int roll(void) {
    return 1 + rand() % 6;
}

int main(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned extra = 0;
    getrandom(&extra, sizeof extra, 0);
    srand((unsigned)ts.tv_nsec ^ extra);
    char when[64];
    strftime(when, sizeof when, "%H:%M:%S", localtime(&ts.tv_sec));
    printf("Hello from pid %d at %s.%06ld\n", getpid(), when, ts.tv_nsec / 1000);
    printf("Rolling five dice:");
    int total = 0;
    for (int i = 0; i < 5; i++) {
        int d = roll();
        total += d;
        printf(" %d", d); /* DEMO_PRINT */
    }
    printf("  (total %d)\n", total);
    printf("A random number from the kernel: %u\n", extra);
    printf("Run me again and everything above changes; replay me and nothing does.\n");
    return 0;
}
