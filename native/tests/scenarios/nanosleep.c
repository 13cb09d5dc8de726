/* nanosleep: sleeping and measuring how long it took: nanosleep, clock_nanosleep (relative and
 * absolute), usleep, with clock reads around each. The measured durations differ on every run;
 * replay must print the recorded ones (without having to really sleep). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(void) {
    long long t0 = ns();
    struct timespec d = {0, 10 * 1000000L}, rem = {0, 0};
    int r = nanosleep(&d, &rem);
    long long t1 = ns();
    printf("nanosleep(10ms) r=%d took %lld ns, rem %ld\n", r, t1 - t0, rem.tv_nsec);
    r = clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL);
    long long t2 = ns();
    printf("clock_nanosleep rel r=%d took %lld ns\n", r, t2 - t1);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 5 * 1000000L;
    if (abs.tv_nsec >= 1000000000L)
        abs.tv_sec++, abs.tv_nsec -= 1000000000L;
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
    long long t3 = ns();
    printf("clock_nanosleep abs r=%d took %lld ns\n", r, t3 - t2);
    usleep(3000);
    long long t4 = ns();
    printf("usleep(3ms) took %lld ns\n", t4 - t3);
    printf("total %lld ns\n", t4 - t0);
    return 0;
}
