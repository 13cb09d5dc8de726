/* sig_queueinfo: rt_sigqueueinfo (sigqueue) carries a value: the handler sees si_code SI_QUEUE and
 * si_value; real-time signals queue (three sent while blocked are three deliveries, each value
 * once), a standard signal sent three times while blocked is one. (The order the handlers run in
 * is fidelity-pending/sig_nested_delivery's subject.) tgkill
 * gives SI_TKILL, and tgkill to a wrong thread group is ESRCH. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

static int order[16], values[16], codes[16];
static volatile int n;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    if (n < 16) {
        order[n] = sig;
        values[n] = si->si_value.sival_int;
        codes[n] = si->si_code;
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
    OK(sigqueue(getpid(), SIGRTMIN + 1, (union sigval){.sival_int = 30}) == 0, "sigqueue RTMIN+1 30");
    OK(sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 10}) == 0, "sigqueue RTMIN 10");
    OK(sigqueue(getpid(), SIGRTMIN, (union sigval){.sival_int = 20}) == 0, "sigqueue RTMIN 20");
    for (int i = 0; i < 3; i++)
        sigqueue(getpid(), SIGUSR2, (union sigval){.sival_int = 99});
    sigprocmask(SIG_SETMASK, &old, NULL);
    OK(n == 4, "four deliveries: three real-time, one SIGUSR2");
    int seen = 0;
    for (int i = 0; i < n; i++) {
        if (codes[i] != SI_QUEUE)
            seen |= 64;
        if (order[i] == SIGUSR2 && values[i] == 99)
            seen |= 1;
        else if (order[i] == SIGRTMIN && values[i] == 10)
            seen |= 2;
        else if (order[i] == SIGRTMIN && values[i] == 20)
            seen |= 4;
        else if (order[i] == SIGRTMIN + 1 && values[i] == 30)
            seen |= 8;
    }
    OK(seen == 15, "each signal with its value, all SI_QUEUE");
    n = 0;
    OK(syscall(SYS_tgkill, getpid(), getpid(), SIGRTMIN) == 0 && n == 1 && codes[0] == SI_TKILL,
       "tgkill: SI_TKILL");
    errno = 0;
    OK(syscall(SYS_tgkill, getpid() + 0x100000, getpid(), SIGRTMIN) == -1 && errno == ESRCH,
       "tgkill with the wrong tgid: ESRCH");
    siginfo_t forged;
    memset(&forged, 0, sizeof forged);
    forged.si_signo = SIGRTMIN;
    forged.si_code = SI_QUEUE;
    forged.si_pid = getpid();
    forged.si_value.sival_int = 77;
    n = 0;
    OK(syscall(SYS_rt_sigqueueinfo, getpid(), SIGRTMIN, &forged) == 0 && n == 1 && values[0] == 77,
       "rt_sigqueueinfo with our own siginfo");
    SHOW("pid %d", getpid());
    return FIDELITY_END();
}
