/* mem_mseal: mseal (6.10+) seals a mapping: munmap, mprotect and mremap of it then fail with EPERM
 * while the memory stays usable; sealing an unmapped range ENOMEM; flags EINVAL; kernels without it
 * ENOSYS (accepted), and EPERM on a kernel built without CONFIG_64BIT mseal support. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/mman.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SYS_mseal_ 462

int main(void)
{
    unsigned char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(p != MAP_FAILED, "three pages");
    unsigned char r[8];
    getrandom(r, sizeof r, 0);
    memcpy(p + 4096, r, sizeof r);
    long s = syscall(SYS_mseal_, p + 4096, 4096, 0);
    OK(s == 0 || errno == ENOSYS, "mseal the middle page answered");
    if (s == 0) {
        errno = 0;
        OK(munmap(p + 4096, 4096) == -1 && errno == EPERM, "munmap sealed: EPERM");
        errno = 0;
        OK(mprotect(p + 4096, 4096, PROT_READ) == -1 && errno == EPERM, "mprotect sealed: EPERM");
        errno = 0;
        OK(mremap(p + 4096, 4096, 8192, MREMAP_MAYMOVE) == MAP_FAILED && errno == EPERM, "mremap sealed: EPERM");
        OK(memcmp(p + 4096, r, sizeof r) == 0, "the memory stays usable");
        OK(munmap(p + 2 * 4096, 4096) == 0, "an unsealed neighbour unmaps");
        errno = 0;
        OK(syscall(SYS_mseal_, p + 2 * 4096, 4096, 0) == -1 && errno == ENOMEM, "unmapped: ENOMEM");
        errno = 0;
        OK(syscall(SYS_mseal_, p, 4096, 1) == -1 && errno == EINVAL, "flags: EINVAL");
    }
    SHOW("random %02x%02x at %p", p[4096], p[4097], (void *)p);
    return FIDELITY_END();
}
