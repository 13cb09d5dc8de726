/* time_set_errors: setting clocks fails as documented before changing anything: clock_settime
 * of CLOCK_MONOTONIC is EINVAL, of REALTIME with tv_nsec out of range EINVAL; settimeofday with
 * tv_usec out of range EINVAL; clock_settime of an unknown clock EINVAL; time-setting with a bad
 * pointer EFAULT; the clock still reads. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    errno = 0;
    OK(clock_settime(CLOCK_MONOTONIC, &now) == -1 && errno == EINVAL, "MONOTONIC: EINVAL");
    struct timespec bad = {now.tv_sec, 1000000000};
    errno = 0;
    OK(clock_settime(CLOCK_REALTIME, &bad) == -1 && errno == EINVAL, "tv_nsec 1e9: EINVAL");
    struct timeval tv = {1, 1000000};
    errno = 0;
    OK(settimeofday(&tv, NULL) == -1 && errno == EINVAL, "tv_usec 1e6: EINVAL");
    errno = 0;
    OK(clock_settime(77, &now) == -1 && errno == EINVAL, "clock 77: EINVAL");
    errno = 0;
    OK(syscall(SYS_clock_settime, CLOCK_REALTIME, (void *)8) == -1 && errno == EFAULT, "bad pointer: EFAULT");
    struct timespec after;
    OK(clock_gettime(CLOCK_REALTIME, &after) == 0 && after.tv_sec > 1600000000, "REALTIME still reads");
    SHOW("now %ld", (long)after.tv_sec);
    return FIDELITY_END();
}
