/* raise_kill: signals a process sends itself: raise (tgkill), kill(getpid()), sigqueue with a
 * value, and a blocked signal left pending then unblocked. Handlers print the signal and the
 * time; replay must run each handler at the same point with the same siginfo. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void on_sig(int sig, siginfo_t *si, void *uc) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("handler: sig %d code %d from pid %d value %d at %lld.%09ld\n", sig, si->si_code,
           si->si_pid, si->si_value.sival_int, (long long)ts.tv_sec, ts.tv_nsec);
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);
    printf("pid %d\n", getpid());
    raise(SIGUSR1);
    printf("after raise\n");
    kill(getpid(), SIGUSR2);
    printf("after kill\n");
    union sigval v = {.sival_int = 4242};
    sigqueue(getpid(), SIGRTMIN, v);
    printf("after sigqueue\n");
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    printf("pending while blocked: %d\n", sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("after unblock\n");
    signal(SIGUSR2, SIG_IGN);
    kill(getpid(), SIGUSR2);
    printf("ignored SIGUSR2, done\n");
    return 0;
}
