/* sys_times_children: times() counts a waited-for child's CPU time in tms_cutime/tms_cstime
 * (not before it is reaped); getrusage(RUSAGE_CHILDREN) agrees; RUSAGE_THREAD and RUSAGE_SELF
 * of a single-threaded process agree in user time to within a tick; an unknown who is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    struct tms before, after;
    times(&before);
    OK(before.tms_cutime == 0, "no child time yet");
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        volatile unsigned long x = 0;
        for (unsigned long i = 0; i < 150000000ul; i++)
            x += i;
        _exit(0);
    }
    OK(waitpid(p, NULL, 0) == p, "the child burned CPU and exited");
    clock_t ticks = times(&after);
    OK(ticks > 0 && after.tms_cutime + after.tms_cstime > 0, "its time shows in tms_cutime+tms_cstime");
    struct rusage rc;
    OK(getrusage(RUSAGE_CHILDREN, &rc) == 0 && rc.ru_utime.tv_sec * 1000000L + rc.ru_utime.tv_usec > 0,
       "RUSAGE_CHILDREN has user time");
    struct rusage self, thread;
    OK(getrusage(RUSAGE_SELF, &self) == 0 && getrusage(RUSAGE_THREAD, &thread) == 0, "SELF and THREAD");
    long su = self.ru_utime.tv_sec * 1000000L + self.ru_utime.tv_usec;
    long tu = thread.ru_utime.tv_sec * 1000000L + thread.ru_utime.tv_usec;
    OK(tu <= su + 20000, "THREAD user time within SELF's");
    errno = 0;
    OK(getrusage(5, &self) == -1 && errno == EINVAL, "who 5: EINVAL");
    SHOW("child %d cutime %ld ticks", p, (long)after.tms_cutime);
    return FIDELITY_END();
}
