/* sys_rlimit_as: with RLIMIT_AS a little above the current address space, a mapping that would
 * cross it fails with ENOMEM (mmap and brk), a small one still works; raising the soft limit
 * back makes the large mapping possible. The replay must give the same results. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

static unsigned long vm_size(void)
{
    char buf[4096];
    FILE *f = fopen("/proc/self/status", "r");
    unsigned long kb = 0;
    while (f && fgets(buf, sizeof buf, f))
        if (strncmp(buf, "VmSize:", 7) == 0)
            kb = strtoul(buf + 7, NULL, 10);
    if (f)
        fclose(f);
    return kb * 1024;
}

int main(void)
{
    struct rlimit old;
    getrlimit(RLIMIT_AS, &old);
    unsigned long now = vm_size();
    OK(now > 0, "VmSize read");
    struct rlimit lim = {now + (64ul << 20), old.rlim_max};
    OK(setrlimit(RLIMIT_AS, &lim) == 0, "RLIMIT_AS: 64 MiB above the current size");
    void *big = mmap(NULL, 256ul << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(big == MAP_FAILED && errno == ENOMEM, "256 MiB mapping: ENOMEM");
    void *small = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(small != MAP_FAILED, "1 MiB mapping: works");
    errno = 0;
    OK(sbrk(512l << 20) == (void *)-1 && errno == ENOMEM, "sbrk 512 MiB: ENOMEM");
    OK(setrlimit(RLIMIT_AS, &old) == 0, "the old limit back");
    big = mmap(NULL, 256ul << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(big != MAP_FAILED, "now 256 MiB maps");
    munmap(big, 256ul << 20);
    munmap(small, 1 << 20);
    SHOW("VmSize %lu", now);
    return FIDELITY_END();
}
