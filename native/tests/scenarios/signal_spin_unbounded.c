/* signal_spin_unbounded: spins without syscalls until a SIGALRM from an interval timer has run
 * its handler, with no bound on the loop: a replay that misses the signal's point in user code
 * spins for ever unless the replay notices it (StuckReplayTest: the replay watchdog's CPU
 * measure). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

static volatile sig_atomic_t fired;

static void on_alarm(int sig) { fired = sig; }

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    printf("spinning until SIGALRM\n");
    fflush(stdout);
    struct itimerval once = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &once, NULL);
    unsigned long passes = 0;
    while (!fired)
        passes++;
    printf("SIGALRM ended the spin (%s)\n", passes > 0 ? "after some passes" : "at once");
    return 0;
}
