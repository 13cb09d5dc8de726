/* proc_waitid_stopped_continued: waitid reports each state change of a child once: WSTOPPED gives
 * CLD_STOPPED with the stop signal, WCONTINUED gives CLD_CONTINUED with SIGCONT, WNOWAIT leaves
 * the state to be reported again; waitpid(WUNTRACED|WNOHANG) with nothing new returns 0; a child
 * killed while stopped is reported CLD_KILLED. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        for (;;)
            pause();
    }
    OK(kill(p, SIGSTOP) == 0, "SIGSTOP the child");
    siginfo_t si;
    memset(&si, 0, sizeof si);
    OK(waitid(P_PID, p, &si, WSTOPPED | WNOWAIT) == 0 && si.si_code == CLD_STOPPED && si.si_status == SIGSTOP,
       "WNOWAIT: CLD_STOPPED by SIGSTOP");
    memset(&si, 0, sizeof si);
    OK(waitid(P_PID, p, &si, WSTOPPED) == 0 && si.si_code == CLD_STOPPED && si.si_pid == p,
       "reported again, consumed now");
    int st;
    OK(waitpid(p, &st, WUNTRACED | WNOHANG) == 0, "nothing new: 0");
    OK(kill(p, SIGCONT) == 0, "SIGCONT");
    memset(&si, 0, sizeof si);
    OK(waitid(P_PID, p, &si, WCONTINUED) == 0 && si.si_code == CLD_CONTINUED && si.si_status == SIGCONT,
       "CLD_CONTINUED with SIGCONT");
    kill(p, SIGSTOP);
    memset(&si, 0, sizeof si);
    waitid(P_PID, p, &si, WSTOPPED);
    OK(kill(p, SIGKILL) == 0, "SIGKILL while stopped");
    memset(&si, 0, sizeof si);
    OK(waitid(P_PID, p, &si, WEXITED) == 0 && si.si_code == CLD_KILLED && si.si_status == SIGKILL, "CLD_KILLED");
    SHOW("child %d", p);
    return FIDELITY_END();
}
