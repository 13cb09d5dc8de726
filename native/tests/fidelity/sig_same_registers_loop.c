/* sig_same_registers_loop: an interval timer's SIGALRM arrives ten times in a loop whose registers
 * are the same at every pass (its progress is in memory only: on the stack), so a signal that arrives where the
 * last handler returned to looks, by its registers, like one delivered as that handler's
 * rt_sigreturn returned. The recorder must tell them apart (was it queued at that syscall's
 * exit?); the count of passes between signals (SHOW) depends on exactly where each arrived. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/time.h>

static volatile int fired;

static void on_alarm(int sig) { fired++; }

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    OK(sigaction(SIGALRM, &sa, NULL) == 0, "SIGALRM handler");
    struct itimerval every = {{0, 1000}, {0, 1000}};
    OK(setitimer(ITIMER_REAL, &every, NULL) == 0, "ITIMER_REAL every 1 ms");
    /* the loop: three instructions, no register changes (the flags are those of the compare); its
     * count on the stack, where the signal point's fingerprint sees it */
    unsigned long passes = 0;
    __asm__ volatile("1: addq $1, %0\n\t"
                     "cmpl $10, %1\n\t"
                     "jl 1b"
                     : "+m"(passes)
                     : "m"(fired)
                     : "cc");
    struct itimerval off = {{0, 0}, {0, 0}};
    OK(setitimer(ITIMER_REAL, &off, NULL) == 0, "timer stopped");
    OK(fired >= 10, "ten signals while looping");
    SHOW("passes %lu", passes);
    return FIDELITY_END();
}
