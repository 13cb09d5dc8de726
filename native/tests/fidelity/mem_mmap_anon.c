/* mem_mmap_anon: anonymous private mappings read as zeros, stores stick; MAP_SHARED|MAP_ANONYMOUS is
 * shared with a forked child (its store is seen by the parent); length 0 EINVAL; PROT_NONE access
 * faults (checked in a child); munmap of an unaligned address EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    size_t len = 1 << 20;
    unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(p != MAP_FAILED && ((uintptr_t)p & 4095) == 0, "mmap 1 MiB anonymous, page aligned");
    int zero = 1;
    for (size_t i = 0; i < len; i += 4096)
        zero &= p[i] == 0 && p[i + 4095] == 0;
    OK(zero, "reads as zeros");
    getrandom(p + 5000, 16, 0);
    unsigned char copy[16];
    memcpy(copy, p + 5000, 16);
    OK(memcmp(p + 5000, copy, 16) == 0, "stores stick");
    int status;
    errno = 0;
    OK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL, "length 0: EINVAL");
    volatile char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pid_t child = fork();
    if (child == 0) {
        (void)*none;
        _exit(0);
    }
    waitpid(child, &status, 0);
    OK(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "PROT_NONE read faults (in a child)");
    errno = 0;
    OK(munmap(p + 1, 4096) == -1 && errno == EINVAL, "munmap unaligned: EINVAL");
    OK(munmap(p, len) == 0, "munmap");
    SHOW("random %02x%02x%02x child %d", copy[0], copy[1], copy[2], (int)child);
    return FIDELITY_END();
}
