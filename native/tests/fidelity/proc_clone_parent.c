/* proc_clone_parent: clone(CLONE_PARENT) made by a child gives the new process the caller's
 * parent: the grandchild's getppid is the top process, which waits for it directly (and the
 * middle child cannot). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int pfd[2];
    OK(pipe(pfd) == 0, "pipe");
    pid_t top = getpid();
    fflush(stdout);
    pid_t middle = fork();
    if (middle == 0) {
        long g = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
        if (g == 0) {
            pid_t pp = getppid();
            write(pfd[1], &pp, sizeof pp);
            _exit(6);
        }
        pid_t gp = (pid_t)g;
        write(pfd[1], &gp, sizeof gp);
        int st;
        _exit(waitpid(gp, &st, 0) == -1 && errno == ECHILD ? 0 : 1);
    }
    pid_t a = 0, b = 0;
    OK(read(pfd[0], &a, sizeof a) == sizeof a && read(pfd[0], &b, sizeof b) == sizeof b, "two reports");
    pid_t grandchild = a == top ? b : a;
    OK((a == top) != (b == top), "the grandchild's parent is the top process");
    int st;
    OK(waitpid(middle, &st, 0) == middle && WEXITSTATUS(st) == 0, "the middle child could not wait for it");
    OK(waitpid(grandchild, &st, 0) == grandchild && WEXITSTATUS(st) == 6, "the top process collects it");
    SHOW("middle %d grandchild %d", middle, grandchild);
    return FIDELITY_END();
}
