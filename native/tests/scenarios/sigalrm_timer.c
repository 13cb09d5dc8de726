/* sigalrm_timer: asynchronous SIGALRM from an interval timer (setitimer) and from alarm(),
 * waited for with pause() and sigsuspend(). Asynchronous signals reach the program at syscall
 * boundaries; replay must deliver each one at the same event, with the handler seeing the
 * recorded clock. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t hits;
static struct timespec when[8];

static void on_alarm(int sig) {
    if (hits < 8)
        clock_gettime(CLOCK_MONOTONIC, &when[hits]);
    hits++;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct itimerval it = {{0, 20000}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    while (hits < 3)
        pause();
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    struct itimerval once = {{0, 0}, {0, 30000}};
    setitimer(ITIMER_REAL, &once, NULL);
    while (hits < 4)
        sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("t0 %lld.%09ld\n", (long long)t0.tv_sec, t0.tv_nsec);
    for (int i = 0; i < 4; i++)
        printf("alarm %d at +%lld ns\n", i,
               (when[i].tv_sec - t0.tv_sec) * 1000000000LL + when[i].tv_nsec - t0.tv_nsec);
    printf("hits %d\n", (int)hits);
    return 0;
}
