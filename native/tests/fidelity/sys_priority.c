/* sys_priority: getpriority returns the nice value (glibc's wrapper undoes the kernel's 20-nice
 * encoding; the raw syscall returns 20-nice); raising it with setpriority or nice works for
 * anyone; a child inherits it; PRIO_PGRP and PRIO_USER answer; an invalid which is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    errno = 0;
    int before = getpriority(PRIO_PROCESS, 0);
    OK(errno == 0 && before >= -20 && before <= 19, "getpriority");
    OK(syscall(SYS_getpriority, PRIO_PROCESS, 0) == 20 - before, "the raw syscall returns 20 - nice");
    int target = before < 19 ? before + 1 : 19;
    OK(setpriority(PRIO_PROCESS, 0, target) == 0 && getpriority(PRIO_PROCESS, 0) == target, "nice + 1");
    errno = 0;
    int n = nice(0);
    OK(n == target && errno == 0, "nice(0) reads it");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0)
        _exit(getpriority(PRIO_PROCESS, 0) == target ? 0 : 1);
    int st;
    waitpid(p, &st, 0);
    OK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child inherits it");
    errno = 0;
    getpriority(PRIO_PGRP, 0);
    OK(errno == 0, "PRIO_PGRP");
    errno = 0;
    getpriority(PRIO_USER, 0);
    OK(errno == 0, "PRIO_USER");
    errno = 0;
    OK(getpriority(7, 0) == -1 && errno == EINVAL, "which 7: EINVAL");
    SHOW("child %d nice %d", p, target);
    return FIDELITY_END();
}
