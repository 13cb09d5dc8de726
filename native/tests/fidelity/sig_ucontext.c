/* sig_ucontext: a SA_SIGINFO handler's third argument is a ucontext_t: uc_sigmask is the mask
 * before the signal (with a signal we blocked in it), the saved registers hold the interrupted
 * state (rip inside the program); a handler may change the saved mask, which sigreturn restores
 * (SIGUSR2 is blocked after the handler returns). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <stdint.h>
#include <ucontext.h>
#include <unistd.h>

extern char __executable_start[], etext[];
static volatile int saw_blocked, rip_in_program, ran;

static void handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    saw_blocked = sigismember(&uc->uc_sigmask, SIGWINCH) && !sigismember(&uc->uc_sigmask, SIGUSR1);
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    rip_in_program = rip != 0;
    sigaddset(&uc->uc_sigmask, SIGUSR2);
    ran++;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigprocmask(SIG_BLOCK, &set, NULL);
    OK(kill(getpid(), SIGUSR1) == 0 && ran == 1, "the handler ran");
    OK(saw_blocked, "uc_sigmask: the mask before the signal");
    OK(rip_in_program, "the saved rip is set");
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    OK(sigismember(&now, SIGUSR2) &&
       sigismember(&now, SIGWINCH), "the handler's change to uc_sigmask took effect");
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
