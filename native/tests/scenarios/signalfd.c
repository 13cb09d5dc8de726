/* signalfd: signals received as data: SIGUSR1 and a SIGCHLD from an exiting child, blocked and
 * read from a signalfd (the signalfd_siginfo holds the child's pid and status). Replay must return
 * the recorded siginfo records. */
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, NULL);
    int sfd = signalfd(-1, &set, SFD_CLOEXEC);
    kill(getpid(), SIGUSR1);
    struct signalfd_siginfo si;
    ssize_t n = read(sfd, &si, sizeof si);
    printf("read %zd: signo %u from pid %u (self %d)\n", n, si.ssi_signo, si.ssi_pid, getpid());
    fflush(stdout);
    pid_t c = fork();
    if (c == 0)
        _exit(33);
    n = read(sfd, &si, sizeof si);
    printf("read %zd: signo %u child pid %u (forked %d) status %d code %d\n", n, si.ssi_signo,
           si.ssi_pid, c, si.ssi_status, si.ssi_code);
    int st;
    waitpid(c, &st, 0);
    printf("waited, exit %d\n", WEXITSTATUS(st));
    return 0;
}
