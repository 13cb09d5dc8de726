/* sig_exec_mask: across execve the signal mask and pending signals are kept, ignored signals stay
 * ignored, caught signals become SIG_DFL. The program blocks SIGUSR1 with one pending, ignores
 * SIGUSR2, catches SIGHUP, and execs itself to check. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <unistd.h>

static void handler(int sig) {}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "after") == 0) {
        sigset_t cur, pend;
        struct sigaction sa;
        OK(sigprocmask(SIG_BLOCK, NULL, &cur) == 0 && sigismember(&cur, SIGUSR1) &&
           !sigismember(&cur, SIGHUP),
           "the mask survived exec");
        OK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1), "the pending SIGUSR1 survived exec");
        OK(sigaction(SIGUSR2, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN, "SIGUSR2 still ignored");
        OK(sigaction(SIGHUP, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL, "the SIGHUP handler is reset");
        signal(SIGUSR1, SIG_IGN);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        SHOW("pid %d", getpid());
        return FIDELITY_END();
    }
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    OK(sigprocmask(SIG_BLOCK, &set, NULL) == 0, "block SIGUSR1");
    OK(raise(SIGUSR1) == 0, "raise it: pending");
    signal(SIGUSR2, SIG_IGN);
    signal(SIGHUP, handler);
    char *args[] = {argv[0], "after", NULL};
    fflush(stdout);
    execv("/proc/self/exe", args);
    OK(0, "execv returned");
    return FIDELITY_END();
}
