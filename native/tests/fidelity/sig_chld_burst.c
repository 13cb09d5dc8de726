/* sig_chld_burst: children that end at once while their parent makes system calls: each SIGCHLD
 * may arrive while the parent is on its way back from a syscall to user code, and is then taken
 * before the parent's next instruction (the recorder must place it right after that syscall, the
 * moment the replay can reproduce). The handler counts them; the parent reaps every child. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 24
static volatile int signalled;

static void on_chld(int sig)
{
    signalled++;
}

int main(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_chld;
    sa.sa_flags = SA_RESTART;
    OK(sigaction(SIGCHLD, &sa, NULL) == 0, "SIGCHLD handler");
    int reaped = 0;
    long calls = 0;
    for (int i = 0; i < CHILDREN; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0)
            _exit(i);
        while (waitpid(pid, NULL, WNOHANG) == 0)
            calls += syscall(SYS_getppid) > 0;
        reaped++;
    }
    OK(reaped == CHILDREN, "every child reaped");
    OK(signalled >= 1, "SIGCHLD handled");
    SHOW("signals %d calls %ld", signalled, calls);
    return FIDELITY_END();
}
