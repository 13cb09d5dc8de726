/* time_timer_abstime: timer_settime with TIMER_ABSTIME: a deadline in the past fires at once; a
 * periodic timer started in the past counts the missed periods as overruns on its first
 * expiry; timer_settime returns the old setting; CLOCK_REALTIME timers accept absolute times. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

int main(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 8);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN + 8};
    timer_t t;
    OK(timer_create(CLOCK_MONOTONIC, &ev, &t) == 0, "timer_create");
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct itimerspec past = {{0, 1000000}, {now.tv_sec - 1, now.tv_nsec}};
    OK(timer_settime(t, TIMER_ABSTIME, &past, NULL) == 0, "absolute, 1 s ago, every 1 ms");
    siginfo_t si;
    struct timespec wait = {2, 0};
    memset(&si, 0, sizeof si);
    OK(sigtimedwait(&set, &si, &wait) == SIGRTMIN + 8, "fires at once");
    OK(si.si_overrun >= 900, "about 1000 missed periods as overruns");
    SHOW("overrun %d", si.si_overrun);
    struct itimerspec off = {{0, 0}, {0, 0}}, old;
    OK(timer_settime(t, 0, &off, &old) == 0 && old.it_interval.tv_nsec == 1000000, "disarm, old interval 1 ms");
    timer_t rt;
    OK(timer_create(CLOCK_REALTIME, &ev, &rt) == 0, "a REALTIME timer");
    clock_gettime(CLOCK_REALTIME, &now);
    struct itimerspec soon = {{0, 0}, {now.tv_sec, now.tv_nsec}};
    soon.it_value.tv_nsec += 5000000;
    if (soon.it_value.tv_nsec >= 1000000000) {
        soon.it_value.tv_nsec -= 1000000000;
        soon.it_value.tv_sec++;
    }
    OK(timer_settime(rt, TIMER_ABSTIME, &soon, NULL) == 0, "absolute, 5 ms ahead");
    memset(&si, 0, sizeof si);
    OK(sigtimedwait(&set, &si, &wait) == SIGRTMIN + 8 && si.si_overrun == 0, "fires, no overrun");
    timer_delete(t);
    timer_delete(rt);
    return FIDELITY_END();
}
