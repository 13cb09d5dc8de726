/* time_adjtimex_read: adjtimex with modes 0 only reads the kernel clock state: it returns the
 * clock state (TIME_OK..TIME_ERROR) and fills struct timex (the current time within a second of
 * gettimeofday, tick near 10000 us); clock_adjtime on CLOCK_REALTIME reads the same. Setting
 * needs CAP_SYS_TIME: a tick out of range is EINVAL (or EPERM without the capability). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>

int main(void)
{
    struct timex tx;
    memset(&tx, 0, sizeof tx);
    int state = adjtimex(&tx);
    OK(state >= TIME_OK && state <= TIME_ERROR, "adjtimex(0) returns a clock state");
    struct timeval now;
    gettimeofday(&now, NULL);
    OK(now.tv_sec - tx.time.tv_sec >= 0 && now.tv_sec - tx.time.tv_sec <= 1, "timex.time is now");
    OK(tx.tick >= 9000 && tx.tick <= 11000, "tick near 10000 us");
    SHOW("state %d time %ld freq %ld", state, (long)tx.time.tv_sec, tx.freq);
    struct timex tx2;
    memset(&tx2, 0, sizeof tx2);
    OK(clock_adjtime(CLOCK_REALTIME, &tx2) == state && tx2.tick == tx.tick, "clock_adjtime reads the same");
    struct timex bad;
    memset(&bad, 0, sizeof bad);
    bad.modes = ADJ_TICK;
    bad.tick = 1;
    errno = 0;
    OK(adjtimex(&bad) == -1 && (errno == EINVAL || errno == EPERM), "tick 1: EINVAL (EPERM unprivileged)");
    return FIDELITY_END();
}
