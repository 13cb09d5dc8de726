/* mem_madvise: MADV_DONTNEED zeroes private anonymous pages, MADV_FREE keeps or zeroes them (both
 * accepted; stores after it keep), MADV_WIPEONFORK zeroes the range in a forked child but not in the
 * parent, MADV_NORMAL/SEQUENTIAL/WILLNEED answer 0; a bad advice EINVAL; an unaligned start EINVAL. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/mman.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    size_t pg = 4096;
    unsigned char *p = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(p != MAP_FAILED, "four pages");
    unsigned char r[8];
    getrandom(r, sizeof r, 0);
    memset(p, 0x5a, 4 * pg);
    memcpy(p + 2 * pg, r, sizeof r);
    OK(madvise(p, pg, MADV_DONTNEED) == 0, "MADV_DONTNEED");
    OK(p[0] == 0 && p[pg - 1] == 0 && p[pg] == 0x5a, "the page reads as zeros, the next is kept");
    OK(madvise(p + pg, pg, MADV_FREE) == 0, "MADV_FREE");
    OK(p[pg] == 0x5a || p[pg] == 0, "after MADV_FREE: kept or zero");
    p[pg] = 7;
    OK(p[pg] == 7, "a store after MADV_FREE keeps");
    OK(madvise(p + 2 * pg, pg, MADV_WIPEONFORK) == 0, "MADV_WIPEONFORK");
    pid_t child = fork();
    if (child == 0)
        _exit(p[2 * pg] == 0 && p[3 * pg] == 0x5a ? 0 : 1);
    int status;
    OK(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0,
       "the child sees the range wiped, the rest kept");
    OK(memcmp(p + 2 * pg, r, sizeof r) == 0, "the parent keeps its bytes");
    OK(madvise(p, 4 * pg, MADV_NORMAL) == 0 && madvise(p, 4 * pg, MADV_SEQUENTIAL) == 0 &&
       madvise(p, 4 * pg, MADV_WILLNEED) == 0, "NORMAL, SEQUENTIAL, WILLNEED");
    errno = 0;
    OK(madvise(p, pg, 9999) == -1 && errno == EINVAL, "bad advice: EINVAL");
    errno = 0;
    OK(madvise(p + 1, pg, MADV_NORMAL) == -1 && errno == EINVAL, "unaligned: EINVAL");
    SHOW("random %02x%02x child %d", p[2 * pg], p[2 * pg + 1], (int)child);
    munmap(p, 4 * pg);
    return FIDELITY_END();
}
