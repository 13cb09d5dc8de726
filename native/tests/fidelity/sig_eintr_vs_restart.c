/* sig_eintr_vs_restart: a read blocked on an empty pipe is interrupted by an ITIMER_REAL SIGALRM:
 * without SA_RESTART it fails with EINTR; with SA_RESTART the kernel restarts it and it returns
 * the byte a child writes later. The handler runs in both cases. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile int alarms;
static void on_alarm(int sig) { alarms++; }

static void arm(long usec)
{
    struct itimerval it = {{0, 0}, {0, usec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    int pfd[2];
    OK(pipe(pfd) == 0, "pipe");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    char c;
    arm(20000);
    errno = 0;
    OK(read(pfd[0], &c, 1) == -1 && errno == EINTR, "without SA_RESTART: EINTR");
    OK(alarms == 1, "the handler ran");

    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        struct timespec d = {0, 200000000};
        nanosleep(&d, NULL);
        write(pfd[1], "r", 1);
        _exit(0);
    }
    arm(20000);
    OK(read(pfd[0], &c, 1) == 1 && c == 'r', "with SA_RESTART: the read restarted and got the byte");
    OK(alarms == 2, "the handler ran again");
    waitpid(p, NULL, 0);
    SHOW("child %d", p);
    return FIDELITY_END();
}
