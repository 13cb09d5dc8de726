/* time_alarm: alarm returns the seconds left of the previous alarm (rounded), alarm(0) cancels;
 * getitimer(ITIMER_REAL) sees the alarm's remaining time; a short ITIMER_REAL fires SIGALRM
 * once, and pause returns -1 EINTR after its handler. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

static volatile int alarms;
static void on_alarm(int sig) { alarms++; }

int main(void)
{
    signal(SIGALRM, on_alarm);
    OK(alarm(30) == 0, "alarm(30): no previous alarm");
    struct itimerval it;
    OK(getitimer(ITIMER_REAL, &it) == 0 && it.it_value.tv_sec >= 28 && it.it_value.tv_sec <= 30 &&
           it.it_interval.tv_sec == 0, "getitimer sees about 30 s left, no interval");
    SHOW("left %ld.%06ld", (long)it.it_value.tv_sec, (long)it.it_value.tv_usec);
    unsigned left = alarm(5);
    OK(left >= 29 && left <= 30, "alarm(5) returns the 30 s alarm's remainder");
    OK(alarm(0) == 5 || alarm(0) == 4, "alarm(0) returns about 5 and cancels");
    OK(getitimer(ITIMER_REAL, &it) == 0 && it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0, "disarmed");
    struct itimerval shot = {{0, 0}, {0, 15000}};
    OK(setitimer(ITIMER_REAL, &shot, NULL) == 0, "setitimer 15 ms");
    errno = 0;
    OK(pause() == -1 && errno == EINTR && alarms == 1, "pause: EINTR after SIGALRM's handler");
    errno = 0;
    struct itimerval bad = {{0, 0}, {0, 2000000}};
    OK(setitimer(ITIMER_REAL, &bad, NULL) == -1 && errno == EINVAL, "tv_usec 2000000: EINVAL");
    return FIDELITY_END();
}
