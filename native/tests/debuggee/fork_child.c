/*
 * fork_child.c: debuggee of the process-tree DAP test: the parent forks a child that runs a loop
 * and prints, then waits for it and prints its exit status. Tests find lines by the markers.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int child_work(void)
{
    int total = 0;
    for (int i = 0; i < 3; i++) {
        total += i * 10;
        printf("child i=%d total=%d\n", i, total);   /* CHILD_PRINT */
        fflush(stdout);
    }
    return total;
}

int main(void)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(child_work());
    int status = 0;
    waitpid(pid, &status, 0);
    printf("parent: child exited with %d\n", WEXITSTATUS(status)); /* PARENT_PRINT */
    return 0;
}
