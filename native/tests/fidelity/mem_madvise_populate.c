/* mem_madvise_populate: MADV_POPULATE_READ/WRITE (5.14+) fault pages in (mincore then says
 * resident) without changing their contents; MADV_POPULATE_WRITE on a read-only mapping EINVAL (or
 * EFAULT/ENOMEM), MADV_HUGEPAGE/NOHUGEPAGE answer 0 (or EINVAL without THP); MADV_DONTFORK and
 * MADV_DOFORK answer 0. */
#define _GNU_SOURCE
#include "fidelity.h"

#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif

int main(void)
{
    size_t pg = 4096;
    unsigned char *p = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(p != MAP_FAILED, "eight pages");
    p[0] = 9;
    int r = madvise(p, 8 * pg, MADV_POPULATE_WRITE);
    OK(r == 0 || errno == EINVAL, "MADV_POPULATE_WRITE answered");
    unsigned char vec[8];
    OK(mincore(p, 8 * pg, vec) == 0, "mincore");
    int all = 1;
    for (int i = 0; i < 8; i++)
        all &= vec[i] & 1;
    OK(r != 0 || all, "every page resident after populating");
    OK(p[0] == 9 && p[8 * pg - 1] == 0, "contents unchanged");
    unsigned char *ro = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    OK(madvise(ro, 2 * pg, MADV_POPULATE_READ) == 0 || errno == EINVAL, "MADV_POPULATE_READ on read-only");
    errno = 0;
    r = madvise(ro, 2 * pg, MADV_POPULATE_WRITE);
    OK(r == -1 && (errno == EINVAL || errno == EFAULT || errno == ENOMEM), "MADV_POPULATE_WRITE on read-only fails");
    r = madvise(p, 8 * pg, MADV_HUGEPAGE);
    OK(r == 0 || errno == EINVAL, "MADV_HUGEPAGE answered");
    OK(madvise(p, 8 * pg, MADV_NOHUGEPAGE) == 0 || errno == EINVAL, "MADV_NOHUGEPAGE answered");
    OK(madvise(p, pg, MADV_DONTFORK) == 0 && madvise(p, pg, MADV_DOFORK) == 0, "MADV_DONTFORK, MADV_DOFORK");
    SHOW("mapped at %p pid %d", (void *)p, getpid());
    munmap(p, 8 * pg);
    munmap(ro, 2 * pg);
    return FIDELITY_END();
}
