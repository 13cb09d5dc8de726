/* time_cpu_timers: timer_create on CLOCK_PROCESS_CPUTIME_ID and on a child's CPU clock
 * (clock_getcpuclockid): the process timer fires SIGEV_SIGNAL after 5 ms of our CPU time
 * (we spin, with a syscall now and then); clock_gettime on the child's CPU clock works while it
 * lives; SIGEV_NONE timers expire silently (timer_gettime reads 0 left). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int fired;
static void on_sig(int sig) { fired++; }

int main(void)
{
    signal(SIGRTMIN + 6, on_sig);
    struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGRTMIN + 6};
    timer_t t;
    OK(timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, &t) == 0, "timer on our CPU clock");
    struct itimerspec its = {{0, 0}, {0, 5000000}};
    OK(timer_settime(t, 0, &its, NULL) == 0, "5 ms of CPU time");
    for (unsigned long i = 0; !fired && i < 3000000000ul; i++)
        if (i % 1000000 == 0)
            getppid();
    OK(fired == 1, "it fired");
    timer_delete(t);
    struct sigevent none = {.sigev_notify = SIGEV_NONE};
    OK(timer_create(CLOCK_MONOTONIC, &none, &t) == 0, "SIGEV_NONE timer");
    struct itimerspec shot = {{0, 0}, {0, 1000000}}, cur;
    timer_settime(t, 0, &shot, NULL);
    struct timespec nap = {0, 5000000};
    nanosleep(&nap, NULL);
    OK(timer_gettime(t, &cur) == 0 && cur.it_value.tv_sec == 0 &&
       cur.it_value.tv_nsec == 0, "expired: 0 left");
    timer_delete(t);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        pause();
        _exit(0);
    }
    clockid_t cc;
    struct timespec ts = {-1, -1};
    OK(clock_getcpuclockid(p, &cc) == 0 && clock_gettime(cc, &ts) == 0 &&
       ts.tv_sec >= 0, "the child's CPU clock");
    kill(p, SIGKILL);
    waitpid(p, NULL, 0);
    SHOW("child cpu %ld.%09ld", (long)ts.tv_sec, ts.tv_nsec);
    return FIDELITY_END();
}
