/* sys_getcpu_sched: getcpu returns the CPU we run on and node 0..; pinning to one CPU with
 * sched_setaffinity makes getcpu return that CPU; sched_getaffinity writes the mask and returns
 * its size; SCHED_OTHER policy, priority 0, FIFO range 1..99, sched_yield, rr_get_interval;
 * setting a real-time policy unprivileged is EPERM (or works as root, then restored). */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
    unsigned cpu = 999, node = 999;
    OK(syscall(SYS_getcpu, &cpu, &node, NULL) == 0 && cpu < 4096 && node < 64, "getcpu");
    SHOW("cpu %u node %u", cpu, node);
    cpu_set_t set, one;
    CPU_ZERO(&set);
    long size = syscall(SYS_sched_getaffinity, 0, sizeof set, &set);
    OK(size > 0 && size <= (long)sizeof set && CPU_COUNT(&set) >= 1, "sched_getaffinity: a mask");
    int first = 0;
    while (!CPU_ISSET(first, &set))
        first++;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    OK(sched_setaffinity(0, sizeof one, &one) == 0, "pin to the first allowed CPU");
    sched_yield();
    OK(syscall(SYS_getcpu, &cpu, NULL, NULL) == 0 && cpu == (unsigned)first, "getcpu: that CPU");
    OK(sched_setaffinity(0, sizeof set, &set) == 0, "unpin");
    OK(sched_getscheduler(0) == SCHED_OTHER, "SCHED_OTHER");
    struct sched_param sp = {.sched_priority = 77};
    OK(sched_getparam(0, &sp) == 0 && sp.sched_priority == 0, "priority 0");
    OK(sched_get_priority_min(SCHED_FIFO) == 1 && sched_get_priority_max(SCHED_FIFO) == 99, "FIFO 1..99");
    OK(sched_yield() == 0, "sched_yield");
    struct timespec q = {77, 77};
    OK(sched_rr_get_interval(0, &q) == 0 && q.tv_sec >= 0 && q.tv_nsec >= 0 && q.tv_nsec < 1000000000,
       "rr_get_interval");
    struct sched_param rt = {.sched_priority = 1};
    int r = sched_setscheduler(0, SCHED_FIFO, &rt);
    if (r == 0) {
        struct sched_param zero = {.sched_priority = 0};
        sched_setscheduler(0, SCHED_OTHER, &zero);
    }
    OK(r == 0 || errno == EPERM, "SCHED_FIFO: works (root) or EPERM");
    OK(sched_getscheduler(0) == SCHED_OTHER, "back to SCHED_OTHER");
    errno = 0;
    OK(sched_getscheduler(0x3ffffff0) == -1 && errno == ESRCH, "no such process: ESRCH");
    return FIDELITY_END();
}
