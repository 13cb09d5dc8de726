/* sys_rdtscp: rdtscp returns the TSC and IA32_TSC_AUX, which Linux sets to (node << 12) | cpu:
 * its low 12 bits agree with getcpu when pinned to one CPU; rdtsc/rdtscp values increase; lfence
 * + rdtsc around a syscall bracket it. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sched.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <x86intrin.h>

int main(void)
{
    cpu_set_t all, one;
    sched_getaffinity(0, sizeof all, &all);
    int first = 0;
    while (!CPU_ISSET(first, &all))
        first++;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    OK(sched_setaffinity(0, sizeof one, &one) == 0, "pin to one CPU");
    unsigned aux = 0xffffffff;
    uint64_t t1 = __rdtscp(&aux);
    unsigned cpu = 999, node = 999;
    syscall(SYS_getcpu, &cpu, &node, NULL);
    OK((aux & 0xfff) == cpu && (aux >> 12) == node, "TSC_AUX is (node << 12) | cpu");
    _mm_lfence();
    uint64_t t2 = __rdtsc();
    getppid();
    uint64_t t3 = __rdtscp(&aux);
    OK(t1 < t2 && t2 < t3, "the TSC increases");
    sched_setaffinity(0, sizeof all, &all);
    SHOW("tsc %llu aux %u", (unsigned long long)t1, aux);
    return FIDELITY_END();
}
