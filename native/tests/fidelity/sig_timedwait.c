/* sig_timedwait: sigtimedwait and sigwaitinfo take a blocked pending signal without running a
 * handler, filling siginfo (si_signo, si_code, si_pid, si_value); with nothing pending the timed
 * wait fails with EAGAIN after the timeout; a zero timeout polls. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

static volatile int handler_ran;
static void handler(int sig) { handler_ran++; }

int main(void)
{
    signal(SIGUSR2, handler);
    signal(SIGRTMIN + 2, handler);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    struct timespec zero = {0, 0}, short_wait = {0, 20000000};
    siginfo_t si;
    errno = 0;
    OK(sigtimedwait(&set, &si, &zero) == -1 && errno == EAGAIN, "nothing pending, zero timeout: EAGAIN");
    errno = 0;
    OK(sigtimedwait(&set, &si, &short_wait) == -1 && errno == EAGAIN, "nothing pending, 20 ms: EAGAIN");
    raise(SIGUSR2);
    memset(&si, 0, sizeof si);
    OK(sigtimedwait(&set, &si, &zero) == SIGUSR2, "sigtimedwait takes SIGUSR2");
    OK(si.si_signo == SIGUSR2 && (si.si_code == SI_TKILL || si.si_code == SI_USER) && si.si_pid == getpid(),
       "its siginfo: from us, SI_USER or SI_TKILL (as the C library raises)");
    sigqueue(getpid(), SIGRTMIN + 2, (union sigval){.sival_int = 1234});
    memset(&si, 0, sizeof si);
    OK(sigwaitinfo(&set, &si) == SIGRTMIN + 2, "sigwaitinfo takes the queued signal");
    OK(si.si_code == SI_QUEUE && si.si_value.sival_int == 1234 &&
       si.si_uid == getuid(), "SI_QUEUE and value");
    OK(handler_ran == 0, "no handler ran");
    sigset_t pend;
    OK(sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR2), "nothing left pending");
    SHOW("si_pid %d", si.si_pid);
    return FIDELITY_END();
}
