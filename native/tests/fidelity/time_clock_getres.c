/* time_clock_getres: clock_getres writes each clock's resolution: 1 ns for the high-resolution
 * clocks (REALTIME, MONOTONIC, BOOTTIME, the CPU clocks), the tick (1..10 ms) for the COARSE
 * ones; a NULL result pointer is allowed; an unknown clock is EINVAL. Through libc and raw. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    struct timespec r;
    clockid_t hires[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME, CLOCK_MONOTONIC_RAW,
                         CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID, CLOCK_TAI};
    int all = 1;
    for (unsigned i = 0; i < sizeof hires / sizeof hires[0]; i++) {
        memset(&r, 0xee, sizeof r);
        if (syscall(SYS_clock_getres, hires[i], &r) != 0 || r.tv_sec != 0 || r.tv_nsec != 1)
            all = 0;
    }
    OK(all, "high-resolution clocks: 1 ns");
    memset(&r, 0xee, sizeof r);
    OK(syscall(SYS_clock_getres, CLOCK_MONOTONIC_COARSE, &r) == 0 && r.tv_sec == 0 && r.tv_nsec >= 1000000 &&
           r.tv_nsec <= 10000000, "MONOTONIC_COARSE: one tick (1..10 ms)");
    long tick = r.tv_nsec;
    OK(clock_getres(CLOCK_REALTIME_COARSE, &r) == 0 && r.tv_nsec == tick, "REALTIME_COARSE: the same tick");
    SHOW("tick %ld ns", tick);
    OK(syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL) == 0, "NULL result: 0");
    errno = 0;
    OK(syscall(SYS_clock_getres, 123, &r) == -1 && errno == EINVAL, "clock 123: EINVAL");
    return FIDELITY_END();
}
