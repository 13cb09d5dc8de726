/* sig_sigchld: a SA_SIGINFO SIGCHLD handler receives si_code CLD_EXITED with the child's pid and
 * exit status; SA_NOCLDSTOP suppresses it for stops; SIGCHLD set to SIG_IGN reaps children
 * automatically, so wait fails with ECHILD. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got, code, status, pid;
static void on_chld(int sig, siginfo_t *si, void *uc)
{
    got++;
    code = si->si_code;
    status = si->si_status;
    pid = si->si_pid;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    sigset_t chld, empty;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0)
        _exit(42);
    while (!got)
        sigsuspend(&empty);
    OK(got == 1 && code == CLD_EXITED && status == 42 && pid == p, "SIGCHLD: CLD_EXITED, status 42, its pid");
    OK(waitpid(p, NULL, 0) == p, "then waitpid collects it");

    sigprocmask(SIG_UNBLOCK, &chld, NULL);
    signal(SIGCHLD, SIG_IGN);
    fflush(stdout);
    pid_t q = fork();
    if (q == 0)
        _exit(1);
    int st;
    errno = 0;
    OK(waitpid(q, &st, 0) == -1 && errno == ECHILD, "SIGCHLD ignored: reaped, ECHILD");
    SHOW("children %d %d", p, q);
    return FIDELITY_END();
}
