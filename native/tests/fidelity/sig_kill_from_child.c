/* sig_kill_from_child: a child sends SIGUSR1 to its parent with kill() while the parent spins
 * without syscalls; siginfo names the child as sender. The parent's progress when the signal came
 * (SHOW) must replay exactly. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got;
static volatile pid_t sender;
static volatile int code;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    sender = si->si_pid;
    code = si->si_code;
    got = 1;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    OK(sigaction(SIGUSR1, &sa, NULL) == 0, "SIGUSR1 handler");
    pid_t child = fork();
    if (child == 0) {
        usleep(20000);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    OK(child > 0, "fork");
    unsigned long spins = 0;
    while (!got && spins < 20000000000ul)
        spins++;
    OK(got, "the child's signal interrupted the spin");
    OK(sender == child, "si_pid is the child");
    OK(code == SI_USER, "si_code is SI_USER");
    int status;
    OK(waitpid(child, &status, 0) == child && WIFEXITED(status), "the child exited");
    SHOW("spins %lu child %d", spins, (int)child);
    return FIDELITY_END();
}
