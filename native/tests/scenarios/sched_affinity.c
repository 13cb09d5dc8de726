/* sched_affinity: the CPU set the process may run on (sched_getaffinity), the cpu it runs on
 * (sched_getcpu, answered by the vDSO or rdtscp), the scheduling policy and priority, and
 * sched_yield. Replay returns the recorded answers. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

int main(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    int r = sched_getaffinity(0, sizeof set, &set);
    printf("sched_getaffinity r=%d count %d cpus:", r, CPU_COUNT(&set));
    for (int i = 0; i < CPU_SETSIZE; i++)
        if (CPU_ISSET(i, &set))
            printf(" %d", i);
    printf("\n");
    printf("sched_getcpu %d\n", sched_getcpu());
    printf("policy %d\n", sched_getscheduler(0));
    struct sched_param sp;
    sched_getparam(0, &sp);
    printf("priority %d nice %d\n", sp.sched_priority, getpriority(PRIO_PROCESS, 0));
    printf("yield %d\n", sched_yield());
    printf("pid %d\n", getpid());
    return 0;
}
