/* time_clock_nanosleep: clock_nanosleep with TIMER_ABSTIME sleeps until a MONOTONIC deadline (the
 * clock afterwards is past it); a deadline in the past returns at once; a relative sleep works
 * on CLOCK_REALTIME; bad tv_nsec is EINVAL; the CPU-time clock of the thread is EINVAL. It
 * returns the error number instead of setting errno. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <time.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void)
{
    struct timespec start, deadline, after;
    clock_gettime(CLOCK_MONOTONIC, &start);
    deadline = start;
    deadline.tv_nsec += 20000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_nsec -= 1000000000;
        deadline.tv_sec++;
    }
    OK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == 0, "absolute sleep 20 ms");
    clock_gettime(CLOCK_MONOTONIC, &after);
    OK(ns(after) >= ns(deadline), "woke at or after the deadline");
    SHOW("overshoot %lld ns", ns(after) - ns(deadline));
    struct timespec past = {start.tv_sec - 1, 0};
    OK(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL) == 0, "a past deadline returns at once");
    struct timespec rel = {0, 1000000}, rem = {7, 7};
    OK(clock_nanosleep(CLOCK_REALTIME, 0, &rel, &rem) == 0, "relative 1 ms on REALTIME");
    struct timespec bad = {0, 1000000000};
    OK(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL) == EINVAL, "tv_nsec 1e9: EINVAL");
    OK(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &rel, NULL) == EINVAL, "thread CPU clock: EINVAL");
    return FIDELITY_END();
}
