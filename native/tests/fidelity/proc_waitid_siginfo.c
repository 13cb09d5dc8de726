/* proc_waitid_siginfo: waitid fills a siginfo_t: si_pid, si_uid, si_signo SIGCHLD, si_code
 * CLD_EXITED / CLD_KILLED and si_status. WNOWAIT leaves the child waitable, so a second waitid
 * sees the same child; WNOHANG with nothing ready zeroes si_pid and returns 0. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int pipefd[2];
    OK(pipe(pipefd) == 0, "pipe");
    fflush(stdout);
    pid_t blocked = fork();
    if (blocked == 0) {
        char c;
        close(pipefd[1]);
        read(pipefd[0], &c, 1);
        _exit(3);
    }
    close(pipefd[0]);
    siginfo_t si;
    memset(&si, 0xff, sizeof si);
    OK(waitid(P_PID, blocked, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0,
       "WNOHANG with the child still running: 0 and si_pid 0");
    close(pipefd[1]);
    memset(&si, 0, sizeof si);
    OK(waitid(P_PID, blocked, &si, WEXITED | WNOWAIT) == 0, "waitid WNOWAIT");
    OK(si.si_pid == blocked && si.si_signo == SIGCHLD && si.si_code == CLD_EXITED && si.si_status == 3,
       "si_pid, si_signo SIGCHLD, CLD_EXITED, status 3");
    OK(si.si_uid == getuid(), "si_uid is ours");
    memset(&si, 0, sizeof si);
    OK(waitid(P_ALL, 0, &si, WEXITED) == 0 && si.si_pid == blocked, "after WNOWAIT the child is still there");
    SHOW("child %d", si.si_pid);

    fflush(stdout);
    pid_t killed = fork();
    if (killed == 0) {
        pause();
        _exit(0);
    }
    kill(killed, SIGUSR2);
    memset(&si, 0, sizeof si);
    OK(waitid(P_PID, killed, &si, WEXITED) == 0 && si.si_code == CLD_KILLED && si.si_status == SIGUSR2,
       "killed child: CLD_KILLED, si_status SIGUSR2");
    errno = 0;
    OK(waitid(P_ALL, 0, &si, WEXITED) == -1 && errno == ECHILD, "nothing left: ECHILD");
    errno = 0;
    OK(waitid(P_PID, 1, &si, 0) == -1 && errno == EINVAL, "no WEXITED/WSTOPPED/WCONTINUED: EINVAL");
    return FIDELITY_END();
}
