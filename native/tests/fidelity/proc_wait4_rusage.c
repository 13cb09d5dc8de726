/* proc_wait4_rusage: wait4 returns the child's resource usage: a child that touches 8 MiB and
 * burns CPU has ru_maxrss of at least 8 MiB and nonzero CPU time; RUSAGE_CHILDREN of the parent
 * then includes it. The struct rusage the kernel wrote must come back in replay. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        size_t n = 8 << 20;
        volatile char *m = malloc(n);
        for (size_t i = 0; i < n; i += 4096)
            m[i] = 1;
        volatile unsigned long x = 0;
        for (unsigned long i = 0; i < 30000000ul; i++)
            x += i;
        _exit(5);
    }
    int st;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    OK(wait4(p, &st, 0, &ru) == p && WEXITSTATUS(st) == 5, "wait4 collects the child, status 5");
    OK(ru.ru_maxrss >= 8 * 1024, "child's ru_maxrss is at least 8 MiB (in KiB)");
    long cpu_us = ru.ru_utime.tv_sec * 1000000L + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000L +
                  ru.ru_stime.tv_usec;
    OK(cpu_us > 0, "child used some CPU time");
    OK(ru.ru_minflt > 0, "child had minor faults");
    SHOW("child cpu %ld us, maxrss %ld KiB, minflt %ld", cpu_us, ru.ru_maxrss, ru.ru_minflt);
    struct rusage children;
    OK(getrusage(RUSAGE_CHILDREN, &children) == 0 && children.ru_maxrss >= ru.ru_maxrss,
       "RUSAGE_CHILDREN includes the child's maxrss");
    errno = 0;
    OK(wait4(-1, &st, WNOHANG, &ru) == -1 && errno == ECHILD, "wait4 with no children: ECHILD");
    return FIDELITY_END();
}
