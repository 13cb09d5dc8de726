/* proc_wnohang: waitpid(WNOHANG) returns 0 while the child runs (blocked on a pipe), then the
 * child's pid once it exited; waitpid(-1) on a process group (0) and any child (-1). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    int go[2], done[2];
    OK(pipe(go) == 0 && pipe(done) == 0, "pipes");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        char c;
        read(go[0], &c, 1);
        write(done[1], "d", 1);
        _exit(c);
    }
    int st = -1;
    OK(waitpid(p, &st, WNOHANG) == 0, "WNOHANG while the child waits: 0");
    OK(waitpid(-1, &st, WNOHANG) == 0, "WNOHANG for any child: 0");
    OK(write(go[1], "\x11", 1) == 1, "tell the child to go");
    char c;
    OK(read(done[0], &c, 1) == 1 && c == 'd', "the child answered");
    pid_t w;
    while ((w = waitpid(0, &st, 0)) == 0)
        ;
    OK(w == p && WIFEXITED(st) && WEXITSTATUS(st) == 0x11, "waitpid(0) collects it with status 0x11");
    SHOW("child pid %d", p);
    OK(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD, "WNOHANG with no children: ECHILD");
    return FIDELITY_END();
}
