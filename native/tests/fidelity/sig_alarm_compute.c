/* sig_alarm_compute: setitimer(ITIMER_REAL) sends SIGALRM while the program computes without a
 * syscall; the handler ends the loop. How far the loop got depends on when the alarm came: the
 * replay must deliver it at the same iteration, so the count (SHOW) and the checksum replay exactly. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/time.h>

static volatile sig_atomic_t fired;
static void on_alarm(int sig) { fired = sig; }

int main(void)
{
    OK(signal(SIGALRM, on_alarm) != SIG_ERR, "SIGALRM handler");
    struct itimerval t = {{0, 0}, {0, 20000}};
    OK(setitimer(ITIMER_REAL, &t, NULL) == 0, "ITIMER_REAL 20 ms");
    unsigned long n = 0, sum = 0;
    while (!fired && n < 4000000000ul) {
        sum = sum * 6364136223846793005ul + n;
        n++;
    }
    OK(fired == SIGALRM, "the alarm ended the compute loop");
    OK(n > 0 && n < 4000000000ul, "the loop ran and stopped early");
    SHOW("iterations %lu checksum %lx", n, sum);
    return FIDELITY_END();
}
