/* time_vdso_agree: the vDSO's clock_gettime, gettimeofday, time and getcpu (the C library calls
 * them without a syscall) agree with the raw syscalls: each vDSO reading lies between two
 * syscall readings of the same clock (MONOTONIC, REALTIME, BOOTTIME), and time() is within a
 * second of the syscall. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sched.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

static int between(clockid_t id)
{
    struct timespec a, v, b;
    syscall(SYS_clock_gettime, id, &a);
    clock_gettime(id, &v);
    syscall(SYS_clock_gettime, id, &b);
    return ns(a) <= ns(v) && ns(v) <= ns(b);
}

int main(void)
{
    OK(between(CLOCK_MONOTONIC), "vDSO MONOTONIC between two syscalls");
    OK(between(CLOCK_REALTIME), "vDSO REALTIME between two syscalls");
    OK(between(CLOCK_BOOTTIME), "vDSO BOOTTIME between two syscalls");
    struct timeval tv;
    struct timespec s1, s2;
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &s1);
    gettimeofday(&tv, NULL);
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &s2);
    long long us = tv.tv_sec * 1000000LL + tv.tv_usec;
    OK(ns(s1) / 1000 <= us && us <= ns(s2) / 1000, "vDSO gettimeofday between two syscalls");
    time_t t = time(NULL);
    long raw = syscall(SYS_time, NULL);
    OK(raw - t >= 0 && raw - t <= 1, "vDSO time within a second of the syscall");
    int cpu = sched_getcpu();
    OK(cpu >= 0 && cpu < CPU_SETSIZE, "sched_getcpu");
    SHOW("realtime %lld cpu %d", ns(s2), cpu);
    return FIDELITY_END();
}
