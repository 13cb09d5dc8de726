/* sys_sched_attr: sched_getattr fills struct sched_attr (size 56 here: the kernel writes its own
 * size into attr.size and zeroes what it does not know): SCHED_OTHER, our nice value; a size
 * smaller than the first version (48) is EINVAL; sched_setattr with the same policy and a nice
 * value one higher works and sched_getattr reads it back. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sched.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

struct attr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
    uint32_t util_min, util_max;
    uint64_t spare[4];
};

int main(void)
{
    struct attr a;
    memset(&a, 0xee, sizeof a);
    OK(syscall(SYS_sched_getattr, 0, &a, sizeof a, 0) == 0, "sched_getattr");
    OK(a.size >= 48 && a.size <= sizeof a && a.policy == SCHED_OTHER, "SCHED_OTHER, the kernel's size");
    OK(a.nice == getpriority(PRIO_PROCESS, 0), "nice agrees with getpriority");
    SHOW("size %u nice %d", a.size, a.nice);
    errno = 0;
    OK(syscall(SYS_sched_getattr, 0, &a, 40, 0) == -1 && errno == EINVAL, "size 40: EINVAL");
    int want = a.nice < 19 ? a.nice + 1 : 19;
    struct attr set;
    memset(&set, 0, sizeof set);
    set.size = 48;
    set.policy = SCHED_OTHER;
    set.nice = want;
    OK(syscall(SYS_sched_setattr, 0, &set, 0) == 0, "sched_setattr nice + 1");
    memset(&a, 0, sizeof a);
    OK(syscall(SYS_sched_getattr, 0, &a, sizeof a, 0) == 0 && a.nice == want, "read back");
    return FIDELITY_END();
}
