/*
 * signal_spin.c: debuggee of the time-travel tests of asynchronous signals in user code: main
 * computes without syscalls until SIGALRM (setitimer, ITIMER_REAL) arrives somewhere in the loop;
 * the handler ends it. Tests find lines by the markers.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

static volatile sig_atomic_t fired;
static volatile unsigned long seen;

static void on_alarm(int sig)
{
    fired = sig;                              /* HANDLER_LINE */
    seen = 1;
}

int main(void)
{
    signal(SIGALRM, on_alarm);
    struct itimerval t = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &t, NULL);
    unsigned long n = 0;
    while (!fired)
        n++;                                  /* SPIN_LINE */
    printf("n=%lu seen=%lu\n", n, seen);      /* AFTER_SPIN */
    return 0;
}
