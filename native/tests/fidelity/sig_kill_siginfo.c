/* sig_kill_siginfo: kill(getpid()) delivers a SA_SIGINFO handler a siginfo with si_code SI_USER,
 * si_pid our pid and si_uid our uid; kill with signal 0 checks existence; kill of a pid that does
 * not exist is ESRCH and an invalid signal EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <unistd.h>

static volatile int got_sig, got_code, got_pid, got_uid;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    got_sig = sig;
    got_code = si->si_code;
    got_pid = si->si_pid;
    got_uid = si->si_uid;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_usr1;
    sa.sa_flags = SA_SIGINFO;
    OK(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction SA_SIGINFO");
    OK(kill(getpid(), SIGUSR1) == 0, "kill(self, SIGUSR1)");
    OK(got_sig == SIGUSR1, "the handler ran before kill returned");
    OK(got_code == SI_USER, "si_code SI_USER");
    OK(got_pid == getpid() && got_uid == (int)getuid(), "si_pid and si_uid are ours");
    OK(kill(getpid(), 0) == 0, "signal 0: we exist");
    errno = 0;
    OK(kill(0x3ffffff0, SIGUSR1) == -1 && errno == ESRCH, "no such process: ESRCH");
    errno = 0;
    OK(kill(getpid(), 65) == -1 && errno == EINVAL, "signal 65: EINVAL");
    SHOW("si_pid %d", got_pid);
    return FIDELITY_END();
}
