/* io_timerfd: a periodic timerfd (1 ms): a blocking read returns the expiration count (>= 1), after
 * sleeping several periods the count is several; timerfd_gettime reports the interval; a disarmed
 * nonblocking timer reads EAGAIN; TFD_TIMER_ABSTIME in the past expires at once; bad clock EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdint.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    OK(t >= 0, "timerfd_create");
    struct itimerspec its = {.it_interval = {0, 1000000}, .it_value = {0, 1000000}};
    OK(timerfd_settime(t, 0, &its, NULL) == 0, "arm 1 ms periodic");
    uint64_t n = 0;
    OK(read(t, &n, 8) == 8 && n >= 1, "blocking read: at least one expiration");
    struct timespec ten = {0, 10000000};
    nanosleep(&ten, NULL);
    uint64_t m = 0;
    OK(read(t, &m, 8) == 8 && m >= 5, "after 10 ms: several expirations");
    struct itimerspec cur;
    OK(timerfd_gettime(t, &cur) == 0 && cur.it_interval.tv_nsec == 1000000 && cur.it_interval.tv_sec == 0,
       "timerfd_gettime: the interval");
    struct itimerspec off = {0}, old;
    OK(timerfd_settime(t, 0, &off, &old) == 0 && old.it_interval.tv_nsec == 1000000, "disarm, old value returned");
    int nb = timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK);
    errno = 0;
    OK(read(nb, &n, 8) == -1 && errno == EAGAIN, "disarmed nonblocking read: EAGAIN");
    struct itimerspec past = {.it_value = {1, 0}};
    OK(timerfd_settime(nb, TFD_TIMER_ABSTIME, &past, NULL) == 0 && read(nb, &n, 8) == 8 && n == 1,
       "TFD_TIMER_ABSTIME in the past expires once at once");
    errno = 0;
    OK(timerfd_create(12345, 0) == -1 && errno == EINVAL, "bad clock: EINVAL");
    SHOW("expirations %llu then %llu", (unsigned long long)n, (unsigned long long)m);
    close(nb);
    close(t);
    return FIDELITY_END();
}
