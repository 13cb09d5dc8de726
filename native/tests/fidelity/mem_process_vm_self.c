/* mem_process_vm_self: process_vm_readv and process_vm_writev on the program itself: readv copies
 * remote ranges into local buffers, writev copies local buffers into remote ranges (the program's
 * own variables change), partial transfers stop at an unmapped remote range; a bad pid ESRCH,
 * flags EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/mman.h>
#include <sys/random.h>
#include <sys/uio.h>
#include <unistd.h>

static unsigned char source[64], target_a[16], target_b[48];

int main(void)
{
    getrandom(source, sizeof source, 0);
    unsigned char got[64];
    memset(got, 0, sizeof got);
    struct iovec local = {got, sizeof got}, remote = {source, sizeof source};
    OK(process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == 64 && memcmp(got, source, 64) == 0,
       "process_vm_readv copies our own memory");
    struct iovec from = {source, sizeof source};
    struct iovec to[2] = {{target_a, sizeof target_a}, {target_b, sizeof target_b}};
    OK(process_vm_writev(getpid(), &from, 1, to, 2, 0) == 64, "process_vm_writev to ourselves: 64 bytes");
    OK(memcmp(target_a, source, 16) == 0 && memcmp(target_b, source + 16, 48) == 0, "the remote ranges changed");
    char *gap = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(gap + 4096, 4096);
    struct iovec partial[2] = {{gap + 4096 - 10, 10}, {gap + 4096, 10}};
    OK(process_vm_writev(getpid(), &from, 1, partial, 2, 0) == 10 && memcmp(gap + 4086, source, 10) == 0,
       "a partial write stops at the unmapped range");
    errno = 0;
    OK(process_vm_readv(-1, &local, 1, &remote, 1, 0) == -1 && errno == ESRCH, "bad pid: ESRCH");
    errno = 0;
    OK(process_vm_writev(getpid(), &from, 1, to, 2, 1) == -1 && errno == EINVAL, "flags: EINVAL");
    SHOW("random %02x%02x%02x", target_b[0], target_b[1], target_b[2]);
    return FIDELITY_END();
}
