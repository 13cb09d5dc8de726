/* sig_timer_create_compute: a POSIX timer (timer_create, SIGEV_SIGNAL) sends SIGRTMIN with a
 * value while the program computes; the handler sees si_code SI_TIMER, the value and the timer's
 * overrun count. Where the signal arrived in the loop (SHOW) must replay exactly. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <time.h>

static volatile sig_atomic_t ticks;
static volatile int code, value;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
    code = si->si_code;
    value = si->si_value.sival_int;
    ticks++;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_timer;
    sa.sa_flags = SA_SIGINFO;
    OK(sigaction(SIGRTMIN, &sa, NULL) == 0, "SIGRTMIN handler");
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = SIGRTMIN;
    sev.sigev_value.sival_int = 4242;
    timer_t timer;
    OK(timer_create(CLOCK_MONOTONIC, &sev, &timer) == 0, "timer_create SIGEV_SIGNAL");
    struct itimerspec its = {{0, 5000000}, {0, 5000000}};
    OK(timer_settime(timer, 0, &its, NULL) == 0, "every 5 ms");
    double x = 1.0;
    unsigned long n = 0;
    while (ticks < 3 && n < 4000000000ul) {
        x = x * 1.0000001 + 0.5;
        if (x > 1e12)
            x -= 1e12;
        n++;
    }
    struct itimerspec off = {{0, 0}, {0, 0}};
    OK(timer_settime(timer, 0, &off, NULL) == 0, "disarmed");
    OK(ticks >= 3, "three timer signals while computing");
    OK(code == SI_TIMER, "si_code is SI_TIMER");
    OK(value == 4242, "si_value is the timer's");
    OK(timer_delete(timer) == 0, "timer_delete");
    SHOW("n %lu x %.6f", n, x);
    return FIDELITY_END();
}
