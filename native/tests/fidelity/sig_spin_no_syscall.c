/* sig_spin_no_syscall: ITIMER_VIRTUAL counts user CPU time and sends SIGVTALRM, ITIMER_PROF counts
 * user+system time and sends SIGPROF; a periodic timer keeps firing and getitimer returns its
 * interval. The program spins until each fires (bounded). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/time.h>
#include <unistd.h>

static volatile int vt, prof;
static void on_vt(int sig) { vt++; }
static void on_prof(int sig) { prof++; }

static void spin_until(volatile int *counter, int n)
{
    for (unsigned long i = 0; *counter < n && i < 1000000000ul; i++)
        __asm__ volatile("" ::: "memory");
}

int main(void)
{
    signal(SIGVTALRM, on_vt);
    signal(SIGPROF, on_prof);
    struct itimerval v = {{0, 0}, {0, 10000}}, cur;
    OK(setitimer(ITIMER_VIRTUAL, &v, NULL) == 0, "ITIMER_VIRTUAL 10 ms");
    spin_until(&vt, 1);
    OK(vt == 1, "SIGVTALRM after 10 ms of user time");
    struct itimerval p = {{0, 5000}, {0, 5000}};
    OK(setitimer(ITIMER_PROF, &p, NULL) == 0, "ITIMER_PROF every 5 ms");
    OK(getitimer(ITIMER_PROF, &cur) == 0 && cur.it_interval.tv_usec == 5000 && cur.it_interval.tv_sec == 0,
       "getitimer returns the 5 ms interval");
    spin_until(&prof, 3);
    OK(prof >= 3, "SIGPROF fired three times");
    struct itimerval off = {{0, 0}, {0, 0}}, old;
    OK(setitimer(ITIMER_PROF, &off, &old) == 0 &&
       old.it_interval.tv_usec == 5000, "disarm, old interval 5 ms");
    OK(getitimer(ITIMER_VIRTUAL, &cur) == 0 && cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0,
       "the one-shot virtual timer is disarmed");
    errno = 0;
    OK(getitimer(7, &cur) == -1 && errno == EINVAL, "unknown timer: EINVAL");
    SHOW("prof signals %d", prof);
    return FIDELITY_END();
}
