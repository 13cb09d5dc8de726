/* sig_nested_delivery: signals that become deliverable together (blocked, then unblocked at once)
 * are all delivered on the way back to user mode, each one's frame on top of the previous one's:
 * the handler of the last delivered runs first. With the handler's own signal blocked inside it,
 * SIGUSR2, SIGRTMIN (10), SIGRTMIN+1 give the order RTMIN+1, RTMIN/10, RTMIN/20, USR2. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <unistd.h>

static int order[16], values[16];
static volatile int n;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    if (n < 16) {
        order[n] = sig;
        values[n] = si->si_value.sival_int;
        n++;
    }
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGRTMIN, &sa, NULL);
    sigaction(SIGRTMIN + 1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    sigaddset(&set, SIGRTMIN + 1);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    sigqueue(getpid(), SIGRTMIN + 1, (union sigval){.sival_int = 30});
    sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 10});
    sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 20});
    sigqueue(getpid(), SIGUSR2, (union sigval){.sival_int = 99});
    sigprocmask(SIG_SETMASK, &old, NULL);
    for (int i = 0; i < n; i++)
        printf("order %d: %d/%d\n", i, order[i], values[i]);
    OK(n == 4, "four deliveries");
    OK(order[0] == SIGRTMIN + 1 && order[1] == SIGRTMIN && values[1] == 10 && order[2] == SIGRTMIN &&
           values[2] == 20 && order[3] == SIGUSR2, "nested: the last delivered handler runs first");
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
