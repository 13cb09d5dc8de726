/* proc_pidfd: pidfd_open of a child gives a descriptor (O_CLOEXEC) that poll reports readable
 * once the child exits; pidfd_send_signal delivers SIGTERM to it (the child's handler sees
 * SI_USER from us); waitid(P_PIDFD) collects it; pidfd_open of a pid that does not exist is
 * ESRCH, with bad flags EINVAL; pidfd_send_signal after the child is reaped is ESRCH. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static volatile int term_code;
static void on_term(int sig, siginfo_t *si, void *uc) { term_code = si->si_code == SI_USER ? 21 : 22; }

int main(void)
{
    int ready[2];
    pipe(ready);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_term;
        sa.sa_flags = SA_SIGINFO;
        sigaction(SIGTERM, &sa, NULL);
        write(ready[1], "r", 1);
        while (!term_code)
            pause();
        _exit(term_code);
    }
    char c;
    read(ready[0], &c, 1);
    int pfd = (int)syscall(SYS_pidfd_open, p, 0);
    OK(pfd >= 0 && (fcntl(pfd, F_GETFD) & FD_CLOEXEC), "pidfd_open: a close-on-exec descriptor");
    struct pollfd q = {pfd, POLLIN, 0};
    OK(poll(&q, 1, 0) == 0, "not readable while the child runs");
    OK(syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0) == 0, "pidfd_send_signal SIGTERM");
    OK(poll(&q, 1, 5000) == 1 && (q.revents & POLLIN), "readable once it exited");
    siginfo_t si;
    memset(&si, 0, sizeof si);
    OK(waitid(P_PIDFD, pfd, &si, WEXITED) == 0 && si.si_pid == p && si.si_status == 21,
       "waitid(P_PIDFD): it exited 21 (its handler saw SI_USER)");
    errno = 0;
    OK(syscall(SYS_pidfd_send_signal, pfd, SIGTERM, NULL, 0) == -1 && errno == ESRCH, "reaped: ESRCH");
    errno = 0;
    OK(syscall(SYS_pidfd_open, 0x3ffffff0, 0) == -1 && errno == ESRCH, "no such pid: ESRCH");
    errno = 0;
    OK(syscall(SYS_pidfd_open, getpid(), 0x1234) == -1 && errno == EINVAL, "bad flags: EINVAL");
    SHOW("child %d pidfd %d", p, pfd);
    return FIDELITY_END();
}
