/* proc_process_groups: setpgid puts two children in a new process group; kill(-pgid) signals
 * both, and not us; waitpid(-pgid) collects only that group's children; getpgid of a child is
 * the group; setpgid to a group in another session (or of a pid not ours) fails. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t spawn_paused(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        for (;;)
            pause();
    }
    return p;
}

int main(void)
{
    pid_t a = spawn_paused(), b = spawn_paused(), other = spawn_paused();
    OK(setpgid(a, a) == 0 && setpgid(b, a) == 0, "a leads a new group, b joins it");
    OK(getpgid(a) == a && getpgid(b) == a && getpgid(other) == getpgrp(), "getpgid of each");
    OK(kill(-a, SIGTERM) == 0, "kill(-group, SIGTERM)");
    int st, got = 0;
    for (int i = 0; i < 2; i++) {
        pid_t w = waitpid(-a, &st, 0);
        if ((w == a || w == b) && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM)
            got++;
    }
    OK(got == 2, "both group members died of SIGTERM");
    errno = 0;
    OK(waitpid(-a, &st, WNOHANG) == -1 && errno == ECHILD, "the group is empty: ECHILD");
    OK(waitpid(other, &st, WNOHANG) == 0, "the other child was not signaled");
    errno = 0;
    OK(setpgid(1, 1) == -1 && (errno == ESRCH || errno == EPERM), "setpgid of a pid not ours fails");
    kill(other, SIGKILL);
    OK(waitpid(other, &st, 0) == other && WTERMSIG(st) == SIGKILL, "the other one killed");
    SHOW("group %d members %d %d", a, a, b);
    return FIDELITY_END();
}
