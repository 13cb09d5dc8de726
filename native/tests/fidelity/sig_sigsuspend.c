/* sig_sigsuspend: with SIGUSR1 blocked, a child sends it; sigsuspend with an empty mask waits,
 * runs the handler, returns -1 EINTR and restores the blocked mask. A signal already pending when
 * sigsuspend unblocks it is delivered at once. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got, from;
static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    got++;
    from = si->si_pid;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigset_t block, empty, cur;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, NULL);
    pid_t parent = getpid();
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        kill(parent, SIGUSR1);
        _exit(0);
    }
    errno = 0;
    OK(sigsuspend(&empty) == -1 && errno == EINTR, "sigsuspend: EINTR after the handler");
    OK(got == 1 && from == p, "the handler saw the child's signal");
    OK(sigprocmask(SIG_BLOCK, NULL, &cur) == 0 && sigismember(&cur, SIGUSR1), "the mask is restored");
    waitpid(p, NULL, 0);
    raise(SIGUSR1);
    OK(got == 1, "raised while blocked: pending");
    errno = 0;
    OK(sigsuspend(&empty) == -1 && errno == EINTR && got == 2, "sigsuspend delivers the pending one at once");
    SHOW("child %d", p);
    return FIDELITY_END();
}
