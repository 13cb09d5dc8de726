/* sa_restart: SIGALRM from a timer interrupting a blocking read on a pipe, once with SA_RESTART
 * (the read restarts and later gets the child's data) and once without (the read fails with
 * EINTR). Replay must deliver the signal inside the same syscall and reproduce both outcomes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static void on_alarm(int sig) { alarms++; }

static void arm(int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 0}, {0, 30000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
    int p[2];
    pipe(p);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        usleep(120000);
        dprintf(p[1], "late data from %d", getpid());
        _exit(0);
    }
    close(p[1]);
    arm(SA_RESTART);
    char buf[64] = {0};
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    printf("with SA_RESTART: read %zd '%s' alarms %d\n", n, buf, (int)alarms);
    waitpid(pid, NULL, 0);
    int q[2];
    pipe(q);
    arm(0);
    errno = 0;
    n = read(q[0], buf, sizeof buf);
    printf("without SA_RESTART: read %zd errno %s alarms %d\n", n, strerror(errno), (int)alarms);
    alarm(0);
    return 0;
}
