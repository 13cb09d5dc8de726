/* sig_resethand_nodefer: SA_RESETHAND makes the disposition SIG_DFL once the handler is entered
 * (sigaction then reads SIG_DFL; Linux still blocks the signal inside); SA_NODEFER leaves the
 * signal unblocked inside its handler, while by default it is blocked there; sa_mask signals are
 * blocked inside the handler too. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <unistd.h>

static volatile int runs, self_blocked, mask_blocked;

static void handler(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    self_blocked = sigismember(&cur, sig);
    mask_blocked = sigismember(&cur, SIGWINCH);
    runs++;
}

int main(void)
{
    struct sigaction sa, now;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaddset(&sa.sa_mask, SIGWINCH);
    OK(sigaction(SIGUSR1, &sa, NULL) == 0, "plain handler");
    raise(SIGUSR1);
    OK(runs == 1 && self_blocked && mask_blocked, "plain: the signal and sa_mask are blocked inside");

    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    OK(runs == 2 && !self_blocked && mask_blocked, "SA_NODEFER: the signal is not blocked inside");

    sa.sa_flags = SA_RESETHAND;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    OK(runs == 3 && self_blocked, "SA_RESETHAND: the handler ran once, the signal blocked inside");
    OK(sigaction(SIGUSR2, NULL, &now) == 0 && now.sa_handler == SIG_DFL, "SA_RESETHAND: SIG_DFL afterwards");
    OK(sigaction(SIGUSR1, NULL, &now) == 0 && now.sa_handler == handler && (now.sa_flags & SA_NODEFER) &&
           sigismember(&now.sa_mask, SIGWINCH), "sigaction reads back handler, flags and mask");
    errno = 0;
    OK(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL, "SIGKILL cannot be caught: EINVAL");
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
