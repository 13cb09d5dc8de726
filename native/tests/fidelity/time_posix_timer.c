/* time_posix_timer: timer_create(CLOCK_MONOTONIC, SIGEV_SIGNAL) with a value; timer_settime arms
 * it, timer_gettime reads the time left and the interval, the expiry arrives as si_code SI_TIMER
 * with the value and the timer id; a periodic timer left blocked for a while counts overruns
 * (timer_getoverrun, si_overrun); timer_delete, then the id is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 4);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGRTMIN + 4;
    ev.sigev_value.sival_int = 0x5151;
    timer_t t;
    OK(timer_create(CLOCK_MONOTONIC, &ev, &t) == 0, "timer_create");
    struct itimerspec its = {{0, 0}, {10, 0}}, cur;
    OK(timer_settime(t, 0, &its, NULL) == 0, "arm for 10 s");
    OK(timer_gettime(t, &cur) == 0 && cur.it_value.tv_sec >= 9 && cur.it_value.tv_sec <= 10 &&
           cur.it_interval.tv_sec == 0, "timer_gettime: about 10 s left");
    SHOW("left %ld.%09ld", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
    struct itimerspec soon = {{0, 1000000}, {0, 1000000}}, old;
    OK(timer_settime(t, 0, &soon, &old) == 0 && old.it_value.tv_sec >= 9, "rearm every 1 ms; old value");
    struct timespec nap = {0, 30000000};
    nanosleep(&nap, NULL);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    OK(sigwaitinfo(&set, &si) == SIGRTMIN + 4, "the expiry signal");
    OK(si.si_code == SI_TIMER && si.si_value.sival_int == 0x5151, "SI_TIMER with our value");
    OK(si.si_overrun > 0, "30 ms blocked: overruns counted in si_overrun");
    SHOW("si_overrun %d getoverrun %d", si.si_overrun, timer_getoverrun(t));
    OK(timer_getoverrun(t) >= 0, "timer_getoverrun");
    OK(timer_delete(t) == 0, "timer_delete");
    errno = 0;
    OK(timer_gettime(t, &cur) == -1 && errno == EINVAL, "deleted: EINVAL");
    return FIDELITY_END();
}
