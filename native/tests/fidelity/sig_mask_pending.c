/* sig_mask_pending: sigprocmask returns the old mask; a blocked signal stays pending (sigpending
 * lists it, the handler does not run) until unblocked; SIGKILL/SIGSTOP cannot be blocked; a
 * pending signal whose disposition becomes SIG_IGN is discarded. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <unistd.h>

static volatile int runs;
static void handler(int sig) { runs++; }

int main(void)
{
    signal(SIGUSR1, handler);
    sigset_t set, old, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGKILL);
    sigaddset(&set, SIGTERM);
    OK(sigprocmask(SIG_BLOCK, &set, &old) == 0 &&
       !sigismember(&old, SIGUSR1), "block; old mask lacks SIGUSR1");
    sigset_t cur;
    OK(sigprocmask(SIG_BLOCK, NULL, &cur) == 0 && sigismember(&cur, SIGUSR1) && sigismember(&cur, SIGTERM) &&
           !sigismember(&cur, SIGKILL), "SIGUSR1 and SIGTERM blocked, SIGKILL silently not");
    raise(SIGUSR1);
    raise(SIGTERM);
    OK(runs == 0, "the blocked signal did not run its handler");
    OK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) && sigismember(&pend, SIGTERM) &&
           !sigismember(&pend, SIGUSR2), "sigpending lists SIGUSR1 and SIGTERM");
    signal(SIGTERM, SIG_IGN);
    OK(sigpending(&pend) == 0 && !sigismember(&pend, SIGTERM), "SIG_IGN discards the pending SIGTERM");
    OK(sigprocmask(SIG_SETMASK, &old, NULL) == 0, "restore the mask");
    OK(runs == 1, "unblocking ran the handler once");
    OK(sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR1), "nothing pending any more");
    errno = 0;
    OK(sigprocmask(99, &set, NULL) == -1 && errno == EINVAL, "bad how: EINVAL");
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
