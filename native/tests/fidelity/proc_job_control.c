/* proc_job_control: a child stopped by SIGSTOP is reported by waitpid(WUNTRACED) as stopped with
 * SIGSTOP; SIGCONT resumes it and waitpid(WCONTINUED) reports it continued; waitid(WSTOPPED)
 * gives CLD_STOPPED. Job control shells depend on these. The child gets a process group of its
 * own (its parent, in another group of the session, keeps it from being orphaned): in an orphaned
 * group, as under a CI runner or nohup, the kernel discards SIGTSTP and the wait would never end. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int pfd[2];
    pipe(pfd);
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char c;
        setpgid(0, 0);
        raise(SIGSTOP);
        read(pfd[0], &c, 1);
        _exit(2);
    }
    setpgid(p, p); /* (also here: whichever runs first) */
    int st;
    OK(waitpid(p, &st, WUNTRACED) == p && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
       "WUNTRACED: stopped by SIGSTOP");
    OK(kill(p, SIGCONT) == 0, "SIGCONT");
    OK(waitpid(p, &st, WCONTINUED) == p && WIFCONTINUED(st), "WCONTINUED: continued");
    OK(kill(p, SIGTSTP) == 0, "SIGTSTP");
    siginfo_t si;
    memset(&si, 0, sizeof si);
    OK(waitid(P_PID, p, &si, WSTOPPED) == 0 && si.si_code == CLD_STOPPED && si.si_status == SIGTSTP,
       "waitid WSTOPPED: CLD_STOPPED by SIGTSTP");
    kill(p, SIGCONT);
    write(pfd[1], "x", 1);
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 2, "then it exits with 2");
    SHOW("child %d", p);
    return FIDELITY_END();
}
