/* time_nanosleep_eintr: a 2 s nanosleep interrupted by a SIGALRM handler after 20 ms fails with
 * EINTR and writes the remaining time into rem (more than 1 s, less than 2 s); clock_nanosleep
 * relative does the same, returning EINTR; negative tv_sec is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/time.h>
#include <time.h>

static void on_alarm(int sig) {}

static void arm(void)
{
    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    signal(SIGALRM, on_alarm);
    struct timespec req = {2, 0}, rem = {0, 0};
    arm();
    errno = 0;
    OK(nanosleep(&req, &rem) == -1 && errno == EINTR, "nanosleep: EINTR");
    OK(rem.tv_sec == 1 && rem.tv_nsec > 0, "rem holds what was left (1.x s)");
    SHOW("rem %ld.%09ld", (long)rem.tv_sec, rem.tv_nsec);
    struct timespec rem2 = {0, 0};
    arm();
    OK(clock_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem2) == EINTR, "clock_nanosleep: EINTR");
    OK(rem2.tv_sec == 1 && rem2.tv_nsec > 0, "its rem too");
    SHOW("rem2 %ld.%09ld", (long)rem2.tv_sec, rem2.tv_nsec);
    struct timespec neg = {-1, 0};
    errno = 0;
    OK(nanosleep(&neg, NULL) == -1 && errno == EINVAL, "negative: EINVAL");
    return FIDELITY_END();
}
