/*
 * fork_crash.c: debuggee of the process-tree DAP tests: the parent forks a child that prints,
 * then crashes (a write through a null pointer: SIGSEGV) while the parent carries on, reports it
 * and exits 0. Tests find lines by the markers.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

volatile int *nowhere;

void child_work(void)
{
    printf("child: about to crash\n");
    fflush(stdout);
    *nowhere = 42;   /* CHILD_CRASH */
}

int main(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        child_work();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    printf("parent: child killed by signal %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0); /* PARENT_PRINT */
    return 0;
}
