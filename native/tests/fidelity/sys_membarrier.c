/* sys_membarrier: MEMBARRIER_CMD_QUERY returns the supported commands' bitmask (it includes
 * GLOBAL and PRIVATE_EXPEDITED on current kernels); PRIVATE_EXPEDITED before registering is
 * EPERM, after REGISTER_PRIVATE_EXPEDITED it succeeds; an unknown command is EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

static long membarrier(int cmd) { return syscall(SYS_membarrier, cmd, 0, -1); }

int main(void)
{
    long mask = membarrier(MEMBARRIER_CMD_QUERY);
    OK(mask > 0 && (mask & MEMBARRIER_CMD_PRIVATE_EXPEDITED) &&
       (mask & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED),
       "QUERY: private expedited supported");
    SHOW("mask 0x%lx", mask);
    errno = 0;
    OK(membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == -1 && errno == EPERM, "unregistered: EPERM");
    OK(membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) == 0, "register");
    OK(membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) == 0, "private expedited barrier");
    if (mask & MEMBARRIER_CMD_GLOBAL)
        OK(membarrier(MEMBARRIER_CMD_GLOBAL) == 0, "global barrier");
    else
        OK(1, "global barrier");
    errno = 0;
    OK(membarrier(1 << 20) == -1 && errno == EINVAL, "unknown command: EINVAL");
    return FIDELITY_END();
}
