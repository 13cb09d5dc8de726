/* proc_exit_statuses: children ending every way a process can end: exit codes 0, 7 and 255,
 * killed by SIGTERM, SIGKILL, and by abort() with RLIMIT_CORE 0 (no core). waitpid must report
 * WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG and WCOREDUMP exactly as the kernel encoded them. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t child(int how)
{
    fflush(stdout);
    pid_t p = fork();
    if (p != 0)
        return p;
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    switch (how) {
    case 0: _exit(0);
    case 1: _exit(7);
    case 2: _exit(255);
    case 3: raise(SIGTERM); break;
    case 4: raise(SIGKILL); break;
    case 5: abort();
    }
    _exit(99);
}

int main(void)
{
    int st;
    pid_t p = child(0);
    SHOW("first child pid %d", p);
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0, "exit(0): exited, status 0");
    p = child(1);
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 7, "exit(7): exited, status 7");
    p = child(2);
    OK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 255, "exit(255): status 255");
    p = child(3);
    OK(waitpid(p, &st, 0) == p && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM && !WCOREDUMP(st),
       "SIGTERM: signaled, no core");
    p = child(4);
    OK(waitpid(p, &st, 0) == p && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "SIGKILL: signaled");
    p = child(5);
    OK(waitpid(p, &st, 0) == p && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && !WCOREDUMP(st),
       "abort with RLIMIT_CORE 0: SIGABRT, no core dumped");
    SHOW("raw status of the abort child 0x%x", st);
    errno = 0;
    OK(waitpid(-1, &st, 0) == -1 && errno == ECHILD, "no children left: ECHILD");
    return FIDELITY_END();
}
