/* mem_mlock: mlock/munlock, mlock2(MLOCK_ONFAULT), mlockall(MCL_CURRENT|MCL_FUTURE)/munlockall:
 * each answers 0 or ENOMEM/EPERM (RLIMIT_MEMLOCK); when mlock works /proc/self/status VmLck counts
 * the locked page; bad flags EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

static long vmlck_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[128];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmLck: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

int main(void)
{
    char *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(p != MAP_FAILED, "two pages");
    long before = vmlck_kb();
    int r = mlock(p, 4096);
    OK(r == 0 || errno == ENOMEM || errno == EPERM, "mlock answered");
    OK(r != 0 || vmlck_kb() == before + 4, "VmLck grew by 4 kB");
    OK(munlock(p, 4096) == 0, "munlock");
    r = mlock2(p + 4096, 4096, MLOCK_ONFAULT);
    OK(r == 0 || errno == ENOMEM || errno == EPERM, "mlock2 MLOCK_ONFAULT answered");
    munlock(p + 4096, 4096);
    errno = 0;
    OK(mlock2(p, 4096, 0x100) == -1 && errno == EINVAL, "mlock2 bad flags: EINVAL");
    r = mlockall(MCL_CURRENT | MCL_FUTURE);
    OK(r == 0 || errno == ENOMEM || errno == EPERM, "mlockall answered");
    OK(munlockall() == 0, "munlockall");
    errno = 0;
    OK(mlockall(0) == -1 && errno == EINVAL, "mlockall(0): EINVAL");
    SHOW("VmLck before %ld kB, pid %d", before, getpid());
    munmap(p, 2 * 4096);
    return FIDELITY_END();
}
