/* sig_rt_queue_limit: queued signals with a siginfo from user space count against
 * RLIMIT_SIGPENDING: with the limit at 0, sigqueue of a blocked real-time signal fails with
 * EAGAIN, while kill (SI_USER, exempt from the limit) still makes a signal pending; with the
 * limit restored sigqueue works again. SIGRTMIN..SIGRTMAX span at least 8 signals. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

int main(void)
{
    OK(SIGRTMAX - SIGRTMIN >= 8, "at least 8 real-time signals");
    struct rlimit old, lim = {0, 0};
    getrlimit(RLIMIT_SIGPENDING, &old);
    lim.rlim_max = old.rlim_max;
    OK(setrlimit(RLIMIT_SIGPENDING, &lim) == 0, "RLIMIT_SIGPENDING 0");
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 7);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    errno = 0;
    OK(sigqueue(getpid(), SIGRTMIN + 7, (union sigval){.sival_int = 1}) == -1 && errno == EAGAIN,
       "sigqueue: EAGAIN");
    OK(kill(getpid(), SIGUSR1) == 0, "kill is exempt");
    sigset_t pend;
    OK(sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1) && !sigismember(&pend, SIGRTMIN + 7),
       "SIGUSR1 pending, the real-time one not");
    OK(setrlimit(RLIMIT_SIGPENDING, &old) == 0, "restore the limit");
    OK(sigqueue(getpid(), SIGRTMIN + 7, (union sigval){.sival_int = 4}) == 0, "sigqueue works again");
    siginfo_t si;
    struct timespec zero = {0, 0};
    memset(&si, 0, sizeof si);
    OK(sigtimedwait(&set, &si, &zero) == SIGUSR1 && si.si_code == SI_USER, "take SIGUSR1 (lowest first)");
    memset(&si, 0, sizeof si);
    OK(sigtimedwait(&set, &si, &zero) == SIGRTMIN + 7 && si.si_value.sival_int == 4, "then the queued one");
    SHOW("limit %llu", (unsigned long long)old.rlim_cur);
    return FIDELITY_END();
}
