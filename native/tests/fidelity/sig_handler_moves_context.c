/* sig_handler_moves_context: a handler changes the interrupted context (ucontext): SIGALRM stops
 * an endless computation by pointing the saved rip at another function, with the saved rsp as a
 * call would leave it. The program goes on there, as the kernel restores the changed context. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/time.h>
#include <ucontext.h>

static volatile unsigned long counter;
static volatile unsigned long seen_rip;

static void escaped(void)
{
    OK(seen_rip != 0, "the handler saw the interrupted rip");
    OK(counter > 0, "the endless loop ran");
    SHOW("counter %lu", counter);
    exit(FIDELITY_END());
}

static void on_alarm(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    seen_rip = (unsigned long)uc->uc_mcontext.gregs[REG_RIP];
    greg_t sp = (uc->uc_mcontext.gregs[REG_RSP] - 256) & ~(greg_t)15;
    uc->uc_mcontext.gregs[REG_RSP] = sp - 8; /* as after a call: rsp + 8 aligned */
    uc->uc_mcontext.gregs[REG_RIP] = (greg_t)escaped;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_alarm;
    sa.sa_flags = SA_SIGINFO;
    OK(sigaction(SIGALRM, &sa, NULL) == 0, "SIGALRM handler");
    struct itimerval t = {{0, 0}, {0, 15000}};
    OK(setitimer(ITIMER_REAL, &t, NULL) == 0, "ITIMER_REAL 15 ms");
    fflush(stdout);
    for (;;)
        counter++;
}
